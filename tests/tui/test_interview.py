"""Conduct interviews through key presses and check what ends up in the database."""

from __future__ import annotations

import json
from pathlib import Path

from interviewer.core.catalog import Catalog
from interviewer.core.store import Store
from interviewer.tui.app import InterviewerApp, make_app
from interviewer.tui.dialogs.help import HelpDialog
from interviewer.tui.screens.home import HomeScreen
from interviewer.tui.screens.interview import InterviewScreen
from interviewer.tui.screens.summary import SummaryScreen
from interviewer.tui.widgets.bubble import AnswerBubble
from tests.tui.conftest import do_intake, type_text


def only_interview(store: Store) -> dict[str, object]:
    (row,) = store.interviews()
    return row


def stored_values(store: Store, interview_id: str) -> dict[str, object]:
    return {qid: a.value if a.answered else str(a.status) for qid, a in store.answers(interview_id).items()}


async def answer_first_two(pilot) -> None:  # type: ignore[no-untyped-def]
    await type_text(pilot, "Goed, met een gezamenlijk huisbezoek")
    await pilot.press("ctrl+s")
    await pilot.press("1")  # ja, saved by the digit alone: the Details section becomes reachable


async def test_complete_interview_with_keys(app: InterviewerApp, store: Store) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await do_intake(pilot)
        assert isinstance(app.screen, InterviewScreen)
        await answer_first_two(pilot)
        await type_text(pilot, "12")
        await pilot.press("enter")
        await type_text(pilot, "14-03-2024")
        await pilot.press("enter")
        await pilot.press("2")  # a single choice: the digit saves
        await pilot.press("1", "3", "enter")  # meerkeuze: digits toggle, Enter saves
        await pilot.press("4")  # ZRM score 4
        await pilot.press("f2")  # weet niet on the last open question
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    row = only_interview(store)
    assert row["status"] == "afgerond" and row["respondent_code"] == "G1-D01-R1"
    assert row["organisation"] == "Wijkteam Noord" and row["consent"] == 1
    assert stored_values(store, str(row["id"])) == {
        "q_open": "Goed, met een gezamenlijk huisbezoek", "q_janee": "ja", "q_getal": 12,
        "q_datum": "2024-03-14", "q_keuze": "vt", "q_meer": ["ggz", "politie"], "q_zrm": 4,
        "q_slot": "weet_niet",
    }
    actions = [e["action"] for e in store.journal(str(row["id"]))]
    assert actions.count("nieuw") == 8 and actions[0] == "start" and actions[-1] == "status"


async def test_resume_after_closing_mid_interview(db_path: Path, catalog: Catalog) -> None:
    first = Store.open(db_path)
    async with make_app(store=first, catalog=catalog).run_test(size=(100, 30)) as pilot:
        await do_intake(pilot)
        await answer_first_two(pilot)
    first.close()
    second = Store.open(db_path)
    app = make_app(store=second, catalog=catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # the running interview is preselected on the home screen
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.session.current is not None and screen.session.current.id == "q_getal"
        assert set(screen.bubbles) == {"q_open", "q_janee"}
        await type_text(pilot, "3")
        await pilot.press("enter")
    assert stored_values(second, str(only_interview(second)["id"]))["q_getal"] == 3
    second.close()


async def test_editing_an_earlier_answer_is_journaled(app: InterviewerApp, store: Store) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await do_intake(pilot)
        await answer_first_two(pilot)
        await pilot.press("ctrl+b")  # back to q_janee, prefilled with ja
        await pilot.press("2")  # nee: the Details section drops off the route
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.session.current is not None and screen.session.current.id == "q_meer"
        assert "eerder: Ja" in str(screen.bubbles["q_janee"].render())
    interview_id = str(only_interview(store)["id"])
    (change,) = [e for e in store.journal(interview_id) if e["action"] == "wijzig"]
    assert change["question_id"] == "q_janee"
    assert json.loads(change["old"])["value"] == "ja" and json.loads(change["new"])["value"] == "nee"


async def test_refused_consent_stores_only_the_refusal(app: InterviewerApp, store: Store) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await do_intake(pilot, consent=False)
        assert not isinstance(app.screen, InterviewScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    row = only_interview(store)
    assert row["status"] == "geweigerd" and row["consent"] == 0
    assert row["respondent_code"] is None and row["organisation"] is None and row["casus_id"] is None
    assert store.db.table("casus").count == 0  # the casus typed in the intake was not stored
    assert store.answers(str(row["id"])) == {}


async def test_invalid_input_is_refused_with_a_message(app: InterviewerApp, store: Store) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await do_intake(pilot)
        await answer_first_two(pilot)
        await type_text(pilot, "500")
        await pilot.press("enter")
        feedback = str(app.screen.query_one("#feedback").render())
        assert "moet tussen" in feedback  # core formats the bounds as 0.0 and 100.0
        await pilot.press("ctrl+u")
        await type_text(pilot, "7")
        await pilot.press("enter")
        await type_text(pilot, "31-02-2024")
        await pilot.press("enter")
        assert "geen geldige datum" in str(app.screen.query_one("#feedback").render())
    assert set(store.answers(str(only_interview(store)["id"]))) == {"q_open", "q_janee", "q_getal"}


async def test_name_as_respondent_code_is_refused(app: InterviewerApp, store: Store) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "1", "enter", "1", "enter", "1", "enter")
        await type_text(pilot, "G1-D01")
        await pilot.press("enter", "1", "enter")
        await type_text(pilot, "Wijkteam")
        await pilot.press("enter", "1", "enter")
        await type_text(pilot, "Jan de Vries")
        await pilot.press("enter")
        assert "geen naam" in str(app.screen.query_one("#feedback").render())
    assert store.interviews() == []


async def test_remark_quote_and_polarity(app: InterviewerApp, store: Store) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await do_intake(pilot)
        await pilot.press("ctrl+o")
        await type_text(pilot, "Respondent twijfelde")
        await pilot.press("enter")
        await type_text(pilot, "Het liep goed")
        await pilot.press("ctrl+s")
        await pilot.press("ctrl+t")  # quote: the last answered open question
        await pilot.press("ctrl+r", "minus")
        await pilot.pause()
        assert "citaat" in str(app.screen.query_one(AnswerBubble).render())
    answer = store.answers(str(only_interview(store)["id"]))["q_open"]
    assert (answer.remark, answer.quote, answer.polarity) == ("Respondent twijfelde", True, "-")


async def test_help_screen_opens_and_closes(app: InterviewerApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpDialog)
        await pilot.press("escape")
        await do_intake(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpDialog)
        await pilot.press("escape")
        assert isinstance(app.screen, InterviewScreen)
