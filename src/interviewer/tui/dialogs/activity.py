"""Record a study activity (documentenanalyse, reflectiebijeenkomst) for the report's Bijlage 2."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Select, Static

from interviewer.core.study_info import ACTIVITY_KINDS, Activity
from interviewer.tui.dialogs.review_common import DIALOG_CSS, ReviewDialog

MAX_LISTED = 2
Save = Callable[[str, str, str, bool], None]
"""(kind, date as typed, description, only for this gemeente) -> None; raises ReviewError."""


class ActivityDialog(ReviewDialog):
    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [Binding("escape", "cancel", "Terug")]

    def __init__(self, gemeente_name: str, existing: Sequence[Activity], save: Save) -> None:
        super().__init__()
        self.gemeente_name = gemeente_name
        self.existing = list(existing)
        self._save = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="review-dialog"):
            yield Static(f"Onderzoeksactiviteit — {self.gemeente_name}", classes="review-title", markup=False)
            yield Static(self._listing(), id="existing", markup=False)
            yield Select([(label, kind) for kind, label in ACTIVITY_KINDS.items()], value="documentenanalyse",
                         allow_blank=False, id="kind")
            yield Input(placeholder="datum dd-mm-jjjj (mag leeg)", id="date")
            yield Input(placeholder="omschrijving: welke documenten, of wie waren aanwezig", id="description")
            yield Checkbox(f"Alleen voor {self.gemeente_name}", value=True, id="only")
            yield Static("", id="error", classes="review-error")
            yield Static("Enter in de omschrijving bewaart, Esc terug. Bijlage 2 noemt de activiteit.",
                         classes="review-hint")

    def _listing(self) -> str:
        if not self.existing:
            return "Nog geen activiteiten vastgelegd."
        lines = ["Vastgelegd:"]
        # The newest few: the form below must stay on a 24-line screen.
        for item in self.existing[-MAX_LISTED:]:
            when = item.on.strftime("%d-%m-%Y") if item.on else "zonder datum"
            lines.append(f"  {item.kind_label}, {when}: {item.description}"[:74])
        if len(self.existing) > MAX_LISTED:
            lines.append(f"  en {len(self.existing) - MAX_LISTED} eerder (interviewer activiteit lijst)")
        return "\n".join(lines)

    @on(Input.Submitted, "#description")
    def save(self) -> None:
        kind = str(self.query_one("#kind", Select).value)
        raw_date = self.query_one("#date", Input).value
        description = self.query_one("#description", Input).value
        only = self.query_one("#only", Checkbox).value
        self.attempt(lambda: self._save(kind, raw_date, description, only))
