"""A fictional but realistic demo study, so a newcomer sees the whole flow and tests have data.

The study has one invented region with three gemeenten of different size, casussen with a
dossier study and interviews of every role present in the catalog. Answers go through
`InterviewSession` like real ones, drawn from a seeded `random.Random`, so every run gives the
same data. One gemeente also gets judgements and written findings, the others stay at the
"suggestions only" stage the report shows as concept text.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from interviewer.core import demo_texts as texts
from interviewer.core.answers import AnswerStatus
from interviewer.core.catalog import Catalog
from interviewer.core.intake import DEFAULT_ROLE
from interviewer.core.journal import stable_id
from interviewer.core.models import CLOSED_TYPES, Polarity, Question, QuestionSet, QuestionType
from interviewer.core.session import InterviewSession
from interviewer.core.store import Store, new_id, now

DEMO_TITLE = "Het lokale netwerk na Veilig Thuis (demo)"
DEMO_REGION = "Regio Maas en Heuvel"
DEMO_PLACE = "Utrecht"
SEED = 20190701
CLIENT_SOURCES = frozenset({"client", "jeugdige"})
VEILIG_THUIS = "Veilig Thuis Maas en Heuvel"
PARTNERS = [
    "Jeugdhulp De Linde", "GGZ Maas en Heuvel", "Basisschool De Regenboog",
    "Jeugdgezondheidszorg GGD Maas en Heuvel", "Politie basisteam Maas en Heuvel",
]


ROLE_CODES = {
    "dossier": "DS", "casusregisseur": "CR", "supervisor": "SV", "veilig_thuis": "VT",
    "client": "CL", "jeugdige": "JG", "netwerkpartner": "NP", "gemeente": "GM",
}
"""Short role letters for respondent codes like G1-D03-CR (the format the intake asks for)."""


def role_code(qs: QuestionSet) -> str:
    return ROLE_CODES.get(qs.source, qs.source[:2].upper())


@dataclass(frozen=True)
class DemoGemeente:
    number: int
    name: str
    size: str
    casussen: int
    quality: dict[int, float]
    """Chance per indicator that a closed answer supports the norm: gives each gemeente a profile."""
    teams: tuple[str, ...]
    """Organisations that hold the regie; casusregisseurs and supervisors work there."""
    youth: tuple[int, ...] = ()
    """Casussen (1-based) where a jongere was interviewed."""
    partners: tuple[int, ...] = ()
    """Casussen where a professional of a netwerkpartner was interviewed."""


def _profile(default: float, **overrides: float) -> dict[int, float]:
    profile = dict.fromkeys(range(1, 13), default)
    profile.update({int(k[1:]): v for k, v in overrides.items()})
    return profile


GEMEENTEN = [
    # The gemeente with written findings: its profile matches those findings.
    DemoGemeente(1, "Maasveld", "groot", 5,
                 _profile(0.35, i1=0.3, i5=0.7, i7=0.7, i8=0.5, i9=0.2, i10=0.2, i11=0.5),
                 ("Wijkteam Plus Maasveld", "Buurtteam Maasveld"), youth=(1, 4), partners=(1, 2, 3, 4, 5)),
    DemoGemeente(2, "Heuvelrode", "middel", 3, _profile(0.75, i3=0.5, i12=0.4),
                 ("Sociaal team Heuvelrode", "Jeugd- en gezinsteam Heuvelrode"), youth=(2,), partners=(1, 3)),
    # The small gemeente: no netwerkpartner interviewed, so its report names no such group.
    DemoGemeente(3, "Geulhoven", "klein", 2, _profile(0.55), ("Wijkteam Geulhoven",), youth=(1,)),
]


def find_demo(store: Store) -> str | None:
    """The id of the demo study already in `store`, if any."""
    rows = store.db.table("study").rows_where("demo = 1 AND title = ?", [DEMO_TITLE])
    row = next(iter(rows), None)
    return str(row["id"]) if row else None


def load_demo(store: Store, catalog: Catalog) -> str:
    """Load the demo study into `store` (once) and return its id.

    Everything is written in one transaction: an interrupted load leaves nothing behind, and
    one commit instead of one per answer keeps it fast.
    """
    existing = find_demo(store)
    if existing:
        return existing
    with store.transaction():
        return _Loader(store, catalog).run()


class _Loader:
    def __init__(self, store: Store, catalog: Catalog) -> None:
        self.store = store
        self.catalog = catalog
        self.framework = catalog.framework()
        self.rng = random.Random(SEED)
        self.sets = sorted(catalog.questionsets.values(), key=lambda q: q.id)

    def run(self) -> str:
        study_id = self.store.create_study(
            DEMO_TITLE, DEMO_REGION, self.framework.id, place=DEMO_PLACE,
            retention_until=(date.today() + timedelta(days=2 * 365)).isoformat(), demo=True,
        )
        for spec in GEMEENTEN:
            gemeente_id = self.store.add_gemeente(study_id, spec.name, spec.size)
            self._gemeente(study_id, gemeente_id, spec)
            if spec.number == 1:
                _write_judgements(self.store, self.catalog, study_id, gemeente_id)
                _write_findings(self.store, gemeente_id, spec.name)
                _write_activities(self.store, study_id, gemeente_id)
        return study_id

    def _gemeente(self, study_id: str, gemeente_id: str, spec: DemoGemeente) -> None:
        by_level: dict[str, list[QuestionSet]] = {"casus": [], "organisatie": [], "gemeente": []}
        for qs in self.sets:
            by_level[qs.level].append(qs)
        for index in range(1, spec.casussen + 1):
            code = f"G{spec.number}-D{index:02d}"
            casus_id = self.store.add_casus(gemeente_id, code)
            team = spec.teams[index % len(spec.teams)]
            for qs in by_level["casus"]:
                if self._takes_part(qs, spec, index, study_id, gemeente_id):
                    org = self._organisation(qs, spec, team, index)
                    self._interview(study_id, gemeente_id, casus_id, qs, org, f"{code}-{role_code(qs)}", spec,
                                    stop_early=spec.number == 3 and index == 1 and qs.source == "casusregisseur")
        for qs in by_level["organisatie"]:
            for n, team in enumerate(spec.teams, start=1):
                self._interview(study_id, gemeente_id, None, qs, team, f"G{spec.number}-O{n}-{role_code(qs)}", spec)
        for qs in by_level["gemeente"]:
            org = self._organisation(qs, spec, spec.teams[0], 0)
            self._interview(study_id, gemeente_id, None, qs, org, f"G{spec.number}-{role_code(qs)}", spec)

    def _takes_part(self, qs: QuestionSet, spec: DemoGemeente, index: int, study_id: str,
                    gemeente_id: str) -> bool:
        """Professionals and the dossier are always there; clients, youth and partners not always.

        Fixed per gemeente rather than drawn, so adding a question to a vragenlijst (which
        changes how many answers are drawn) never changes which interviews exist.
        """
        if qs.source == "client":
            if spec.number == 1 and index == 2:
                self.store.record_refusal(  # one client declined: shows up as a refusal
                    study_id=study_id, gemeente_id=gemeente_id,
                    role=qs.role, questionset_id=qs.id, questionset_version=qs.version)
                return False
            return True
        if qs.source == "jeugdige":
            return index in spec.youth
        if qs.source == "netwerkpartner":
            return index in spec.partners
        return True

    def _organisation(self, qs: QuestionSet, spec: DemoGemeente, team: str, index: int) -> str:
        if qs.source in CLIENT_SOURCES:
            return ""  # clients are no organisation; Bijlage 3 lists organisations only
        if qs.source == "veilig_thuis":
            return VEILIG_THUIS
        if qs.source == "gemeente":
            return f"Gemeente {spec.name}"
        if qs.source == "netwerkpartner":
            return PARTNERS[(index + spec.number) % len(PARTNERS)]
        return team

    def _interview(self, study_id: str, gemeente_id: str, casus_id: str | None, qs: QuestionSet,
                   organisation: str, respondent: str, spec: DemoGemeente,
                   stop_early: bool = False) -> None:
        if organisation:
            # The gemeente's known list, as the intake would have built it.
            self.store.add_organisation(gemeente_id, organisation, DEFAULT_ROLE.get(qs.source, "partner"))
        interview_id = self.store.create_interview(
            study_id=study_id, gemeente_id=gemeente_id, casus_id=casus_id, role=qs.role,
            questionset_id=qs.id, questionset_version=qs.version, organisation=organisation,
            respondent_code=respondent, consent_text=qs.consent, interviewer="demo",
        )
        session = InterviewSession(self.store, interview_id, qs)
        answerer = _Answerer(self.rng, spec, qs.source)
        limit = len(qs.questions()) // 2 if stop_early else len(qs.questions()) * 2
        for _ in range(limit):
            question = session.current
            if question is None:
                break
            answerer.answer(session, question)
        if not stop_early:
            session.finish()


class _Answerer:
    """Draws one plausible answer per question; the gemeente profile steers the polarity."""

    def __init__(self, rng: random.Random, spec: DemoGemeente, source: str) -> None:
        self.rng = rng
        self.spec = spec
        self.source = source
        self.client = source in CLIENT_SOURCES

    def answer(self, session: InterviewSession, question: Question) -> None:
        if not question.required and self.rng.random() < 0.06:
            status = AnswerStatus.WIL_NIET_ZEGGEN if self.client else AnswerStatus.WEET_NIET
            session.mark(status)
            return
        positive = self.rng.random() < self._quality(question)
        remark = self.rng.choice(texts.REMARKS) if self.rng.random() < 0.08 else None
        result = session.submit(self._value(question, positive), confirmed=True, remark=remark)
        if not result.saved:  # should not happen; never leave the loop stuck on a question
            session.mark(AnswerStatus.OVERGESLAGEN)
            return
        if question.type is QuestionType.OPEN:
            self._annotate_open(session, question, positive)

    def _quality(self, question: Question) -> float:
        numbers = [m.indicator for m in question.indicators]
        return sum(self.spec.quality.get(n, 0.5) for n in numbers) / len(numbers) if numbers else 0.5

    def _annotate_open(self, session: InterviewSession, question: Question, positive: bool) -> None:
        if not question.indicators:
            return
        tag = self.rng.random()
        polarity: Polarity | None = ("+" if positive else "-") if tag < 0.75 else None
        # A dossier has no words of a respondent to quote.
        quote = self.source != "dossier" and self.rng.random() < 0.2
        if polarity or quote:
            session.annotate(question.id, polarity=polarity, quote=quote)

    def _value(self, question: Question, positive: bool) -> Any:
        if question.type in CLOSED_TYPES:
            return self._choice(question, positive)
        if question.type in (QuestionType.SCHAAL, QuestionType.ZRM):
            return self._score(question, positive)
        if question.type is QuestionType.GETAL:
            low = float(question.constraint.min) if question.constraint and question.constraint.min is not None else 0
            high = float(question.constraint.max) if question.constraint and question.constraint.max is not None else 40
            return self.rng.randint(int(low) + 1, int(low + (high - low) * 0.3) + 1)
        if question.type is QuestionType.DATUM:
            return (date(2026, 1, 5) + timedelta(days=self.rng.randint(0, 200))).isoformat()
        return self._open_text(question, positive)

    def _choice(self, question: Question, positive: bool) -> Any:
        if not question.indicators:
            picked = [self.rng.choice(question.options)]
        else:
            wanted = [o for o in question.options if o.polarity == ("+" if positive else "-")]
            neutral = [o for o in question.options if o.polarity == "0"]
            pool = wanted if wanted and self.rng.random() < 0.85 else (neutral or question.options)
            picked = [self.rng.choice(pool)]
        if question.type is QuestionType.MEERKEUZE:
            extra = [o for o in question.options if o.polarity != "-" and self.rng.random() < 0.5]
            codes = {o.code for o in picked} | ({o.code for o in extra} if picked[0].polarity != "-" else set())
            return sorted(codes)
        return picked[0].code

    def _score(self, question: Question, positive: bool) -> int:
        sp = question.score_polarity
        if sp is None:
            return self.rng.randint(question.scale_min, question.scale_max)
        if positive:
            return self.rng.randint(sp.plus_from, question.scale_max)
        return self.rng.randint(question.scale_min, sp.minus_to)

    def _open_text(self, question: Question, positive: bool) -> str:
        if question.id in texts.BY_QUESTION:
            return self.rng.choice(texts.BY_QUESTION[question.id])
        if self.source == "dossier":
            return self.rng.choice(texts.DOSSIER["+" if positive else "-"])
        bank = texts.CLIENT if self.client else texts.PROFESSIONAL
        for mapping in question.indicators:
            options = bank.get(mapping.indicator) or texts.PROFESSIONAL.get(mapping.indicator)
            if options:
                return self.rng.choice(options["+" if positive else "-"])
        return self.rng.choice(texts.GENERIC)


# --------------------------------------------------------------------------- review data


def _write_judgements(store: Store, catalog: Catalog, study_id: str, gemeente_id: str) -> None:
    """Judgements as the inspector would leave them after review: suggestion, final, reason."""
    framework = catalog.framework()
    sets = catalog.questionsets
    units: dict[tuple[str | None, str | None, int], list[tuple[str, str]]] = {}
    interviews = store.db.table("interview").rows_where(
        "gemeente_id = ? AND consent = 1", [gemeente_id])
    for interview in interviews:
        qs = sets.get(interview["questionset_id"])
        if qs is None:
            continue
        for qid, answer in store.answers(interview["id"]).items():
            question = qs.question(qid)
            if question is None or not answer.answered:
                continue
            polarity = _polarity(question, answer.value, answer.polarity)
            if polarity is None:
                continue
            for mapping in question.indicators:
                unit = _unit(framework.indicator(mapping.indicator), interview)
                if unit is None:
                    continue
                units.setdefault((*unit, mapping.indicator), []).append((polarity, qs.role_label))
    for (casus_id, organisation, number), items in sorted(units.items(), key=lambda kv: (kv[0][2], str(kv[0][0]), str(kv[0][1]))):
        plus = sum(p == "+" for p, _ in items)
        minus = sum(p == "-" for p, _ in items)
        suggested = "positief" if plus > minus else "negatief" if minus > plus else "niet te beoordelen"
        reasons = [f"{plus} ondersteunend, {minus} tegensprekend bewijs",
                   "bronnen: " + ", ".join(sorted({label for _, label in items}))]
        row = {"id": stable_id("judgement", gemeente_id, number, None, casus_id, organisation),
               "study_id": study_id, "gemeente_id": gemeente_id,
               "casus_id": casus_id, "organisation": organisation, "indicator": number,
               "aspect": None, "suggested": suggested, "reasons": json.dumps(reasons, ensure_ascii=False),
               "final": suggested, "motivation": "Overgenomen na bespreking in het team.",
               "updated_at": now()}
        store.journal.insert("judgement", row)


def _unit(indicator: Any, interview: dict[str, Any]) -> tuple[str | None, str | None] | None:
    """The unit a judgement is about (casus, organisation or the gemeente), None if no fit."""
    level = indicator.level.value if indicator is not None else "casus"
    if level == "casus":
        return (interview["casus_id"], None) if interview["casus_id"] else None
    if level == "organisatie":
        return None, interview["organisation"]
    return None, None


def _polarity(question: Question, value: Any, tagged: str | None) -> str | None:
    if question.type in (QuestionType.JANEE, QuestionType.KEUZE):
        option = question.option(str(value))
        return option.polarity if option and option.polarity != "0" else None
    if question.type is QuestionType.MEERKEUZE:
        polarities = {o.polarity for c in value for o in [question.option(c)] if o} - {"0"}
        return polarities.pop() if len(polarities) == 1 else None
    if question.type in (QuestionType.SCHAAL, QuestionType.ZRM) and question.score_polarity:
        sp = question.score_polarity
        return "+" if value >= sp.plus_from else "-" if value <= sp.minus_to else None
    return tagged if tagged in ("+", "-") else None


def _write_activities(store: Store, study_id: str, gemeente_id: str) -> None:
    """What Bijlage 2 states besides the interviews: one for the study, one for this gemeente."""
    from interviewer.core.study_info import add_activity

    add_activity(store, study_id, "documentenanalyse", on=date(2026, 10, 5),
                 description="Beleidsdocumenten, samenwerkingsafspraken met Veilig Thuis en werkinstructies")
    add_activity(store, study_id, "reflectiebijeenkomst", on=date(2026, 11, 16),
                 description="Alle bij het onderzoek betrokken instanties", gemeente_id=gemeente_id)


def _write_findings(store: Store, gemeente_id: str, gemeente: str) -> None:
    rows: list[dict[str, Any]] = []
    for theme, kind, indicators, heading, text in texts.THEME_FINDINGS:
        rows.append({"theme": theme, "kind": kind, "indicators": indicators, "heading": heading, "text": text})
    for heading, text in texts.GOEDE_VOORBEELDEN:
        rows.append({"theme": None, "kind": "goed_voorbeeld", "indicators": [], "heading": heading, "text": text})
    rows.append({"theme": None, "kind": "conclusie", "indicators": [], "heading": "",
                 "text": texts.CONCLUSIE.format(gemeente=gemeente)})
    for text in texts.AANBEVELINGEN:
        rows.append({"theme": None, "kind": "aanbeveling", "indicators": [], "heading": "", "text": text})
    for position, row in enumerate(rows):
        full = {"id": new_id(), "gemeente_id": gemeente_id, **row,
                "indicators": json.dumps(row["indicators"]), "evidence": json.dumps([]),
                "position": position, "updated_at": now()}
        store.journal.insert("finding", full)
    store.journal.update("gemeente", gemeente_id, {"nazorg_date": "2027-03-01"}, action="nazorg")
