"""Create a study: title, region and first gemeente (changed afterwards in the study settings)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from interviewer.tui.keyhold import KeyHoldApp, after_queued


@dataclass(frozen=True)
class NewStudy:
    title: str
    region: str
    gemeente: str


class NewStudyDialog(ModalScreen[NewStudy | None]):
    """Enter moves on and saves on the last field, Escape cancels.

    Enter is a priority binding that holds the keyboard until the focus has moved: keys
    typed straight after it belong to the next field, not to the one Enter left.
    """

    BINDINGS = [Binding("escape", "dismiss", "Annuleren"),
                Binding("enter", "next_field", "Volgende", show=False, priority=True)]

    _dismissed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Nieuw onderzoek", classes="dialog-title")
            yield Input(placeholder="Titel, bijv. Het lokale netwerk na Veilig Thuis", id="title")
            yield Input(placeholder="Regio, bijv. Limburg-Noord", id="region")
            yield Input(placeholder="Eerste gemeente, bijv. Venlo", id="gemeente")
            yield Static("", id="error", classes="error")
            yield Static("Enter = volgend veld / opslaan, Esc annuleert.", classes="dialog-hint")

    @property
    def unsaved_work(self) -> str | None:
        typed = any(i.value for i in self.query(Input))
        return "de gegevens van het onderzoek" if typed else None

    def action_next_field(self) -> None:
        keys = cast(KeyHoldApp, self.app)
        keys.hold_keys()
        left = self.focused

        async def settled() -> None:
            try:
                self._move_on(left)
            finally:
                await keys.release_keys()

        after_queued(left or self, settled)

    def _move_on(self, left: object) -> None:
        if self._dismissed or self.app.screen is not self:
            return  # closed meanwhile: Esc just before Enter, or a second Enter typed ahead
        fields = list(self.query(Input))
        values = {str(i.id): i.value.strip() for i in fields}
        empty = [i for i in fields if not values[str(i.id)]]
        if empty:
            # Enter on an earlier field just moves on; only the last one complains.
            if left is fields[-1]:
                self.query_one("#error", Static).update("Vul alle drie de velden in.")
            self.set_focus(empty[0])  # now, not next tick: held keys follow at once
            return
        self._dismissed = True
        self.dismiss(NewStudy(values["title"], values["region"], values["gemeente"]))
