"""Pilot tests of the review screen on a tiny App: judgements, findings, nazorg, search."""

from __future__ import annotations

import json

from textual.app import App
from textual.widgets import DataTable, Input, OptionList, Select, Static

from interviewer.core.scoring import NEGATIEF
from interviewer.tui.dialogs.finding_editor import FindingEditor
from interviewer.tui.dialogs.judgement_dialog import JudgementDialog
from interviewer.tui.screens.review import ReviewScreen
from tests.core.test_scoring import World


class ReviewApp(App[None]):
    def __init__(self, world: World) -> None:
        super().__init__()
        self.world = world

    def on_mount(self) -> None:
        self.push_screen(ReviewScreen(store=self.world.store, catalog=self.world.catalog,
                                      study_id=self.world.study))


def _world() -> tuple[World, str]:
    world = World()
    casus = world.casus("C1")
    world.casus("C2")
    world.interview("dossier", {"d_plan": "ja", "d_notitie": "Plan besproken met school"}, casus=casus)
    world.interview("casusregisseur", {"c_plan": "nee"}, casus=casus)
    return world, casus


def _events(world: World, entity: str) -> list[dict[str, object]]:
    return [e for e in world.store.journal() if e["entity"] == entity]


async def test_matrix_shows_suggestions_and_warnings() -> None:
    world, _ = _world()
    app = ReviewApp(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        # C1, C2, the organisation of the interviews (indicator 11) and the gemeente (12)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == [
            "C1", "C2", "Org: Wijkteam Noord", "Gemeente"]
        assert str(table.get_cell("casus:" + _world_casus(world), "3")) == "+!"  # dossier decides, contradiction
        assert str(table.get_cell("gemeente:", "12")) == "?"
        assert str(table.get_cell("gemeente:", "3")) == ""


def _world_casus(world: World) -> str:
    return str(world.store.casussen(world.gemeente)[0]["id"])


