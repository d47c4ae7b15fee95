"""Keys that work in every terminal, help for the screen you are on, and a summary that
lists what was never asked (issue: a day of interviews without friction)."""

from __future__ import annotations

from rich.console import Console
from textual.widgets import Static

from interviewer.core.store import Store
from interviewer.tui.app import InterviewerApp
from interviewer.tui.dialogs.confirm import ConfirmDialog
from interviewer.tui.dialogs.help import HelpDialog
from interviewer.tui.dialogs.no_answer import NoAnswerDialog
from interviewer.tui.screens.home import HomeScreen
from interviewer.tui.screens.interview import InterviewScreen
from interviewer.tui.screens.summary import SummaryScreen
from tests.tui.conftest import do_intake, type_text


def plain(widget: Static) -> str:
    console = Console(width=200, record=True)
    console.print(widget.content)
    return console.export_text()


def status(store: Store) -> str:
    (row,) = store.interviews()
    return str(row["status"])


async def test_ctrl_c_does_not_quit_and_quit_asks_when_text_is_typed(app: InterviewerApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, HomeScreen)
        await do_intake(pilot)
        await type_text(pilot, "half getypt")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "niet opgeslagen" in app.screen.question
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen) and app.is_running
        assert app.screen.answer_input.value() == "half getypt"
        # Enter (typed ahead, meant for the answer) does not confirm losing the text; j does.
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen) and app.is_running
        assert app.screen.answer_input.value() == "half getypt"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
    assert app.return_code == 0


async def test_quit_on_another_question_still_asks_about_typed_text(app: InterviewerApp) -> None:
    from interviewer.tui.dialogs.confirm import QuitDialog

    async with app.run_test(size=(80, 24)) as pilot:
        await do_intake(pilot)
        await type_text(pilot, "half getypt")
        # Any other question on top (here a plain confirm) must not turn Ctrl+Q into "quit now".
        app.push_screen(ConfirmDialog("Een andere vraag?"))
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, QuitDialog)
        await pilot.press("ctrl+q")  # Ctrl+Q on the quit question itself: yes
        await pilot.pause()
    assert app.return_code == 0


async def test_quit_without_unsaved_work_exits_at_once(app: InterviewerApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
    assert app.return_code == 0


async def test_jump_ahead_summary_lists_unasked_and_finishing_asks(app: InterviewerApp, store: Store) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await do_intake(pilot)
        await pilot.press("ctrl+g", "3")  # a digit picks the section: Slot
        await pilot.pause()
        interview = app.screen
        assert isinstance(interview, InterviewScreen) and interview.session.current.id == "q_meer"  # type: ignore[union-attr]
        # No F-keys needed: Ctrl+K and a digit give "weet niet".
        for _ in range(3):
            await pilot.press("ctrl+k")
            await pilot.pause()
            assert isinstance(app.screen, NoAnswerDialog)
            await pilot.press("1")
            await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert summary.summary.unasked_count == 2
        text = plain(summary.query_one("#summary Static", Static))
        assert "Nog niet gesteld: 2 vragen in 1 sectie(s)" in text
        assert "Hoe verliep de overdracht? (verplicht)" in text and "Was er een warme overdracht?" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "nog niet gesteld" in app.screen.question
        await pilot.press("escape")
        await pilot.pause()
        assert status(store) == "bezig"
        # g goes to the first question never asked.
        await pilot.press("g")
        await pilot.pause()
        assert app.screen is interview and interview.session.current.id == "q_open"  # type: ignore[union-attr]
        # After the last open question the summary comes, not an answered question.
        await type_text(pilot, "Goed")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("down", "enter")  # nee: the Details section is off the route
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and app.screen.summary.unasked == []
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert status(store) == "afgerond"


async def test_help_shows_current_screen_first(app: InterviewerApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await do_intake(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        text = plain(app.screen.query_one("#help-keys Static", Static))
        assert text.lstrip().startswith("Interview (dit scherm)")
        assert "Ctrl+K" in text and "Beoordelen" in text
        # At 80x24 the whole Interview section is on screen without scrolling.
        from interviewer.tui.dialogs.help import KEYS

        visible = app.screen.query_one("#help-keys").scrollable_content_region.height
        assert visible >= 1 + len(KEYS["Interview"])
        width = app.screen.query_one("#help-keys").scrollable_content_region.width
        console = Console(width=width, record=True)
        console.print(app.screen.query_one("#help-keys Static", Static).content)
        lines = console.export_text().splitlines()
        assert lines[len(KEYS["Interview"])].lstrip().startswith("Esc")  # one line per key
        await pilot.press("escape", "escape")  # close help, pause the interview
        await pilot.press("question_mark")
        await pilot.pause()
        text = plain(app.screen.query_one("#help-keys Static", Static))
        assert text.lstrip().startswith("Startscherm (dit scherm)")


async def test_lower_case_respondent_code_is_accepted_in_capitals(app: InterviewerApp, store: Store) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "1", "enter", "1", "enter", "1", "enter")
        await type_text(pilot, "g3-d07")
        await pilot.press("enter", "1", "enter")  # new organisation
        await type_text(pilot, "Wijkteam Noord")
        await pilot.press("enter", "1", "enter")  # its role
        await type_text(pilot, "g03-d07-r4a")
        await pilot.press("enter", "1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
    (row,) = store.interviews()
    assert row["respondent_code"] == "G03-D07-R4A"
    assert store.casus(row["casus_id"])["code"] == "G3-D07"


async def test_export_dialog_shows_an_absolute_folder(app: InterviewerApp, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from textual.widgets import Input

    from interviewer.tui.dialogs.export import ExportDialog

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INTERVIEWER_EXPORTS", "rapporten")  # relative: resolved once, shown whole
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        shown = Path(app.screen.query_one("#folder", Input).value)
        assert shown.is_absolute() and shown == tmp_path / "rapporten"
    monkeypatch.delenv("INTERVIEWER_EXPORTS")
    from interviewer.paths import exports_dir

    assert exports_dir().is_absolute() and exports_dir().name == "interviewer-exports"


async def test_command_palette_lists_the_screens_actions_in_dutch(app: InterviewerApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await do_intake(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Afronden (^e)" in titles and "Geen antw. (^k)" in titles
        assert titles[-2:] == ["Hulp: alle toetsen (F1, ?)", "Afsluiten (Ctrl+Q)"]
        assert not [t for t in titles if t.startswith(("Down", "Copy"))]  # widget keys stay out
        await pilot.press("ctrl+p")
        await pilot.pause()
        from textual.command import CommandPalette

        assert isinstance(app.screen, CommandPalette)


async def test_page_down_in_a_fresh_palette_does_not_end_the_app(app: InterviewerApp) -> None:
    # Found by the key fuzz: Ctrl+P, a letter, then PgDn before the list was laid out.
    async with app.run_test(size=(80, 24)) as pilot:
        await do_intake(pilot)
        await pilot.press("ctrl+p", "h", "pagedown", "pageup")
        await pilot.pause()
        assert app.is_running
