"""No save error ends the app: the question stays open with what was typed, a Dutch
message says why, and the same key saves once the cause is gone. Typed text that was not
saved yet survives leaving the question or the app."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from textual import events
from textual.widgets import TextArea

from interviewer.core.catalog import Catalog
from interviewer.core.session import InterviewSession
from interviewer.core.store import Store
from interviewer.tui.app import InterviewerApp, make_app
from interviewer.tui.screens.interview import InterviewScreen
from tests.tui.conftest import do_intake, type_text

TYPED = "Goed, met een gezamenlijk huisbezoek"


def only_interview_id(store: Store) -> str:
    (row,) = store.interviews()
    return str(row["id"])


def feedback(app: InterviewerApp) -> str:
    return str(app.screen.query_one("#feedback").render())


def editor_text(app: InterviewerApp) -> str:
    return app.screen.query_one(TextArea).text


async def test_locked_database_keeps_the_answer_and_saves_on_the_next_ctrl_s(
        app: InterviewerApp, store: Store, db_path: Path) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await do_intake(pilot)
        await type_text(pilot, TYPED)
        store.conn.execute("PRAGMA busy_timeout = 100")  # the real wait is 10 s; same path
        other = sqlite3.connect(db_path)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        try:
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, InterviewScreen)
            assert "Niet opgeslagen" in feedback(app) and "bezet" in feedback(app)
            assert editor_text(app) == TYPED
            assert store.answers(only_interview_id(store)) == {}
        finally:
            other.rollback()
            other.close()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.session.current.id == "q_janee"  # type: ignore[attr-defined]
    assert store.answers(only_interview_id(store))["q_open"].value == TYPED


async def test_full_disk_keeps_the_answer(app: InterviewerApp, store: Store) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await do_intake(pilot)
        await type_text(pilot, TYPED)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL on the next page
        app.post_message(events.Paste(" en nog veel meer tekst" * 800))  # pasted: several pages
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running and "schijf is vol" in feedback(app)
        assert editor_text(app).startswith(TYPED)
        store.conn.execute("PRAGMA max_page_count = 1073741823")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert store.answers(only_interview_id(store))["q_open"].value.startswith(TYPED)


async def test_read_only_database_on_a_choice_keeps_the_app(app: InterviewerApp, store: Store) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await do_intake(pilot)
        await type_text(pilot, TYPED)
        await pilot.press("ctrl+s")
        store.conn.execute("PRAGMA query_only = 1")
        await pilot.press("1")  # ja
        await pilot.pause()
        assert "alleen-lezen" in feedback(app)
        await pilot.press("f2", "ctrl+b")  # other writes: a message each, no crash
        await pilot.pause()
        assert app.is_running and app.screen.session.current.id == "q_janee"  # type: ignore[attr-defined]
        store.conn.execute("PRAGMA query_only = 0")
        await pilot.press("1")
        await pilot.pause()
    assert store.answers(only_interview_id(store))["q_janee"].value == "ja"


async def test_second_window_is_told_and_cannot_silently_overwrite(
        app: InterviewerApp, store: Store, db_path: Path, catalog: Catalog) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await do_intake(pilot)
        interview_id = only_interview_id(store)
        other_store = Store.open(db_path, actor="ander venster")
        other = InterviewSession(other_store, interview_id, catalog.questionsets["testset"])
        other.submit("Antwoord uit het andere venster")
        other_store.close()
        await type_text(pilot, TYPED)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "ander venster" in feedback(app) and "Antwoord uit het andere venster" in feedback(app)
        assert editor_text(app) == TYPED
        assert store.answers(interview_id)["q_open"].value == "Antwoord uit het andere venster"
        await pilot.press("ctrl+s")  # told, and pressed again: a deliberate overwrite
        await pilot.pause()
    assert store.answers(interview_id)["q_open"].value == TYPED


@pytest.mark.parametrize("leave", ["escape", "ctrl+b", "ctrl+q", "ctrl+c"])
async def test_unsaved_open_answer_survives_leaving(leave: str, db_path: Path, catalog: Catalog) -> None:
    store = Store.open(db_path)
    app = make_app(store=store, catalog=catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await do_intake(pilot)
        await type_text(pilot, TYPED)
        await pilot.press("ctrl+s", "1")  # q_open saved, ja: now at q_getal
        await pilot.press("ctrl+b", "ctrl+b")  # back to the open question
        await type_text(pilot, " en later nog een telefoontje")
        await pilot.press(leave)
        await pilot.pause()
    store.close()
    store = Store.open(db_path)
    app = make_app(store=store, catalog=catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # resume
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        if screen.session.current is not None and screen.session.current.id != "q_open":
            assert screen.session.goto("q_open")
            await screen._ask(revisit=True)
        assert editor_text(app) == TYPED + " en later nog een telefoontje"
        assert "hersteld" in feedback(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert store.answers(only_interview_id(store))["q_open"].value == TYPED + " en later nog een telefoontje"
    assert store.drafts(only_interview_id(store)) == {}
    store.close()


async def test_pending_remark_survives_escape(db_path: Path, catalog: Catalog) -> None:
    store = Store.open(db_path)
    async with make_app(store=store, catalog=catalog).run_test(size=(100, 30)) as pilot:
        await do_intake(pilot)
        await pilot.press("ctrl+o")
        await type_text(pilot, "Respondent twijfelde")
        await pilot.press("enter", "escape")
        await pilot.pause()
    app = make_app(store=store, catalog=catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert "Opmerking klaar: Respondent twijfelde" in feedback(app)
        await type_text(pilot, TYPED)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert store.answers(only_interview_id(store))["q_open"].remark == "Respondent twijfelde"
    store.close()


async def test_pending_remark_is_not_stored_on_the_previous_question(app: InterviewerApp, store: Store) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await do_intake(pilot)
        await type_text(pilot, TYPED)
        await pilot.press("ctrl+s")  # now at q_janee
        await pilot.press("ctrl+o")
        await type_text(pilot, "Over de warme overdracht")
        await pilot.press("enter", "ctrl+b")  # back to q_open before answering q_janee
        await pilot.press("ctrl+s", "1")  # q_open again (unchanged), then q_janee: ja
        await pilot.pause()
    answers = store.answers(only_interview_id(store))
    assert answers["q_open"].remark is None
    assert answers["q_janee"].remark == "Over de warme overdracht"


@pytest.mark.slow
async def test_lock_held_15_seconds_by_another_process(app: InterviewerApp, store: Store, db_path: Path) -> None:
    """The issue's scenario with the real 10 s busy timeout (run with -m slow)."""
    async with app.run_test(size=(100, 30)) as pilot:
        await do_intake(pilot)
        await type_text(pilot, TYPED)
        holder = subprocess.Popen([sys.executable, "-c", (
            "import sqlite3, time\n"
            f"c = sqlite3.connect({str(db_path)!r})\n"
            "c.execute('BEGIN IMMEDIATE'); print('held', flush=True); time.sleep(15); c.rollback()\n")],
            stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
            await pilot.press("ctrl+s")  # waits the busy timeout, then says so
            await pilot.pause()
            assert app.is_running and "bezet" in feedback(app) and editor_text(app) == TYPED
        finally:
            holder.wait(timeout=30)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert store.answers(only_interview_id(store))["q_open"].value == TYPED


async def test_finishing_on_a_read_only_database_keeps_the_summary(app: InterviewerApp, store: Store) -> None:
    from interviewer.tui.screens.summary import SummaryScreen

    async with app.run_test(size=(100, 30)) as pilot:
        await do_intake(pilot)
        await type_text(pilot, TYPED)
        await pilot.press("ctrl+s", "2")  # nee: Details drop off the route
        await pilot.press("f2", "f2", "f2")  # weet niet on the remaining three: the summary
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        store.conn.execute("PRAGMA query_only = 1")
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, SummaryScreen)
        store.conn.execute("PRAGMA query_only = 0")
        await pilot.press("enter")
        await pilot.pause()
    assert only_interview_id(store) and store.interviews()[0]["status"] == "afgerond"
