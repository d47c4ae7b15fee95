"""Write or edit one finding: kind, theme, heading, text and linked indicators."""

from __future__ import annotations

import re
from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Select, Static, TextArea

from interviewer.core.review import FINDING_KINDS, THEMED_KINDS, Finding, ReviewError
from interviewer.tui.dialogs.review_common import DIALOG_CSS, ReviewDialog

SaveFinding = Callable[[Finding], None]


def parse_indicators(raw: str, valid: set[int]) -> list[int]:
    numbers = [int(n) for n in re.findall(r"\d+", raw)]
    wrong = [n for n in numbers if n not in valid]
    if wrong:
        raise ReviewError(f"Onbekende indicator(en): {', '.join(map(str, wrong))}. Kies uit 1-{max(valid)}.")
    return sorted(set(numbers))


class FindingEditor(ReviewDialog):
    """Returns True when saved; Escape returns False and changes nothing."""

    DEFAULT_CSS = DIALOG_CSS + """
    FindingEditor TextArea { height: 5; }
    FindingEditor Horizontal { height: auto; }
    FindingEditor Select { width: 1fr; }
    """

    BINDINGS = [Binding("escape", "cancel", "Terug"), Binding("ctrl+s", "save", "Opslaan")]

    def __init__(self, finding: Finding, themes: dict[str, str], valid_indicators: set[int],
                 save: SaveFinding) -> None:
        super().__init__()
        self.finding = finding
        self.themes = themes
        self.valid = valid_indicators
        self._save = save

    def compose(self) -> ComposeResult:
        f = self.finding
        with Vertical(classes="review-dialog"):
            yield Static("Bevinding bewerken" if f.id else "Nieuwe bevinding", classes="review-title")
            with Horizontal():
                yield Select([(label, kind) for kind, label in FINDING_KINDS.items()], value=f.kind,
                             allow_blank=False, id="kind")
                yield Select([(label, theme) for theme, label in self.themes.items()],
                             value=f.theme if f.theme in self.themes else Select.NULL,
                             prompt="Thema (bij goed/beter)", id="theme")
            yield Input(f.heading, placeholder="Kop", id="heading")
            yield TextArea(f.text, id="text")
            yield Input(", ".join(map(str, f.indicators)), placeholder="Indicatoren, bv. 1, 3", id="indicators")
            linked = f"{len(f.evidence)} bewijsstuk(ken) gekoppeld. " if f.evidence else ""
            yield Static("", id="error", classes="review-error")
            yield Static(f"{linked}Ctrl+S bewaart, Tab wisselt, Esc terug.", classes="review-hint")

    def on_mount(self) -> None:
        self.query_one("#heading" if self.finding.kind in THEMED_KINDS else "#text").focus()

    @on(Input.Submitted)
    def action_save(self) -> None:
        self.attempt(self._store_fields)

    def _store_fields(self) -> None:
        kind = self.query_one("#kind", Select).value
        theme = self.query_one("#theme", Select).value
        self.finding.kind = str(kind)
        self.finding.theme = str(theme) if isinstance(theme, str) and kind in THEMED_KINDS else None
        self.finding.heading = self.query_one("#heading", Input).value
        self.finding.text = self.query_one("#text", TextArea).text
        self.finding.indicators = parse_indicators(self.query_one("#indicators", Input).value, self.valid)
        self._save(self.finding)
