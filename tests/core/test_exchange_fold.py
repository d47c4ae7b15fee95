"""The fold: a record's state from its entries, the same in every order, conflicts by base not clock."""

from __future__ import annotations

import itertools

from interviewer.core.exchange.fold import DELETED, Entry, fold
from interviewer.core.journal import EXISTS


def entry(replica: str, rseq: int, new: object, *, fields: tuple[str, ...] = ("text",),
          base: dict[str, int] | None = None, at: str = "2026-01-01") -> Entry:
    return Entry(id=f"{replica}{rseq}", replica=replica, rseq=rseq, at=at, fields=fields, old=None, new=new,
                 base=base or {})


CREATE = entry("a", 1, {"text": "begin", "kind": "conclusie"}, fields=(EXISTS, "kind", "text"))


def test_every_order_gives_the_same_state() -> None:
    entries = [CREATE, entry("a", 2, {"text": "anna"}), entry("b", 1, {"text": "bram"}, base={"a": 1}),
               entry("c", 1, {"kind": "aanbeveling"}, fields=("kind",), base={"a": 1})]
    states = {repr(fold(order)) for order in itertools.permutations(entries)}
    assert len(states) == 1
    state = fold(entries)
    assert state.values["kind"] == "aanbeveling" and state.exists is True
    assert [e.id for e in state.conflicts["text"]] == ["a2", "b1"]
    assert "kind" not in state.conflicts  # different fields merge cleanly


def test_an_edit_that_saw_the_other_supersedes_it_whatever_the_clocks_say() -> None:
    earlier_clock = entry("b", 1, {"text": "bram"}, base={"a": 2}, at="2020-01-01")
    state = fold([CREATE, entry("a", 2, {"text": "anna"}, at="2026-06-01"), earlier_clock])
    assert state.values["text"] == "bram" and not state.conflicts


def test_the_same_value_on_two_laptops_is_no_conflict() -> None:
    state = fold([CREATE, entry("a", 2, {"text": "zelfde"}), entry("b", 1, {"text": "zelfde"}, base={"a": 1})])
    assert state.values["text"] == "zelfde" and not state.conflicts


def test_an_edit_against_a_delete_is_a_conflict_and_the_record_stays_deleted() -> None:
    delete = entry("a", 2, None, fields=(EXISTS, "kind", "text"))
    edit = entry("b", 1, {"text": "bram"}, base={"a": 1})
    state = fold([CREATE, delete, edit])
    assert state.exists is False
    assert [e.value("text") for e in state.conflicts["text"]] == [DELETED, "bram"]
    resolution = entry("b", 2, {"text": "bram", "kind": "conclusie"}, fields=(EXISTS, "kind", "text"),
                       base={"a": 2})
    restored = fold([CREATE, delete, edit, resolution])
    assert restored.exists is True and restored.values["text"] == "bram" and not restored.conflicts
