"""The Venlo case rebuilt from its report, as a second example study beside the demo.

`load_venlo(store, catalog)` enters five casussen and every role of the report's Bijlage 2
through `InterviewSession`, like real interviews, from `venlo_reconstructie.yaml`; the
report's verdict per indicator is in that file too (`expected()`), so a test can check that
the suggestions say what the inspectors wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, cast

import yaml

from interviewer.core import study_info
from interviewer.core.answers import AnswerStatus
from interviewer.core.catalog import Catalog
from interviewer.core.demo import role_code
from interviewer.core.models import Polarity, QuestionSet
from interviewer.core.session import InterviewSession
from interviewer.core.store import Store

DATA = Path(__file__).with_name("venlo_reconstructie.yaml")
INTERVIEWER = "reconstructie"


class ReconstructionError(ValueError):
    """The data file does not fit the vragenlijsten (a renamed question, a missing answer)."""


@dataclass(frozen=True)
class Expected:
    indicators: dict[int, str]
    positive_aspects: dict[str, str]
    """Aspect id -> what the report says goes well there."""
    good_evidence: dict[str, str]
    """Aspect id -> the good practice the evidence must show (even where it does not count)."""


@cache
def data() -> dict[str, Any]:
    with DATA.open(encoding="utf-8") as handle:
        return cast(dict[str, Any], yaml.safe_load(handle))


def expected() -> Expected:
    verdict = data()["verwacht"]
    return Expected({int(k): str(v) for k, v in verdict["indicatoren"].items()},
                    dict(verdict["aspecten_positief"]), dict(verdict["goed_bewijs"]))


def find_venlo(store: Store) -> str | None:
    rows = store.conn.execute("SELECT id FROM study WHERE demo = 1 AND title = ?", [data()["onderzoek"]["titel"]])
    row = rows.fetchone()
    return str(row[0]) if row else None


def load_venlo(store: Store, catalog: Catalog) -> str:
    """Load the reconstruction into `store` (once, in one transaction) and return the study id.

    Raises:
        ReconstructionError: the data names a question or option the vragenlijsten do not have.
    """
    existing = find_venlo(store)
    if existing:
        return existing
    with store.transaction():
        return _Loader(store, catalog).run()


class _Loader:
    def __init__(self, store: Store, catalog: Catalog) -> None:
        self.store = store
        self.catalog = catalog
        self.data = data()
        self.templates: dict[str, dict[str, Any]] = self.data["sjablonen"]

    def run(self) -> str:
        meta = self.data["onderzoek"]
        framework = self.catalog.framework()
        study_id = self.store.create_study(
            meta["titel"], meta["regio"], framework.id, place=meta["plaats"],
            retention_until=(date.today() + timedelta(days=2 * 365)).isoformat(), demo=True)
        study_info.set_inspecties(self.store, study_id, list(meta["inspecties"]))
        gemeente_id = self.store.add_gemeente(study_id, meta["gemeente"], "groot")
        for activity in meta.get("activiteiten", []):
            study_info.add_activity(self.store, study_id, activity["soort"], gemeente_id=gemeente_id,
                                    description=activity["omschrijving"])
        for organisation in self.data["organisaties"]:
            self.store.add_organisation(gemeente_id, organisation["naam"], organisation["rol"])
        for casus in self.data["casussen"]:
            casus_id = self.store.add_casus(gemeente_id, casus["code"])
            for spec in casus["interviews"]:
                organisation = spec.get("organisatie") or self._default_organisation(spec, casus)
                self._interview(study_id, gemeente_id, casus_id, spec, organisation,
                                f"{casus['code']}-{role_code(self._set(spec))}")
        for spec in [*self.data["organisatie_interviews"], *self.data["gemeente_interviews"]]:
            self._interview(study_id, gemeente_id, None, spec, spec["organisatie"], spec["respondent"])
        return study_id

    def _set(self, spec: dict[str, Any]) -> QuestionSet:
        qs = self.catalog.questionsets.get(spec["vragenlijst"])
        if qs is None:
            raise ReconstructionError(f"onbekende vragenlijst '{spec['vragenlijst']}'")
        return qs

    def _default_organisation(self, spec: dict[str, Any], casus: dict[str, Any]) -> str:
        source = self._set(spec).source
        if source in ("client", "jeugdige"):
            return ""
        return "Veilig Thuis" if source == "veilig_thuis" else str(casus["organisatie"])

    def _interview(self, study_id: str, gemeente_id: str, casus_id: str | None, spec: dict[str, Any],
                   organisation: str, respondent: str) -> None:
        qs = self._set(spec)
        if spec.get("weigering"):
            self.store.record_refusal(study_id=study_id, gemeente_id=gemeente_id, role=qs.role,
                                      questionset_id=qs.id, questionset_version=qs.version)
            return
        interview_id = self.store.create_interview(
            study_id=study_id, gemeente_id=gemeente_id, casus_id=casus_id, role=qs.role,
            questionset_id=qs.id, questionset_version=qs.version, organisation=organisation,
            respondent_code=respondent, consent_text=qs.consent, interviewer=INTERVIEWER)
        session = InterviewSession(self.store, interview_id, qs)
        answers = {**self.templates.get(qs.id, {}), **spec.get("antwoorden", {})}
        self._answer_all(session, qs, answers)
        for question_id, polarity in spec.get("polariteit", {}).items():
            session.annotate(question_id, polarity=cast(Polarity, polarity))
        for question_id, tags in spec.get("per_aspect", {}).items():
            session.tag_aspects(question_id, {str(a): str(p) for a, p in tags.items()})
        for question_id in spec.get("citaat", []):
            session.annotate(question_id, quote=True)
        session.finish()

    @staticmethod
    def _answer_all(session: InterviewSession, qs: QuestionSet, answers: dict[str, Any]) -> None:
        unknown = sorted(set(answers) - {q.id for q in qs.questions()})
        if unknown:
            raise ReconstructionError(f"{qs.id}: onbekende vraag {', '.join(unknown)}")
        for _ in range(len(qs.questions()) * 2):
            question = session.current
            if question is None:
                return
            if question.id not in answers:
                if question.required:
                    raise ReconstructionError(f"{qs.id}: verplichte vraag '{question.id}' heeft geen antwoord")
                session.mark(AnswerStatus.OVERGESLAGEN)
                continue
            result = session.submit(answers[question.id], confirmed=True)
            if not result.saved:
                raise ReconstructionError(f"{qs.id}.{question.id}: {result.error}")
