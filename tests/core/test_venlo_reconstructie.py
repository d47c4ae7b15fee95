"""The Venlo case rebuilt from its report: the suggestions say what the inspectors wrote."""

from __future__ import annotations

import pytest

from interviewer.core.catalog import Catalog
from interviewer.core.scoring import POSITIEF, GemeenteScore, score_gemeente
from interviewer.core.store import Store
from interviewer.core.venlo_reconstructie import expected, load_venlo


@pytest.fixture(scope="module")
def venlo(shipped: Catalog) -> tuple[Store, str, GemeenteScore]:
    store = Store.memory()
    study_id = load_venlo(store, shipped)
    gemeente_id = str(store.gemeenten(study_id)[0]["id"])
    return store, study_id, score_gemeente(store, shipped, gemeente_id)


def test_five_casussen_and_every_role_of_bijlage_2(venlo: tuple[Store, str, GemeenteScore]) -> None:
    store, study_id, score = venlo
    assert [label for _, label in score.units["casus"]] == ["V-D01", "V-D02", "V-D03", "V-D04", "V-D05"]
    roles = {(i["role"], i["status"]) for i in store.interviews(study_id)}
    assert {r for r, _ in roles} == {"dossier", "casusregisseur", "veilig_thuis", "client", "netwerkpartner",
                                     "supervisor", "gemeente"}
    assert ("client", "geweigerd") in roles


@pytest.mark.parametrize("indicator", range(1, 13))
def test_suggestion_matches_the_reports_verdict(venlo: tuple[Store, str, GemeenteScore], indicator: int) -> None:
    _, _, score = venlo
    level = next(str(i.level) for i in score.framework.indicators() if i.number == indicator)
    units = score.units[level]
    assert units, f"geen eenheden voor indicator {indicator}"
    verdicts = {label: score.cells[(indicator, unit)].suggestion.value for unit, label in units}
    assert verdicts == dict.fromkeys(verdicts, expected().indicators[indicator])


def test_what_goes_well_shows_per_aspect(venlo: tuple[Store, str, GemeenteScore]) -> None:
    _, _, score = venlo
    positive = expected().positive_aspects
    for unit, label in score.units["casus"]:
        for number in {int(a[:-1]) for a in positive}:
            aspects = dict(score.cells[(number, unit)].aspects)
            for aspect in (a for a in positive if int(a[:-1]) == number):
                assert aspects[aspect].value == POSITIEF, (label, aspect, aspects[aspect].reasons)


def test_good_practice_is_positive_evidence_even_where_it_does_not_count(
        venlo: tuple[Store, str, GemeenteScore]) -> None:
    _, _, score = venlo
    for aspect in expected().good_evidence:
        assert any(e.aspect == aspect and e.polarity == "+" for e in score.evidence), aspect


def test_no_false_contradictions(venlo: tuple[Store, str, GemeenteScore]) -> None:
    _, _, score = venlo
    warnings = [w for cell in score.cells.values() for _, s in cell.aspects for w in s.warnings]
    assert warnings, "the reconstruction gives no warnings at all: nothing was checked"
    assert [w for w in warnings if "Tegenstrijdig" in w] == []


def test_indicator_11_judges_the_regisseur_teams_only(venlo: tuple[Store, str, GemeenteScore]) -> None:
    _, _, score = venlo
    assert [label for _, label in score.units["organisatie"]] == ["Buurtteam Venlo (Wel.kom)", "Wijkteam Plus"]


def test_loading_twice_gives_the_same_study(shipped: Catalog, venlo: tuple[Store, str, GemeenteScore]) -> None:
    store, study_id, _ = venlo
    assert load_venlo(store, shipped) == study_id


def test_bijlage_3_lists_the_reports_organisations(shipped: Catalog, venlo: tuple[Store, str, GemeenteScore]) -> None:
    from interviewer.core.report.data import load_report_data

    store, _, score = venlo
    assert load_report_data(store, shipped, score.gemeente_id).organisations == [
        "Buurtteam Venlo (Wel.kom)", "Gemeente Venlo", "Mutsaersstichting", "Rubicon", "SBO de Lings",
        "Sociale wijkteams en huizen van de wijk", "Veilig Thuis", "Wijkteam Plus"]
