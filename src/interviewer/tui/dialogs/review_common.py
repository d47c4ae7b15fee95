"""Shared look of the review dialogs, so they work on any App without app.tcss."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import ModalScreen
from textual.widgets import Static

from interviewer.core.review import ReviewError

DIALOG_CSS = """
ModalScreen {
    align: center middle;
}
.review-dialog {
    width: 78;
    max-width: 100%;
    height: auto;
    max-height: 100%;
    border: round $accent;
    background: $panel;
    padding: 0 1;
}
.review-title {
    text-style: bold;
}
.review-hint {
    color: $text-muted;
}
.review-error {
    color: $error;
    text-style: bold;
}
"""

POLARITY_SYMBOLS = {"+": "+", "-": "−", "0": "0", "?": "?"}


class ReviewDialog(ModalScreen[bool]):
    """A review dialog that saves through core: True when saved, False when cancelled.

    Core refuses bad input (an empty motivation, an unknown indicator) with a Dutch
    ReviewError; the dialog then stays open and shows the message in its #error Static.
    """

    def attempt(self, save: Callable[[], object]) -> None:
        try:
            save()
        except ReviewError as exc:
            self.query_one("#error", Static).update(str(exc))
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
