"""Pick the polarity of an open answer: +, −, 0, or clear it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

CLEAR = "wissen"


class PolarityDialog(ModalScreen[str | None]):
    """Returns '+', '-', '0', CLEAR, or None when cancelled with Escape."""

    BINDINGS = [
        Binding("plus,equals_sign,p", "pick('+')", "+ ondersteunt"),
        Binding("minus,m", "pick('-')", "− spreekt tegen"),
        Binding("0,n", "pick('0')", "0 neutraal"),
        Binding("x,delete,backspace", "pick('wissen')", "wissen"),
        Binding("escape", "dismiss", "Annuleren"),
    ]

    def __init__(self, question_text: str) -> None:
        super().__init__()
        self.question_text = question_text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Polariteit van het antwoord op:", classes="dialog-title")
            yield Static(self.question_text, markup=False)
            yield Static("+  ondersteunt de norm\n−  spreekt de norm tegen\n0  neutraal / context\n"
                         "x  polariteit wissen", markup=False)
            yield Static("Esc annuleert.", classes="dialog-hint")

    def action_pick(self, value: str) -> None:
        self.dismiss(value)
