"""The coverage rule: is every indicator and aspect asked often enough, and by whom?

The rule (issue 4), per toezichtkader:

- every indicator is asked by at least two respondent roles (vragenlijsten whose source is
  not ``dossier``), so no indicator rests on a single voice;
- every indicator judged per casus (level ``casus``: 1-10 in the Venlo kader) is also in a
  dossier checklist (source ``dossier``), because interview statements alone rarely suffice;
- every aspect is asked by at least one closed question with polarity (janee/keuze/meerkeuze
  with a ``+`` or ``-`` option, or schaal/zrm with score_polarity), so the scoring can make a
  suggestion for it.

Besides the rule, the report lists per aspect the roles that ask it only through open
questions (or mappings that do not count): there the suggestion rests on the inspector's
tags alone, which is worth knowing before the fieldwork starts.

Deriving the dossier requirement from the indicator level instead of a fixed 1-10 keeps the
rule right when a later kader numbers its indicators differently.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from interviewer.core.catalog import Catalog
from interviewer.core.models import (
    CLOSED_TYPES,
    SCORE_TYPES,
    Framework,
    Indicator,
    Level,
    Mapping,
    Question,
    QuestionSet,
)

DOSSIER_SOURCE = "dossier"
MIN_ROLES = 2
WIDTH = 100
"""The matrix must fit in a 100-column terminal; columns wrap into extra blocks beyond it."""
LABEL_WIDTH = 30
CELL_WIDTH = 7


def has_polarity(question: Question, mapping: Mapping | None = None) -> bool:
    """Whether answers to `question` carry a polarity the scoring can use (for `mapping`'s aspect)."""
    if mapping is not None and not mapping.counts:
        return False
    if question.type in CLOSED_TYPES:
        override = mapping.polarity if mapping is not None and mapping.polarity else {}
        return any(override.get(o.code, o.polarity) in ("+", "-") for o in question.options)
    if question.type in SCORE_TYPES:
        return question.score_polarity is not None
    return False


@dataclass
class Cell:
    """The questions of one vragenlijst mapped to one indicator or aspect."""

    count: int = 0
    polar: int = 0
    """How many of them are closed questions with polarity."""

    def add(self, question: Question, mapping: Mapping | None = None) -> None:
        self.count += 1
        self.polar += has_polarity(question, mapping)

    def __str__(self) -> str:
        if not self.count:
            return "."
        return f"{self.count}*" if self.polar else str(self.count)


@dataclass
class Row:
    """One matrix row: an indicator (aspect None) or one of its aspects."""

    indicator: Indicator
    aspect: str | None
    label: str
    cells: dict[str, Cell] = field(default_factory=dict)
    """Keyed by vragenlijst id."""


@dataclass
class CoverageReport:
    text: str
    ok: bool
    missing: list[str]
    """One Dutch line per broken part of the rule."""
    rows: list[Row] = field(default_factory=list)


def coverage_report(catalog: Catalog) -> CoverageReport:
    """The matrix and the rule check for every toezichtkader in `catalog`."""
    if not catalog.frameworks:
        message = "geen toezichtkader gevonden; de dekking kan niet worden bepaald"
        return CoverageReport(text=message, ok=False, missing=[message])
    texts: list[str] = []
    missing: list[str] = []
    rows: list[Row] = []
    for framework in catalog.frameworks.values():
        sets = [qs for qs in catalog.questionsets.values() if qs.framework == framework.id]
        fw_rows = build_rows(framework, sets)
        fw_missing = check_rule(framework, sets, fw_rows)
        texts.append(render(framework, sets, fw_rows, fw_missing))
        missing.extend(fw_missing)
        rows.extend(fw_rows)
    return CoverageReport(text="\n\n".join(texts), ok=not missing, missing=missing, rows=rows)


def build_rows(framework: Framework, sets: list[QuestionSet]) -> list[Row]:
    """Count, per indicator and aspect, the mapped questions of every set."""
    rows: list[Row] = []
    index: dict[tuple[int, str | None], Row] = {}
    for indicator in framework.indicators():
        keys: list[tuple[str | None, str]] = [(None, f"{indicator.number} {indicator.text}")]
        keys += [(a.id, f"  {a.id} {a.title}") for a in indicator.aspects]
        for aspect, label in keys:
            row = Row(indicator, aspect, label, {qs.id: Cell() for qs in sets})
            rows.append(row)
            index[(indicator.number, aspect)] = row
    for qs in sets:
        for question in qs.questions():
            # A question mapped twice to one indicator (two aspects) counts once on its row.
            for number in {m.indicator for m in question.indicators}:
                if (number, None) in index:
                    index[(number, None)].cells[qs.id].add(question)
            for mapping in question.indicators:
                if mapping.aspect and (mapping.indicator, mapping.aspect) in index:
                    index[(mapping.indicator, mapping.aspect)].cells[qs.id].add(question, mapping)
    return rows


def open_only(rows: list[Row], sets: list[QuestionSet]) -> list[str]:
    """Per aspect, the roles that ask it only through open (or uncounted) questions, in Dutch."""
    labels = {qs.id: qs.role_label for qs in sets}
    lines = []
    for row in rows:
        if row.aspect is None:
            continue
        roles = [labels[qid] for qid, cell in row.cells.items() if cell.count and not cell.polar]
        if not any(cell.polar for cell in row.cells.values()):
            lines.append(f"aspect {row.aspect}: rust alleen op open vragen ({', '.join(roles) or 'geen vragen'})")
        elif roles:
            lines.append(f"aspect {row.aspect}: alleen open bij {', '.join(roles)}")
    return lines


def check_rule(framework: Framework, sets: list[QuestionSet], rows: list[Row]) -> list[str]:
    """Dutch lines naming every indicator and aspect that breaks the rule."""
    by_id = {qs.id: qs for qs in sets}
    has_dossier = any(qs.source == DOSSIER_SOURCE for qs in sets)
    missing: list[str] = []
    for row in rows:
        asking = [by_id[qid] for qid, cell in row.cells.items() if cell.count]
        number = row.indicator.number
        if row.aspect is None:
            missing.extend(_indicator_problems(row.indicator, asking, has_dossier))
        elif not any(cell.polar for cell in row.cells.values()):
            aspect = framework.aspect(row.aspect)
            title = f" ({aspect.title})" if aspect else ""
            missing.append(
                f"aspect {row.aspect}{title} van indicator {number} heeft geen gesloten vraag "
                "met polariteit (janee/keuze/meerkeuze met een +/- optie, of schaal/zrm met "
                "score_polarity)"
            )
    return missing


def _indicator_problems(
    indicator: Indicator, asking: list[QuestionSet], has_dossier: bool
) -> list[str]:
    out: list[str] = []
    number = indicator.number
    roles = sorted({qs.role for qs in asking if qs.source != DOSSIER_SOURCE})
    if len(roles) < MIN_ROLES:
        if roles:
            who = f"maar {len(roles)} rol gevraagd ({', '.join(roles)})"
        else:
            who = "geen enkele rol gevraagd"
        out.append(f"indicator {number} wordt door {who}; minstens {MIN_ROLES} nodig")
    if indicator.level == Level.CASUS and not any(qs.source == DOSSIER_SOURCE for qs in asking):
        if has_dossier:
            out.append(f"indicator {number} wordt niet in de dossierchecklist gevraagd")
        else:
            out.append(
                f"indicator {number} wordt niet in een dossierchecklist gevraagd "
                "(er is geen vragenlijst met source: dossier)"
            )
    return out


# --------------------------------------------------------------------------- rendering


def abbreviations(sets: list[QuestionSet]) -> dict[str, str]:
    """Short unique column headers: the role, cut to fit a matrix cell."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for qs in sets:
        base = qs.role.replace("_", "-")[: CELL_WIDTH - 1]
        short, n = base, 2
        while short in used:
            short = f"{base[: CELL_WIDTH - 2]}{n}"
            n += 1
        used.add(short)
        out[qs.id] = short
    return out


def render(
    framework: Framework, sets: list[QuestionSet], rows: list[Row], missing: list[str]
) -> str:
    """The matrix in blocks of columns that fit WIDTH, a legend and the verdict."""
    short = abbreviations(sets)
    per_block = max(1, (WIDTH - LABEL_WIDTH) // CELL_WIDTH)
    lines = [f"Dekking van toezichtkader {framework.id} ({len(sets)} vragenlijsten)"]
    ids = [qs.id for qs in sets] or [""]
    for start in range(0, len(ids), per_block):
        block = [i for i in ids[start : start + per_block] if i]
        lines.append("")
        lines.append(_cut("indicator / aspect").ljust(LABEL_WIDTH) + "".join(
            short[i].rjust(CELL_WIDTH) for i in block
        ))
        for row in rows:
            cells = "".join(str(row.cells[i]).rjust(CELL_WIDTH) for i in block)
            lines.append(_cut(row.label).ljust(LABEL_WIDTH) + cells)
    lines.append("")
    lines.append("getal = aantal gekoppelde vragen; * = waarvan minstens één gesloten met polariteit")
    for qs in sets:
        legend = f"  {short[qs.id]:<{CELL_WIDTH}} {qs.role_label} ({qs.id}, bron {qs.source})"
        lines.append(_cut(legend, WIDTH))
    lines.append("")
    only_open = open_only(rows, sets)
    closed_everywhere = [r.aspect for r in rows if r.aspect and any(c.polar for c in r.cells.values())]
    headline = (f"Aspecten die alleen op open vragen rusten: "
                f"{len([x for x in only_open if 'rust alleen' in x]) or 'geen'} "
                f"(gecontroleerd: {len([r for r in rows if r.aspect])} aspecten, "
                f"{len(closed_everywhere)} met een gesloten vraag met polariteit)")
    lines.append(textwrap.fill(headline, WIDTH, subsequent_indent="  "))
    lines.extend(textwrap.fill(m, WIDTH, initial_indent="- ", subsequent_indent="  ") for m in only_open)
    lines.append("")
    if missing:
        lines.append(f"Dekkingsregel niet gehaald ({len(missing)}):")
        lines.extend(textwrap.fill(m, WIDTH, initial_indent="- ", subsequent_indent="  ") for m in missing)
    else:
        lines.append("Dekkingsregel gehaald.")
    return "\n".join(lines)


def _cut(text: str, width: int = LABEL_WIDTH) -> str:
    limit = width - 1
    return text if len(text) <= limit else text[: limit - 1] + "…"
