"""All findings of a gemeente in report order; add, edit, delete and reorder them."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from interviewer.core import review
from interviewer.core.models import Framework
from interviewer.core.review import Finding
from interviewer.core.store import Store
from interviewer.tui.dialogs.finding_editor import FindingEditor
from interviewer.tui.dialogs.review_common import DIALOG_CSS


class FindingListDialog(ModalScreen[None]):
    DEFAULT_CSS = DIALOG_CSS + """
    FindingListDialog OptionList { height: auto; max-height: 16; }
    """

    BINDINGS = [
        Binding("escape", "close", "Terug"),
        Binding("a", "add", "Nieuw"),
        Binding("x", "delete", "Verwijderen"),
        Binding("shift+up", "move(-1)", "Omhoog"),
        Binding("shift+down", "move(1)", "Omlaag"),
    ]

    def __init__(self, store: Store, framework: Framework, gemeente_id: str, gemeente_name: str) -> None:
        super().__init__()
        self.store = store
        self.framework = framework
        self.gemeente_id = gemeente_id
        self.gemeente_name = gemeente_name
        self.items: list[Finding] = []

    @property
    def themes(self) -> dict[str, str]:
        return {t.id: t.report_heading for t in self.framework.themes}

    def compose(self) -> ComposeResult:
        with Vertical(classes="review-dialog"):
            yield Static(f"Bevindingen — {self.gemeente_name}", classes="review-title", markup=False)
            yield OptionList(id="findings")
            yield Static("a nieuw · Enter bewerken · x verwijderen · Shift+↑/↓ volgorde · Esc terug",
                         classes="review-hint")

    def on_mount(self) -> None:
        self.reload()
        self.query_one(OptionList).focus()

    def reload(self, keep: str | None = None) -> None:
        self.items = review.findings(self.store, self.gemeente_id)
        options = self.query_one(OptionList)
        options.clear_options()
        counters: dict[str, int] = {}
        for item in self.items:
            counters[item.kind] = counters.get(item.kind, 0) + 1
            theme = f" · {self.themes.get(item.theme or '', item.theme)}" if item.theme else ""
            title = item.heading or item.text.splitlines()[0][:50]
            options.add_option(Option(Text(f"{counters[item.kind]}. {item.kind_label}{theme}: {title}"), id=item.id))
        if not self.items:
            options.add_option(Option("Nog geen bevindingen. Druk a voor een nieuwe.", disabled=True))
        if keep:
            index = next((i for i, f in enumerate(self.items) if f.id == keep), None)
            options.highlighted = index

    def _selected(self) -> Finding | None:
        index = self.query_one(OptionList).highlighted
        return self.items[index] if index is not None and index < len(self.items) else None

    def _edit(self, finding: Finding) -> None:
        valid = {i.number for i in self.framework.indicators()}

        def save(item: Finding) -> None:
            review.save_finding(self.store, item, set(self.themes))

        def done(saved: bool | None) -> None:
            if saved:
                self.reload(keep=finding.id)

        self.app.push_screen(FindingEditor(finding, self.themes, valid, save), done)

    def action_add(self) -> None:
        self._edit(Finding(self.gemeente_id, "goed", ""))

    @on(OptionList.OptionSelected)
    def edit_selected(self) -> None:
        finding = self._selected()
        if finding is not None:
            self._edit(finding)

    def action_delete(self) -> None:
        finding = self._selected()
        if finding is not None:
            review.delete_finding(self.store, finding.id)
            self.notify("Bevinding verwijderd (staat in het journaal).")
            self.reload()

    def action_move(self, delta: int) -> None:
        finding = self._selected()
        if finding is not None:
            review.move_finding(self.store, finding.id, delta)
            self.reload(keep=finding.id)

    def action_close(self) -> None:
        self.dismiss(None)
