"""The chapters of the report, in the order and wording of the Venlo report.

Generated text only states facts from the store (counts, names of organisations, the
toezichtkader). Where the inspector has not written findings yet, the draft proposes
"Wat gaat goed" / "Wat moet beter" sentences from the per-aspect judgements (wording in
rapportzinnen.yaml), each marked "[concept]"; the evidence itself goes to the separate
bewijsoverzicht, never into the report.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from docx.table import _Cell

from interviewer.core.models import ReportSection, Theme
from interviewer.core.report.builder import Builder, merge_down, split_paragraphs
from interviewer.core.report.data import (
    Finding,
    ReportData,
    dutch_date,
    dutch_month,
    parse_date,
)
from interviewer.core.report.drafts import number_word
from interviewer.core.study_info import Activity, activities, inspecties

if TYPE_CHECKING:
    from interviewer.core.report.drafts import Draft

TSD_FOOTNOTE = (
    "Toezicht Sociaal Domein is een samenwerkingsverband van {n} rijksinspecties: {names}."
)
SEED_REGION = "regio Noord- en Midden-Limburg"
"""The toezichtkader was transcribed from the Venlo study; its text names Venlo's region."""
FOOTNOTE_CRITERIA = "Heeft betrekking op huishoudens met en zonder kinderen"
FOOTNOTE_PROTOCOL = (
    "VNG-model Handelingsprotocol voor het Advies en Meldpunt Huiselijk geweld en "
    "kindermishandeling, 'Veilig Thuis': VT neemt verantwoordelijkheid voor veiligheid en herstel "
    "bij alle meldingen waarvoor een vervolgtraject wordt ingezet. Dat wil zeggen dat VT er zorg "
    "voor draagt dat een veiligheidsplan en een hulpverlenings- en herstelplan worden opgesteld in "
    "alle meldingen die daarvoor in aanmerking komen. In meldingen waar VT zelf de "
    "verantwoordelijkheid neemt voor de vervolgstappen en/of onderzoek doet, stelt het zelf deze "
    "plannen op. Bij meldingen die worden overgedragen maakt VT afspraken met ketenpartners over "
    "het opstellen en uitvoeren van die plannen."
)
"""Bijlage 1's notes 5 and 6 of the Venlo report (on 'volwassenen' and on indicator 3)."""
ROLE_GROUPS = {
    "veilig_thuis": "professionals van Veilig Thuis", "casusregisseur": "casusregisseurs",
    "supervisor": "leidinggevenden", "client": "cliënten", "jeugdige": "jeugdigen",
    "netwerkpartner": "professionals van netwerkpartners", "gemeente": "de gemeente",
}
"""How the Inleiding names the groups that were interviewed."""
NO_ORGANISATION = frozenset({"geen", "-", "n.v.t.", "nvt", "onbekend", "nee"})
H_INLEIDING = "Inleiding"
H_RESULTATEN = "Resultaten"
H_GOEDE_VOORBEELDEN = "Goede voorbeelden"
H_CONCLUSIE = "Conclusie"
H_AANBEVELINGEN = "Aanbevelingen in het kort"
H_NAZORG = "Nazorg"
H_BIJLAGE1 = "Bijlage 1: Toezichtkader"
H_BIJLAGE2 = "Bijlage 2: Onderzoeksopzet"
H_BIJLAGE3 = "Bijlage 3: Deelnemende partijen aan onderzoek"
MAX_RECOMMENDATION_POINTS = 6
"""The report gives five or six aanbevelingen: the concept offers the six clearest points."""
MAX_EXAMPLE_ANSWERS = 4
"""Answers to the good-examples questions shown as concept lines: a start, not a list."""

Drafts = Callable[[], "Draft"]


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def outline(data: ReportData) -> list[tuple[int, str]]:
    """Level-1 and level-2 headings, for the cached table of contents."""
    entries = [(1, H_INLEIDING), (1, H_RESULTATEN)]
    entries += [(2, t.report_heading) for t in data.framework.themes]
    entries += [(1, h) for h in (H_GOEDE_VOORBEELDEN, H_CONCLUSIE, H_AANBEVELINGEN, H_NAZORG,
                                 H_BIJLAGE1, H_BIJLAGE2, H_BIJLAGE3)]
    return entries


