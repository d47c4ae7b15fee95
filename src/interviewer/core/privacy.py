"""Privacy scan of free text (PR-1, PR-3): what looks like a name, BSN, phone number, e-mail
address, street address, postcode or date of birth, with a code to replace it by.

Libraries made for this do the hard parts: python-stdnum checks a BSN's elfproef,
phonenumbers finds Dutch phone numbers, and deduce (de-identification of Dutch text) finds
person names and addresses. deduce takes ~15 seconds to load (minutes on its very first run,
when it builds its lookup cache), so `warm_up()` loads it in a child process (privacy_worker);
until it is ready, names are found with deduce's own Dutch first-name list and
capitalisation rules. The scan never blocks on the model.

Names in `allowed` (the study's gemeenten and organisations) are never flagged.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import re
import select
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer.core.store import Store

KINDS = {
    "naam": "NAAM", "bsn": "BSN", "telefoon": "TELEFOON", "e-mail": "EMAIL",
    "adres": "ADRES", "postcode": "POSTCODE", "geboortedatum": "GEBOORTEDATUM",
}
"""Kind of hit -> the stem of its replacement code, e.g. [NAAM-1]."""

KIND_LABELS = {
    "naam": "naam", "bsn": "BSN", "telefoon": "telefoonnummer", "e-mail": "e-mailadres",
    "adres": "adres", "postcode": "postcode", "geboortedatum": "geboortedatum",
}


@dataclass(frozen=True)
class PrivacyHit:
    kind: str
    text: str
    span: tuple[int, int]
    suggestion: str
    """The code to replace the text with, e.g. "[NAAM-1]"; equal texts share a code."""


def scan_text(text: str, allowed: Iterable[str] = ()) -> list[PrivacyHit]:
    """Everything in `text` that may identify a person, in text order, without overlaps."""
    if not text.strip():
        return []
    raw = [*_emails(text), *_bsns(text), *_phones(text), *_postcodes(text), *_streets(text),
           *_birth_dates(text), *_names(text)]
    free = _allowed_spans(text, allowed)
    chosen: list[tuple[str, int, int]] = []
    # Longest first, so "Jan de Vries" wins over "Jan"; the earlier kinds above win ties.
    for kind, start, end in sorted(raw, key=lambda h: -(h[2] - h[1])):
        if any(start < e and s < end for s, e in free):
            continue
        if any(start < e and s < end for _, s, e in chosen):
            continue
        chosen.append((kind, start, end))
    return _with_codes(text, sorted(chosen, key=lambda h: h[1]))


def replace_hits(text: str, hits: Iterable[PrivacyHit]) -> str:
    """`text` with each hit replaced by its code."""
    out = text
    for hit in sorted(hits, key=lambda h: h.span[0], reverse=True):
        out = out[: hit.span[0]] + hit.suggestion + out[hit.span[1]:]
    return out


def describe(hits: Iterable[PrivacyHit]) -> str:
    """One Dutch line per hit, for a warning."""
    return "\n".join(f"{KIND_LABELS[h.kind]}: '{h.text}' → {h.suggestion}" for h in hits)


def _with_codes(text: str, hits: list[tuple[str, int, int]]) -> list[PrivacyHit]:
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


def _allowed_spans(text: str, allowed: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for name in allowed:
        if name and name.strip():
            pattern = r"(?<!\w)" + re.escape(name.strip()) + r"(?!\w)"
            spans += [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
    return spans


# --------------------------------------------------------------------------- numbers and addresses

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NINE_DIGITS = re.compile(r"(?<![\d.-])\d{3}[ .]?\d{2}[ .]?\d{2}[ .]?\d{2}(?![\d-])|(?<![\d.-])\d{4}[ .]?\d{2}[ .]?\d{3}(?![\d-])")
_POSTCODE = re.compile(r"\b[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}\b")
_STREET = re.compile(
    r"\b[A-Z][\w'-]*(?:straat|laan|weg|plein|singel|gracht|kade|dijk|steeg|hof|park|dreef|pad|"
    r"markt|baan|plantsoen|erf|wal|veld|haven|kamp|ring|allee)\s+\d{1,5}(?:\s?[a-zA-Z](?!\w))?(?:-\d+)?"
)
_DATE = (r"(?:\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}|"
         r"\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
         r"november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?\s+(?:19|20)\d{2})")
_BIRTH = re.compile(r"(?:geboren|geb\.|geboortedatum|geb\. ?datum|jarig)\D{0,25}?(" + _DATE + ")", re.IGNORECASE)


def _emails(text: str) -> list[tuple[str, int, int]]:
    return [("e-mail", *m.span()) for m in _EMAIL.finditer(text)]


def _bsns(text: str) -> list[tuple[str, int, int]]:
    from stdnum.nl import bsn

    # Only numbers that pass the elfproef: a random nine-digit number is usually not a BSN.
    return [("bsn", *m.span()) for m in _NINE_DIGITS.finditer(text) if bsn.is_valid(m.group())]


def _phones(text: str) -> list[tuple[str, int, int]]:
    import phonenumbers

    return [("telefoon", m.start, m.end) for m in phonenumbers.PhoneNumberMatcher(text, "NL")]


def _postcodes(text: str) -> list[tuple[str, int, int]]:
    return [("postcode", *m.span()) for m in _POSTCODE.finditer(text)]


def _streets(text: str) -> list[tuple[str, int, int]]:
    return [("adres", *m.span()) for m in _STREET.finditer(text)]


def _birth_dates(text: str) -> list[tuple[str, int, int]]:
    return [("geboortedatum", *m.span(1)) for m in _BIRTH.finditer(text)]


# --------------------------------------------------------------------------- names


def _names(text: str) -> list[tuple[str, int, int]]:
    annotations = _MODEL.annotate(text)
    if annotations is None:
        return _heuristic_names(text)
    hits = []
    for tag, start, end, matched in annotations:
        if tag in ("persoon", "patient"):
            hits.append(("naam", start, end))
        elif tag == "locatie" and any(c.isdigit() for c in matched):
            hits.append(("adres", start, end))  # a place name alone is not identifying
    return hits + _titled_names(text)


_TITLES = r"(?:mevrouw|meneer|mevr\.?|mw\.?|dhr\.?|de heer|juffrouw|juf|meester|dokter|dr\.?)"
_INTERFIX = r"(?:van|de|der|den|het|ter|ten|te|in 't|op|'t|van der|van den|van de|de la|el|al)"
_CAP = r"[A-Z][a-zà-ÿ'-]+"
# Only the title ignores case: the name itself must start with a capital.
_TITLED = re.compile(rf"\b(?i:{_TITLES})\s+((?:[A-Z]\.\s?)*(?:{_INTERFIX}\s+)*{_CAP}(?:[ -]{_CAP})?)")
_CAPITAL_RUN = re.compile(rf"\b{_CAP}(?:\s+(?:{_INTERFIX}\s+)*{_CAP})*")


def _titled_names(text: str) -> list[tuple[str, int, int]]:
    """'mevrouw Jansen', 'dhr. de Vries': a title followed by a capitalised word."""
    return [("naam", m.start(1), m.end(1)) for m in _TITLED.finditer(text)]


def _heuristic_names(text: str) -> list[tuple[str, int, int]]:
    """Capitalised words that start with a known Dutch first name, plus titled names."""
    first, common = _name_lists()
    hits = _titled_names(text)
    for m in _CAPITAL_RUN.finditer(text):
        # "Volgens Jan de Vries": the name starts at the first word that is a first name.
        for word in re.finditer(r"\S+", m.group()):
            if word.group() in first and word.group().casefold() not in common:
                hits.append(("naam", m.start() + word.start(), m.end()))
                break
    return hits


@cache
def _name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """deduce's Dutch first names and its common words (which a capital does not make a name)."""
    base = _deduce_lookup_dir()

    def read(*parts: str) -> frozenset[str]:
        path = base.joinpath(*parts) if base else None
        if path is None or not path.is_file():
            return frozenset()
        return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())

    first = read("names", "lst_first_name", "items.txt") - read("names", "lst_first_name", "exceptions.txt")
    common = read("whitelist", "lst_common_word", "items.txt") | read("whitelist", "lst_stop_word", "items.txt")
    return first or FALLBACK_FIRST_NAMES, frozenset(w.casefold() for w in common) | _OWN_COMMON


