"""Everything one gemeente's report needs, read once from the store."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from interviewer.core.answers import AnswerRecord, display_value
from interviewer.core.catalog import Catalog
from interviewer.core.models import Framework, Question, QuestionSet, QuestionType
from interviewer.core.outgoing import Scrubber, allowed_names, study_codes
from interviewer.core.store import Store, row_to_answer

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")

MIN_RESPONDENTS_PER_ROLE = 3
"""Below this many respondents of one role in a gemeente, nothing is attributed to the role:
with one supervisor interviewed, "de supervisor zei" names a person."""

GOOD_EXAMPLES_QUESTION = "goede_voorbeelden"
"""The question id the vragenlijsten use for 'Wat werkt hier goed ...?'."""
IMPROVEMENTS_QUESTION = "verbeterpunten"
"""... and for 'Wat zou beter kunnen ...?'."""

SOURCE_ORDER = ("dossier", "veilig_thuis", "casusregisseur", "supervisor", "client", "jeugdige",
                "netwerkpartner", "gemeente")
"""Bijlage 2 lists sources in the order of the Venlo report."""


def dutch_date(value: date) -> str:
    """1 november 2019."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def dutch_month(value: date) -> str:
    return f"{MONTHS[value.month - 1]} {value.year}"


def parse_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


@dataclass
class Finding:
    kind: str
    theme: str | None
    heading: str
    text: str
    indicators: list[int]
    position: int


