"""Judgements, findings, nazorg date and search: rows and journal events."""

from __future__ import annotations

import json

import pytest

from interviewer.core import search
from interviewer.core.review import (
    Finding,
    ReviewError,
    delete_finding,
    findings,
    move_finding,
    save_finding,
    save_judgement,
    set_nazorg_date,
)
from interviewer.core.scoring import NEGATIEF, POSITIEF, gemeente_summary, score_gemeente
from tests.core.test_scoring import World


@pytest.fixture
def world() -> World:
    return World()


def _events(world: World, entity: str) -> list[dict[str, object]]:
    return [e for e in world.store.journal() if e["entity"] == entity]


def test_judgement_requires_motivation(world: World) -> None:
    casus = world.casus("C1")
    with pytest.raises(ReviewError, match="motivering"):
        save_judgement(world.store, study_id=world.study, gemeente_id=world.gemeente, indicator=3,
                       level="casus", unit=casus, final=POSITIEF, motivation="   ")
    assert world.store.db.table("judgement").count == 0


def test_judgement_saved_updated_and_journaled(world: World) -> None:
    casus = world.casus("C1")
    world.interview("dossier", {"d_plan": "nee"}, casus=casus)
    cell = world.cell(3, casus)
    kwargs = {"study_id": world.study, "gemeente_id": world.gemeente, "indicator": 3, "level": "casus",
              "unit": casus, "suggestion": cell.suggestion}
    first = save_judgement(world.store, final=POSITIEF, motivation="Plan gezien bij school", **kwargs)
    second = save_judgement(world.store, final=NEGATIEF, motivation="Toch niet bekend bij school", **kwargs)
    assert first == second
    row = world.store.db.table("judgement").get(first)
    assert (row["final"], row["suggested"], row["casus_id"]) == (NEGATIEF, NEGATIEF, casus)
    assert json.loads(row["reasons"]) == list(cell.suggestion.reasons)
    events = _events(world, "judgement")
    assert [e["action"] for e in events] == ["nieuw", "wijzig"]
    assert json.loads(str(events[1]["old"]))["final"] == POSITIEF
    assert world.cell(3, casus).final == NEGATIEF
    assert world.store.verify_journal() == []


def test_organisation_judgement_counts_in_summary(world: World) -> None:
    world.interview("supervisor", {"s_kwaliteit": "ja"}, organisation="Wijkteam Noord")
    save_judgement(world.store, study_id=world.study, gemeente_id=world.gemeente, indicator=11,
                   level="organisatie", unit="Wijkteam Noord", final=POSITIEF, motivation="Documenten gezien")
    summary = gemeente_summary(world.store, world.catalog, world.gemeente)[10]
    assert summary.counts[POSITIEF] == 1 and summary.units == 1


def test_findings_crud_order_and_journal(world: World) -> None:
    store = world.store
    with pytest.raises(ReviewError, match="thema"):
        save_finding(store, Finding(world.gemeente, "beter", "Tekst", heading="Kop"))
    a = save_finding(store, Finding(world.gemeente, "aanbeveling", "Eerste aanbeveling"))
    b = save_finding(store, Finding(world.gemeente, "aanbeveling", "Tweede aanbeveling"))
    good = Finding(world.gemeente, "goed", "Overdracht verloopt warm", heading="Warme overdracht",
                   theme="veiligheid", indicators=[1], evidence=[{"interview_id": "i", "question_id": "q"}])
    save_finding(store, good, themes={"veiligheid"})
    assert [f.text for f in findings(store, world.gemeente)] == [
        "Overdracht verloopt warm", "Eerste aanbeveling", "Tweede aanbeveling"]
    move_finding(store, b, -1)
    assert [f.id for f in findings(store, world.gemeente) if f.kind == "aanbeveling"] == [b, a]
    good.text = "Overdracht verloopt meestal warm"
    save_finding(store, good)
    delete_finding(store, a)
    actions = [e["action"] for e in _events(world, "finding")]
    assert actions == ["nieuw", "nieuw", "nieuw", "verplaats", "verplaats", "wijzig", "verwijder"]
    stored = store.db.table("finding").get(good.id)
    assert stored["theme"] == "veiligheid" and json.loads(stored["indicators"]) == [1]


def test_nazorg_date(world: World) -> None:
    with pytest.raises(ReviewError, match="geen geldige datum"):
        set_nazorg_date(world.store, world.gemeente, "31-02-2020")
    assert set_nazorg_date(world.store, world.gemeente, "01-07-2020") == "2020-07-01"
    assert world.store.gemeente(world.gemeente)["nazorg_date"] == "2020-07-01"
    assert _events(world, "gemeente")[-1]["new"] == '{"nazorg_date": "2020-07-01"}'


def test_search_finds_answers_remarks_and_findings(world: World) -> None:
    casus = world.casus("C1")
    interview = world.interview("dossier", {"d_notitie": "Veiligheidsplan besproken met de school"}, casus=casus)
    world.store.db.execute("UPDATE answer SET remark = 'Oma is vangnet' WHERE interview_id = ?", [interview])
    save_finding(world.store, Finding(world.gemeente, "conclusie", "Elke school is goed aangehaakt"))
    assert search.rebuild(world.store, world.catalog, world.study) == 3
    hits = search.search(world.store, "school")
    assert {h.kind for h in hits} == {"antwoord", "bevinding"}
    answer = next(h for h in hits if h.kind == "antwoord")
    assert "[school]" in answer.snippet and answer.gemeente == "Venlo"
    assert answer.context.startswith("Notitie over het plan — Dossier")
    assert [h.kind for h in search.search(world.store, "vangnet")] == ["opmerking"]
    assert search.search(world.store, '"(') == []


def test_score_reflects_saved_finals_after_reopen(tmp_path: object) -> None:
    from pathlib import Path

    from interviewer.core.store import Store

    world = World()
    path = Path(str(tmp_path)) / "review.db"
    world.store = Store.open(path)
    world.study = world.store.create_study("T", "R", "lokaal-netwerk-na-veilig-thuis")
    world.gemeente = world.store.add_gemeente(world.study, "Venlo")
    casus = world.casus("C1")
    save_judgement(world.store, study_id=world.study, gemeente_id=world.gemeente, indicator=5, level="casus",
                   unit=casus, final=NEGATIEF, motivation="Leefgebieden ontbreken")
    world.store.close()
    reopened = Store.open(path)
    cell = score_gemeente(reopened, world.catalog, world.gemeente).cell(5, casus)
    assert cell is not None and cell.final == NEGATIEF and cell.motivation == "Leefgebieden ontbreken"
