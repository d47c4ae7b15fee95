"""The completion summary: what was never asked, what is missing, skipped, not answered, remarks."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from interviewer.core.answers import STATUS_LABELS
from interviewer.core.session import InterviewSession, Summary


class SummaryScreen(Screen[bool]):
    """Returns True once the interview is marked afgerond, False to go back to it.

    With questions never asked, finishing asks first: an interview is never marked
    afgerond without the inspector seeing what was left.
    """

    BINDINGS = [
        Binding("ctrl+s,enter", "finish", "Afronden"),
        Binding("g", "first_open", "Naar open vraag"),
        Binding("escape,ctrl+b,pageup", "back", "Terug"),
        Binding("question_mark", "app.help", "Hulp"),
    ]
    HELP_TITLE = "Samenvatting"

    def __init__(self, session: InterviewSession) -> None:
        super().__init__()
        self.session = session
        self.summary = session.summary()

    def compose(self) -> ComposeResult:
        yield Static("Samenvatting van het interview", classes="screen-title")
        with VerticalScroll(id="summary", can_focus=True):
            yield Static(summary_text(self.summary))
        yield Footer(compact=True)

    def action_finish(self) -> None:
        from interviewer.tui.dialogs.confirm import ConfirmDialog

        if not self.summary.unasked:
            self._finish()
            return

        def decided(finish: bool | None) -> None:
            if finish:
                self._finish()

        count, sections = self.summary.unasked_count, len(self.summary.unasked)
        self.app.push_screen(ConfirmDialog(
            f"{count} vragen in {sections} sectie(s) zijn nog niet gesteld.\n\n"
            "Toch afronden? U kunt het interview later heropenen.",
            yes="Toch afronden", no="Terug"), decided)

    def _finish(self) -> None:
        from interviewer.core.store import StoreError

        try:
            self.session.finish()
        except StoreError as error:  # locked, full, read-only: say so and stay here
            self.notify(f"Niet afgerond: {error}. Enter probeert het opnieuw.", severity="error")
            return
        self.app.notify("Interview afgerond en opgeslagen.")
        self.dismiss(True)

    def action_first_open(self) -> None:
        from interviewer.core.store import StoreError

        try:
            moved = self.session.goto_first_open()
        except StoreError as error:
            self.notify(f"Niet gelukt: {error}.", severity="error")
            return
        if moved:
            self.dismiss(False)
        else:
            self.notify("Alle vragen op de route zijn gesteld.")

    def action_back(self) -> None:
        self.dismiss(False)


def summary_text(summary: Summary) -> Group:
    parts: list[Text | Table] = [Text(f"{summary.answered} van {summary.reachable} vragen hebben een "
                                      "antwoord of een status.\n")]
    if summary.unasked:
        parts.append(Text(f"Nog niet gesteld: {summary.unasked_count} vragen in "
                          f"{len(summary.unasked)} sectie(s)", style="bold"))
        for section, questions in summary.unasked:
            parts.append(Text(f"  {section.title} ({len(questions)})", style="bold"))
            parts.append(_bullets([q.text + (" (verplicht)" if q.required else "") for q in questions],
                                  indent=4))
        parts.append(Text(""))
    _section(parts, "Verplichte vragen zonder antwoord", [q.text for q in summary.missing_required])
    _section(parts, "Overgeslagen", [q.text for q in summary.skipped])
    _section(parts, "Geen inhoudelijk antwoord",
             [f"{q.text} ({STATUS_LABELS[status]})" for q, status in summary.non_response])
    _section(parts, "Opmerkingen", [f"{q.text}\n{remark}" for q, remark in summary.remarks])
    if summary.unasked or summary.missing_required:
        parts.append(Text("U kunt toch afronden; heropen het interview later om aan te vullen.",
                          style="italic"))
    keys = "g gaat naar de eerste open vraag; " if summary.unasked else ""
    parts.append(Text(f"Enter of Ctrl+S rondt af; {keys}Esc gaat terug naar het interview.", style="dim"))
    return Group(*parts)


def _bullets(lines: list[str], indent: int = 2) -> Table:
    """One bullet per line; a long line wraps under its own text, not under the bullet."""
    table = Table.grid()
    table.add_column(width=indent + 2, no_wrap=True)
    table.add_column()
    for line in lines:
        table.add_row(" " * indent + "• ", line)
    return table


def _section(parts: list[Text | Table], title: str, lines: list[str]) -> None:
    parts.append(Text(f"{title}: {len(lines)}", style="bold"))
    if lines:
        parts.append(_bullets(lines))
    parts.append(Text(""))
