"""The help screen (F1, ? outside a text field, or Ctrl+P > Hulp): the keys of the current
screen first, then the others; scrollable."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: dict[str, list[tuple[str, str]]] = {
    "Startscherm": [
        ("n", "nieuw interview (intake)"),
        ("Enter", "gekozen interview hervatten of heropenen"),
        ("r / e", "beoordelen / rapportage exporteren"),
        ("s", "onderzoeken: kiezen, wijzigen, archiveren"),
        ("o / d", "nieuw onderzoek / demo-onderzoek laden (apart, fictief)"),
        ("u", "uitwisselen: bundel schrijven of bundels samenvoegen"),
        ("q / Ctrl+Q", "afsluiten"),
    ],
    "Onderzoeken": [
        ("Enter", "onderzoek kiezen (startscherm, beoordelen, exporteren)"),
        ("n / w", "nieuw onderzoek / titel, regio, plaats, bewaartermijn, inspecties"),
        ("a / h", "archiveren of terugzetten / gearchiveerde tonen"),
        ("Esc", "terug zonder te wisselen"),
    ],
    "Intake": [
        ("Enter / Ctrl+S", "antwoord bewaren (codes mogen in kleine letters)"),
        ("1-9", "optie kiezen"),
        ("Ctrl+B of PgUp", "vorige stap"),
        ("Esc", "intake annuleren (er is nog niets opgeslagen)"),
    ],
    "Interview": [
        ("Enter / Ctrl+S", "antwoord opslaan (in een tekstvak: Ctrl+S)"),
        ("1-9", "optie kiezen en opslaan (meerkeuze: aan/uit, Enter)"),
        ("Ctrl+B / PgUp", "vorige vraag (eerder antwoord wijzigen)"),
        ("Ctrl+F / PgDn", "volgende vraag zonder te wijzigen"),
        ("Ctrl+N", "vraag overslaan (later stellen)"),
        ("Ctrl+K", "geen antwoord: weet niet, wil niet zeggen, n.v.t."),
        ("F2 / F3 / F4", "direct: weet niet / wil niet zeggen / n.v.t."),
        ("Ctrl+O", "opmerking bij deze vraag"),
        ("Ctrl+T / Ctrl+R", "citaat / polariteit van het laatste open antwoord"),
        ("Ctrl+G", "naar een sectie (cijfer kiest)"),
        ("Ctrl+E / F8", "samenvatting en afronden"),
        ("Esc", "pauze: naar het startscherm (alles is bewaard)"),
    ],
    "Samenvatting": [
        ("Enter / Ctrl+S", "afronden (vraagt eerst als er vragen niet gesteld zijn)"),
        ("g", "naar de eerste vraag die nog niet gesteld is"),
        ("Esc", "terug naar het interview"),
    ],
    "Beoordelen": [
        ("pijltjes", "cel kiezen (casus of organisatie x indicator)"),
        ("Enter", "bewijs van de cel en oordeel vastleggen"),
        ("+ − ? !", "positief / negatief / niet te beoordelen / waarschuwing"),
        ("vet / grijs", "eigen oordeel / voorstel uit de antwoorden"),
        ("g", "volgende gemeente"),
        ("f / n", "bevindingen / nazorgdatum"),
        ("a", "activiteit (documentenanalyse, reflectiebijeenkomst)"),
        ("/", "zoeken; Enter op een treffer opent het antwoord"),
        ("e", "rapportage exporteren"),
        ("Esc", "terug naar het startscherm"),
    ],
    "Overal": [
        ("F1 of ?", "deze hulp (? alleen buiten een tekstvak)"),
        ("Ctrl+P", "alle opdrachten van dit scherm, zoekbaar"),
        ("Esc", "dialoog sluiten zonder iets te wijzigen"),
        ("Ctrl+C", "kopiëren in een tekstvak; sluit de app niet af"),
        ("Ctrl+Q", "afsluiten (vraagt eerst bij niet-opgeslagen tekst)"),
        ("tmux", "Ctrl+B is daar het voorvoegsel: gebruik PgUp"),
    ],
}


def keys_table(first: str | None = None) -> Group:
    """All keys, the section `first` (the current screen) at the top.

    One grid per section with a shared key width: a title inside the grid would widen the
    key column and wrap the descriptions at 80 columns.
    """
    order = ([first] if first in KEYS else []) + [t for t in KEYS if t != first]
    key_width = max(len(key) for rows in KEYS.values() for key, _ in rows)
    parts: list[Text | Table] = []
    for index, title in enumerate(order):
        label = f"{title} (dit scherm)" if title == first else title
        parts.append(Text(("\n" if index else "") + label, style="bold underline"))
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold", width=key_width)
        table.add_column()
        for key, text in KEYS[title]:
            table.add_row(key, text)
        parts.append(table)
    return Group(*parts)


class HelpDialog(ModalScreen[None]):
    """Lists every key, the current screen's first; arrows and PgDn scroll, Esc closes."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Sluiten")]

    def __init__(self, screen_title: str | None = None) -> None:
        super().__init__()
        self.screen_title = screen_title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide help"):
            with VerticalScroll(id="help-keys"):
                yield Static(keys_table(self.screen_title))
            yield Static("↑↓ PgDn scrollen · Esc sluit", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#help-keys").focus()
