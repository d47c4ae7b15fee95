"""Conflicts between laptops: see both values, pick one (or write your own), give a reason.

The decision is journaled as one entry that supersedes both sides (core.exchange.conflicts),
so it travels with the next bundle and every laptop ends with the same value.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from interviewer.core.exchange.conflicts import Conflict, ConflictError, describe, resolve
from interviewer.core.exchange.fold import DELETED
from interviewer.core.review import ReviewError
from interviewer.core.store import Store
from interviewer.tui.dialogs.review_common import DIALOG_CSS, ReviewDialog

OWN = "eigen"


class ConflictDialog(ReviewDialog):
    """The conflicts given; Enter on a choice with a reason resolves the highlighted conflict."""

    DEFAULT_CSS = DIALOG_CSS + """
    ConflictDialog #conflict-list { height: auto; max-height: 8; }
    ConflictDialog #choices { height: auto; max-height: 6; }
    """
    BINDINGS = [Binding("escape", "cancel", "Terug")]

    def __init__(self, store: Store, items: list[Conflict]) -> None:
        super().__init__()
        self.store = store
        self.items = items
        self.resolved = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="review-dialog"):
            yield Static(f"Conflicten tussen laptops ({len(self.items)})", classes="review-title")
            yield OptionList(*[Option(describe(self.store, c), id=str(n)) for n, c in enumerate(self.items)],
                             id="conflict-list")
            yield Static("Kies de waarde die blijft:")
            yield OptionList(id="choices")
            yield Input(placeholder="eigen waarde (alleen als je 'eigen waarde' kiest)", id="own")
            yield Input(placeholder="reden (verplicht)", id="reason")
            yield Static("", id="error", classes="review-error")
            yield Static("Pijltjes kiezen, Tab naar reden, Enter legt vast, Esc terug.", classes="review-hint")

    def on_mount(self) -> None:
        self.show_choices()
        self.query_one("#conflict-list", OptionList).focus()

    @property
    def current(self) -> Conflict | None:
        index = self.query_one("#conflict-list", OptionList).highlighted
        return self.items[index] if index is not None and index < len(self.items) else None

    @on(OptionList.OptionHighlighted, "#conflict-list")
    def show_choices(self) -> None:
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        conflict = self.current
        if conflict is None:
            return
        for n, option in enumerate(conflict.options):
            choices.add_option(Option(option.label, id=f"o{n}"))
        choices.add_option(Option("eigen waarde (typ hieronder)", id=OWN))
        choices.highlighted = 0

    @on(Input.Submitted, "#reason")
    @on(Input.Submitted, "#own")
    def decide(self) -> None:
        conflict = self.current
        choice = self.query_one("#choices", OptionList).highlighted
        if conflict is None or choice is None:
            return
        if choice < len(conflict.options):
            value = conflict.options[choice].value
        else:
            value = self.query_one("#own", Input).value.strip()
            if conflict.deleted and not value:
                value = DELETED
        reason = self.query_one("#reason", Input).value

        def save() -> None:
            try:
                resolve(self.store, conflict, value, reason=reason)
            except ConflictError as exc:
                raise ReviewError(str(exc)) from None

        self.attempt(save)
