"""The study picker: every study in the database, with the demo marked; choose, edit, archive."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from interviewer.core import studies
from interviewer.core.store import Store
from interviewer.core.studies import StudyRow, StudySettings
from interviewer.tui.dialogs.new_study import NewStudy, NewStudyDialog
from interviewer.tui.dialogs.study_settings import StudySettingsDialog
from interviewer.tui.screens.home import clip

if TYPE_CHECKING:
    from interviewer.tui.app import InterviewerApp

FIXED = (("Regio", 16), ("Gem.", 4), ("Int.", 4), ("Soort", 7))
"""The columns after the title; the title takes the rest of the width."""


class StudyPickerScreen(Screen[str | None]):
    """Dismisses with the chosen study id (None: keep the current one)."""

    BINDINGS = [
        Binding("enter", "choose", "Kiezen", show=False),
        Binding("n", "new", "Nieuw"),
        Binding("w", "edit", "Wijzigen"),
        Binding("a", "archive", "Archiveren"),
        Binding("h", "toggle_archived", "Archief"),
        Binding("escape", "back", "Terug"),
        Binding("question_mark", "app.help", "Hulp"),
    ]
    HELP_TITLE = "Onderzoeken"

    def __init__(self, current_id: str | None = None) -> None:
        super().__init__()
        self.current_id = current_id
        self.show_archived = False
        self.rows: list[StudyRow] = []

    @property
    def store(self) -> Store:
        from interviewer.tui.app import InterviewerApp

        return cast(InterviewerApp, self.app).store

    def compose(self) -> ComposeResult:
        yield Static("Onderzoeken in deze database", classes="screen-title", markup=False)
        yield DataTable(id="studies", cursor_type="row", zebra_stripes=True)
        yield Static("", id="studies-hint", classes="feedback", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_rows()

    def refresh_rows(self, select: str | None = None) -> None:
        self.rows = studies.study_rows(self.store, archived=self.show_archived)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        # Each column has 2 cells of padding; the scrollbar and margins take 4 more.
        title_width = max(self.size.width - 4 - sum(w + 2 for _, w in FIXED) - 2, 20)
        table.add_column("Onderzoek", width=title_width)
        for header, width in FIXED:
            table.add_column(header, width=width)
        for row in self.rows:
            kind = "archief" if row.archived else "DEMO" if row.demo else ""
            table.add_row(clip(row.title, title_width), clip(row.region, 16), str(row.gemeenten),
                          str(row.interviews), kind, key=row.id)
        target = select or self.current_id
        ids = [r.id for r in self.rows]
        if target in ids:
            table.move_cursor(row=ids.index(target))
        archived = "ook gearchiveerde" if self.show_archived else "gearchiveerde verborgen"
        self.query_one("#studies-hint", Static).update(
            f"{len(self.rows)} onderzoek(en), {archived}. Enter kiest het onderzoek voor het "
            "startscherm, beoordelen en exporteren.")
        table.focus()

    def on_resize(self) -> None:
        if self.is_mounted:
            row = self.selected()
            self.refresh_rows(select=row.id if row else None)

    def selected(self) -> StudyRow | None:
        table = self.query_one(DataTable)
        if not self.rows:
            return None
        return self.rows[table.cursor_row]

    @on(DataTable.RowSelected)
    def action_choose(self) -> None:
        row = self.selected()
        if row is not None:
            studies.choose_study(self.store, row.id)
            self.dismiss(row.id)

    def action_back(self) -> None:
        self.dismiss(None)

    async def action_new(self) -> None:
        catalog = await cast("InterviewerApp", self.app).require_catalog()
        if catalog is None:
            return

        def created(data: NewStudy | None) -> None:
            if data is not None:
                study_id = studies.new_study(self.store, title=data.title, region=data.region,
                                             gemeente=data.gemeente, framework_id=catalog.framework().id)
                self.notify(f"Onderzoek '{data.title}' aangemaakt.")
                self.dismiss(study_id)

        self.app.push_screen(NewStudyDialog(), created)

    def action_edit(self) -> None:
        row = self.selected()
        if row is None:
            return

        def edited(settings: StudySettings | None) -> None:
            if settings is None:
                return
            studies.save_settings(self.store, row.id, settings)
            self.notify("Onderzoek gewijzigd.")
            self.refresh_rows(select=row.id)

        self.app.push_screen(StudySettingsDialog(studies.study_settings(self.store, row.id)), edited)

    def action_archive(self) -> None:
        row = self.selected()
        if row is None:
            return
        studies.set_archived(self.store, row.id, not row.archived)
        self.notify(f"'{row.title}' {'teruggezet' if row.archived else 'gearchiveerd (niets verwijderd)'}.")
        if row.id == self.current_id and not row.archived:
            self.current_id = None
        self.refresh_rows(select=row.id)

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.refresh_rows()