# --------------------------------------------------------------------------- front matter


def title_page(b: Builder, data: ReportData, today: date) -> None:
    b.label("Toezicht Sociaal Domein")
    b.para("Concept", "Subtitle")
    for _ in range(5):
        b.para()
    b.para("Rapportage", "Title")
    b.para(str(data.study["title"]), "Subtitle")
    b.para(data.name, "Subtitle")
    for _ in range(8):
        b.para()
    b.para("De rijksinspecties die binnen Toezicht Sociaal Domein samenwerken zijn:")
    b.bullets(inspecties(data.study))
    b.para()
    place = str(data.study.get("place") or "").strip()
    b.para(f"{place}, {dutch_month(today)}" if place else dutch_month(today))
    b.page_break()


def contents(b: Builder, data: ReportData) -> None:
    b.para("Inhoudsopgave", "TOC Heading")
    b.toc(outline(data))


def region_phrase(data: ReportData) -> str:
    """'de regio Maas en Heuvel' from the study's region ('Regio Maas en Heuvel' or 'Maas en Heuvel')."""
    region = str(data.study.get("region") or "").strip()
    if not region:
        return ""
    if region.lower().startswith("regio"):
        return f"de {region[0].lower()}{region[1:]}"
    return f"de regio {region}"


def inleiding(b: Builder, data: ReportData) -> None:
    b.heading(H_INLEIDING, 1)
    where = region_phrase(data)
    first = b.runs([("De samenwerkende rijksinspecties (hierna: inspecties) binnen Toezicht Sociaal "
                     "Domein", "")])
    names = inspecties(data.study)
    b.footnote(first, TSD_FOOTNOTE.format(n=number_word(len(names)), names=and_list(names)))
    first.add_run(b.scrub(
        f" onderzochten {'in ' + where + ' ' if where else ''}het functioneren van het lokale "
        "netwerk na onderzoek en overdracht van een casus door Veilig Thuis. Het doel van het "
        "onderzoek is het bevorderen van de zorg en ondersteuning die het lokale netwerk biedt aan "
        "kwetsbare gezinnen die na onderzoek door Veilig Thuis zijn overgedragen."))
    b.para(
        "De focus van het onderzoek ligt op het vinden van goede voorbeelden en werkzame "
        "elementen die overdraagbaar zijn naar andere gemeenten en instellingen in Nederland. De "
        "inspecties keken naar goede punten en verbeterpunten.")
    gemeenten = data.gemeenten or [data.name]
    scope = (f"de gemeenten {and_list(gemeenten)}" if len(gemeenten) > 1 else f"de gemeente {gemeenten[0]}")
    b.para(f"Het onderzoek heeft plaatsgevonden in {scope}. Dit rapport gaat over de gemeente "
           f"{data.name}.")
    groups = [ROLE_GROUPS.get(source, source) for source in data.sources_interviewed()]
    talked = f" met {and_list(groups)}" if groups else ""
    b.para(
        f"In de gemeente {data.name} volgden de inspecties "
        f"{plural(data.casussen, 'casus', 'casussen')}. Zij bestudeerden "
        f"{plural(data.dossiers, 'dossier', 'dossiers')} en voerden "
        f"{plural(len(data.talks), 'interview', 'interviews')}{talked}.")
    b.para("Bijlage 1 is het toezichtkader voor het onderzoek. In het toezichtkader staan de "
           "indicatoren voor veiligheid, passende hulp en evaluatie.")
    b.para("Bijlage 2 geeft de in het onderzoek gebruikte bronnen weer. De bij dit onderzoek "
           "betrokken instanties staan in bijlage 3.")
    toegang(b, data)


def toegang(b: Builder, data: ReportData) -> None:
    """How cases reach the local network: the inspector's text, or a concept from the facts."""
    b.label("Toegang tot zorg")
    written = data.findings_of("toegang")
    if written:
        for finding in written:
            b.paras(finding.text)
        return
    teams = data.regie_organisations()
    if teams:
        b.concept(f"De casussen waarin Veilig Thuis onderzoek heeft gedaan en die worden "
                  f"overgedragen aan het lokale netwerk, komen in {data.name} terecht bij "
                  f"{and_list(teams)}.")
    b.concept("Beschrijf hoe de toegang in de gemeente is ingericht: welke teams de regie voeren, "
              "welke organisaties de hulp uitvoeren en waar expertise op het gebied van huiselijk "
              "geweld en kindermishandeling zit.")


