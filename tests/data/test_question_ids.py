"""Question ids are stable forever: every id ever shipped is still in its vragenlijst."""

from __future__ import annotations

from pathlib import Path

from interviewer.core.catalog import Catalog

IDS = Path(__file__).with_name("question_ids.txt")


def _listed() -> set[str]:
    lines = IDS.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def _shipped_ids(catalog: Catalog) -> set[str]:
    return {f"{qs.id}:{q.id}" for qs in catalog.questionsets.values() for q in qs.questions()}


def test_no_shipped_question_id_disappears(shipped: Catalog) -> None:
    listed = _listed()
    assert len(listed) > 100
    assert sorted(listed - _shipped_ids(shipped)) == []


def test_new_question_ids_are_listed(shipped: Catalog) -> None:
    assert sorted(_shipped_ids(shipped) - _listed()) == []
