"""The intake's rules in core: codes, consent and organisations, without a terminal."""

from __future__ import annotations

import pytest

from interviewer.core.catalog import Catalog
from interviewer.core.intake import (
    NEW,
    IntakeFlow,
    check_organisation_name,
    consent_given,
    is_no_organisation,
    normalise_code,
    regisseur_organisations,
)
from interviewer.core.store import Store


@pytest.mark.parametrize(("typed", "code"), [("g01-d01-r1a", "G01-D01-R1A"), (" G3-D07 ", "G3-D07")])
def test_lower_case_codes_are_normalised(typed: str, code: str) -> None:
    assert normalise_code(typed) == (code, None)


@pytest.mark.parametrize("typed", ["Jan de Vries", "jansen", "G", "G1_D01", "X" * 17 + "1"])
def test_codes_that_could_be_names_are_refused(typed: str) -> None:
    assert "geen geldige code" in str(normalise_code(typed)[1])


def test_only_an_explicit_yes_is_consent() -> None:
    assert consent_given("ja") and consent_given(" Ja ")
    assert not consent_given("nee") and not consent_given("") and not consent_given("misschien")


def test_geen_is_no_organisation() -> None:
    assert is_no_organisation("geen") and is_no_organisation(" N.v.t. ") and is_no_organisation(None)
    assert not is_no_organisation("Wijkteam Plus")
    assert "geen organisatie" in str(check_organisation_name("Geen"))
    assert check_organisation_name("Buurtteam Venlo") is None


def _flow(shipped: Catalog) -> tuple[IntakeFlow, Store, str]:
    store = Store.memory()
    study = store.create_study("Test", "Regio", "lokaal-netwerk-na-veilig-thuis")
    return IntakeFlow(store, shipped, study), store, study


def _walk(flow: IntakeFlow, answers: dict[str, str]) -> list[str]:
    """Answer the steps in order; returns the step keys asked."""
    asked = []
    while (step := flow.step()) is not None:
        asked.append(step.key)
        assert flow.answer(step.key, answers[step.key]) is None, step.key
    return asked


def test_new_organisation_is_stored_with_its_role_and_offered_next_time(shipped: Catalog) -> None:
    flow, store, study = _flow(shipped)
    asked = _walk(flow, {"gemeente": NEW, "gemeente_naam": "Venlo", "rol": "casusregisseur", "casus": NEW,
                         "casus_code": "v-d01", "organisatie": NEW, "organisatie_naam": "Wijkteam Plus",
                         "organisatie_rol": "regisseur", "respondent": "v-d01-cr", "toestemming": "ja"})
    assert "organisatie_rol" in asked
    interview = store.interview(str(flow.interview_id))
    assert (interview["organisation"], interview["respondent_code"]) == ("Wijkteam Plus", "V-D01-CR")
    gemeente = str(interview["gemeente_id"])
    assert store.casussen(gemeente)[0]["code"] == "V-D01"
    assert [(o["name"], o["role"]) for o in store.organisations(gemeente)] == [("Wijkteam Plus", "regisseur")]
    second, _, _ = IntakeFlow(store, shipped, study), None, None
    second.answer("gemeente", gemeente)
    second.answer("rol", "netwerkpartner")
    second.answer("casus", str(interview["casus_id"]))
    step = second.step()
    assert step is not None and step.key == "organisatie"
    assert [o.code for o in step.question.options] == ["Wijkteam Plus", NEW]


def test_geen_cannot_become_an_organisation(shipped: Catalog) -> None:
    flow, _, _ = _flow(shipped)
    for key, value in [("gemeente", NEW), ("gemeente_naam", "Venlo"), ("rol", "supervisor"), ("organisatie", NEW)]:
        assert flow.answer(key, value) is None
    assert "geen organisatie" in str(flow.answer("organisatie_naam", "geen"))


def test_clients_are_asked_no_organisation(shipped: Catalog) -> None:
    flow, store, _ = _flow(shipped)
    asked = _walk(flow, {"gemeente": NEW, "gemeente_naam": "Venlo", "rol": "client", "casus": NEW,
                         "casus_code": "V-D01", "respondent": "V-D01-CL", "toestemming": "ja"})
    assert "organisatie" not in asked
    assert store.interview(str(flow.interview_id))["organisation"] == ""