# --------------------------------------------------------------------------- resultaten


def resultaten(b: Builder, data: ReportData, draft: Drafts) -> None:
    b.heading(H_RESULTATEN, 1)
    b.bullets([
        "De volgende paragrafen geven de resultaten weer aan de hand van thema's voor de "
        f"gemeente {data.name}. De thema's komen voort uit het toezichtkader (zie bijlage 1).",
        "De inspecties beschrijven de situatie zoals aangetroffen in de praktijk. Indien in de "
        "resultaten beleid(voornemens) worden beschreven dan is dit in de tekst weergegeven.",
    ])
    for theme in data.framework.themes:
        _theme(b, data, theme, draft)


def _theme(b: Builder, data: ReportData, theme: Theme, draft: Drafts) -> None:
    b.heading(theme.report_heading, 2)
    sections = theme.report_sections or [
        ReportSection(heading=theme.report_heading,
                      indicators=[i.number for c in theme.criteria for i in c.indicators])]
    placed = _place_findings(data, theme, sections)
    for item in placed.get(-1, []):  # findings on none of the sub-headings' indicators
        _item(b, item)
    for index, section in enumerate(sections):
        b.heading(section.heading, 3)
        _section(b, placed.get(index, []), section, draft)


def _section(b: Builder, written: list[Finding], section: ReportSection, draft: Drafts) -> None:
    """Per kind, the inspector's findings; where the inspector wrote none yet, the concept points."""
    drafted = draft().for_indicators(section.indicators) if len({f.kind for f in written}) < 2 else []
    if not written and not drafted:
        b.concept("Nog onvoldoende gegevens voor een voorstel; zie het bewijsoverzicht.")
        return
    for kind, label in (("goed", "Wat gaat goed:"), ("beter", "Wat moet beter:")):
        own = [f for f in written if f.kind == kind]
        concept = [i for i in drafted if i.kind == kind] if not own else []
        if own or concept:
            b.label(label)
        for finding in own:
            _item(b, finding)
        for item in concept:
            b.label(item.heading, italic=True)
            b.concept(item.text)


def _place_findings(data: ReportData, theme: Theme,
                    sections: list[ReportSection]) -> dict[int, list[Finding]]:
    """Each finding goes under the first sub-heading that shares one of its indicators."""
    placed: dict[int, list[Finding]] = defaultdict(list)
    for finding in data.findings:
        if finding.theme != theme.id or finding.kind not in ("goed", "beter"):
            continue
        index = next((i for i, s in enumerate(sections)
                      if set(s.indicators) & set(finding.indicators)), -1)
        placed[index].append(finding)
    return placed


def _item(b: Builder, finding: Finding) -> None:
    if finding.heading:
        b.label(finding.heading, italic=True)
    b.paras(finding.text)


# --------------------------------------------------------------------------- closing chapters


def goede_voorbeelden(b: Builder, data: ReportData, draft: Drafts) -> None:
    b.heading(H_GOEDE_VOORBEELDEN, 1)
    items = data.findings_of("goed_voorbeeld")
    if items:
        for finding in items:
            text = " ".join(split_paragraphs(finding.text))
            if finding.heading:
                b.runs([(f"{finding.heading}: ", "bold"), (text, "")], "List Bullet")
            else:
                b.para(text, "List Bullet")
        return
    b.concept("Nog geen goede voorbeelden vastgelegd. Een goed voorbeeld gaat verder dan de "
              "norm in het toezichtkader. Voorstellen uit wat in de casussen goed gaat:")
    drafted = draft()
    candidates = [f.heading or f.text for f in data.findings_of("goed")] + drafted.examples
    for line in dict.fromkeys(candidates):
        heading, _, rest = line.partition(": ")
        if rest:
            b.runs([("[concept] ", "concept"), (f"{heading}: ", "bold"), (rest, "concept")], "List Bullet")
        else:
            b.runs([("[concept] ", "concept"), (line, "concept")], "List Bullet")
    answers = data.example_answers()[:MAX_EXAMPLE_ANSWERS]
    if answers:
        b.concept("Genoemd in de interviews als iets dat goed werkt:")
        for answer in answers:
            b.concept(f"– „{answer}”")


