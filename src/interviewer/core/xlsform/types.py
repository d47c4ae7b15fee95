"""XLSForm question types -> what the importer does with the row.

Type names, their aliases and older spellings (`select one from`, `string`, `int`,
`begin loop`, ...) are pyxform's: its question type dictionary and parsing patterns decide
what a type means, so we never re-derive the XLSForm spec.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

ROW_BEGIN, ROW_END, ROW_NOTE, ROW_QUESTION, ROW_SKIP = "begin", "end", "note", "question", "skip"

WHY_SKIPPED = {
    "calculate": "berekeningen (calculate) voert de vragenlijst niet uit",
    "hidden": "een verborgen veld heeft niets te vragen",
    "metadata": "automatisch vastgelegde gegevens (metadata); er valt niets te vragen",
    "media": "foto, geluid, video en bestanden worden niet vastgelegd",
    "geo": "locaties (GPS, kaart) worden niet vastgelegd",
    "barcode": "barcodes scannen kan niet",
    "rank": "rangschikken (rank) kent de vragenlijst niet",
    "file_choices": "keuzes uit een extern bestand worden niet geladen",
    "external": "een externe keuzelijst (select_one_external) wordt niet geladen",
    "osm": "OpenStreetMap-vragen worden niet ondersteund",
    "cascading": "trapsgewijze keuzes (cascading select) worden niet ondersteund",
    "loop": "een lus (begin loop over) over een keuzelijst die niet in choices staat of geen opties heeft; "
    "de vragen erin worden overgeslagen",
    "xml-external": "externe gegevens (xml-/csv-external) worden niet geladen",
    "no_list": "een keuzevraag zonder keuzelijst in het type (schrijf 'select_one lijstnaam')",
}
"""Why a row of this kind is skipped; the README's XLSForm section lists these."""

SUPPORTED = {
    "text, string": "open",
    "integer, int, decimal": "getal",
    "date": "datum",
    "time, datetime": "open, met het formaat als hint en een controle op de vorm (uu:mm, dd-mm-jjjj uu:mm)",
    "select_one LIJST": "keuze (janee bij een lijst ja_nee/yes_no met precies ja en nee)",
    "select_multiple LIJST": "meerkeuze",
    "select_one LIJST or_other": "keuze met optie 'Anders' en een open vervolgvraag",
    "range": "schaal (met kolom zrm = yes: zrm)",
    "acknowledge, trigger": "janee",
    "note": "toelichting (guidance) bij de volgende vraag",
    "begin_group/end_group (ook genest)": "secties; de voorwaarden van omliggende groepen gelden samen",
    "begin loop over LIJST": "een sectie per optie van de lijst met de vragen erin (zoals pyxform de lus "
    "uitschrijft; %(name)s en %(label)s worden ingevuld, namen krijgen de optie als achtervoegsel)",
    "begin_repeat/end_repeat (ook genest)": "een sectie die één keer wordt gevraagd, niet herhaald (met een melding "
    "per herhaling); haar relevant blijft, repeat_count/jr:count wordt gemeld als niet overgenomen",
}
"""What each supported row type becomes; the README's XLSForm section lists these."""


@dataclass(frozen=True)
class RowType:
    kind: str
    ours: str = ""
    """Our question type for a question row."""
    base: str = ""
    """XLSForm's base type: integer, decimal, time, datetime, acknowledge, ..."""
    list_name: str | None = None
    or_other: bool = False
    control: str = ""
    """group, repeat or loop, for begin/end rows."""
    why: str = ""
    """Why the row (or, for a begin row, the block) is skipped."""


_CONTROLS = {"group": "group", "loop": "loop"}
"""pyxform's control names that are not a repeat."""


def _skip(key: str) -> RowType:
    return RowType(ROW_SKIP, why=WHY_SKIPPED[key])