def test_refusal_stores_nothing_but_the_refusal(shipped: Catalog) -> None:
    flow, store, _ = _flow(shipped)
    _walk(flow, {"gemeente": NEW, "gemeente_naam": "Venlo", "rol": "supervisor", "organisatie": NEW,
                 "organisatie_naam": "Wijkteam Plus", "organisatie_rol": "regisseur", "respondent": "V-SV1",
                 "toestemming": "nee"})
    assert flow.refused and flow.interview_id is None
    gemeente = str(store.gemeenten(flow.study_id)[0]["id"])
    assert store.organisations(gemeente) == []
    assert regisseur_organisations(store, gemeente) is None
    assert store.interviews()[0]["organisation"] is None


def test_only_regisseur_organisations_are_judged_under_11() -> None:
    from interviewer.core.scoring import score_gemeente
    from tests.core.test_scoring import World

    world = World()
    world.interview("supervisor", {"s_kwaliteit": "ja"}, organisation="Wijkteam Plus")
    world.interview("client", {}, organisation="geen")
    world.interview("gemeente", {}, organisation="Gemeente Venlo")
    casus = world.casus("C1")
    world.interview("casusregisseur", {}, casus=casus, organisation="Buurtteam")
    # Without a known list: the organisations of regisseur roles, never 'geen' or the gemeente.
    assert [u for u, _ in score_gemeente(world.store, world.catalog, world.gemeente).units["organisatie"]] == [
        "Buurtteam", "Wijkteam Plus"]
    world.store.add_organisation(world.gemeente, "Wijkteam Plus", "regisseur")
    world.store.add_organisation(world.gemeente, "Buurtteam", "partner")
    assert [u for u, _ in score_gemeente(world.store, world.catalog, world.gemeente).units["organisatie"]] == [
        "Wijkteam Plus"]


def test_geen_typed_before_the_list_existed_stays_out_of_bijlage_3(shipped: Catalog) -> None:
    from interviewer.core.report.data import load_report_data

    store = Store.memory()
    study = store.create_study("Test", "Regio", "lokaal-netwerk-na-veilig-thuis")
    gemeente = store.add_gemeente(study, "Venlo")
    for qs_id, organisation in (("client", "geen"), ("supervisor", "Wijkteam Plus")):
        qs = shipped.questionsets[qs_id]
        store.create_interview(study_id=study, gemeente_id=gemeente, casus_id=None, role=qs.role,
                               questionset_id=qs.id, questionset_version=qs.version, organisation=organisation,
                               respondent_code=f"R{len(organisation)}", consent_text="ja")
    store.add_organisation(gemeente, "Rubicon", "partner")
    assert load_report_data(store, shipped, gemeente).organisations == ["Rubicon", "Wijkteam Plus"]


def test_organisations_typed_before_the_list_are_offered_and_join_it(shipped: Catalog) -> None:
    store = Store.memory()
    study = store.create_study("Test", "Regio", "lokaal-netwerk-na-veilig-thuis")
    gemeente = store.add_gemeente(study, "Venlo")
    for qs_id, organisation in (("client", "geen"), ("supervisor", "Wijkteam Plus"), ("netwerkpartner", "Rubicon")):
        qs = shipped.questionsets[qs_id]
        store.create_interview(study_id=study, gemeente_id=gemeente, casus_id=None, role=qs.role,
                               questionset_id=qs.id, questionset_version=qs.version, organisation=organisation,
                               respondent_code=f"R{len(organisation)}", consent_text="ja")
    flow = IntakeFlow(store, shipped, study)
    for key, value in (("gemeente", gemeente), ("rol", "supervisor")):
        assert flow.answer(key, value) is None
    step = flow.step()
    assert step is not None and [o.code for o in step.question.options] == ["Rubicon", "Wijkteam Plus", NEW]
    assert [o.label for o in step.question.options][:2] == ["Rubicon (Netwerkpartner)", "Wijkteam Plus (Regisseur)"]
    for key, value in (("organisatie", "Wijkteam Plus"), ("respondent", "V-SV2"), ("toestemming", "ja")):
        assert flow.answer(key, value) is None
    assert [(o["name"], o["role"]) for o in store.organisations(gemeente)] == [
        ("Rubicon", "partner"), ("Wijkteam Plus", "regisseur")]
