"""Polarity per aspect: option rules over a set of options, mapping overrides, tags per aspect."""

from __future__ import annotations

from typing import Any

import pytest

from interviewer.core.beslisregels import OptionRule, RuleSet
from interviewer.core.models import QuestionSet
from interviewer.core.scoring import NEGATIEF, NTB, POSITIEF, score_gemeente
from tests.core.test_scoring import QUESTIONSETS, RULES, World, _qs, make_catalog

LEEFGEBIEDEN = ["financien", "huisvesting", "ggz", "dagelijks_leven", "opvoeding", "sociaal_netwerk"]


def _extra_sets() -> list[QuestionSet]:
    dossier = _qs("dossier", "dossier", "casus", [
        {"id": "kinderen", "type": "janee", "text": "Kinderen?"},
        {"id": "leefgebieden", "type": "meerkeuze", "text": "Leefgebieden",
         "options": [{"code": c, "label": c, "polarity": "+"} for c in LEEFGEBIEDEN],
         "indicators": [{"indicator": 5, "aspect": "5a"}]},
        {"id": "opmerking", "type": "open", "text": "Opmerking",
         "indicators": [{"indicator": 5, "aspect": "5a"}, {"indicator": 6, "aspect": "6a"}]},
    ])
    client = _qs("client", "client", "casus", [
        {"id": "contactpersoon", "type": "keuze", "text": "Contactpersoon bekend?",
         "options": [{"code": "ja", "label": "Ja", "polarity": "+"}, {"code": "nee", "label": "Nee", "polarity": "-"}],
         "indicators": [{"indicator": 4, "aspect": "4b"},
                        {"indicator": 6, "aspect": "6a", "polarity": {"ja": "0"}}]},
    ])
    return [dossier, client]


RULES_5A = RuleSet.model_validate({
    **RULES.model_dump(by_alias=True),
    "aspects": {**RULES.model_dump(by_alias=True)["aspects"], "5a": {"positive_requires": [], "option_rules": [{
        "label": "Alle leefgebieden", "questionset": "dossier", "question": "leefgebieden",
        "all_of": ["financien", "huisvesting", "ggz", "dagelijks_leven", "sociaal_netwerk"],
        "also": [{"all_of": ["opvoeding"], "when": {"questionset": "dossier", "question": "kinderen", "in": ["ja"]}}],
    }]}},
})


@pytest.fixture
def world() -> World:
    world = World()
    world.catalog = make_catalog(RULES_5A)
    world.catalog.questionsets = {qs.id: qs for qs in [*QUESTIONSETS[1:], *_extra_sets()]}
    return world


def _aspect(world: World, indicator: int, aspect: str, casus: str) -> str:
    cell = world.cell(indicator, casus)
    return dict(cell.aspects)[aspect].value


@pytest.mark.parametrize(("kinderen", "ticked", "expected"), [
    ("ja", LEEFGEBIEDEN, POSITIEF),
    ("ja", [c for c in LEEFGEBIEDEN if c != "opvoeding"], NEGATIEF),  # children: opvoeding required
    ("nee", [c for c in LEEFGEBIEDEN if c != "opvoeding"], POSITIEF),
    ("ja", ["financien"], NEGATIEF),  # one ticked area is not 'de leefgebieden in kaart'
    (None, [c for c in LEEFGEBIEDEN if c != "opvoeding"], NTB),  # unknown whether there are children
])
def test_leefgebieden_need_all_areas_and_opvoeding_only_with_children(
        world: World, kinderen: str | None, ticked: list[str], expected: str) -> None:
    casus = world.casus("C1")
    answers: dict[str, Any] = {"leefgebieden": ticked}
    if kinderen:
        answers["kinderen"] = kinderen
    world.interview("dossier", answers, casus=casus)
    assert _aspect(world, 5, "5a", casus) == expected


def test_evidence_shows_the_polarity_the_rule_gave(world: World) -> None:
    casus = world.casus("C1")
    world.interview("dossier", {"kinderen": "ja", "leefgebieden": ["financien"]}, casus=casus)
    score = score_gemeente(world.store, world.catalog, world.gemeente)
    assert [e.polarity for e in score.evidence_for(5, casus)] == ["-"]


