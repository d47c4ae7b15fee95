"""The side panel: sections with their state, progress and covered indicators."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from interviewer.core.engine import Engine, SectionState

STATE_MARKS = {
    SectionState.DONE: "✓",
    SectionState.CURRENT: "▸",
    SectionState.TODO: "·",
    SectionState.SKIPPED: "–",
}


class SidePanel(Static):
    """A read-only overview, redrawn from the engine after every step."""

    def show_engine(self, engine: Engine) -> None:
        self.update(overview_text(engine))


def overview_text(engine: Engine) -> Text:
    text = Text()
    text.append("Voortgang\n", style="bold")
    text.append(f"{engine.progress()} vragen\n\n")
    text.append("Secties\n", style="bold")
    for section, state in engine.section_states():
        style = "bold" if state is SectionState.CURRENT else ("dim" if state in (
            SectionState.DONE, SectionState.SKIPPED) else "")
        text.append(f"{STATE_MARKS[state]} {section.title} ({state})\n", style=style)
    covered = engine.covered_indicators()
    text.append("\nIndicatoren gedekt\n", style="bold")
    text.append(", ".join(str(n) for n in covered) if covered else "nog geen", style="")
    # The footer has room for the main keys only; point to the rest.
    text.append("\n\nF1 of Ctrl+P: alle toetsen (opmerking, citaat, polariteit, sectie)",
                style="dim")
    return text
