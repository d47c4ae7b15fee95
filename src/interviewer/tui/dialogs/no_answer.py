"""No substantive answer: weet niet, wil niet zeggen, n.v.t. or overslaan, picked with one digit.

The same choices as F2, F3, F4 and Ctrl+N, for keyboards and terminals that take the F-keys.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

CHOICES = [("weet_niet", "Weet niet"), ("wil_niet_zeggen", "Wil niet zeggen"),
           ("niet_van_toepassing", "Niet van toepassing"), ("overgeslagen", "Overslaan (later stellen)")]


class NoAnswerDialog(ModalScreen[str | None]):
    """Returns the chosen AnswerStatus value, or None (Escape)."""

    BINDINGS = [Binding("escape", "dismiss", "Annuleren")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Geen inhoudelijk antwoord", classes="dialog-title")
            yield OptionList(*[Option(f"{i}. {label}", id=code)
                               for i, (code, label) in enumerate(CHOICES, start=1)], id="choices")
            yield Static("Cijfer of Enter kiest, Esc annuleert.", classes="dialog-hint")

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character in "1234"[: len(CHOICES)]:
            event.stop()
            self.dismiss(CHOICES[int(event.character) - 1][0])

    @on(OptionList.OptionSelected, "#choices")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
