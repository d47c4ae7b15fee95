"""A yes/no question; Escape means no."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmDialog(ModalScreen[bool]):
    """Ask `question`; j or Enter confirms, n or Escape cancels.

    With `enter_confirms=False` (a question whose yes loses work) only j confirms and Enter
    means no: an Enter typed ahead, meant for the screen behind, must not throw work away.
    """

    BINDINGS = [
        Binding("j", "answer(True)", "Ja"),
        Binding("enter", "enter", "Kiezen", show=False),
        Binding("n,escape", "answer(False)", "Nee"),
    ]

    def __init__(self, question: str, *, yes: str = "Ja", no: str = "Nee",
                 enter_confirms: bool = True) -> None:
        super().__init__()
        self.question = question
        self.labels = (yes, no)
        self.enter_confirms = enter_confirms

    def compose(self) -> ComposeResult:
        yes, no = self.labels
        hint = (f"Enter of j = {yes}   Esc of n = {no}" if self.enter_confirms
                else f"j = {yes}   Enter, Esc of n = {no}")
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False)
            yield Static(hint, classes="dialog-hint")

    def action_enter(self) -> None:
        self.dismiss(self.enter_confirms)

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class QuitDialog(ConfirmDialog):
    """"Quit and lose what is typed?": only j (or Ctrl+Q again) quits."""

    def __init__(self, unsaved: list[str]) -> None:
        super().__init__(
            f"Nog niet opgeslagen: {', '.join(unsaved)}.\n\nToch afsluiten? Dit gaat dan verloren.",
            yes="Afsluiten", no="Terug", enter_confirms=False)
