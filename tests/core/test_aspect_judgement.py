"""Per-aspect decisions: the inspector decides per operationalisering, the indicator follows."""

from __future__ import annotations

import json

import pytest

from interviewer.core.review import ReviewError, save_aspect_judgement, save_judgement
from interviewer.core.scoring import NEGATIEF, NTB, POSITIEF, gemeente_summary
from tests.core.test_scoring import World


@pytest.fixture
def world() -> World:
    return World()


def _decide(world: World, casus: str, aspect: str, final: str | None, motivation: str = "") -> str | None:
    cell = world.cell(2, casus)
    suggestion = dict(cell.aspects)[aspect]
    return save_aspect_judgement(world.store, study_id=world.study, gemeente_id=world.gemeente, indicator=2,
                                 aspect=aspect, level="casus", unit=casus, final=final, motivation=motivation,
                                 suggestion=suggestion)


def test_indicator_follows_the_decided_aspects_by_the_framework_rule(world: World) -> None:
    casus = world.casus("C1")
    world.interview("dossier", {"d_2a": "ja", "d_2b": "ja", "d_2c": "ja", "d_2d": "ja"}, casus=casus)
    assert world.cell(2, casus).suggestion.value == POSITIEF
    _decide(world, casus, "2b", NEGATIEF, "Geen afgewogen conclusie in het dossier")
    cell = world.cell(2, casus)
    assert cell.derived is not None and cell.value == NEGATIEF
    assert cell.final is None and not cell.decided
    assert "Nog geen oordeel op aspect 2a, 2c, 2d: daar telt het voorstel." in cell.derived.reasons
    assert {a.aspect: a.value for a in cell.aspect_cells} == {"2a": POSITIEF, "2b": NEGATIEF, "2c": POSITIEF,
                                                             "2d": POSITIEF}
    for aspect in ("2a", "2c", "2d"):
        _decide(world, casus, aspect, POSITIEF)
    assert world.cell(2, casus).decided
    # The summary the report counts uses the derived value.
    assert gemeente_summary(world.store, world.catalog, world.gemeente)[1].counts[NEGATIEF] == 1


def test_indicator_final_overrides_the_aspects_with_a_motivation(world: World) -> None:
    casus = world.casus("C1")
    world.interview("dossier", {"d_2a": "ja", "d_2b": "nee", "d_2c": "ja", "d_2d": "ja"}, casus=casus)
    _decide(world, casus, "2b", NEGATIEF)
    cell = world.cell(2, casus)
    assert not cell.overrides
    with pytest.raises(ReviewError, match="motivering"):
        save_judgement(world.store, study_id=world.study, gemeente_id=world.gemeente, indicator=2, level="casus",
                       unit=casus, final=POSITIEF, motivation=" ", suggestion=cell.suggestion)
    save_judgement(world.store, study_id=world.study, gemeente_id=world.gemeente, indicator=2, level="casus",
                   unit=casus, final=POSITIEF, motivation="Risicotaxatie later alsnog gezien", suggestion=cell.suggestion)
    cell = world.cell(2, casus)
    assert (cell.value, cell.overrides, cell.derived and cell.derived.value) == (POSITIEF, True, NEGATIEF)


def test_deviating_from_the_suggestion_needs_a_motivation(world: World) -> None:
    casus = world.casus("C1")
    world.interview("dossier", {"d_2b": "nee"}, casus=casus)
    with pytest.raises(ReviewError, match="wijkt af van het voorstel"):
        _decide(world, casus, "2b", POSITIEF)
    assert world.store.db.table("judgement").count == 0
    assert _decide(world, casus, "2b", NEGATIEF) is not None  # confirming needs none
    with pytest.raises(ReviewError, match="Kies positief"):
        _decide(world, casus, "2b", "goed")


def test_aspect_decision_updated_withdrawn_and_journaled(world: World) -> None:
    casus = world.casus("C1")
    world.interview("dossier", {"d_2b": "nee"}, casus=casus)
    first = _decide(world, casus, "2b", NEGATIEF)
    assert _decide(world, casus, "2b", NEGATIEF) == first  # unchanged: no new event
    second = _decide(world, casus, "2b", NTB, "Conclusie onleesbaar")
    assert first == second
    row = world.store.db.table("judgement").get(first)
    assert (row["aspect"], row["final"], row["suggested"], row["motivation"]) == ("2b", NTB, NEGATIEF,
                                                                                 "Conclusie onleesbaar")
    assert _decide(world, casus, "2b", None) is None
    assert world.store.db.table("judgement").count == 0
    events = [e for e in world.store.journal() if e["entity"] == "judgement"]
    assert [e["action"] for e in events] == ["nieuw", "wijzig", "verwijder"]
    assert json.loads(str(events[2]["old"]))["aspect"] == "2b"
    assert world.store.verify_journal() == []
    assert world.cell(2, casus).derived is None


def test_aspect_decisions_of_an_organisation_unit(world: World) -> None:
    world.interview("supervisor", {"s_kwaliteit": "ja", "s_kwaliteit2": "ja"}, organisation="Wijkteam Noord")
    save_aspect_judgement(world.store, study_id=world.study, gemeente_id=world.gemeente, indicator=11,
                          aspect="11a", level="organisatie", unit="Wijkteam Noord", final=NEGATIEF,
                          motivation="Geen verbetercyclus in documenten")
    cell = world.cell(11, "Wijkteam Noord")
    assert (cell.value, cell.decided, cell.aspect_finals["11a"][0]) == (NEGATIEF, True, NEGATIEF)


def test_tag_evidence_only_for_open_answers(world: World) -> None:
    from interviewer.core.review import tag_evidence
    from interviewer.core.scoring import score_gemeente

    casus = world.casus("C1")
    world.interview("dossier", {"d_plan": "ja", "d_notitie": "Plan met school besproken"}, casus=casus)
    evidence = score_gemeente(world.store, world.catalog, world.gemeente).evidence_for(3, casus)
    closed = next(e for e in evidence if e.question_id == "d_plan")
    remark = next(e for e in evidence if e.question_id == "d_notitie")
    with pytest.raises(ReviewError, match="open vraag"):
        tag_evidence(world.store, closed, "-")
    with pytest.raises(ReviewError, match="Kies"):
        tag_evidence(world.store, remark, "++")
    tag_evidence(world.store, remark, "+")
    again = score_gemeente(world.store, world.catalog, world.gemeente).evidence_for(3, casus)
    assert next(e for e in again if e.question_id == "d_notitie").polarity == "+"
    tag_evidence(world.store, remark, None)
    assert world.store.aspect_polarities(remark.interview_id, "d_notitie") == {}