@dataclass
class ReportData:
    store: Store
    catalog: Catalog
    study: dict[str, Any]
    gemeente: dict[str, Any]
    gemeenten: list[str]
    findings: list[Finding]
    interviews: list[dict[str, Any]]
    """Interviews of this gemeente with consent (refusals are counted separately)."""
    refusals: int
    codes: list[str] = field(default_factory=list)
    """Every casus and respondent code of the study: the scrubber removes them all."""
    allowed: set[str] = field(default_factory=set)
    """Names the privacy scan leaves alone: the study's gemeenten, organisations and places."""

    def scrubber(self) -> Scrubber:
        return Scrubber(self.codes, self.allowed)

    @property
    def framework(self) -> Framework:
        return self.catalog.framework()

    @property
    def name(self) -> str:
        return str(self.gemeente["name"])

    def findings_of(self, kind: str, theme: str | None = None) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind and (theme is None or f.theme == theme)]

    # ------------------------------------------------------------------ counts

    def questionset(self, interview: dict[str, Any]) -> QuestionSet | None:
        """The version the interview was taken with (kept in the database), else the catalog's."""
        from interviewer.core.questionset_versions import load

        if interview.get("questionset_hash"):
            return load(self.store, str(interview["questionset_hash"]))
        return self.catalog.questionsets.get(interview["questionset_id"])

    def source(self, interview: dict[str, Any]) -> str:
        qs = self.questionset(interview)
        return qs.source if qs else str(interview["role"])

    def role_label(self, interview: dict[str, Any]) -> str:
        qs = self.questionset(interview)
        return qs.role_label if qs else str(interview["role"])

    @cached_property
    def finished(self) -> list[dict[str, Any]]:
        """Interviews and dossier studies that are done: only these count in the report."""
        return [i for i in self.interviews if i["status"] == "afgerond"]

    @cached_property
    def dossiers(self) -> int:
        return len({i["casus_id"] for i in self.finished if self.source(i) == "dossier"})

    @cached_property
    def casussen(self) -> int:
        return len({i["casus_id"] for i in self.finished if i["casus_id"]})

    @cached_property
    def talks(self) -> list[dict[str, Any]]:
        """Finished interviews proper: everything but the dossier study."""
        return [i for i in self.finished if self.source(i) != "dossier"]

    @cached_property
    def respondents_per_source(self) -> Counter[str]:
        """Distinct respondents per source (role) in this gemeente, finished or not."""
        seen: dict[str, set[str]] = {}
        for interview in self.interviews:
            source = self.source(interview)
            if source != "dossier":
                seen.setdefault(source, set()).add(interview["respondent_code"] or interview["id"])
        return Counter({source: len(people) for source, people in seen.items()})

    def attributable(self, source: str) -> bool:
        """May a statement be attributed to this role? Dossiers are documents, not people."""
        return source == "dossier" or self.respondents_per_source[source] >= MIN_RESPONDENTS_PER_ROLE

    def speaker(self, source: str, label: str) -> str:
        """How a statement is attributed: the role, or 'een respondent' when the role is too small."""
        return label if self.attributable(source) else "een respondent"

    def sources_interviewed(self) -> list[str]:
        """Sources with at least one finished interview, in the order of the Venlo report."""
        found = {self.source(i) for i in self.talks}
        return sorted(found, key=lambda s: SOURCE_ORDER.index(s) if s in SOURCE_ORDER else len(SOURCE_ORDER))

    def interviews_per_role(self) -> list[tuple[str, int]]:
        counts: Counter[tuple[int, str]] = Counter()
        for interview in self.talks:
            source = self.source(interview)
            rank = SOURCE_ORDER.index(source) if source in SOURCE_ORDER else len(SOURCE_ORDER)
            counts[(rank, self.role_label(interview))] += 1
        return [(label, n) for (_, label), n in sorted(counts.items())]

    def regie_organisations(self) -> list[str]:
        """Organisations of the casusregisseurs interviewed: where the casussen land."""
        names = {str(i["organisation"]).strip() for i in self.interviews
                 if self.source(i) == "casusregisseur" and i["organisation"]}
        return sorted((n for n in names if n and n.casefold() != "geen"), key=str.casefold)

    def example_answers(self) -> list[str]:
        """Answers to the good-examples question of every set, longest first, never attributed."""
        found = [text for _, text in self.open_answers(GOOD_EXAMPLES_QUESTION)]
        return sorted(dict.fromkeys(found), key=len, reverse=True)

    def open_answers(self, question_id: str) -> list[tuple[str, str]]:
        """(speaker, text) of every answer to this question: the role only when attributable."""
        found = []
        for (interview_id, qid), record in self._answers.items():
            if qid != question_id or not record.answered or not isinstance(record.value, str):
                continue
            text = " ".join(record.value.split())
            interview = self._interview_by_id[interview_id]
            if text:
                found.append((self.speaker(self.source(interview), self.role_label(interview)), text))
        return sorted(found)

    @cached_property
    def organisations(self) -> list[str]:
        """Bijlage 3: the gemeente's known organisations and those interviewed; never 'geen'."""
        from interviewer.core.intake import is_no_organisation

        names = {str(i["organisation"]).strip() for i in self.interviews if i["organisation"]}
        names |= {str(o["name"]) for o in self.store.organisations(str(self.gemeente["id"]))}
        return sorted((n for n in names if not is_no_organisation(n)), key=str.casefold)

    # ------------------------------------------------------------------ answers for concept text

    @cached_property
    def _answers(self) -> dict[tuple[str, str], AnswerRecord]:
        ids = [i["id"] for i in self.interviews]
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.store.db.execute(
            f"SELECT * FROM answer WHERE interview_id IN ({marks})", ids)
        columns = [d[0] for d in rows.description]
        out = {}
        for values in rows.fetchall():
            row = dict(zip(columns, values, strict=True))
            out[(row["interview_id"], row["question_id"])] = row_to_answer(row)
        return out

    @cached_property
    def _interview_by_id(self) -> dict[str, dict[str, Any]]:
        return {i["id"]: i for i in self.interviews}

    def answer(self, interview_id: str, question_id: str) -> tuple[Question, AnswerRecord] | None:
        """The question and the answer behind an evidence item, if it was really answered."""
        interview = self._interview_by_id.get(interview_id)
        record = self._answers.get((interview_id, question_id))
        qs = self.questionset(interview) if interview else None
        question = qs.question(question_id) if qs else None
        if question is None or record is None or not record.answered:
            return None
        return question, record

    def shown(self, question: Question, record: AnswerRecord) -> str:
        return display_value(question, record)


def load_report_data(store: Store, catalog: Catalog, gemeente_id: str) -> ReportData:
    gemeente = store.gemeente(gemeente_id)
    study = store.study(gemeente["study_id"])
    names = [g["name"] for g in store.gemeenten(study["id"])]
    findings = [
        Finding(r["kind"], r["theme"], r["heading"] or "", r["text"] or "",
                [int(n) for n in json.loads(r["indicators"] or "[]")], r["position"] or 0)
        for r in store.db.table("finding").rows_where("gemeente_id = ?", [gemeente_id],
                                                      order_by="position")
    ]
    rows = list(store.db.table("interview").rows_where("gemeente_id = ?", [gemeente_id],
                                                       order_by="started_at"))
    return ReportData(
        store=store, catalog=catalog, study=study, gemeente=gemeente, gemeenten=names,
        findings=findings, interviews=[r for r in rows if r["consent"]],
        refusals=sum(1 for r in rows if r["status"] == "geweigerd"),
        codes=study_codes(store, study["id"]),
        allowed=allowed_names(store, study["id"]),
    )


def is_open(question: Question) -> bool:
    return question.type is QuestionType.OPEN