def test_mapping_polarity_makes_an_answer_context_for_one_aspect(world: World) -> None:
    casus = world.casus("C1")
    world.interview("client", {"contactpersoon": "ja"}, casus=casus)
    score = score_gemeente(world.store, world.catalog, world.gemeente)
    assert {e.aspect: e.polarity for e in score.evidence_for(4, casus) + score.evidence_for(6, casus)} == {
        "4b": "+", "6a": "0"}


def test_open_answer_tagged_per_aspect(world: World) -> None:
    casus = world.casus("C1")
    interview = world.interview("dossier", {"opmerking": "ZRM op alle gebieden, maar losse plannen"},
                                casus=casus, polarity={"opmerking": "+"})
    world.store.save_aspect_polarities(interview, "opmerking", {"6a": "-"})
    score = score_gemeente(world.store, world.catalog, world.gemeente)
    assert {e.aspect: e.polarity for e in score.evidence if e.question_id == "opmerking"} == {"5a": "+", "6a": "-"}
    world.store.save_aspect_polarities(interview, "opmerking", {"6a": None})
    assert world.store.aspect_polarities(interview, "opmerking") == {}
    assert [e["action"] for e in world.store.journal() if e["entity"] == "aspect_polarity"] == ["nieuw", "wijzig"]
    assert world.store.verify_journal() == []


def test_option_rule_forms() -> None:
    rule = OptionRule(label="Drie van vier", questionset="q", question="v", at_least=3, of=["a", "b", "c", "d"])
    assert rule.missing(frozenset("abc"), {}) == []
    assert rule.missing(frozenset("ab"), {}) == ["1 van c, d"]
    with pytest.raises(ValueError, match="at_least"):
        OptionRule(label="x", questionset="q", question="v", at_least=5, of=["a"])
    with pytest.raises(ValueError, match="all_of of at_least"):
        OptionRule(label="x", questionset="q", question="v")


def test_check_names_a_broken_option_rule(tmp_path: Any) -> None:
    import shutil

    from interviewer.core.catalog import load_catalog
    from interviewer.paths import vragenlijsten_dir

    folder = tmp_path / "v"
    shutil.copytree(vragenlijsten_dir(), folder)
    rules = folder / "beslisregels.yaml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace("all_of: [opvoeding]\n            when: {questionset: dossier, question: kinderen",
                                  "all_of: [opvoedng]\n            when: {questionset: dossier, question: kinderen", 1),
                     encoding="utf-8")
    problems = [f"{p}" for p in load_catalog([folder]).problems]
    assert len(problems) == 1 and "geen optie 'opvoedng'" in problems[0] and "beslisregels.yaml" in problems[0]


def test_session_tags_only_the_aspects_a_question_maps_to(shipped: Any) -> None:
    from interviewer.core.answers import AnswerStatus
    from interviewer.core.session import InterviewSession
    from interviewer.core.store import Store

    store = Store.memory()
    study = store.create_study("T", "R", "lokaal-netwerk-na-veilig-thuis")
    gemeente = store.add_gemeente(study, "Venlo")
    qs = shipped.questionsets["dossier"]
    interview = store.create_interview(study_id=study, gemeente_id=gemeente, casus_id=store.add_casus(gemeente, "C1"),
                                       role=qs.role, questionset_id=qs.id, questionset_version=qs.version,
                                       organisation="Wijkteam", respondent_code="C1-DS", consent_text="ja")
    session = InterviewSession(store, interview, qs)
    while session.current is not None and session.current.id != "opmerking_passende_hulp":
        session.mark(AnswerStatus.OVERGESLAGEN) if not session.current.required else session.submit(
            session.current.options[0].code if session.current.options else "x", confirmed=True)
    session.submit("ZRM per leefgebied, maar losse plannen")
    question = qs.question("opmerking_passende_hulp")
    assert question is not None
    assert [a.id for a in shipped.framework().aspects_of(question)] == ["5a", "5b", "5c", "6a", "6b", "7a", "8a"]
    assert session.tag_aspects("opmerking_passende_hulp", {"5b": "+", "6a": "-"}) == {"5b": "+", "6a": "-"}
    with pytest.raises(ValueError, match="niet gekoppeld aan aspect 2b"):
        session.tag_aspects("opmerking_passende_hulp", {"2b": "+"})
    with pytest.raises(KeyError):
        session.tag_aspects("opmerking_veiligheid", {"2b": "+"})  # not answered
