"""The privacy check on annotated inspector notes (tests/data/privacy_notes*.txt): the
figures the issue asks for, per category; scripts/bench_privacy.py prints them."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.core import privacy
from interviewer.core.privacy.evaluation import evaluate, parse_note, read_notes

DATA = Path(__file__).parents[1] / "data"


def finder(text: str) -> list[tuple[str, int, int]]:
    return [(h.kind, *h.span) for h in privacy.scan_text(text)]


@pytest.mark.parametrize("name", ["privacy_notes.txt", "privacy_notes_holdout.txt"])
def test_recall_and_precision_on_the_notes(name: str) -> None:
    notes = read_notes(DATA / name)
    result = evaluate(notes, finder)
    assert result.total.items >= 25, "the notes mark (almost) nothing: nothing was checked"
    assert result.total.recall >= 0.95, result.missed
    assert result.total.precision >= 0.9, result.false


def test_the_main_set_has_every_category_and_enough_notes() -> None:
    notes = read_notes(DATA / "privacy_notes.txt")
    kinds = {kind for note in notes for kind, _, _ in note.items}
    assert len(notes) >= 150
    assert kinds == set(privacy.KINDS)
    assert sum(1 for note in notes if not note.items) >= 40  # place and organisation names only
    result = evaluate(notes, finder)
    assert all(score.recall >= 0.9 for score in result.per_kind.values()), result.missed


def test_an_item_counts_only_when_all_of_it_is_covered() -> None:
    note = parse_note("Volgens [[naam:Jan de Vries]] en [[bsn:123456782]].")
    assert note.text == "Volgens Jan de Vries en 123456782."
    only_first = evaluate([note], lambda text: [("naam", 8, 11)])
    assert (only_first.total.found, only_first.total.right, only_first.total.hits) == (0, 1, 1)
    wrong = evaluate([note], lambda text: [("naam", 0, 7)])
    assert wrong.total.precision == 0 and wrong.false == [("naam", "Volgens", note.text)]