def conclusie(b: Builder, data: ReportData, draft: Drafts) -> None:
    b.heading(H_CONCLUSIE, 1)
    items = data.findings_of("conclusie")
    if items:
        for finding in items:
            b.paras(finding.text)
        return
    drafted = draft()
    good = list(dict.fromkeys(i.as_phrase() for i in drafted.main_points("goed")))
    better = list(dict.fromkeys(i.as_phrase() for i in drafted.main_points("beter")))
    b.concept("Nog geen conclusie geschreven. Houvast uit de voorgestelde oordelen (alleen wat in "
              "de meeste casussen zo is):")
    if good:
        b.concept(f"In de gemeente {data.name} gaat het goed op: {and_list(good)}.")
    if better:
        b.concept(f"Beter moet: {and_list(better)}.")


def aanbevelingen(b: Builder, data: ReportData, draft: Drafts) -> None:
    b.heading(H_AANBEVELINGEN, 1)
    items = data.findings_of("aanbeveling")
    if items:
        b.numbered(" ".join(split_paragraphs(f.text)) for f in items)
        return
    b.concept("Nog geen aanbevelingen vastgelegd. Formuleer vijf à zes aanbevelingen bij de "
              "punten onder 'Wat moet beter':")
    points = [f.heading or f.text for f in data.findings_of("beter")]
    points += [i.heading for i in draft().main_points("beter", MAX_RECOMMENDATION_POINTS)]
    for point in dict.fromkeys(points):
        b.concept(f"– {point}")


def nazorg(b: Builder, data: ReportData) -> None:
    b.heading(H_NAZORG, 1)
    when = parse_date(data.gemeente.get("nazorg_date"))
    date_part = (dutch_date(when), "") if when else (
        "[concept: datum invullen waarop de gemeente de verbeteringen meldt]", "concept")
    b.runs([
        (f"De inspecties vragen de gemeente {data.name} regie te voeren op het samen met de "
         "organisaties doorvoeren van de noodzakelijke verbeteringen bij het bieden van "
         "veiligheid en passende hulp aan kwetsbare gezinnen die zijn overgedragen door Veilig "
         "Thuis aan het lokale veld. De inspecties vernemen graag vóór ", ""),
        date_part,
        (" schriftelijk welke verbeteringen worden getroffen. Een jaar na vaststelling van deze "
         f"rapportage gaan de inspecties met de gemeente {data.name} en alle betrokken partijen "
         "de voortgang van de verbetermaatregelen na.", ""),
    ])


# --------------------------------------------------------------------------- bijlagen

BIJLAGE1_HEADER = ("Criteria TSD", "Indicator", "Operationalisering", "Oordeel/beslisregel")
BIJLAGE1_WIDTHS = (3.5, 4.1, 4.2, 4.2)
"""Wide enough for the longest words of the toezichtkader at the table's 8 pt with narrow cell
margins, summing to the text width of 16 cm (a reader without Dutch hyphenation would otherwise
cut them mid-word)."""


BREAK_AFTER_SLASH = "/\u200b"
"""A zero-width space after a slash lets a narrow column break "risico's/ontwikkelings-
bedreigingen" at the slash instead of cutting the word."""


def cell_text(text: str) -> str:
    return re.sub(r"(?<=\w)/(?=\w)", BREAK_AFTER_SLASH, text)


def regional(text: str, data: ReportData) -> str:
    """The toezichtkader names Venlo's region; another study's Bijlage 1 names its own."""
    if SEED_REGION not in text:
        return text
    where = region_phrase(data)
    own = where.removeprefix("de ") if where else ""
    if own == SEED_REGION:
        return text
    if not own:
        return text.replace(f"samenwerkingsafspraken {SEED_REGION}", "regionale samenwerkingsafspraken")
    return text.replace(SEED_REGION, own)


