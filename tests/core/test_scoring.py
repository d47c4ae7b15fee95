"""Scoring: hand-built cases per indicator with their expected suggestion."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from interviewer.core.answers import AnswerRecord, AnswerStatus
from interviewer.core.beslisregels import RuleSet
from interviewer.core.catalog import Catalog, load_catalog
from interviewer.core.models import QuestionSet
from interviewer.core.scoring import (
    NEGATIEF,
    NTB,
    POSITIEF,
    gemeente_summary,
    score_gemeente,
    score_study,
)
from interviewer.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORK = ROOT / "vragenlijsten" / "toezichtkader.yaml"


def _janee(qid: str, indicator: int, aspect: str) -> dict[str, Any]:
    return {"id": qid, "type": "janee", "text": f"Vraag {qid}?",
            "options": [{"code": "ja", "label": "Ja", "polarity": "+"},
                        {"code": "nee", "label": "Nee", "polarity": "-"},
                        {"code": "deels", "label": "Deels", "polarity": "0"}],
            "indicators": [{"indicator": indicator, "aspect": aspect}]}


def _qs(qs_id: str, source: str, level: str, questions: list[dict[str, Any]]) -> QuestionSet:
    return QuestionSet.model_validate({
        "kind": "vragenlijst", "id": qs_id, "version": 1, "title": qs_id, "role": qs_id.replace("_", "-"),
        "role_label": qs_id.capitalize(), "source": source, "level": level,
        "framework": "lokaal-netwerk-na-veilig-thuis", "intro": "Intro.", "consent": "Akkoord?",
        "sections": [{"id": "s", "title": "S", "questions": questions}],
    })


QUESTIONSETS = [
    _qs("dossier", "dossier", "casus", [
        {"id": "d_overdracht", "type": "keuze", "text": "Schriftelijke overdracht in dossier?",
         "options": [{"code": "staat_in_dossier", "label": "Staat in dossier", "polarity": "+"},
                     {"code": "ontbreekt", "label": "Ontbreekt", "polarity": "-"}],
         "indicators": [{"indicator": 1, "aspect": "1a"}]},
        {"id": "d_onderdelen", "type": "meerkeuze", "text": "Onderdelen van de overdracht",
         "options": [{"code": "uitkomst", "label": "Uitkomst onderzoek", "polarity": "+"},
                     {"code": "veiligheidsplan", "label": "Veiligheidsplan", "polarity": "+"},
                     {"code": "geen", "label": "Geen van deze", "polarity": "-"}],
         "indicators": [{"indicator": 1, "aspect": "1a"}]},
        _janee("d_plan", 3, "3a"),
        {"id": "d_notitie", "type": "open", "text": "Notitie over het plan",
         "indicators": [{"indicator": 3, "aspect": "3a"}]},
        *[_janee(f"d_{a}", int(a[:-1]), a) for a in ("2a", "2b", "2c", "2d")],
    ]),
    _qs("casusregisseur", "casusregisseur", "casus", [
        _janee("c_overdracht", 1, "1a"),
        _janee("c_plan", 3, "3a"),
        {"id": "c_afstemming", "type": "schaal", "text": "Afstemming met Veilig Thuis",
         "score_polarity": {"plus_from": 4, "minus_to": 2}, "indicators": [{"indicator": 2, "aspect": "2a"}]},
        _janee("c_signaleren", 8, "8a"),
    ]),
    _qs("client", "client", "casus", [_janee("k_signaleren", 8, "8a"), _janee("k_plan", 3, "3a")]),
    _qs("supervisor", "supervisor", "organisatie", [_janee("s_kwaliteit", 11, "11a"),
                                                     _janee("s_kwaliteit2", 11, "11a")]),
    _qs("gemeente", "gemeente", "gemeente", [_janee("g_eval", 12, "12a"), _janee("g_eval2", 12, "12a")]),
]

RULES = RuleSet.model_validate({
    "kind": "beslisregels", "id": "test", "version": 1, "framework": "lokaal-netwerk-na-veilig-thuis",
    "title": "Test", "indicator_names": {3: "veiligheidsplan"},
    "aspects": {
        "1a": {"positive_requires": ["dossier", "casusregisseur"], "key_questions": [
            {"label": "Schriftelijke overdracht", "any_of": [
                {"questionset": "dossier", "question": "d_overdracht"},
                {"questionset": "casusregisseur", "question": "c_overdracht"}]},
            {"label": "Veiligheidsplan overgedragen", "any_of": [
                {"questionset": "dossier", "question": "d_onderdelen", "option": "veiligheidsplan"}]}]},
        "2a": {"positive_requires": ["dossier", "casusregisseur"]},
        "8a": {"positive_requires": [], "min_evidence": 2},
        "11a": {"positive_requires": [], "decisive": ["supervisor"], "min_evidence": 2},
        "12a": {"positive_requires": [], "decisive": [], "min_evidence": 2},
    },
})


def make_catalog(rules: RuleSet = RULES) -> Catalog:
    catalog = load_catalog([FRAMEWORK])
    assert catalog.ok, catalog.problems
    catalog.questionsets = {qs.id: qs for qs in QUESTIONSETS}
    catalog.rules = {rules.id: rules}
    return catalog


class World:
    """A study with one gemeente and helpers to add interviews with answers."""

    def __init__(self) -> None:
        self.store = Store.memory()
        self.catalog = make_catalog()
        self.study = self.store.create_study("Test", "Noord-Limburg", "lokaal-netwerk-na-veilig-thuis")
        self.gemeente = self.store.add_gemeente(self.study, "Venlo")

    def casus(self, code: str) -> str:
        return self.store.add_casus(self.gemeente, code)

    def interview(self, qs_id: str, answers: dict[str, Any], *, casus: str | None = None,
                  organisation: str = "Wijkteam Noord", polarity: dict[str, str] | None = None,
                  status: dict[str, AnswerStatus] | None = None) -> str:
        qs = self.catalog.questionsets[qs_id]
        interview_id = self.store.create_interview(
            study_id=self.study, gemeente_id=self.gemeente, casus_id=casus, role=qs.role,
            questionset_id=qs.id, questionset_version=1, organisation=organisation,
            respondent_code="R1", consent_text="ja")
        for qid, value in answers.items():
            st = (status or {}).get(qid, AnswerStatus.BEANTWOORD)
            record = AnswerRecord(question_id=qid, status=st, value=value if st is AnswerStatus.BEANTWOORD else None,
                                  polarity=(polarity or {}).get(qid))
            self.store.save_answer(interview_id, record, cursor=None)
        return interview_id

    def cell(self, indicator: int, unit: str) -> Any:
        cell = score_gemeente(self.store, self.catalog, self.gemeente).cell(indicator, unit)
        assert cell is not None
        return cell


@pytest.fixture
def world() -> World:
    return World()


# --------------------------------------------------------------------------- indicator 1


def test_indicator1_positief_with_written_handover_including_plan(world: World) -> None:
    casus = world.casus("C1")
    world.interview("dossier", {"d_overdracht": "staat_in_dossier", "d_onderdelen": ["uitkomst", "veiligheidsplan"]},
                    casus=casus)
    cell = world.cell(1, casus)
    assert cell.suggestion.value == POSITIEF
    assert any("Rust op één bron" in w for w in cell.suggestion.warnings)


def test_indicator1_not_positief_without_veiligheidsplan(world: World) -> None:
    casus = world.casus("C1")
    world.interview("dossier", {"d_overdracht": "staat_in_dossier", "d_onderdelen": ["uitkomst"]}, casus=casus)
    aspect = dict(world.cell(1, casus).aspects)["1a"]
    assert aspect.value == NEGATIEF
    assert "Veiligheidsplan overgedragen" in aspect.reasons[0]


def test_indicator1_key_question_unanswered_is_niet_te_beoordelen(world: World) -> None:
    casus = world.casus("C1")
    world.interview("casusregisseur", {"c_overdracht": "ja"}, casus=casus)
    suggestion = dict(world.cell(1, casus).aspects)["1a"]
    assert suggestion.value == NTB
    assert any("Veiligheidsplan overgedragen" in r for r in suggestion.reasons)


# --------------------------------------------------------------------------- indicator 2 (multi-aspect)


def test_indicator2_positief_only_when_all_aspects_are(world: World) -> None:
    casus = world.casus("C1")
    world.interview("dossier", {"d_2a": "ja", "d_2b": "ja", "d_2c": "ja", "d_2d": "ja"}, casus=casus)
    assert world.cell(2, casus).suggestion.value == POSITIEF
    other = world.casus("C2")
    world.interview("dossier", {"d_2a": "ja", "d_2b": "ja", "d_2c": "ja"}, casus=other)
    cell = world.cell(2, other)
    assert cell.suggestion.value == NTB
    assert "2d" in cell.suggestion.reasons[0]


def test_indicator2_one_negative_aspect_makes_it_negatief(world: World) -> None:
    casus = world.casus("C1")
    world.interview("dossier", {"d_2a": "ja", "d_2b": "nee", "d_2c": "ja", "d_2d": "ja"}, casus=casus)
    assert world.cell(2, casus).suggestion.value == NEGATIEF


def test_schaal_uses_score_polarity(world: World) -> None:
    high, low = world.casus("C1"), world.casus("C2")
    world.interview("casusregisseur", {"c_afstemming": 5}, casus=high)
    world.interview("casusregisseur", {"c_afstemming": 2}, casus=low)
    assert dict(world.cell(2, high).aspects)["2a"].value == POSITIEF
    assert dict(world.cell(2, low).aspects)["2a"].value == NEGATIEF


# --------------------------------------------------------------------------- indicator 3


def test_indicator3_interview_alone_is_not_enough(world: World) -> None:
    casus = world.casus("C1")
    world.interview("casusregisseur", {"c_plan": "ja"}, casus=casus)
    suggestion = world.cell(3, casus).suggestion
    assert suggestion.value == NTB
    assert any("bewijs nodig uit Dossier" in r for r in dict(world.cell(3, casus).aspects)["3a"].reasons)


def test_indicator3_contradiction_dossier_decides(world: World) -> None:
    casus = world.casus("C1")
    world.interview("casusregisseur", {"c_plan": "ja"}, casus=casus)
    world.interview("dossier", {"d_plan": "nee"}, casus=casus)
    cell = world.cell(3, casus)
    assert cell.suggestion.value == NEGATIEF
    assert any("Tegenstrijdig" in w for w in cell.suggestion.warnings)
    assert any("Dossier is beslissend" in r for r in dict(cell.aspects)["3a"].reasons)


def test_indicator3_open_answer_uses_inspector_tag(world: World) -> None:
    tagged, untagged = world.casus("C1"), world.casus("C2")
    world.interview("dossier", {"d_notitie": "Plan met gezin en school gemaakt"}, casus=tagged, polarity={"d_notitie": "+"})
    world.interview("dossier", {"d_notitie": "Plan met gezin gemaakt"}, casus=untagged)
    assert world.cell(3, tagged).suggestion.value == POSITIEF
    assert world.cell(3, untagged).suggestion.value == NTB
    polarities = {e.casus_id: e.polarity for e in score_gemeente(world.store, world.catalog, world.gemeente).evidence}
    assert polarities[untagged] == "?"


def test_no_evidence_and_non_response_are_niet_te_beoordelen(world: World) -> None:
    empty, weetniet = world.casus("C1"), world.casus("C2")
    world.interview("dossier", {"d_plan": None}, casus=weetniet, status={"d_plan": AnswerStatus.WEET_NIET})
    assert world.cell(3, empty).suggestion.value == NTB
    reasons = dict(world.cell(3, weetniet).aspects)["3a"].reasons
    assert "Onvoldoende bewijs" in reasons[0] and "weet niet" in reasons[1]


def test_off_route_answers_and_refused_interviews_are_ignored(world: World) -> None:
    casus = world.casus("C1")
    interview = world.interview("dossier", {"d_plan": "nee"}, casus=casus)
    world.store.db.execute("UPDATE answer SET off_route = 1 WHERE interview_id = ?", [interview])
    other = world.interview("dossier", {"d_plan": "nee"}, casus=casus)
    world.store.set_status(other, "geweigerd")
    assert world.cell(3, casus).suggestion.value == NTB


# --------------------------------------------------------------------------- 8, 11, 12


def test_indicator8_needs_two_answers_but_no_dossier(world: World) -> None:
    casus = world.casus("C1")
    world.interview("casusregisseur", {"c_signaleren": "ja"}, casus=casus)
    assert world.cell(8, casus).suggestion.value == NTB
    world.interview("client", {"k_signaleren": "ja"}, casus=casus)
    cell = world.cell(8, casus)
    assert cell.suggestion.value == POSITIEF
    assert not cell.suggestion.warnings


def test_indicator11_per_organisation(world: World) -> None:
    world.interview("supervisor", {"s_kwaliteit": "ja", "s_kwaliteit2": "ja"}, organisation="Wijkteam Noord")
    world.interview("supervisor", {"s_kwaliteit": "nee", "s_kwaliteit2": "ja"}, organisation="Wijkteam Zuid")
    assert world.cell(11, "Wijkteam Noord").suggestion.value == POSITIEF
    assert world.cell(11, "Wijkteam Zuid").suggestion.value == NEGATIEF


def test_indicator12_positief_on_gemeente_level(world: World) -> None:
    world.interview("gemeente", {"g_eval": "ja"})
    assert world.cell(12, "").suggestion.value == NTB  # one answer, the rule asks for two
    world.interview("gemeente", {"g_eval2": "ja"}, organisation="Gemeente Venlo")
    assert world.cell(12, "").suggestion.value == POSITIEF


def test_indicator12_contradiction_is_niet_te_beoordelen(world: World) -> None:
    world.interview("gemeente", {"g_eval": "ja", "g_eval2": "ja"})
    world.store.db.execute("UPDATE interview SET organisation = 'Gemeente Venlo'")
    catalog = world.catalog
    sup = _qs("sup12", "supervisor", "organisatie", [_janee("s12", 12, "12a")])
    catalog.questionsets["sup12"] = sup
    world.interview("sup12", {"s12": "nee"})
    cell = world.cell(12, "")
    assert cell.suggestion.value == NTB
    assert any("Geen beslissende bron" in r for r in dict(cell.aspects)["12a"].reasons)


# --------------------------------------------------------------------------- summary interface


def test_gemeente_summary_counts_final_over_suggested(world: World) -> None:
    cases = [world.casus(f"C{n}") for n in range(1, 8)]
    for casus in cases[:2]:
        world.interview("dossier", {"d_plan": "ja"}, casus=casus)
    for casus in cases[2:6]:
        world.interview("dossier", {"d_plan": "nee"}, casus=casus)
    summaries = gemeente_summary(world.store, world.catalog, world.gemeente)
    assert [s.indicator for s in summaries] == list(range(1, 13))
    third = summaries[2]
    assert third.units == 7 and third.level == "casus"
    assert third.counts == {POSITIEF: 2, NEGATIEF: 4, NTB: 1}
    assert third.text.startswith("Indicator 3 (veiligheidsplan): positief in 2 van 7 casussen")
    assert {e.source for e in third.evidence} == {"dossier"}
    assert third.evidence[0].source_label == "Dossier"
    assert third.evidence[0].text.startswith("Vraag d_plan?: ")
    # A final judgement by the inspector overrides the suggestion in the counts.
    world.store.db.table("judgement").insert({
        "id": "j1", "study_id": world.study, "gemeente_id": world.gemeente, "casus_id": cases[6],
        "organisation": None, "indicator": 3, "aspect": None, "suggested": NTB, "reasons": "[]",
        "final": POSITIEF, "motivation": "Plan gezien", "updated_at": "x"})
    again = gemeente_summary(world.store, world.catalog, world.gemeente)[2]
    assert again.counts == {POSITIEF: 3, NEGATIEF: 4, NTB: 0}


def test_score_study_matches_gemeente_scores(world: World) -> None:
    casus = world.casus("C1")
    world.interview("casusregisseur", {"c_plan": "ja"}, casus=casus)
    world.interview("dossier", {"d_plan": "nee", "d_2a": "ja"}, casus=casus)
    everything = score_study(world.store, world.catalog)
    assert everything[(world.gemeente, casus, 3)].value == NEGATIEF
    assert everything[(world.gemeente, casus, 2)].value == world.cell(2, casus).suggestion.value


def test_shipped_beslisregels_validate_against_shipped_vragenlijsten() -> None:
    catalog = load_catalog([ROOT / "vragenlijsten"])
    assert catalog.ok, catalog.problems
    assert len(catalog.rules) == 1
    rules = next(iter(catalog.rules.values()))
    assert rules.rule_for("1a").key_questions and rules.rule_for("3a").positive_requires == ("dossier",)


def test_casus_indicator_from_interview_without_casus_is_context_only(world: World) -> None:
    casus = world.casus("C1")
    world.catalog.questionsets["sup3"] = _qs("sup3", "supervisor", "organisatie", [_janee("s3", 3, "3a")])
    world.interview("sup3", {"s3": "nee"})
    score = score_gemeente(world.store, world.catalog, world.gemeente)
    assert score.cell(3, casus).suggestion.value == NTB  # type: ignore[union-attr]
    assert [e.question_id for e in score.context_for(3)] == ["s3"]
    assert score.evidence_for(3, casus) == []
