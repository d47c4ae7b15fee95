"""Review: casussen x indicators for one gemeente, with suggestions, finals and warnings.

Enter on a cell drills into its evidence and sets the final judgement; f opens the findings,
n the nazorg date, a a study activity, / the search (Enter on a hit opens the answer in its
interview, or the findings), g switches gemeente, e exports, c the conflicts between laptops
(cells marked ≠). Everything is saved at once (core.review).
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from interviewer.core import review
from interviewer.core.catalog import Catalog
from interviewer.core.exchange.conflicts import conflicted_cells, gemeente_conflicts
from interviewer.core.scoring import Cell, GemeenteScore, score_gemeente
from interviewer.core.scoring.summary import indicator_name, rules_for
from interviewer.core.search import Hit
from interviewer.core.store import Store
from interviewer.tui.dialogs.finding_list import FindingListDialog
from interviewer.tui.dialogs.judgement_dialog import JudgementDialog
from interviewer.tui.dialogs.review_nazorg import NazorgDialog
from interviewer.tui.dialogs.search_dialog import SearchDialog
from interviewer.tui.screens.home import clip

LEVEL_PREFIX = {"casus": "", "organisatie": "Org: ", "gemeente": ""}
LEGEND = ("Legenda: + positief · − negatief · ? niet te beoordelen · ! waarschuwing\n"
          "vet = uw oordeel, grijs = voorstel uit de antwoorden (beide: oordeel wijkt af)")
CELL_WIDTH = 4
"""An indicator cell holds at most a final, the differing suggestion and a warning mark, and
a space: the table has no cell padding, so an 80-column screen has room for the names."""
UNIT_MIN = 16


def unit_width(labels: list[str], screen_width: int, indicators: int) -> int:
    """The unit column as wide as its longest label (and a space), within what the indicator
    columns leave; the table's side padding and the scrollbar take 4 cells.
    """
    room = screen_width - indicators * CELL_WIDTH - 4
    return max(UNIT_MIN, min(max((len(label) + 1 for label in labels), default=UNIT_MIN), room))
CONFLICT_MARK = "≠"


def cell_text(cell: Cell | None) -> Text:
    """'+' dim for a suggestion, bold for a final (with the differing suggestion after it), '!' for warnings."""
    if cell is None:
        return Text("")
    text = Text()
    if cell.decided or cell.derived is not None:
        # Decided (on the indicator or on every aspect) in bold; half-decided aspects in italics.
        style = "bold" if cell.decided else "italic"
        text.append({"positief": "+", "negatief": "−"}.get(cell.value, "?"), style=style)
        if cell.value != cell.suggestion.value:
            text.append(cell.suggestion.symbol, style="dim")
    else:
        text.append(cell.suggestion.symbol, style="dim")
    if cell.suggestion.warnings:
        text.append("!", style="bold yellow")
    return text


def _marked(text: Text, conflicted: bool) -> Text:
    """A conflict between laptops takes the place of the warning mark (the cell has room for one)."""
    if conflicted:
        if text.plain.endswith("!"):
            text.right_crop(1)
        text.append(CONFLICT_MARK, style="bold red")
    return text


class ReviewScreen(Screen[None]):
    DEFAULT_CSS = """
    ReviewScreen #review-title { text-style: bold; padding: 0 1; }
    ReviewScreen DataTable { height: 1fr; padding: 0 1; }
    ReviewScreen #cell-info { height: auto; max-height: 5; padding: 0 1; border-top: solid $accent; }
    ReviewScreen #legend { color: $text-muted; padding: 0 1; height: auto; }
    """

    BINDINGS = [
        Binding("escape", "back", "Terug"),
        Binding("g", "next_gemeente", "Gem."),
        Binding("f", "findings", "Bevind."),
        Binding("n", "nazorg", "Nazorg"),
        Binding("a", "activity", "Activ."),
        Binding("slash", "search", "Zoeken"),
        Binding("e", "export", "Export"),
        Binding("question_mark", "app.help", "Hulp", show=False),
        # Named in the title when there are conflicts; the footer has no room left at 80 columns.
        Binding("c", "conflicts", "Conflicten", show=False),
    ]
    HELP_TITLE = "Beoordelen"

    def __init__(self, *, store: Store, catalog: Catalog, study_id: str) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.study_id = study_id
        self.framework = catalog.framework()
        self.rules = rules_for(catalog, self.framework)
        self.gemeenten = store.gemeenten(study_id)
        self.gemeente_index = 0
        self.score: GemeenteScore | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="review-title")
        yield DataTable(id="matrix", cursor_type="cell", zebra_stripes=True, cell_padding=0)
        yield Static("", id="cell-info")
        yield Static(LEGEND, id="legend")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()
        table = self.query_one(DataTable)
        if table.row_count:
            table.cursor_coordinate = Coordinate(0, 1)  # the first cell, not a row label
        table.focus()

    def on_resize(self) -> None:
        if self.score is not None:
            self.load()

    # ------------------------------------------------------------------ matrix

    @property
    def gemeente(self) -> dict[str, object] | None:
        return self.gemeenten[self.gemeente_index] if self.gemeenten else None

    def load(self) -> None:
        table = self.query_one(DataTable)
        coordinate = table.cursor_coordinate
        table.clear(columns=True)
        gemeente = self.gemeente
        if gemeente is None:
            self.query_one("#review-title", Static).update("Dit onderzoek heeft nog geen gemeenten.")
            return
        self.score = score_gemeente(self.store, self.catalog, str(gemeente["id"]))
        position = f"({self.gemeente_index + 1}/{len(self.gemeenten)}, g wisselt)" if len(self.gemeenten) > 1 else ""
        nazorg = f" · nazorg {gemeente.get('nazorg_date')}" if gemeente.get("nazorg_date") else ""
        title = Text(f"Beoordelen — {gemeente['name']} {position}{nazorg}")
        conflicted = conflicted_cells(self.store, str(gemeente["id"]))
        open_conflicts = len(gemeente_conflicts(self.store, str(gemeente["id"])))
        if open_conflicts:
            title.append(f"  {CONFLICT_MARK} {open_conflicts} conflict{'en' if open_conflicts > 1 else ''}: c",
                         style="bold red")
        self.query_one("#review-title", Static).update(title)
        # Explicit widths: auto widths of a table cleared and refilled in one tick (after a
        # judgement is saved) shrank to one cell and hid the suggestion and warning marks.
        indicators = self.framework.indicators()
        labels = [LEVEL_PREFIX[level] + label for level, units in self.score.units.items() for _, label in units]
        width = unit_width(labels, self.size.width, len(indicators))
        table.add_column("Eenheid", key="unit", width=width)
        for indicator in indicators:
            table.add_column(str(indicator.number), key=str(indicator.number), width=CELL_WIDTH)
        for level, units in self.score.units.items():
            for unit, label in units:
                cells = [_marked(cell_text(self.score.cell(i.number, unit) if str(i.level) == level else None),
                                 (i.number, unit) in conflicted)
                         for i in self.framework.indicators()]
                # Cut with a mark; the full name is in the line below the matrix.
                table.add_row(Text(clip(LEVEL_PREFIX[level] + label, width)), *cells, key=f"{level}:{unit}")
        if table.row_count:
            table.cursor_coordinate = table.validate_cursor_coordinate(coordinate)
            self.show_info()

    def current_cell(self) -> Cell | None:
        table = self.query_one(DataTable)
        if self.score is None or not table.row_count:
            return None
        keys = table.coordinate_to_cell_key(table.cursor_coordinate)
        row, column = str(keys.row_key.value), str(keys.column_key.value)
        if column == "unit":
            return None
        level, unit = row.split(":", 1)
        cell = self.score.cell(int(column), unit)
        return cell if cell is not None and cell.level == level else None

    @on(DataTable.CellHighlighted)
    def show_info(self) -> None:
        cell = self.current_cell()
        info = self.query_one("#cell-info", Static)
        if cell is None or self.score is None:
            info.update("Kies een cel met de pijltjes; Enter toont het bewijs en legt het oordeel vast.")
            return
        indicator = self.framework.indicator(cell.indicator)
        assert indicator is not None
        name = indicator_name(indicator, self.rules)
        final = f" · oordeel: {cell.final}" if cell.final else " · nog geen oordeel"
        counts = self.score.source_counts(cell.indicator, cell.unit)
        sources = ", ".join(f"{src} {sum(c[p] for p in '+-')}" for src, c in sorted(counts.items()))
        lines = [f"{cell.unit_label} · {cell.indicator} {name}: voorstel {cell.suggestion.value}{final}",
                 f"Bronnen met oordeel: {sources or 'geen'}"]
        lines += [f"! {w}" for w in cell.suggestion.warnings[:2]]
        info.update(Text("\n".join(lines)))

    # ------------------------------------------------------------------ actions

    @on(DataTable.CellSelected)
    def open_cell(self) -> None:
        cell = self.current_cell()
        if cell is None or self.score is None:
            self.notify("Deze cel hoort niet bij dit niveau; kies een cel met een oordeel.", severity="warning")
            return
        score = self.score
        indicator = self.framework.indicator(cell.indicator)
        assert indicator is not None

        def save(decision: review.CellDecision) -> None:
            review.save_cell_decision(self.store, study_id=self.study_id, gemeente_id=score.gemeente_id,
                                      indicator=indicator, cell=cell, decision=decision)

        title = f"{cell.unit_label} · Indicator {cell.indicator}: {indicator.text}"
        dialog = JudgementDialog(title=title, cell=cell, indicator=indicator,
                                 evidence=score.evidence_for(cell.indicator, cell.unit),
                                 context=score.context_for(cell.indicator),
                                 source_counts=score.source_counts(cell.indicator, cell.unit), save=save,
                                 aspect_titles={a.id: a.title for a in indicator.aspects},
                                 tag=lambda item, polarity: review.tag_evidence(self.store, item, polarity))
        self.app.push_screen(dialog, self._after_dialog)

    def _after_dialog(self, changed: bool | None) -> None:
        if changed:
            self.gemeenten = self.store.gemeenten(self.study_id)
            self.load()
            self.notify("Opgeslagen.")

    def action_next_gemeente(self) -> None:
        if len(self.gemeenten) > 1:
            self.gemeente_index = (self.gemeente_index + 1) % len(self.gemeenten)
            self.load()

    def action_findings(self) -> None:
        gemeente = self.gemeente
        if gemeente is not None:
            self.app.push_screen(FindingListDialog(self.store, self.framework, str(gemeente["id"]),
                                                   str(gemeente["name"])))

    def action_nazorg(self) -> None:
        gemeente = self.gemeente
        if gemeente is None:
            return
        gemeente_id = str(gemeente["id"])

        def save(raw: str) -> None:
            review.set_nazorg_date(self.store, gemeente_id, raw)

        current = gemeente.get("nazorg_date")
        self.app.push_screen(NazorgDialog(str(gemeente["name"]), str(current) if current else None, save),
                             self._after_dialog)

    def action_activity(self) -> None:
        """Record a documentenanalyse or reflectiebijeenkomst (the report's Bijlage 2)."""
        from interviewer.core.study_info import StudyInfoError, activities, add_activity
        from interviewer.tui.dialogs.activity import ActivityDialog

        gemeente = self.gemeente
        if gemeente is None:
            return
        gemeente_id = str(gemeente["id"])

        def save(kind: str, raw_date: str, description: str, only: bool) -> None:
            on = date.fromisoformat(review.parse_dutch_date(raw_date)) if raw_date.strip() else None
            try:
                add_activity(self.store, self.study_id, kind, on=on, description=description,
                             gemeente_id=gemeente_id if only else None)
            except StudyInfoError as exc:
                raise review.ReviewError(str(exc)) from None

        existing = activities(self.store, self.study_id, gemeente_id)
        self.app.push_screen(ActivityDialog(str(gemeente["name"]), existing, save), self._after_dialog)

    def action_search(self) -> None:
        self.app.push_screen(SearchDialog(self.store, self.catalog, self.study_id), self._open_hit)

    async def _open_hit(self, hit: Hit | None) -> None:
        """An answer opens in its interview at that question; a finding opens the findings."""
        from interviewer.tui.app import InterviewerApp
        from interviewer.tui.resume import resume_interview

        if hit is None:
            return
        if hit.interview_id and hit.question_id and isinstance(self.app, InterviewerApp):
            await resume_interview(self.app, hit.interview_id, at_question=hit.question_id)
        elif hit.finding_id:
            names = [str(g["name"]) for g in self.gemeenten]
            if hit.gemeente in names and names.index(hit.gemeente) != self.gemeente_index:
                self.gemeente_index = names.index(hit.gemeente)
                self.load()
            self.action_findings()

    def action_export(self) -> None:
        from interviewer.tui.dialogs.export import ExportDialog

        self.app.push_screen(ExportDialog(store=self.store, catalog=self.catalog, study_id=self.study_id))

    def action_conflicts(self) -> None:
        from interviewer.tui.dialogs.conflicts import ConflictDialog

        gemeente = self.gemeente
        items = gemeente_conflicts(self.store, str(gemeente["id"])) if gemeente else []
        if not items:
            self.notify("Geen conflicten tussen laptops in deze gemeente.")
            return
        self.app.push_screen(ConflictDialog(self.store, items), self._after_dialog)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