@lru_cache(maxsize=512)
def classify(type_text: str) -> RowType:
    from pyxform import aliases, constants
    from pyxform.question_type_dictionary import QUESTION_TYPE_DICT
    from pyxform.xls2json import RE_BEGIN_CONTROL, RE_END_CONTROL, RE_OSM, RE_SELECT

    text = " ".join(type_text.split())
    if not text:
        return RowType(ROW_SKIP, why="rij zonder type")
    lowered = text.lower()
    begin = RE_BEGIN_CONTROL.match(lowered)
    if begin:
        control = aliases.control[begin.group("type")]
        if control == constants.GROUP:
            return RowType(ROW_BEGIN, control="group")
        if control == constants.LOOP:
            return RowType(ROW_BEGIN, control="loop", list_name=begin.group("list_name"), why=WHY_SKIPPED["loop"])
        return RowType(ROW_BEGIN, control="repeat")
    end = RE_END_CONTROL.match(lowered)
    if end:
        control = aliases.control[end.group("type")]
        return RowType(ROW_END, control=_CONTROLS.get(control, "repeat"))
    select = RE_SELECT.match(text)
    if select:
        return _select(select.group("select_command"), select.group("list_name"), bool(select.group("specify_other")))
    if RE_OSM.match(text) or lowered.startswith("osm"):
        return _skip("osm")
    if lowered.split()[0] in ("cascading_select", "cascading"):
        return _skip("cascading")
    if lowered.split()[0] in ("select_one", "select_multiple", "select1", "select"):
        return _skip("no_list")
    if lowered == "note" or lowered in ("q note", "add note prompt"):
        return RowType(ROW_NOTE)
    entry = QUESTION_TYPE_DICT.get(text) or QUESTION_TYPE_DICT.get(lowered)
    if entry is None:
        return RowType(ROW_SKIP, why=f"onbekend type '{text}'")
    return _from_dictionary(lowered, entry)


def _select(command: str, list_name: str, or_other: bool) -> RowType:
    from pyxform import aliases, constants

    resolved = aliases.select[command]
    if command in aliases.select_from_file or "." in list_name:
        return _skip("file_choices")
    if resolved == constants.SELECT_ONE_EXTERNAL:
        return _skip("external")
    if resolved == constants.RANK:
        return _skip("rank")
    ours = "meerkeuze" if resolved == constants.SELECT_ALL_THAT_APPLY else "keuze"
    base = "select_multiple" if ours == "meerkeuze" else "select_one"
    return RowType(ROW_QUESTION, ours=ours, base=base, list_name=list_name, or_other=or_other)


def _from_dictionary(name: str, entry: dict[str, Any]) -> RowType:
    bind = (entry.get("bind") or {}).get("type")
    tag = (entry.get("control") or {}).get("tag")
    if "calculate" in name:
        return _skip("calculate")
    if name == "hidden":
        return _skip("hidden")
    if name.endswith("-external"):
        return _skip("xml-external")
    if bind in ("geopoint", "geoshape", "geotrace"):
        return _skip("geo")
    if bind == "binary":
        return _skip("media" if tag == "upload" else "metadata")
    if tag is None or tag == "action":
        return _skip("metadata")
    if bind == "barcode":
        return _skip("barcode")
    if bind == "odk:rank":
        return _skip("rank")
    if tag in ("select", "select1"):
        return _skip("no_list")
    if tag == "trigger":
        return RowType(ROW_QUESTION, ours="janee", base="acknowledge")
    if tag == "range":
        return RowType(ROW_QUESTION, ours="schaal", base="range")
    simple = {"int": ("getal", "integer"), "decimal": ("getal", "decimal"), "date": ("datum", "date"),
              "time": ("open", "time"), "dateTime": ("open", "datetime"), "string": ("open", "text")}
    if bind in simple and tag == "input":
        ours, base = simple[bind]
        return RowType(ROW_QUESTION, ours=ours, base=base)
    return RowType(ROW_SKIP, why=f"onbekend type '{name}'")
