"""Set the date by which the gemeente reports its improvements (the report's Nazorg)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from interviewer.tui.dialogs.review_common import DIALOG_CSS, ReviewDialog


class NazorgDialog(ReviewDialog):
    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [Binding("escape", "cancel", "Terug")]

    def __init__(self, gemeente_name: str, current: str | None, save: Callable[[str], None]) -> None:
        super().__init__()
        self.gemeente_name = gemeente_name
        self.current = date.fromisoformat(current).strftime("%d-%m-%Y") if current else ""
        self._save = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="review-dialog"):
            yield Static(f"Nazorg — {self.gemeente_name}", classes="review-title", markup=False)
            yield Static("Datum waarop de gemeente haar verbeteringen rapporteert:")
            yield Input(self.current, placeholder="dd-mm-jjjj (leeg = wissen)", id="date")
            yield Static("", id="error", classes="review-error")
            yield Static("Enter bewaart, Esc terug.", classes="review-hint")

    @on(Input.Submitted, "#date")
    def save(self, event: Input.Submitted) -> None:
        self.attempt(lambda: self._save(event.value))
