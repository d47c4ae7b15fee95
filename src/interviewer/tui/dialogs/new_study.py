"""Create a study: title, region and a first gemeente."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


@dataclass(frozen=True)
class NewStudy:
    title: str
    region: str
    gemeente: str


class NewStudyDialog(ModalScreen[NewStudy | None]):
    """Three fields; Enter moves on and saves on the last, Escape cancels."""

    BINDINGS = [Binding("escape", "dismiss", "Annuleren")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Nieuw onderzoek", classes="dialog-title")
            yield Input(placeholder="Titel, bijv. Het lokale netwerk na Veilig Thuis", id="title")
            yield Input(placeholder="Regio, bijv. Limburg-Noord", id="region")
            yield Input(placeholder="Eerste gemeente, bijv. Venlo", id="gemeente")
            yield Static("", id="error", classes="error")
            yield Static("Enter = volgend veld / opslaan, Esc annuleert.", classes="dialog-hint")

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        values = {i.id: i.value.strip() for i in self.query(Input)}
        empty = [i for i in self.query(Input) if not values[i.id]]
        if empty:
            # Enter on an earlier field just moves on; only the last one complains.
            if event.input.id == "gemeente":
                self.query_one("#error", Static).update("Vul alle drie de velden in.")
            empty[0].focus()
            return
        self.dismiss(NewStudy(values["title"], values["region"], values["gemeente"]))
