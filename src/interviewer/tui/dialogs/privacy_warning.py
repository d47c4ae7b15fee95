"""The privacy warning: replace the identifying details by codes, keep the text, or go back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

REPLACE, KEEP = "vervangen", "houden"


class PrivacyWarningDialog(ModalScreen[str | None]):
    """Returns REPLACE, KEEP, or None: back to editing, nothing saved.

    Escape must never save: it is the key people press to get out of a surprise, and the
    text as typed may hold a name.
    """

    BINDINGS = [
        Binding("v,enter", "choose('vervangen')", "Vervangen"),
        Binding("h", "choose('houden')", "Zo laten"),
        Binding("escape,b", "back", "Terug naar tekst"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with VerticalScroll(classes="dialog-body"):
                yield Static(self.question, markup=False)
            yield Static("Enter of v = vervangen door codes   h = zo laten (opslaan zoals getypt)\n"
                         "Esc = terug naar de tekst (er wordt niets opgeslagen)", classes="dialog-hint")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    def action_back(self) -> None:
        self.dismiss(None)
