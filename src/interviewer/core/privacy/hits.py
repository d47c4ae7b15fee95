"""Hits of the privacy check: choosing among overlapping ones, codes, replacement, wording."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

KINDS = {
    "naam": "NAAM", "bsn": "BSN", "telefoon": "TELEFOON", "e-mail": "EMAIL",
    "adres": "ADRES", "postcode": "POSTCODE", "geboortedatum": "GEBOORTEDATUM",
    "kenteken": "KENTEKEN",
}
"""Kind of hit -> the stem of its replacement code, e.g. [NAAM-1]."""

_TIE_ORDER = ["e-mail", "bsn", "telefoon", "kenteken", "postcode", "adres", "geboortedatum", "naam"]
"""Of two equally long overlapping hits, the kind listed first wins: its shape is surer."""

KIND_LABELS = {
    "naam": "naam", "bsn": "BSN", "telefoon": "telefoonnummer", "e-mail": "e-mailadres",
    "adres": "adres", "postcode": "postcode", "geboortedatum": "geboortedatum",
    "kenteken": "kenteken",
}


@dataclass(frozen=True)
class PrivacyHit:
    kind: str
    text: str
    span: tuple[int, int]
    suggestion: str
    """The code to replace the text with, e.g. "[NAAM-1]"; equal texts share a code."""


def choose(text: str, raw: list[tuple[str, int, int]], allowed: Iterable[str]) -> list[tuple[str, int, int]]:
    """Non-overlapping hits in text order: the longest wins ("Jan de Vries" over "Jan"),
    then the kind with the surer shape, and any other kind over a name ('Lotte op de
    Dorpstraat 8' is a name and an address); nothing inside an allowed name."""
    free = _Intervals()
    for start, end in sorted(_allowed_spans(text, allowed)):
        free.add_merged(start, end)
    order = _TIE_ORDER
    chosen = _Intervals()
    kinds: dict[int, str] = {}
    # Names come last: a name is inferred from words, the other kinds have a shape of their own.
    for kind, start, end in sorted(raw, key=lambda h: (h[0] == "naam", -(h[2] - h[1]), order.index(h[0]), h[1])):
        if free.overlaps(start, end) or chosen.overlaps(start, end):
            continue
        chosen.add(start, end)
        kinds[start] = kind
    return [(kinds[start], start, end) for start, end in chosen.spans()]


class _Intervals:
    """Non-overlapping spans kept sorted, so checking a text with thousands of hits stays
    fast (a pairwise check took seconds on a long pasted list of names)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start)
        return (i > 0 and self._ends[i - 1] > start) or (i < len(self._starts) and self._starts[i] < end)

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)

    def add_merged(self, start: int, end: int) -> None:
        """Add a span that starts at or after every span added so far, merging overlaps."""
        if self._ends and start < self._ends[-1]:
            self._ends[-1] = max(self._ends[-1], end)
        else:
            self._starts.append(start)
            self._ends.append(end)

    def spans(self) -> list[tuple[int, int]]:
        return list(zip(self._starts, self._ends, strict=True))


def with_codes(text: str, hits: list[tuple[str, int, int]]) -> list[PrivacyHit]:
    codes: dict[tuple[str, str], str] = {}
    counters: dict[str, int] = {}
    out = []
    for kind, start, end in hits:
        matched = text[start:end]
        key = (kind, matched.casefold())
        if key not in codes:
            counters[kind] = counters.get(kind, 0) + 1
            codes[key] = f"[{KINDS[kind]}-{counters[kind]}]"
        out.append(PrivacyHit(kind, matched, (start, end), codes[key]))
    return out


def replace_hits(text: str, hits: Iterable[PrivacyHit]) -> str:
    """`text` with each hit replaced by its code."""
    out = text
    for hit in sorted(hits, key=lambda h: h.span[0], reverse=True):
        out = out[: hit.span[0]] + hit.suggestion + out[hit.span[1]:]
    return out


def describe(hits: Iterable[PrivacyHit]) -> str:
    """One Dutch line per hit, for a warning."""
    return "\n".join(f"{KIND_LABELS[h.kind]}: '{h.text}' → {h.suggestion}" for h in hits)


def _allowed_spans(text: str, allowed: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for name in allowed:
        if name and name.strip():
            pattern = r"(?<!\w)" + re.escape(name.strip()) + r"(?!\w)"
            spans += [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
    return spans
