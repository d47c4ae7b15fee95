"""Drill into one matrix cell: the evidence, a decision per aspect, and the indicator judgement.

The inspector decides per aspect (operationalisering) with + − ? on the aspect list (x
withdraws); the indicator follows by the toezichtkader's rule and can be overridden with a
motivation. All rules live in core.review.save_cell_decision; this dialog only collects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from interviewer.core.beslisregels import source_label
from interviewer.core.models import Indicator
from interviewer.core.review import CellDecision, ReviewError
from interviewer.core.scoring import NEGATIEF, NTB, POSITIEF, VALUES, Cell, Evidence
from interviewer.core.scoring.judge import SYMBOLS, Suggestion, derive
from interviewer.tui.dialogs.review_common import DIALOG_CSS, POLARITY_SYMBOLS, ReviewDialog

SaveDecision = Callable[[CellDecision], None]
"""Saves through core; raises ReviewError with a Dutch message."""
TagEvidence = Callable[[Evidence, str | None], None]
"""Tags an open answer for the item's aspect through core (None clears); raises ReviewError."""
TAG_KEYS = {"plus": "+", "equals_sign": "+", "minus": "-", "0": "0", "x": None}

COUNT_WORDS = {"+": "+", "-": "−", "0": "neutraal", "?": "zonder oordeel"}
ASPECT_KEYS = {"plus": POSITIEF, "equals_sign": POSITIEF, "minus": NEGATIEF, "question_mark": NTB}


def evidence_line(item: Evidence) -> str:
    who = item.role_label + (f", {item.organisation}" if item.organisation else "")
    quote = " [citaat]" if item.quote else ""
    aspect = f" ({item.aspect})" if item.aspect else ""
    context = "" if item.counted else " [context, niet meegeteld]"
    return (f"{POLARITY_SYMBOLS.get(item.polarity, '?')} {item.source_label} · {who}{aspect}{quote}{context}\n"
            f"   {item.text}")


def count_text(counts: dict[str, dict[str, int]]) -> str:
    """'Cliënt: 1× +, 1× neutraal': a count never touches a polarity sign ('1+ 10' read as ten)."""
    parts = []
    for source, found in sorted(counts.items(), key=lambda item: source_label(item[0])):
        listed = ", ".join(f"{n}× {COUNT_WORDS[p]}" for p, n in found.items() if n)
        if listed:
            parts.append(f"{source_label(source)}: {listed}")
    return "; ".join(parts) or "geen"


class EvidenceLine(Static):
    """One evidence item; an open answer can take focus and be tagged with + − 0 (x clears)."""

    DEFAULT_CSS = "EvidenceLine:focus { background: $accent 30%; }"

    def __init__(self, item: Evidence) -> None:
        super().__init__(evidence_line(item), markup=False, classes="evidence")
        self.item = item
        self.can_focus = item.taggable

    def show(self, polarity: str) -> None:
        self.item = replace(self.item, polarity=polarity)
        self.update(evidence_line(self.item))


