"""Shared fixtures for core tests: a small vragenlijst with routing, and stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from interviewer.core.models import QuestionSet
from interviewer.core.store import Store

ROUTED_SET = {
    "kind": "vragenlijst",
    "id": "routes",
    "version": 1,
    "title": "Routeringstest",
    "role": "casusregisseur",
    "role_label": "Casusregisseur",
    "source": "casusregisseur",
    "framework": "lokaal-netwerk-na-veilig-thuis",
    "intro": "Intro.",
    "consent": "Toestemming?",
    "sections": [
        {
            "id": "a",
            "title": "Overdracht",
            "questions": [
                {"id": "q1", "type": "janee", "text": "Schriftelijke overdracht ontvangen?", "required": True,
                 "options": [{"code": "ja", "label": "Ja", "polarity": "+"},
                             {"code": "nee", "label": "Nee", "polarity": "-"}],
                 "indicators": [{"indicator": 1, "aspect": "1a"}]},
                {"id": "q2", "type": "meerkeuze", "text": "Wat zat erbij?",
                 "relevant": {"vraag": "q1", "in": ["ja"]},
                 "options": [{"code": "uitkomst", "label": "Uitkomst onderzoek"},
                             {"code": "plan", "label": "Veiligheidsplan", "polarity": "+"}]},
                {"id": "q3", "type": "open", "text": "Waarom niet?", "required": True,
                 "relevant": {"vraag": "q1", "in": ["nee"]}},
            ],
        },
        {
            "id": "b",
            "title": "Plan",
            "relevant": {"not": {"vraag": "q2", "in": ["plan"]}},
            "questions": [
                {"id": "q4", "type": "schaal", "text": "Hoe concreet is het plan?", "required": True,
                 "score_polarity": {"plus_from": 4, "minus_to": 2}},
                {"id": "q5", "type": "getal", "text": "Hoeveel partijen?",
                 "constraint": {"min": 0, "max": 20, "soft": True, "message": "Dat zijn er veel; klopt dat?"}},
            ],
        },
        {
            "id": "c",
            "title": "Afsluiting",
            "questions": [
                {"id": "q6", "type": "datum", "text": "Datum evaluatie?", "constraint": {"min": "2015-01-01"}},
                {"id": "q7", "type": "zrm", "text": "ZRM huisvesting"},
                {"id": "q8", "type": "keuze", "text": "Regie duidelijk?", "required": True,
                 "relevant": {"any": [{"vraag": "q4", "answered": True}, {"vraag": "q1", "in": ["ja"]}]},
                 "options": [{"code": "ja", "label": "Ja"}, {"code": "deels", "label": "Deels"},
                             {"code": "nee", "label": "Nee"}]},
            ],
        },
    ],
}


@pytest.fixture
def routed_set() -> QuestionSet:
    return QuestionSet.model_validate(ROUTED_SET)


@pytest.fixture
def file_store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "interviews.db", actor="inspecteur-test")
    yield store
    store.close()


def new_interview(store: Store, qs: QuestionSet) -> str:
    study = store.create_study("Test", "Regio", "lokaal-netwerk-na-veilig-thuis")
    gemeente = store.add_gemeente(study, "Testdorp")
    casus = store.add_casus(gemeente, "G1-D01")
    return store.create_interview(
        study_id=study, gemeente_id=gemeente, casus_id=casus, role=qs.role,
        questionset_id=qs.id, questionset_version=qs.version, organisation="Wijkteam",
        respondent_code="G1-D01-R1", consent_text=qs.consent,
    )
