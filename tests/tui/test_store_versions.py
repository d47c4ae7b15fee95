"""On resume the inspector is told when the vragenlijst has changed since the interview began."""

from __future__ import annotations

import copy
from typing import Any

from interviewer.core.catalog import Catalog
from interviewer.core.models import QuestionSet
from interviewer.core.store import Store
from interviewer.tui.app import make_app
from interviewer.tui.resume import resume_interview
from interviewer.tui.screens.interview import InterviewScreen
from tests.tui.conftest import TEST_SET, do_intake

NEW_TEXT = "Hoe ging de overdracht, in uw woorden?"


def _catalog_with(catalog: Catalog, qs: QuestionSet) -> Catalog:
    return Catalog(frameworks=dict(catalog.frameworks), questionsets={qs.id: qs})


def _version_2() -> QuestionSet:
    data: dict[str, Any] = copy.deepcopy(TEST_SET)
    data["version"] = 2
    data["sections"][0]["questions"][0]["text"] = NEW_TEXT
    return QuestionSet.model_validate(data)


async def test_resume_on_an_edited_vragenlijst_keeps_the_old_version_and_says_so(
        store: Store, catalog: Catalog) -> None:
    app = make_app(store=store, catalog=catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await do_intake(pilot)
        assert isinstance(app.screen, InterviewScreen)
    (row,) = store.interviews()
    assert row["questionset_hash"]  # the version was stored when the interview began

    edited = make_app(store=store, catalog=_catalog_with(catalog, _version_2()))
    async with edited.run_test(size=(100, 30)) as pilot:
        await resume_interview(edited, row["id"])
        await pilot.pause()
        screen = edited.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.session.qs.version == 1
        assert screen.session.qs.sections[0].questions[0].text == TEST_SET["sections"][0]["questions"][0]["text"]
        messages = [str(n.message) for n in edited._notifications]
        assert any("nieuwere versie" in m and "versie 2" in m for m in messages), messages


async def test_resume_works_when_the_vragenlijst_is_gone(store: Store, catalog: Catalog) -> None:
    app = make_app(store=store, catalog=catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await do_intake(pilot)
    (row,) = store.interviews()
    empty = make_app(store=store, catalog=Catalog(frameworks=dict(catalog.frameworks), questionsets={}))
    async with empty.run_test(size=(100, 30)) as pilot:
        await resume_interview(empty, row["id"])
        await pilot.pause()
        assert isinstance(empty.screen, InterviewScreen)
        assert empty.screen.session.qs.id == TEST_SET["id"]
