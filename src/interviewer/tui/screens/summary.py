"""The completion summary: what is missing, skipped, not answered, and the remarks."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from interviewer.core.answers import STATUS_LABELS
from interviewer.core.session import InterviewSession, Summary


class SummaryScreen(Screen[bool]):
    """Returns True once the interview is marked afgerond, False to go back to it."""

    BINDINGS = [
        Binding("ctrl+s,enter", "finish", "Afronden"),
        Binding("escape,ctrl+b", "back", "Terug naar interview"),
        Binding("question_mark", "app.help", "Hulp", show=False),
    ]

    def __init__(self, session: InterviewSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static("Samenvatting van het interview", classes="screen-title")
        with VerticalScroll(id="summary", can_focus=True):
            yield Static(summary_text(self.session.summary()))
        yield Footer(compact=True)

    def action_finish(self) -> None:
        self.session.finish()
        self.app.notify("Interview afgerond en opgeslagen.")
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)


def summary_text(summary: Summary) -> Text:
    text = Text()
    text.append(f"{summary.answered} van {summary.reachable} vragen hebben een antwoord of "
                "een status.\n\n")
    _section(text, "Verplichte vragen zonder antwoord",
             [q.text for q in summary.missing_required])
    _section(text, "Overgeslagen", [q.text for q in summary.skipped])
    _section(text, "Geen inhoudelijk antwoord",
             [f"{q.text} ({STATUS_LABELS[status]})" for q, status in summary.non_response])
    _section(text, "Opmerkingen", [f"{q.text}\n    {remark}" for q, remark in summary.remarks])
    if summary.missing_required:
        text.append("U kunt toch afronden; heropen het interview later om aan te vullen.\n",
                    style="italic")
    text.append("Enter of Ctrl+S rondt af; Esc gaat terug naar het interview.", style="dim")
    return text


def _section(text: Text, title: str, lines: list[str]) -> None:
    text.append(f"{title}: {len(lines)}\n", style="bold")
    for line in lines:
        text.append(f"  • {line}\n")
    text.append("\n")
