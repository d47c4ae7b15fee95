"""Recall and precision of a privacy check on annotated notes (tests and scripts/bench_privacy.py).

A note marks what identifies someone as [[kind:text]]. A marked item counts as found when
the hits together cover every letter and digit of it: a check that replaces 'Jan' of
'Jan de Vries' still leaves the surname in the text. A hit counts as right when it overlaps
a marked item; its kind may differ (what matters is that the text is replaced).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

_MARK = re.compile(r"\[\[([a-z-]+):(.+?)\]\]")

Span = tuple[int, int]
Finder = Callable[[str], Iterable[tuple[str, int, int]]]
"""A check under test: text -> (kind, start, end) of what it flags."""


@dataclass(frozen=True)
class Note:
    text: str
    items: tuple[tuple[str, int, int], ...]
    """(kind, start, end) of what identifies someone."""


def parse_note(line: str) -> Note:
    text, items, pos = "", [], 0
    for m in _MARK.finditer(line):
        text += line[pos:m.start()]
        start = len(text)
        text += m.group(2)
        items.append((m.group(1), start, len(text)))
        pos = m.end()
    return Note(text + line[pos:], tuple(items))


def read_notes(path: Path) -> list[Note]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [parse_note(line) for line in lines if line.strip() and not line.startswith("#")]


@dataclass
class Score:
    items: int = 0
    found: int = 0
    hits: int = 0
    right: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.items if self.items else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.hits if self.hits else 1.0


@dataclass
class Evaluation:
    notes: int = 0
    per_kind: dict[str, Score] = field(default_factory=dict)
    total: Score = field(default_factory=Score)
    missed: list[tuple[str, str, str]] = field(default_factory=list)
    """(kind, item text, note) of every item not found."""
    false: list[tuple[str, str, str]] = field(default_factory=list)
    """(kind, hit text, note) of every hit that marks nothing."""


def evaluate(notes: Iterable[Note], finder: Finder) -> Evaluation:
    result = Evaluation()
    for note in notes:
        result.notes += 1
        hits = list(finder(note.text))
        for kind, start, end in note.items:
            score = result.per_kind.setdefault(kind, Score())
            found = _covered(note.text, (start, end), [(s, e) for _, s, e in hits])
            for s in (score, result.total):
                s.items += 1
                s.found += found
            if not found:
                result.missed.append((kind, note.text[start:end], note.text))
        for kind, start, end in hits:
            right = any(start < e and s < end for _, s, e in note.items)
            for s in (result.per_kind.setdefault(kind, Score()), result.total):
                s.hits += 1
                s.right += right
            if not right:
                result.false.append((kind, note.text[start:end], note.text))
    return result


def _covered(text: str, item: Span, hits: list[Span]) -> bool:
    return all(any(s <= k < e for s, e in hits) for k in range(*item) if text[k].isalnum())
