"""Drill into one matrix cell: every evidence item, the suggestion, and the final judgement."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, RadioButton, RadioSet, Static

from interviewer.core.scoring import VALUES, Cell, Evidence
from interviewer.tui.dialogs.review_common import DIALOG_CSS, POLARITY_SYMBOLS, ReviewDialog

SaveJudgement = Callable[[str, str], None]
"""(final, motivation) -> None; raises ReviewError with a Dutch message."""


def evidence_line(item: Evidence) -> str:
    who = item.role_label + (f", {item.organisation}" if item.organisation else "")
    quote = " [citaat]" if item.quote else ""
    aspect = f" ({item.aspect})" if item.aspect else ""
    return f"{POLARITY_SYMBOLS.get(item.polarity, '?')} {item.source_label} · {who}{aspect}{quote}\n   {item.text}"


class JudgementDialog(ReviewDialog):
    """Returns True when a judgement was saved, False when cancelled."""

    DEFAULT_CSS = DIALOG_CSS + """
    JudgementDialog #evidence { height: 1fr; min-height: 5; max-height: 14; }
    JudgementDialog RadioSet { layout: horizontal; height: auto; width: 100%; }
    JudgementDialog .review-dialog { height: 100%; max-height: 24; }
    """

    BINDINGS = [Binding("escape", "cancel", "Terug"), Binding("ctrl+s", "save", "Opslaan")]

    def __init__(self, *, title: str, cell: Cell, evidence: list[Evidence], context: list[Evidence],
                 source_counts: dict[str, dict[str, int]], save: SaveJudgement) -> None:
        super().__init__()
        self.title_text = title
        self.cell = cell
        self.evidence = evidence
        self.context = context
        self.source_counts = source_counts
        self._save = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="review-dialog"):
            yield Static(self.title_text, classes="review-title", markup=False)
            with VerticalScroll(id="evidence"):
                yield Static(self._analysis(), markup=False)
                for item in self.evidence:
                    yield Static(evidence_line(item), markup=False, classes="evidence")
                if self.context:
                    yield Static("Context zonder casus (niet meegeteld):", classes="review-hint")
                    for item in self.context:
                        yield Static(evidence_line(item), markup=False, classes="evidence")
            chosen = self.cell.final or self.cell.suggestion.value
            with RadioSet(id="final"):
                for value in VALUES:
                    yield RadioButton(value, value=value == chosen, name=value)
            yield Input(self.cell.motivation or "", placeholder="Motivering (verplicht)", id="motivation")
            yield Static("", id="error", classes="review-error")
            yield Static("Tab wisselt, pijltjes kiezen, Enter in motivering bewaart, Esc terug.",
                         classes="review-hint")

    def _analysis(self) -> str:
        s = self.cell.suggestion
        lines = [f"Voorstel: {s.value}" + (f" · Oordeel: {self.cell.final}" if self.cell.final else "")]
        lines += [f"  - {r}" for r in s.reasons]
        lines += [f"  ! {w}" for w in s.warnings]
        if len(self.cell.aspects) > 1:
            lines.append("Aspecten: " + ", ".join(f"{a} {x.symbol}" for a, x in self.cell.aspects))
        counts = "; ".join(f"{src}: " + " ".join(f"{n}{POLARITY_SYMBOLS[p]}" for p, n in c.items() if n)
                           for src, c in sorted(self.source_counts.items()))
        lines.append(f"Bewijs per bron: {counts or 'geen'}")
        if not self.evidence:
            lines.append("Geen bewijsstukken voor deze cel.")
        return "\n".join(lines)

    def on_mount(self) -> None:
        self.query_one("#motivation", Input).focus()

    @on(Input.Submitted, "#motivation")
    def action_save(self) -> None:
        radio = self.query_one(RadioSet).pressed_button
        final = radio.name if radio is not None and radio.name else self.cell.suggestion.value
        self.attempt(lambda: self._save(final, self.query_one("#motivation", Input).value))
