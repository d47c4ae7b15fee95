"""The chapters of the report, in the order and wording of the Venlo report.

Generated text only states facts from the store (counts, names of organisations, the
toezichtkader). Where the inspector has not written findings yet, the draft shows the
suggested judgements and the evidence as "[concept]" text; it never writes a conclusion.
"""

from __future__ import annotations

from collections import Counter, defaultdict
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
    is_open,
    parse_date,
)

if TYPE_CHECKING:
    from interviewer.core.scoring import IndicatorSummary

INSPECTIES = (
    "Inspectie Gezondheidszorg en Jeugd",
    "Inspectie van het Onderwijs",
    "Inspectie Justitie en Veiligheid",
    "Nederlandse Arbeidsinspectie",
)
H_INLEIDING = "Inleiding"
H_RESULTATEN = "Resultaten"
H_GOEDE_VOORBEELDEN = "Goede voorbeelden"
H_CONCLUSIE = "Conclusie"
H_AANBEVELINGEN = "Aanbevelingen in het kort"
H_NAZORG = "Nazorg"
H_BIJLAGE1 = "Bijlage 1: Toezichtkader"
H_BIJLAGE2 = "Bijlage 2: Onderzoeksopzet"
H_BIJLAGE3 = "Bijlage 3: Deelnemende partijen aan onderzoek"
MAX_EVIDENCE_LINES = 5
"""Per indicator in a concept block: enough to write from, short enough to read."""

Summaries = Callable[[], "dict[int, IndicatorSummary]"]


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
    for _ in range(6):
        b.para()
    b.para("Rapportage", "Title")
    b.para(str(data.study["title"]), "Subtitle")
    b.para(data.name, "Subtitle")
    for _ in range(8):
        b.para()
    b.para("De rijksinspecties die binnen Toezicht Sociaal Domein samenwerken zijn:")
    b.bullets(INSPECTIES)
    b.para()
    place = str(data.study.get("place") or "").strip()
    b.para(f"{place}, {dutch_month(today)}" if place else dutch_month(today))
    b.page_break()


def contents(b: Builder, data: ReportData) -> None:
    b.para("Inhoudsopgave", "TOC Heading")
    b.toc(outline(data))


def inleiding(b: Builder, data: ReportData) -> None:
    b.heading(H_INLEIDING, 1)
    region = str(data.study.get("region") or "").strip()
    where = f"in de {region[0].lower()}{region[1:]}" if region.lower().startswith("regio") else (
        f"in de regio {region}" if region else "")
    b.para(
        "De samenwerkende rijksinspecties (hierna: inspecties) binnen Toezicht Sociaal Domein "
        f"onderzochten {where + ' ' if where else ''}het functioneren van het lokale netwerk na "
        "onderzoek en overdracht van een casus door Veilig Thuis. Het doel van het onderzoek is "
        "het bevorderen van de zorg en ondersteuning die het lokale netwerk biedt aan kwetsbare "
        "gezinnen die na onderzoek door Veilig Thuis zijn overgedragen.")
    b.para(
        "De focus van het onderzoek ligt op het vinden van goede voorbeelden en werkzame "
        "elementen die overdraagbaar zijn naar andere gemeenten en instellingen in Nederland. De "
        "inspecties keken naar goede punten en verbeterpunten.")
    names = data.gemeenten or [data.name]
    scope = (f"de gemeenten {and_list(names)}" if len(names) > 1 else f"de gemeente {names[0]}")
    b.para(f"Het onderzoek heeft plaatsgevonden in {scope}. Dit rapport gaat over de gemeente "
           f"{data.name}.")
    b.para(
        f"In de gemeente {data.name} volgden de inspecties "
        f"{plural(data.casussen, 'casus', 'casussen')}. Zij bestudeerden "
        f"{plural(data.dossiers, 'dossier', 'dossiers')} en voerden "
        f"{plural(len(data.talks), 'interview', 'interviews')} met professionals, cliënten en "
        "jeugdigen.")
    b.para("Bijlage 1 is het toezichtkader voor het onderzoek. In het toezichtkader staan de "
           "indicatoren voor veiligheid, passende hulp en evaluatie.")
    b.para("Bijlage 2 geeft de in het onderzoek gebruikte bronnen weer. De bij dit onderzoek "
           "betrokken instanties staan in bijlage 3.")