class JudgementDialog(ReviewDialog):
    """Returns True when something was saved, False when cancelled."""

    DEFAULT_CSS = DIALOG_CSS + """
    JudgementDialog #evidence { height: 1fr; min-height: 4; max-height: 12; }
    JudgementDialog #aspects { height: auto; max-height: 5; border: none; padding: 0; }
    JudgementDialog RadioSet { layout: horizontal; height: auto; width: 100%; }
    JudgementDialog Input, JudgementDialog Input:focus { height: 1; border: none; padding: 0 1; }
    JudgementDialog Input { background: $boost; }
    JudgementDialog Input:focus { background: $accent 30%; }
    JudgementDialog .review-dialog { height: 100%; max-height: 28; }
    """

    BINDINGS = [Binding("escape", "cancel", "Terug"), Binding("ctrl+s", "save", "Opslaan")]

    def __init__(self, *, title: str, cell: Cell, indicator: Indicator, evidence: list[Evidence],
                 context: list[Evidence], source_counts: dict[str, dict[str, int]], save: SaveDecision,
                 aspect_titles: dict[str, str] | None = None, tag: TagEvidence | None = None) -> None:
        super().__init__()
        self._tag = tag
        self.tagged = False
        """An open answer was tagged here: the review reloads when the dialog closes."""
        self.title_text = title
        self.cell = cell
        self.indicator = indicator
        self.evidence = evidence
        self.context = context
        self.source_counts = source_counts
        self._save = save
        self.aspect_titles = aspect_titles or {}
        self.decided: dict[str, tuple[str | None, str]] = {
            a: (final, motivation or "") for a, (final, motivation) in cell.aspect_finals.items()}
        """The aspect decisions as edited in this dialog (saved only on save)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="review-dialog"):
            yield Static(self.title_text, classes="review-title", markup=False)
            with VerticalScroll(id="evidence"):
                yield Static(self._analysis(), markup=False)
                if any(item.taggable for item in self.evidence) and self._tag is not None:
                    yield Static("Open antwoord: Tab erheen, + − 0 of x zet de polariteit voor dit aspect.",
                                 classes="review-hint")
                for item in self.evidence:
                    yield EvidenceLine(item)
                if self.context:
                    yield Static("Context zonder casus (niet meegeteld):", classes="review-hint")
                    for item in self.context:
                        yield Static(evidence_line(item), markup=False, classes="evidence")
            yield Static("Aspecten: ↑↓ kiezen, + − ? oordeel, x wissen", classes="review-hint")
            yield OptionList(*self._aspect_options(), id="aspects")
            yield Input(placeholder="Toelichting bij dit aspect (nodig als u afwijkt van het voorstel)",
                        id="aspect-motivation")
            yield Static(self._derived_text(), id="derived", markup=False)
            chosen = self.cell.final or self.cell.value
            with RadioSet(id="final"):
                for value in VALUES:
                    yield RadioButton(value, value=value == chosen, name=value)
            yield Input(self.cell.motivation or "", placeholder="Motivering indicator", id="motivation")
            yield Static("", id="error", classes="review-error")
            yield Static("Tab wisselt, Enter in motivering of Ctrl+S bewaart, Esc terug.", classes="review-hint")

    # ------------------------------------------------------------------ text

    def _analysis(self) -> str:
        s = self.cell.suggestion
        lines = [f"Voorstel: {s.value}" + (f" · Oordeel: {self.cell.final}" if self.cell.final else "")]
        if self.cell.overrides and self.cell.derived is not None:
            lines.append(f"! Uw oordeel wijkt af van wat de aspecten geven ({self.cell.derived.value}); "
                         f"motivering: {self.cell.motivation or '(geen)'}")
        lines += [f"  - {r}" for r in s.reasons]
        lines += [f"  ! {w}" for w in s.warnings]
        lines.append(f"Bewijs per bron: {count_text(self.source_counts)}")
        if not self.evidence:
            lines.append("Geen bewijsstukken voor deze cel.")
        return "\n".join(lines)

    def _aspect_options(self) -> list[Option]:
        options = []
        for aspect, suggestion in self.cell.aspects:
            final = self.decided.get(aspect, (None, ""))[0]
            mark = f"oordeel {SYMBOLS[final]}" if final else "geen oordeel"
            title = self.aspect_titles.get(aspect, "")
            options.append(Option(f"{aspect} {title[:38]:<38} voorstel {suggestion.symbol} · {mark}", id=aspect))
        return options

    def _derived(self) -> Suggestion | None:
        decided = {a: (f, m) for a, (f, m) in self.decided.items() if f is not None}
        return derive(self.indicator, self.cell.aspects, decided) if decided else None

    def _derived_text(self) -> str:
        derived = self._derived()
        if derived is None:
            return "Indicator (nog geen aspect beoordeeld; voorstel " + self.cell.suggestion.value + "):"
        return f"Indicator volgens de aspecten: {derived.value} (afwijken kan met motivering):"

    # ------------------------------------------------------------------ aspects

    def on_mount(self) -> None:
        self.query_one("#motivation", Input).focus()
        self._show_aspect_motivation()

    def _current_aspect(self) -> str | None:
        aspects = self.query_one("#aspects", OptionList)
        if aspects.highlighted is None:
            return None
        return aspects.get_option_at_index(aspects.highlighted).id

    @on(OptionList.OptionHighlighted, "#aspects")
    def _show_aspect_motivation(self) -> None:
        aspect = self._current_aspect()
        note = self.decided.get(aspect, (None, ""))[1] if aspect else ""
        self.query_one("#aspect-motivation", Input).value = note

    @on(Input.Changed, "#aspect-motivation")
    def _keep_aspect_motivation(self, event: Input.Changed) -> None:
        aspect = self._current_aspect()
        if aspect is not None and aspect in self.decided:
            self.decided[aspect] = (self.decided[aspect][0], event.value)

    def on_key(self, event: events.Key) -> None:
        if isinstance(self.focused, EvidenceLine) and event.key in TAG_KEYS:
            event.stop()
            self.tag(self.focused, TAG_KEYS[event.key])
            return
        if self.focused is not self.query_one("#aspects", OptionList):
            return
        if event.key in ASPECT_KEYS or event.key == "x":
            event.stop()
            self.set_aspect(None if event.key == "x" else ASPECT_KEYS[event.key])

    def set_aspect(self, final: str | None) -> None:
        """Decide (or with None withdraw) the highlighted aspect; the indicator choice follows."""
        aspect = self._current_aspect()
        if aspect is None:
            return
        note = self.query_one("#aspect-motivation", Input).value
        self.decided[aspect] = (final, note)
        aspects = self.query_one("#aspects", OptionList)
        highlighted = aspects.highlighted
        aspects.clear_options()
        aspects.add_options(self._aspect_options())
        aspects.highlighted = highlighted
        self.query_one("#derived", Static).update(self._derived_text())
        derived = self._derived()
        if derived is not None:
            for button in self.query(RadioButton):
                button.value = button.name == derived.value

    def tag(self, line: EvidenceLine, polarity: str | None) -> None:
        """Tag an open answer for this aspect; the suggestion follows when the review reloads."""
        if self._tag is None:
            return
        try:
            self._tag(line.item, polarity)
        except ReviewError as exc:
            self.query_one("#error", Static).update(str(exc))
            return
        self.tagged = True
        line.show(polarity or "?")
        self.query_one("#error", Static).update(
            "Polariteit opgeslagen; het voorstel wordt bijgewerkt als u deze dialoog sluit.")

    def action_cancel(self) -> None:
        self.dismiss(self.tagged)

    # ------------------------------------------------------------------ save

    @on(Input.Submitted, "#motivation")
    def action_save(self) -> None:
        radio = self.query_one(RadioSet).pressed_button
        final = radio.name if radio is not None and radio.name else self.cell.value
        changed = {a: (f, m) for a, (f, m) in self.decided.items()
                   if (f, m or None) != (self.cell.aspect_finals.get(a, (None, None))[0],
                                         self.cell.aspect_finals.get(a, (None, None))[1] or None)}
        decision = CellDecision(changed, final, self.query_one("#motivation", Input).value)
        self.attempt(lambda: self._save(decision))
