"""Shared look of the review dialogs, so they work on any App without app.tcss."""

from __future__ import annotations

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
