"""A yes/no question; Escape means no."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmDialog(ModalScreen[bool]):
    """Ask `question`; j or Enter confirms, n or Escape cancels."""

    BINDINGS = [
        Binding("j,enter", "answer(True)", "Ja"),
        Binding("n,escape", "answer(False)", "Nee"),
    ]

    def __init__(self, question: str, *, yes: str = "Ja", no: str = "Nee") -> None:
        super().__init__()
        self.question = question
        self.labels = (yes, no)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False)
            yield Static(f"Enter of j = {self.labels[0]}   Esc of n = {self.labels[1]}",
                         classes="dialog-hint")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