def _deduce_lookup_dir() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("deduce")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "data" / "lookup" / "src"


FALLBACK_FIRST_NAMES = frozenset(
    "Anna Anouk Bram Daan Emma Eva Fleur Henk Ilse Jan Jasper Jeroen Johan Julia Kees Lars Lisa "
    "Lotte Luuk Maria Mark Marloes Mohammed Noah Peter Piet Sanne Sem Sophie Thijs Tim Fatima "
    "Ahmed Ayoub Yasmine Kevin Linda Sandra Willem Wim Ingrid Karin Monique Petra Marco Dennis".split()
)
"""Used only if deduce's name list is missing (a broken install)."""

_OWN_COMMON = frozenset({
    "veilig", "thuis", "wijkteam", "gemeente", "jeugd", "zorg", "politie", "school",
    # Dutch words that are also first names and often start a sentence ("Ken je ...?").
    "ken", "mag", "kan", "wil", "zal", "ben", "hoop", "roos", "vos", "mees", "bas", "els",
})


# --------------------------------------------------------------------------- the deduce model


class _Worker:
    """deduce in a child process (see privacy_worker); `annotate()` never waits for loading."""

    REPLY_TIMEOUT = 3.0
    """One text takes ~20 ms; a worker slower than this is given up for the heuristics."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._ready = False
        self.error: str | None = None

    def warm_up(self) -> None:
        with self._lock:
            if self._process is not None or self.error:
                return
            try:
                self._process = subprocess.Popen(
                    [sys.executable, "-m", "interviewer.core.privacy_worker"],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                    text=True, encoding="utf-8",
                )
            except OSError as exc:
                self.error = str(exc)
                return
            atexit.register(self.stop)

    def ready(self, timeout: float = 0.0) -> bool:
        """Whether the model is loaded; reads the worker's "ready" line when it is there."""
        with self._lock:
            if self._ready or self._process is None or self.error:
                return self._ready
            line = self._read_line(timeout)
            if line == "ready":
                self._ready = True
            elif line is not None:
                self._fail(line or "het naammodel stopte tijdens het laden")
            return self._ready

    def annotate(self, text: str) -> list[tuple[str, int, int, str]] | None:
        """deduce's annotations of `text`, or None when the model is not (or no longer) there."""
        if not self.ready():
            return None
        with self._lock:
            assert self._process is not None and self._process.stdin is not None
            try:
                self._process.stdin.write(json.dumps(text) + "\n")
                self._process.stdin.flush()
            except OSError as exc:
                self._fail(str(exc))
                return None
            line = self._read_line(self.REPLY_TIMEOUT)
            if not line:
                self._fail("geen antwoord van het naammodel")
                return None
            return [(str(t), int(s), int(e), str(x)) for t, s, e, x in json.loads(line)]

    def _read_line(self, timeout: float) -> str | None:
        """One line from the worker, "" at its end, None if nothing came within `timeout`."""
        assert self._process is not None and self._process.stdout is not None
        ready, _, _ = select.select([self._process.stdout], [], [], timeout)
        if not ready:
            return None
        return self._process.stdout.readline().strip()

    def _fail(self, error: str) -> None:
        self.error = error
        self._ready = False
        self._stop_process()

    def stop(self) -> None:
        with self._lock:
            self._stop_process()

    def _stop_process(self) -> None:
        if self._process is not None:
            with contextlib.suppress(OSError):
                self._process.kill()
                self._process.wait(5)
        self._process = None

    def wait(self, timeout: float) -> bool:
        """Load (if needed) and wait up to `timeout` seconds; for tests and scripts."""
        self.warm_up()
        deadline = time.monotonic() + timeout
        while not self.ready(0.2) and not self.error and time.monotonic() < deadline:
            pass
        return self._ready


_MODEL = _Worker()


def warm_up() -> None:
    """Start loading deduce in the background (idempotent, returns at once)."""
    _MODEL.warm_up()


def model_ready() -> bool:
    return _MODEL.ready()


def wait_for_model(timeout: float = 900.0) -> bool:
    return _MODEL.wait(timeout)


# --------------------------------------------------------------------------- what is allowed


def allowed_for_interview(store: Store, interview_id: str) -> set[str]:
    """Names that may appear in an interview's text: the study's gemeenten and organisations."""
    row = store.interview(interview_id)
    allowed = {str(g["name"]) for g in store.gemeenten(row["study_id"])}
    allowed |= {str(i["organisation"]) for i in store.interviews(row["study_id"]) if i["organisation"]}
    return allowed