# --------------------------------------------------------------------------- resultaten


def resultaten(b: Builder, data: ReportData, summaries: Summaries) -> None:
    b.heading(H_RESULTATEN, 1)
    b.bullets([
        "De volgende paragrafen geven de resultaten weer aan de hand van thema's voor de "
        f"gemeente {data.name}. De thema's komen voort uit het toezichtkader (zie bijlage 1).",
        "De inspecties beschrijven de situatie zoals aangetroffen in de praktijk. Indien in de "
        "resultaten beleid(voornemens) worden beschreven dan is dit in de tekst weergegeven.",
    ])
    for theme in data.framework.themes:
        _theme(b, data, theme, summaries)


def _theme(b: Builder, data: ReportData, theme: Theme, summaries: Summaries) -> None:
    b.heading(theme.report_heading, 2)
    sections = theme.report_sections or [
        ReportSection(heading=theme.report_heading,
                      indicators=[i.number for c in theme.criteria for i in c.indicators])]
    placed = _place_findings(data, theme, sections)
    for item in placed.get(-1, []):  # findings on none of the sub-headings' indicators
        _item(b, item)
    for index, section in enumerate(sections):
        b.heading(section.heading, 3)
        items = placed.get(index, [])
        if not items:
            _concept_section(b, data, section.indicators, summaries)
            continue
        for kind, label in (("goed", "Wat gaat goed:"), ("beter", "Wat moet beter:")):
            chosen = [f for f in items if f.kind == kind]
            if chosen:
                b.label(label)
                for finding in chosen:
                    _item(b, finding)


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


def _concept_section(b: Builder, data: ReportData, numbers: list[int],
                     summaries: Summaries) -> None:
    b.concept("Nog geen bevindingen geschreven voor dit onderdeel. Hieronder staan de "
              "voorgestelde oordelen en het bewijs; herschrijf ze tot 'Wat gaat goed' en "
              "'Wat moet beter'.")
    table = summaries()
    for number in numbers:
        summary = table.get(number)
        if summary is None:
            continue
        b.concept(summary.text)
        for line in evidence_lines(data, summary):
            b.concept(f"– {line}")


def evidence_lines(data: ReportData, summary: IndicatorSummary) -> list[str]:
    """Closed answers counted per question; quotes only when marked, never open text else."""
    counted: dict[tuple[str, str], Counter[str]] = {}
    quotes: list[str] = []
    for item in summary.evidence:
        found = data.answer(item.interview_id, item.question_id)
        if found is None:
            continue
        question, record = found
        label = item.role_label or item.source_label
        if is_open(question):
            if record.quote:
                quotes.append(f"„{' '.join(str(record.value).split())}” ({label.lower()})")
            continue
        counted.setdefault((label, question.text), Counter())[data.shown(question, record)] += 1
    lines = []
    ranked = sorted(counted.items(), key=lambda kv: -sum(kv[1].values()))
    for (label, text), answers in ranked[:MAX_EVIDENCE_LINES]:
        shown = "; ".join(f"{value} ({n}×)" for value, n in answers.most_common())
        lines.append(f"{label} – {text} {shown}")
    unique_quotes = list(dict.fromkeys(quotes))  # the same words from two sources: show once
    return lines + [f"Citaat: {q}" for q in unique_quotes[:2]]


# --------------------------------------------------------------------------- closing chapters


