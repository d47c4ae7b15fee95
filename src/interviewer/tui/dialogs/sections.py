"""Jump to a section of the vragenlijst; a digit picks the section at once."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from interviewer.core.engine import SectionState
from interviewer.core.models import Section


class SectionDialog(ModalScreen[str | None]):
    """Returns the chosen section id; sections off the route cannot be chosen."""

    BINDINGS = [Binding("escape", "dismiss", "Annuleren")]

    def __init__(self, states: list[tuple[Section, SectionState]]) -> None:
        super().__init__()
        self.states = states

    def compose(self) -> ComposeResult:
        options = [
            Option(f"{i}. {section.title} ({state})", id=section.id,
                   disabled=state is SectionState.SKIPPED)
            for i, (section, state) in enumerate(self.states, start=1)
        ]
        with Vertical(classes="dialog"):
            yield Static("Naar welke sectie?", classes="dialog-title")
            yield OptionList(*options, id="sections", markup=False)
            yield Static("Cijfer of Enter kiest, Esc annuleert.", classes="dialog-hint")

    def on_key(self, event: events.Key) -> None:
        # The numbers shown before the titles: 1-9 pick sections one to nine.
        if not (event.character and event.character in "123456789"):
            return
        event.stop()
        index = int(event.character) - 1
        if index >= len(self.states):
            return
        section, state = self.states[index]
        if state is SectionState.SKIPPED:
            self.notify(f"Sectie '{section.title}' is niet van toepassing op deze route.",
                        severity="warning")
            return
        self.dismiss(section.id)

    @on(OptionList.OptionSelected, "#sections")
    def choose(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
