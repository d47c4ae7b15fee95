"""The bewijsoverzicht: the inspector's working document with the evidence behind the draft.

One .docx per gemeente, beside the rapportage: per indicator and aspect the judgement per
unit and the evidence items. Casussen are numbered (Casus 1, 2, ...) instead of coded, a
statement is attributed to a role only when that role has at least three respondents in the
gemeente, and every text passes the same privacy scan as the report.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx.document import Document

from interviewer.core.catalog import Catalog
from interviewer.core.models import Aspect, Indicator
from interviewer.core.report.aspects import AspectCount, aspect_counts
from interviewer.core.report.builder import Builder
from interviewer.core.report.data import (
    GOOD_EXAMPLES_QUESTION,
    IMPROVEMENTS_QUESTION,
    MIN_RESPONDENTS_PER_ROLE,
    ReportData,
    dutch_date,
    load_report_data,
)
from interviewer.core.report.template import open_template
from interviewer.core.scoring import (
    NEGATIEF,
    NTB,
    POSITIEF,
    Evidence,
    GemeenteScore,
    score_gemeente,
)
from interviewer.core.store import Store

POLARITY_SIGNS = {"+": "(+)", "-": "(−)", "0": "(0)", "?": "(?)"}
VALUE_WORDS = {POSITIEF: "positief", NEGATIEF: "negatief", NTB: "niet te beoordelen"}
MAX_ITEMS_PER_UNIT = 40
"""Enough to see everything a dossier and its interviews say on one aspect."""


def build_bewijs(store: Store, catalog: Catalog, gemeente_id: str, *,
                 template: Path | None = None, today: date | None = None) -> Document:
    data = load_report_data(store, catalog, gemeente_id)
    score = score_gemeente(store, catalog, gemeente_id)
    document = open_template(template)
    b = Builder(document, data.scrubber())
    b.concept_header("Werkdocument – niet voor verspreiding")
    b.footer_label("Rapportage", "Bewijsoverzicht")
    b.para("Bewijsoverzicht", "Title")
    b.para(str(data.study["title"]), "Subtitle")
    b.para(data.name, "Subtitle")
    b.para(f"Stand van {dutch_date(today or date.today())}. Dit werkdocument hoort bij de "
           "conceptrapportage en gaat niet mee met het rapport. Het toont per indicator en "
           "aspect het oordeel per casus en het bewijs waarop het rust.")
    b.para(f"Uitspraken worden alleen aan een rol toegeschreven als in deze gemeente ten minste "
           f"{MIN_RESPONDENTS_PER_ROLE} respondenten met die rol zijn geïnterviewd; anders staat er "
           "'een respondent'. Casussen zijn genummerd in plaats van gecodeerd.")
    unit_names = _unit_names(score)
    counts = {c.aspect.id: c for c in aspect_counts(score)}
    for indicator in score.framework.indicators():
        _indicator(b, data, score, indicator, counts, unit_names)
    _open_questions(b, data)
    b.finish_metadata(f"Bewijsoverzicht {data.study['title']} – {data.name}")
    return document


def export_bewijs(store: Store, catalog: Catalog, gemeente_id: str, target: Path, *,
                  template: Path | None = None, today: date | None = None) -> Path:
    """Write one bewijsoverzicht. `target` is a .docx path or a folder; returns the file."""
    from interviewer.core.report import save_document

    document = build_bewijs(store, catalog, gemeente_id, template=template, today=today)
    return save_document(document, store, target, bewijs_filename(store.gemeente(gemeente_id)["name"]))


def bewijs_filename(gemeente: str) -> str:
    from interviewer.core.report import report_filename

    return report_filename(gemeente).replace("rapportage-", "bewijsoverzicht-", 1)


def _unit_names(score: GemeenteScore) -> dict[str, str]:
    names = {unit: f"Casus {n}" for n, (unit, _) in enumerate(score.units["casus"], start=1)}
    names.update({unit: label for unit, label in score.units["organisatie"]})
    names[""] = "Gemeente"
    return names


def _indicator(b: Builder, data: ReportData, score: GemeenteScore, indicator: Indicator,
               counts: dict[str, AspectCount], unit_names: dict[str, str]) -> None:
    b.heading(f"Indicator {indicator.number}: {indicator.text}", 1)
    level = str(indicator.level)
    for aspect in indicator.aspects:
        count = counts[aspect.id]
        b.heading(f"{aspect.id} {aspect.title}", 2)
        b.para(_count_line(count))
        for unit, _ in score.units[level]:
            items = _for_aspect(score.evidence_for(indicator.number, unit), aspect)
            value = VALUE_WORDS.get(count.values.get(unit, NTB), NTB)
            b.label(f"{unit_names.get(unit, unit)}: {value}")
            if not items:
                b.para("Geen bewijs vastgelegd.")
            b.bullets(_line(data, e) for e in items[:MAX_ITEMS_PER_UNIT])
        context = _for_aspect(score.context_for(indicator.number), aspect)
        if context:
            b.label("Uit interviews zonder casus (telt niet per casus)")
            b.bullets(_line(data, e) for e in context[:MAX_ITEMS_PER_UNIT])


def _open_questions(b: Builder, data: ReportData) -> None:
    """What respondents called good practice and points to improve: material for the chapters
    Goede voorbeelden and Aanbevelingen (these questions feed no indicator)."""
    b.heading("Goede voorbeelden en verbeterpunten uit de interviews", 1)
    for question_id, label in ((GOOD_EXAMPLES_QUESTION, "Wat werkt hier goed?"),
                               (IMPROVEMENTS_QUESTION, "Wat kan beter?")):
        answers = data.open_answers(question_id)
        b.heading(label, 2)
        if not answers:
            b.para("Geen antwoorden vastgelegd.")
        b.bullets(f"{speaker}: {text}" for speaker, text in answers)


def _count_line(count: AspectCount) -> str:
    if count.level == "gemeente":
        return f"Oordeel op gemeenteniveau: {VALUE_WORDS.get(next(iter(count.values.values()), NTB), NTB)}."
    word = "casussen" if count.level == "casus" else "organisaties"
    return (f"Positief in {count.positief}, negatief in {count.negatief}, niet te beoordelen in "
            f"{count.total - count.judged} van {count.total} {word}.")


def _for_aspect(items: list[Evidence], aspect: Aspect) -> list[Evidence]:
    """Evidence on this aspect (or on the whole indicator), informative items first."""
    chosen = [e for e in items if e.aspect in (None, aspect.id) and e.polarity != "?"]
    order = {"-": 0, "+": 1, "0": 2}
    return sorted(chosen, key=lambda e: (order.get(e.polarity, 3), e.source, e.text))


def _line(data: ReportData, item: Evidence) -> str:
    speaker = data.speaker(item.source, item.role_label or item.source_label)
    quote = " [citaat]" if item.quote else ""
    text = item.text.replace("?: ", "? ")  # "Question?: answer" reads as "Question? answer"
    return f"{POLARITY_SIGNS.get(item.polarity, '')} {speaker}: {text}{quote}"