def goede_voorbeelden(b: Builder, data: ReportData) -> None:
    b.heading(H_GOEDE_VOORBEELDEN, 1)
    items = data.findings_of("goed_voorbeeld")
    if not items:
        b.concept("Nog geen goede voorbeelden vastgelegd. Een goed voorbeeld gaat verder dan de "
                  "norm in het toezichtkader; kies ze uit de punten onder 'Wat gaat goed'.")
        for finding in data.findings_of("goed"):
            b.concept(f"– {finding.heading or finding.text}")
        return
    for finding in items:
        text = " ".join(split_paragraphs(finding.text))
        if finding.heading:
            b.runs([(f"{finding.heading}: ", "bold"), (text, "")], "List Bullet")
        else:
            b.para(text, "List Bullet")


def conclusie(b: Builder, data: ReportData, summaries: Summaries) -> None:
    b.heading(H_CONCLUSIE, 1)
    items = data.findings_of("conclusie")
    if items:
        for finding in items:
            b.paras(finding.text)
        return
    b.concept("Nog geen conclusie geschreven. De voorgestelde oordelen per indicator als "
              "houvast:")
    for summary in summaries().values():
        b.concept(f"– {summary.text}")


def aanbevelingen(b: Builder, data: ReportData) -> None:
    b.heading(H_AANBEVELINGEN, 1)
    items = data.findings_of("aanbeveling")
    if items:
        b.numbered(" ".join(split_paragraphs(f.text)) for f in items)
        return
    b.concept("Nog geen aanbevelingen vastgelegd. Formuleer vijf à zes aanbevelingen bij de "
              "punten onder 'Wat moet beter':")
    for finding in data.findings_of("beter"):
        b.concept(f"– {finding.heading or finding.text}")


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
BIJLAGE1_WIDTHS = (3.4, 3.6, 4.6, 4.4)


def bijlage1(b: Builder, data: ReportData) -> None:
    b.heading(H_BIJLAGE1, 1)
    b.para(f"{data.framework.title} | Toezicht Sociaal Domein")
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
                        b.cell_paras(cells[0], [(criterion.text, False)])
                    if not indicator_cells:
                        b.cell_paras(cells[1], [(f"{indicator.number} {indicator.text}", False)])
                    criterion_cells.append(cells[0])
                    indicator_cells.append(cells[1])
                    lines = [p for p in aspect.operationalisering.split("\n") if p.strip()]
                    b.cell_paras(cells[2], [(aspect.title, True)] + [(p, False) for p in lines])
                    b.cell_paras(cells[3], [(aspect.beslisregel, False)])
                merge_down(indicator_cells)
            merge_down(criterion_cells)
        b.para()


def bijlage2(b: Builder, data: ReportData) -> None:
    b.heading(H_BIJLAGE2, 1)
    b.label("Documentenanalyse", italic=True)
    b.concept("Vul aan welke documenten zijn bestudeerd, bijvoorbeeld beleidsdocumenten, "
              "samenwerkingsafspraken en werkinstructies.")
    b.label("Dossieronderzoek", italic=True)
    b.bullets([f"Bestudeerde dossiers: {data.dossiers}"])
    b.label("Interviews", italic=True)
    b.bullets([f"{label}: {n}" for label, n in data.interviews_per_role()]
              + [f"Totaal: {plural(len(data.talks), 'interview', 'interviews')}"])
    if data.refusals:
        b.para(f"{plural(data.refusals, 'respondent wilde', 'respondenten wilden')} niet "
               "deelnemen aan een interview.")
    b.label("Reflectiebijeenkomst", italic=True)
    b.concept("Vul aan wanneer de reflectiebijeenkomst is gehouden en welke instanties "
              "aanwezig waren.")
    b.para("Indien u vragen heeft over de onderzoeksmethode dan kunt u het externe plan van "
           "aanpak opvragen door te mailen naar: info@toezichtsociaaldomein.nl")


def bijlage3(b: Builder, data: ReportData) -> None:
    b.heading(H_BIJLAGE3, 1)
    b.para("De samenwerkende inspecties hebben de volgende instanties bij het onderzoek "
           "betrokken:")
    if data.organisations:
        b.bullets(data.organisations)
    else:
        b.concept("Er zijn nog geen interviews met organisaties vastgelegd.")
