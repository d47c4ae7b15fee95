"""The home screen: the current study, its gemeenten and casussen, and its interviews."""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from interviewer.core.store import Store
from interviewer.tui.keyhold import KeyHoldApp

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from interviewer.tui.app import InterviewerApp

STATUS = {"bezig": "bezig", "afgerond": "afgerond", "geweigerd": "geweigerd"}
COLUMNS = ("Status", "Datum", "Code", "Gemeente", "Casus", "Rol", "Organisatie")
SHRINKABLE = {"Rol": 10, "Organisatie": 11, "Gemeente": 8}
"""Columns that give up width (down to this minimum) so Code and Organisatie fit 80 columns."""


def dutch_date(iso: str | None) -> str:
    return f"{iso[8:10]}-{iso[5:7]}-{iso[2:4]}" if iso else ""


def fit_widths(natural: list[int], available: int) -> list[int]:
    """Shrink the shrinkable columns, widest first, until the table fits `available` cells.

    Every column costs 2 cells of padding besides its width.
    """
    widths = list(natural)
    minimum = [SHRINKABLE.get(h, w) for h, w in zip(COLUMNS, natural, strict=True)]
    while sum(widths) + 2 * len(widths) > available:
        candidates = [i for i, w in enumerate(widths) if w > minimum[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def heard_from_text(store: Store) -> str:
    """The laptops this one has heard from and when; while it works alone, how to start."""
    from interviewer.core.exchange.replicas import labels, replicas

    others = [r for r in replicas(store) if not r.is_self]
    if not others:
        return "Samenwerken: u = bundel schrijven of bundels van collega's samenvoegen\n"
    names = labels(store)
    parts = [f"{names[r.id]} {dutch_date(r.heard_at)} {(r.heard_at or '')[11:16]}".rstrip()
             if r.heard_at else f"{names[r.id]} (via anderen)" for r in others]
    return "Laptops gehoord (u = uitwisselen): " + "; ".join(parts) + "\n"


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class HomeScreen(Screen[None]):
    """Start here: pick up an interview, start a new one, or load the demo."""

    BINDINGS = [
        # Keys that open a screen to type in are priority bindings: they act the moment the
        # app reads them, so what is typed straight after them can be held for that screen.
        Binding("n", "new_interview", "Nieuw", priority=True),
        Binding("enter", "resume", "Hervatten", show=False),
        Binding("r", "review", "Beoordelen"),
        Binding("e", "export", "Exporteren"),
        Binding("s", "studies", "Onderzoeken", priority=True),
        # Not in the footer (at 80 columns it pushed out Hulp and Stoppen); named on the screen.
        Binding("u", "exchange", "Uitwisselen", show=False, priority=True),
        Binding("d", "demo", "Demo", show=False),
        Binding("o", "new_study", "Nieuw onderzoek", show=False, priority=True),
        Binding("question_mark", "app.help", "Hulp"),
        Binding("q", "app.quit", "Stoppen"),
    ]
    HELP_TITLE = "Startscherm"

    study: dict[str, Any] | None = None

    @property
    def interviewer_app(self) -> InterviewerApp:
        from interviewer.tui.app import InterviewerApp

        return cast(InterviewerApp, self.app)

    @property
    def store(self) -> Store:
        return self.interviewer_app.store

    def compose(self) -> ComposeResult:
        yield Static("interviewer", id="home-title", classes="screen-title", markup=False)
        yield Static("", id="structure", markup=False)
        yield DataTable(id="interviews", cursor_type="row", zebra_stripes=True)
        yield Static("", id="home-hint", classes="feedback", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_data()
        self.interviewer_app.home_ready()
        if self.interviewer_app.catalog is None:
            # After the first paint, when the catalog loader starts: waiting earlier found no
            # loader yet and showed "nog geladen" on every start, with raw role ids.
            self.call_after_refresh(self._relabel_when_catalog_loaded)

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def on_resize(self) -> None:
        if self.study is not None:
            self._fill_table()

    @work(group="home-catalog")
    async def _relabel_when_catalog_loaded(self) -> None:
        # Role labels come from the vragenlijsten, which load after this screen is shown.
        if await self.interviewer_app.require_catalog() is not None:
            self.refresh_data()

    def refresh_data(self) -> None:
        from interviewer.core import studies

        self.study = studies.current_study(self.store)
        self.query_one(DataTable).display = self.study is not None
        if self.study is None:
            self._show_empty()
            return
        others = len(studies.study_rows(self.store)) - (0 if self.study["archived_at"] else 1)
        title = f"{self.study['title']} · {self.study['region']}"
        if self.study["demo"]:
            title = f"DEMO (fictief) · {title}"
        if self.study["archived_at"]:
            title += " · gearchiveerd"
        if others > 0:
            title += f"  (+{others} ander{'e' if others > 1 else ''} onderzoek{'en' if others > 1 else ''}: s)"
        self.query_one("#home-title", Static).update(title)
        self.query_one("#structure", Static).update(self._structure_text())
        self._fill_table()

    def _show_empty(self) -> None:
        lines = [
            "Er is nog geen onderzoek in deze database.", "",
            "d  demo-onderzoek laden (fictief, om de app te leren kennen)",
            "o  nieuw onderzoek aanmaken (titel, regio en eerste gemeente)",
            "s  onderzoeken: kiezen, wijzigen, gearchiveerde terugzetten",
            "u  samenwerken: de bundel van een collega of coördinator inlezen",
        ]
        self.query_one("#structure", Static).update("\n".join(lines))
        self.query_one("#home-hint", Static).update("")

    def _structure_text(self) -> Text:
        assert self.study is not None
        text = Text("Gemeenten en casussen\n", style="bold")
        for gemeente in self.store.gemeenten(self.study["id"]):
            codes = ", ".join(c["code"] for c in self.store.casussen(gemeente["id"])) or "nog geen"
            text.append(f"  {gemeente['name']}: ", style="bold")
            text.append(f"{codes}\n")
        heard = heard_from_text(self.store)
        if heard:
            text.append(heard)
        return text

    def _fill_table(self) -> None:
        assert self.study is not None
        table = self.query_one(DataTable)
        rows = self.store.interviews(self.study["id"])
        names = {g["id"]: g["name"] for g in self.store.gemeenten(self.study["id"])}
        cells = [self._cells(row, names) for row in rows]
        # Explicit widths: a DataTable that is cleared and refilled in one tick (mount and
        # screen-resume both refresh) keeps stale auto widths and cuts the text off.
        table.clear(columns=True)
        natural = [max([len(header), *(len(c[i]) for c in cells)]) for i, header in enumerate(COLUMNS)]
        # The table's margin and scrollbar take 4 cells of the screen.
        widths = fit_widths(natural, max(self.size.width - 4, 40))
        for header, width in zip(COLUMNS, widths, strict=True):
            table.add_column(header, width=width)
        for row, row_cells in zip(rows, cells, strict=True):
            table.add_row(*(clip(c, w) for c, w in zip(row_cells, widths, strict=True)), key=row["id"])
        bezig = [r for r in rows if r["status"] == "bezig"]
        if bezig:
            latest = max(bezig, key=lambda r: r["updated_at"] or "")
            table.move_cursor(row=table.get_row_index(latest["id"]))
        hint = ("Er loopt nog een interview: Enter hervat het." if bezig else
                "n = nieuw interview" if not rows else "Enter opent het gekozen interview.")
        self.query_one("#home-hint", Static).update(hint)

    def _cells(self, row: dict[str, Any], names: dict[str, str]) -> list[str]:
        catalog = self.interviewer_app.catalog
        qs = catalog.questionsets.get(row["questionset_id"]) if catalog else None
        casus = self.store.casus(row["casus_id"])["code"] if row["casus_id"] else "–"
        # The respondent code identifies the row: it comes early and is never shortened.
        return [STATUS.get(row["status"], row["status"]), dutch_date(row["started_at"]),
                row["respondent_code"] or "–", names.get(row["gemeente_id"], "?"), casus,
                qs.role_label if qs else row["role"], row["organisation"] or "–"]

    # ------------------------------------------------------------------ actions

    async def _open_with_keys_held(self, push: Callable[[], Awaitable[object] | None]) -> None:
        """Run `push` (which opens a screen) holding every key typed meanwhile.

        Keys typed before the new screen has focus would otherwise act on this screen
        (q stops, d loads the demo) or vanish; once it is mounted they are replayed to it.
        """
        keys = cast(KeyHoldApp, self.app)
        keys.hold_keys()
        try:
            opened = push()
            if opened is not None:
                await opened
        finally:
            await keys.release_keys()

    async def action_new_interview(self) -> None:
        await self._open_with_keys_held(self._push_intake)

    async def _push_intake(self) -> None:
        from interviewer.tui.screens.intake import IntakeScreen

        catalog = await self.interviewer_app.require_catalog()
        if self.study is None:
            self.notify("Maak eerst een onderzoek aan (o) of laad de demo (d).", severity="warning")
        elif catalog is not None:
            await self.app.push_screen(IntakeScreen(self.store, catalog, self.study["id"]))

    @on(DataTable.RowSelected)
    async def action_resume(self) -> None:
        from interviewer.tui.resume import resume_interview

        table = self.query_one(DataTable)
        if self.study is None or table.row_count == 0:
            return
        interview_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        await resume_interview(self.interviewer_app, interview_id)

    async def action_review(self) -> None:
        await self._open_tool("interviewer.tui.screens.review", "ReviewScreen")

    async def action_export(self) -> None:
        await self._open_tool("interviewer.tui.dialogs.export", "ExportDialog")

    async def _open_tool(self, module_name: str, class_name: str) -> None:
        # Imported on use: review and export are not needed to show the home screen.
        catalog = await self.interviewer_app.require_catalog()
        if self.study is None or catalog is None:
            self.notify("Er is nog geen onderzoek.", severity="warning")
            return
        screen_class = getattr(importlib.import_module(module_name), class_name)
        self.app.push_screen(screen_class(store=self.store, catalog=catalog,
                                          study_id=self.study["id"]))

    async def action_demo(self) -> None:
        from interviewer.core import studies
        from interviewer.core.demo import load_demo
        from interviewer.core.store import StoreError

        catalog = await self.interviewer_app.require_catalog()
        if catalog is None:
            return
        had_own_work = bool(studies.study_rows(self.store))
        self.notify("Demo-onderzoek wordt geladen...")
        # A few seconds of work: off the event loop so the screen keeps responding,
        # on a connection of its own (a shared one mixed both threads' transactions).
        try:
            demo_id = await self.interviewer_app.run_with_own_store(lambda store: load_demo(store, catalog))
        except StoreError as exc:
            self.notify(f"Het demo-onderzoek is niet geladen: {exc}", severity="error", timeout=15)
            return
        if had_own_work and (self.study is None or self.study["id"] != demo_id):
            # The demo is a study of its own: it never takes the place of real work.
            self.notify("Demo-onderzoek staat klaar als apart onderzoek (fictief): kies het met s.")
        else:
            studies.choose_study(self.store, demo_id)
            self.notify("Demo-onderzoek geladen (fictieve gegevens).")
        self.refresh_data()

    async def action_exchange(self) -> None:
        from interviewer.tui.dialogs.exchange import ExchangeDialog

        def closed(merged: bool | None) -> None:
            if merged:
                self.refresh_data()

        await self._open_with_keys_held(lambda: self.app.push_screen(ExchangeDialog(self.store), closed))

    async def action_studies(self) -> None:
        from interviewer.tui.screens.studies import StudyPickerScreen

        def chosen(study_id: str | None) -> None:
            self.refresh_data()

        picker = StudyPickerScreen(self.study["id"] if self.study else None)
        await self._open_with_keys_held(lambda: self.app.push_screen(picker, chosen))

    async def action_new_study(self) -> None:
        await self._open_with_keys_held(self._push_new_study)

    async def _push_new_study(self) -> None:
        from interviewer.core import studies
        from interviewer.tui.dialogs.new_study import NewStudy, NewStudyDialog

        catalog = await self.interviewer_app.require_catalog()
        if catalog is None:
            return

        def created(data: NewStudy | None) -> None:
            if data is not None:
                studies.new_study(self.store, title=data.title, region=data.region,
                                  gemeente=data.gemeente, framework_id=catalog.framework().id)
                self.refresh_data()
                self.notify(f"Onderzoek '{data.title}' aangemaakt.")

        await self.app.push_screen(NewStudyDialog(), created)
