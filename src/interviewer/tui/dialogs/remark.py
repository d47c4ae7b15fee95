"""Type a remark (opmerking) for a question; Escape leaves it unchanged."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class RemarkDialog(ModalScreen[str | None]):
    """Returns the new remark ('' clears it), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Annuleren")]

    def __init__(self, question_text: str, current: str | None, *, saved: str | None = None) -> None:
        """`current` fills the field; `saved` is what is stored (default: the same), to tell
        typed work from the stored remark when the field is reopened with unsaved text."""
        super().__init__()
        self.question_text = question_text
        self.current = current or ""
        self.saved = (current if saved is None else saved) or ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Opmerking bij:", classes="dialog-title")
            yield Static(self.question_text, markup=False)
            yield Input(self.current, placeholder="Opmerking (leeg = wissen)", id="remark")
            yield Static("Enter bewaart, Esc annuleert.", classes="dialog-hint")

    @property
    def unsaved_work(self) -> str | None:
        typed = self.query_one("#remark", Input).value.strip()
        return "de getypte opmerking" if typed != self.saved.strip() else None

    @on(Input.Submitted, "#remark")
    def save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