async def test_set_judgement_requires_motivation_and_is_journaled() -> None:
    world, casus = _world()
    app = ReviewApp(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("right", "right", "enter")  # C1, indicator 3 (the cursor starts on 1)
        assert isinstance(app.screen, JudgementDialog)
        evidence = [str(s.render()) for s in app.screen.query(".evidence").results(Static)]
        assert any("Dossier · Dossier" in e and "Vraag d_plan?: Ja" in e for e in evidence)
        await pilot.press("enter")  # empty motivation
        assert isinstance(app.screen, JudgementDialog)
        assert "motivering" in str(app.screen.query_one("#error", Static).render())
        assert world.store.db.table("judgement").count == 0
        await pilot.press("shift+tab", "right", "space")  # radio: negatief
        await pilot.press("tab", *"Plan niet bekend", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        row = next(iter(world.store.db.table("judgement").rows))
        assert (row["casus_id"], row["indicator"], row["final"], row["motivation"]) == (
            casus, 3, NEGATIEF, "Plan niet bekend")
        event = _events(world, "judgement")[0]
        assert event["old"] is None and json.loads(str(event["new"]))["final"] == NEGATIEF
        assert str(app.screen.query_one(DataTable).get_cell(f"casus:{casus}", "3")) == "−+!"


async def test_escape_backs_out_of_dialog_without_saving() -> None:
    world, _ = _world()
    app = ReviewApp(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", *"iets", "escape")
        assert isinstance(app.screen, ReviewScreen)
        assert world.store.db.table("judgement").count == 0


async def test_write_findings_and_nazorg() -> None:
    world, _ = _world()
    app = ReviewApp(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f", "a")
        assert isinstance(app.screen, FindingEditor)
        await pilot.press(*"Warme overdracht", "tab", *"De overdracht is warm.", "tab", *"1, 3", "ctrl+s")
        assert "thema" in str(app.screen.query_one("#error", Static).render())
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "enter", "down", "enter")
        assert app.screen.query_one("#theme", Select).value == "veiligheid"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen.query_one(OptionList), OptionList)
        row = next(iter(world.store.db.table("finding").rows))
        assert (row["kind"], row["theme"], row["heading"], json.loads(row["indicators"])) == (
            "goed", "veiligheid", "Warme overdracht", [1, 3])
        assert [e["action"] for e in _events(world, "finding")] == ["nieuw"]
        await pilot.press("escape", "n", *"01-13-2020", "enter")
        assert "geen geldige datum" in str(app.screen.query_one("#error", Static).render())
        await pilot.press(*["backspace"] * 10, *"01-07-2020", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert world.store.gemeente(world.gemeente)["nazorg_date"] == "2020-07-01"
        assert _events(world, "gemeente")[-1]["action"] == "nazorg"


async def test_search_from_review() -> None:
    world, _ = _world()
    app = ReviewApp(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"school")
        await pilot.pause()
        hits = app.screen.query_one("#hits", OptionList)
        assert hits.option_count == 1
        assert "Notitie over het plan" in str(hits.get_option_at_index(0).prompt)
        assert app.screen.query_one("#query", Input).value == "school"
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_aspect_decisions_in_the_judgement_dialog_decide_the_indicator() -> None:
    world, casus = _world()
    world.interview("dossier", {"d_2a": "ja", "d_2b": "ja", "d_2c": "ja", "d_2d": "ja"}, casus=casus)
    app = ReviewApp(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("right", "enter")  # C1, indicator 2
        dialog = app.screen
        assert isinstance(dialog, JudgementDialog)
        analysis = str(dialog.query(Static).results(Static).__next__().render())
        assert "Indicator 2" in analysis
        dialog.query_one("#aspects", OptionList).focus()
        await pilot.press("down", "minus")  # 2b negatief, against the suggestion
        await pilot.press("tab", *"Geen afgewogen conclusie")
        await pilot.press("tab", "tab", "enter")  # indicator follows the aspects: no motivation needed
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        rows = {r["aspect"]: r for r in world.store.db.table("judgement").rows}
        assert set(rows) == {"2b"}
        assert (rows["2b"]["final"], rows["2b"]["motivation"]) == (NEGATIEF, "Geen afgewogen conclusie")
        # Italic: half-decided; the value follows the aspect, the suggestion (+) shown after it.
        assert str(app.screen.query_one(DataTable).get_cell(f"casus:{casus}", "2")).startswith("−+")


async def test_counts_per_source_cannot_be_misread() -> None:
    from interviewer.tui.dialogs.judgement_dialog import count_text

    text = count_text({"client": {"+": 1, "-": 0, "0": 10, "?": 0}, "dossier": {"+": 0, "-": 2, "0": 0, "?": 1}})
    assert text == "Cliënt: 1× +, 10× neutraal; Dossier: 2× −, 1× zonder oordeel"


async def test_matrix_keeps_widths_and_marks_after_a_judgement_and_names_are_not_cut() -> None:
    from textual.widgets.data_table import ColumnKey

    from interviewer.tui.screens.review import CELL_WIDTH

    world, casus = _world()
    app = ReviewApp(world)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        # The cursor starts on a cell (C1, indicator 1), not on a row label.
        cell = screen.current_cell()
        assert cell is not None and cell.indicator == 1
        table = screen.query_one(DataTable)
        assert table.columns[ColumnKey("unit")].width == len("Org: Wijkteam Noord") + 1
        await pilot.press("right", "right", "enter")  # C1, indicator 3
        await pilot.press("shift+tab", "right", "space", "tab", *"Plan niet bekend", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        table = app.screen.query_one(DataTable)
        widths = {str(k.value): c.width for k, c in table.columns.items()}
        assert widths.pop("unit") == len("Org: Wijkteam Noord") + 1
        assert len(widths) == 12 and set(widths.values()) == {CELL_WIDTH}
        assert str(table.get_cell(f"casus:{casus}", "3")) == "−+!"
        legend = str(app.screen.query_one("#legend", Static).render())
        assert all(mark in legend for mark in ("+ positief", "− negatief", "? niet te beoordelen", "! waarschuwing"))


async def test_search_hit_opens_the_answer_in_its_interview_and_e_exports() -> None:
    from interviewer.tui.app import make_app
    from interviewer.tui.dialogs.confirm import ConfirmDialog
    from interviewer.tui.dialogs.export import ExportDialog
    from interviewer.tui.screens.interview import InterviewScreen

    world, _ = _world()
    app = make_app(store=world.store, catalog=world.catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog) and app.screen.study_id == world.study
        await pilot.press("escape", "slash", *"school")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        if isinstance(app.screen, ConfirmDialog):  # a finished interview is reopened first
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert app.screen.session.current is not None and app.screen.session.current.id == "d_notitie"


async def test_an_override_of_the_aspects_is_shown_in_the_dialog() -> None:
    from interviewer.core.review import save_aspect_judgement, save_judgement

    world, casus = _world()
    save_aspect_judgement(world.store, study_id=world.study, gemeente_id=world.gemeente, indicator=3, aspect="3a",
                          level="casus", unit=casus, final=NEGATIEF, motivation="Plan niet bij school bekend")
    save_judgement(world.store, study_id=world.study, gemeente_id=world.gemeente, indicator=3, level="casus",
                   unit=casus, final="positief", motivation="School kent het plan toch")
    app = ReviewApp(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        from textual.coordinate import Coordinate

        app.screen.query_one(DataTable).cursor_coordinate = Coordinate(0, 3)  # C1, indicator 3
        await pilot.press("enter")
        assert isinstance(app.screen, JudgementDialog)
        analysis = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "wijkt af van wat de aspecten geven (negatief)" in analysis


async def test_an_untagged_open_answer_is_tagged_in_review() -> None:
    from textual.coordinate import Coordinate

    from interviewer.tui.dialogs.judgement_dialog import EvidenceLine

    world, casus = _world()
    app = ReviewApp(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one(DataTable).cursor_coordinate = Coordinate(0, 3)  # C1, indicator 3
        await pilot.press("enter")
        dialog = app.screen
        assert isinstance(dialog, JudgementDialog)
        lines = list(dialog.query(EvidenceLine))
        open_line = next(line for line in lines if line.item.question_id == "d_notitie")
        assert [line.can_focus for line in lines].count(True) == 1  # only the open answer
        open_line.focus()
        await pilot.press("minus")
        assert open_line.item.polarity == "-"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    dossier = next(i["id"] for i in world.store.interviews() if i["questionset_id"] == "dossier")
    assert world.store.aspect_polarities(dossier, "d_notitie") == {"3a": "-"}
