"""Full-text search over the study's answers, remarks and findings."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from interviewer.core import search
from interviewer.core.catalog import Catalog
from interviewer.core.store import Store
from interviewer.tui.dialogs.review_common import DIALOG_CSS


class SearchDialog(ModalScreen[search.Hit | None]):
    """Dismisses with the hit chosen with Enter (the caller opens it), or None."""

    DEFAULT_CSS = DIALOG_CSS + """
    SearchDialog OptionList { height: auto; max-height: 15; }
    """
    BINDINGS = [Binding("escape", "close", "Terug"), Binding("down", "results", "Resultaten", show=False)]

    def __init__(self, store: Store, catalog: Catalog, study_id: str) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.study_id = study_id
        self.hits: list[search.Hit] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="review-dialog"):
            yield Static("Zoeken in antwoorden, opmerkingen en bevindingen", classes="review-title")
            yield Input(placeholder="Zoekwoorden", id="query")
            yield Static("", id="count", classes="review-hint")
            yield OptionList(id="hits")
            yield Static("Typ om te zoeken, ↓ naar de resultaten, Enter opent er een, Esc terug.",
                         classes="review-hint")

    def on_mount(self) -> None:
        count = search.rebuild(self.store, self.catalog, self.study_id)
        self.query_one("#count", Static).update(f"{count} teksten doorzoekbaar.")
        self.query_one("#query", Input).focus()

    @on(Input.Changed, "#query")
    def run_search(self, event: Input.Changed) -> None:
        hits = search.search(self.store, event.value)
        self.hits = hits
        options = self.query_one("#hits", OptionList)
        options.clear_options()
        for hit in hits:
            options.add_option(Option(Text(f"[{hit.kind}] {hit.gemeente} — {hit.context}\n  {hit.snippet}")))
        label = f"{len(hits)} treffer(s)." if event.value.strip() else ""
        self.query_one("#count", Static).update(label)

    @on(OptionList.OptionSelected, "#hits")
    def open_hit(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[event.option_index])

    @on(Input.Submitted, "#query")
    def open_first(self) -> None:
        if self.hits:
            self.dismiss(self.hits[0])

    def action_results(self) -> None:
        hits = self.query_one("#hits", OptionList)
        if hits.option_count and hits.highlighted is None:
            hits.highlighted = 0
        hits.focus()

    def action_close(self) -> None:
        self.dismiss(None)
