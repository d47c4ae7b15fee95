"""The help screen (F1, or ? where no text field has focus): every key, per screen."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Startscherm", [
        ("n", "nieuw interview (intake)"),
        ("Enter", "gekozen interview hervatten of heropenen"),
        ("r / e", "beoordelen / exporteren"),
        ("d", "demo-onderzoek laden"),
        ("o", "nieuw onderzoek aanmaken"),
    ]),
    ("Intake en interview", [
        ("Enter", "antwoord opslaan (regel, keuze, score)"),
        ("Ctrl+S", "antwoord opslaan, ook in een tekstvak"),
        ("1-9", "optie kiezen; bij meerkeuze aan/uit (ook Spatie)"),
        ("Ctrl+B", "vorige vraag (eerder antwoord wijzigen)"),
        ("Ctrl+F", "volgende vraag zonder te wijzigen"),
        ("Ctrl+N", "vraag overslaan"),
        ("F2 / F3 / F4", "weet niet / wil niet zeggen / n.v.t."),
        ("Ctrl+O", "opmerking bij deze vraag"),
        ("Ctrl+T", "citaat aan/uit (laatste open antwoord)"),
        ("Ctrl+R", "polariteit + / − / 0 (laatste open antwoord)"),
        ("Ctrl+G", "naar een sectie springen"),
        ("F8", "samenvatting en afronden"),
        ("Esc", "pauze: terug naar het startscherm (alles is bewaard)"),
    ]),
    ("Overal", [
        ("F1 of ?", "deze hulp (? alleen buiten een tekstvak)"),
        ("Esc", "dialoog sluiten zonder iets te wijzigen"),
        ("Ctrl+Q", "afsluiten; elk antwoord is al opgeslagen"),
    ]),
]


def keys_table() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    for title, rows in KEYS:
        table.add_row(Text(title, style="bold underline"), "")
        for key, text in rows:
            table.add_row(key, text)
        table.add_row("", "")
    return table


class HelpDialog(ModalScreen[None]):
    """Lists every key; Escape, F1, ? or q closes it."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Sluiten")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Toetsen", classes="dialog-title")
            with VerticalScroll():
                yield Static(keys_table())
            yield Static("Esc sluit deze hulp.", classes="dialog-hint")
