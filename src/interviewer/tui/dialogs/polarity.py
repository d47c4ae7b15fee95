"""Pick the polarity of an open answer: +, −, 0, or clear it; per aspect when it maps to several.

With one aspect (or none) a key press picks and closes, as always. With several aspects the
first row, "alle aspecten", still picks and closes at once; moving down to an aspect and pressing
+ − 0 x tags that aspect only, and Enter saves the aspect tags.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

CLEAR = "wissen"
ALL = "__alle__"
KEYS = {"plus": "+", "equals_sign": "+", "p": "+", "minus": "-", "m": "-", "0": "0", "n": "0",
        "x": CLEAR, "delete": CLEAR, "backspace": CLEAR}
SYMBOLS = {"+": "+", "-": "−", "0": "0"}

PolarityChoice = str | dict[str, str | None]
"""'+', '-', '0' or CLEAR for the whole answer; or aspect -> polarity (None clears) per aspect."""


class PolarityDialog(ModalScreen[PolarityChoice | None]):
    """Returns a PolarityChoice, or None when cancelled with Escape."""

    BINDINGS = [
        Binding("escape", "dismiss", "Annuleren"),
        Binding("enter", "save_aspects", "Bewaren", show=False),
    ]

    def __init__(self, question_text: str, aspects: list[tuple[str, str]] | None = None,
                 current: dict[str, str] | None = None) -> None:
        super().__init__()
        self.question_text = question_text
        self.aspects = aspects if aspects and len(aspects) > 1 else []
        self.tags: dict[str, str | None] = dict(current or {})

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Polariteit van het antwoord op:", classes="dialog-title")
            yield Static(self.question_text, markup=False)
            yield Static("+  ondersteunt de norm\n−  spreekt de norm tegen\n0  neutraal / context\n"
                         "x  polariteit wissen", markup=False)
            if self.aspects:
                yield Static("↑↓ kies alle aspecten of één aspect; Enter bewaart per aspect.", classes="dialog-hint")
                yield OptionList(*self._options(), id="targets")
            yield Static("Esc annuleert.", classes="dialog-hint")

    def _options(self) -> list[Option]:
        rows = [Option("alle aspecten", id=ALL)]
        for aspect, title in self.aspects:
            tag = self.tags.get(aspect)
            mark = SYMBOLS.get(tag, "·") if tag else "·"
            rows.append(Option(f"{mark} {aspect} {title}", id=aspect))
        return rows

    def on_mount(self) -> None:
        if self.aspects:
            self.query_one("#targets", OptionList).focus()

    def _target(self) -> str:
        if not self.aspects:
            return ALL
        targets = self.query_one("#targets", OptionList)
        if targets.highlighted is None:
            return ALL
        return targets.get_option_at_index(targets.highlighted).id or ALL

    def on_key(self, event: events.Key) -> None:
        value = KEYS.get(event.key)
        if value is None:
            return
        event.stop()
        target = self._target()
        if target == ALL:
            self.dismiss(value)
            return
        self.tags[target] = None if value == CLEAR else value
        targets = self.query_one("#targets", OptionList)
        highlighted = targets.highlighted
        targets.clear_options()
        targets.add_options(self._options())
        targets.highlighted = highlighted

    @on(OptionList.OptionSelected, "#targets")
    def action_save_aspects(self) -> None:
        if self.aspects:
            self.dismiss({aspect: self.tags.get(aspect) for aspect, _ in self.aspects})

    def action_pick(self, value: str) -> None:
        self.dismiss(value)