def bijlage1(b: Builder, data: ReportData) -> None:
    b.heading(H_BIJLAGE1, 1)
    b.para(f"{data.framework.title} | Toezicht Sociaal Domein")
    noted: set[str] = set()
    for theme in data.framework.themes:
        b.heading(theme.question, 3)
        b.label(f"Thema: {theme.title}")
        table = b.table(BIJLAGE1_HEADER, BIJLAGE1_WIDTHS)
        for criterion in theme.criteria:
            criterion_cells: list[_Cell] = []
            for indicator in criterion.indicators:
                indicator_cells: list[_Cell] = []
                # One row per aspect keeps each operationalisering beside its beslisregel.
                for aspect in indicator.aspects:
                    cells = b.row(table)
                    if not criterion_cells:
                        b.cell_paras(cells[0], [(cell_text(criterion.text), False)], framework_text=True)
                        _criterion_note(b, cells[0], criterion.text, noted)
                    if not indicator_cells:
                        b.cell_paras(cells[1], [(cell_text(f"{indicator.number} {indicator.text}"), False)],
                                     framework_text=True)
                        if indicator.number == 3 and "protocol" not in noted:
                            noted.add("protocol")
                            b.footnote(cells[1].paragraphs[-1], FOOTNOTE_PROTOCOL)
                    criterion_cells.append(cells[0])
                    indicator_cells.append(cells[1])
                    lines = [cell_text(regional(p, data)) for p in aspect.operationalisering.split("\n")
                             if p.strip()]
                    b.cell_paras(cells[2], [(aspect.title, True)] + [(p, False) for p in lines],
                                 framework_text=True)
                    b.cell_paras(cells[3], [(cell_text(regional(aspect.beslisregel, data)), False)],
                                 framework_text=True)
                merge_down(indicator_cells)
            merge_down(criterion_cells)
        b.para()


def _criterion_note(b: Builder, cell: _Cell, text: str, noted: set[str]) -> None:
    """Note 5 of the Venlo report: 'volwassenen' covers households with and without children."""
    if "criteria" not in noted and "volwassenen" in text:
        noted.add("criteria")
        b.footnote(cell.paragraphs[-1], FOOTNOTE_CRITERIA)


def bijlage2(b: Builder, data: ReportData) -> None:
    b.heading(H_BIJLAGE2, 1)
    done = activities(data.store, data.study["id"], data.gemeente["id"])
    _activity_block(b, done, "documentenanalyse", "Documentenanalyse",
                    "Vul aan welke documenten zijn bestudeerd, bijvoorbeeld beleidsdocumenten, "
                    "samenwerkingsafspraken en werkinstructies (interviewer activiteit toevoegen).")
    b.label("Dossieronderzoek", italic=True)
    b.bullets([f"Bestudeerde dossiers: {data.dossiers}"])
    b.label("Interviews", italic=True)
    b.bullets([f"{label}: {n}" for label, n in data.interviews_per_role()]
              + [f"Totaal: {plural(len(data.talks), 'interview', 'interviews')}"])
    if data.refusals:
        b.para(f"{plural(data.refusals, 'respondent wilde', 'respondenten wilden')} niet "
               "deelnemen aan een interview.")
    _activity_block(b, done, "reflectiebijeenkomst", "Reflectiebijeenkomst",
                    "Vul aan wanneer de reflectiebijeenkomst is gehouden en welke instanties "
                    "aanwezig waren (interviewer activiteit toevoegen).")
    _activity_block(b, done, "overig", "Overige activiteiten", None)
    b.para("Indien u vragen heeft over de onderzoeksmethode dan kunt u het externe plan van "
           "aanpak opvragen door te mailen naar: info@toezichtsociaaldomein.nl")


def _activity_block(b: Builder, done: list[Activity], kind: str, label: str, missing: str | None) -> None:
    chosen = [a for a in done if a.kind == kind]
    if not chosen and missing is None:
        return
    b.label(label, italic=True)
    if not chosen:
        b.concept(missing or "")
        return
    lines = []
    for activity in chosen:
        when = dutch_date(activity.on) if activity.on else ""
        text = "; ".join(p for p in (when, activity.description) if p)
        lines.append(text[0].upper() + text[1:] if text else label)
    b.bullets(lines)


def bijlage3(b: Builder, data: ReportData) -> None:
    b.heading(H_BIJLAGE3, 1)
    b.para("De samenwerkende inspecties hebben de volgende instanties bij het onderzoek "
           "betrokken:")
    organisations = [o for o in data.organisations if o.casefold() not in NO_ORGANISATION]
    if organisations:
        b.bullets(organisations)
    else:
        b.concept("Er zijn nog geen interviews met organisaties vastgelegd.")
