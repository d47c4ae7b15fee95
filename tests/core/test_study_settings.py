"""Study settings edited afterwards: checked in core, saved through the journal."""

from __future__ import annotations

from datetime import date

import pytest

from interviewer.core import studies
from interviewer.core.store import Store
from interviewer.core.studies import SettingsError, StudySettings
from interviewer.core.study_info import DEFAULT_INSPECTIES

FRAMEWORK = "lokaal-netwerk-na-veilig-thuis"
CURRENT = StudySettings("Oud", "Regio", "", date(2028, 12, 31), DEFAULT_INSPECTIES)


def form(**changes: str) -> dict[str, str]:
    return {"title": "Titel", "region": "Regio", "place": "", "retention": "2028-12-31",
            "inspecties_text": "", **changes}


@pytest.mark.parametrize("text", ["31-12-2028", "2028-12-31", " 31-12-2028 "])
def test_retention_accepts_dutch_and_iso_dates(text: str) -> None:
    assert studies.parse_retention(text) == date(2028, 12, 31)


@pytest.mark.parametrize("text", ["31-02-2028", "morgen", "2028/12/31", "12-2028"])
def test_retention_refuses_non_dates_in_dutch(text: str) -> None:
    with pytest.raises(SettingsError, match="geen geldige datum") as refused:
        studies.parse_retention(text)
    assert refused.value.field == "retention"


@pytest.mark.parametrize(("field", "changes"), [
    ("title", {"title": "  "}), ("region", {"region": ""}), ("retention", {"retention": ""})])
def test_empty_required_field_is_refused_and_named(field: str, changes: dict[str, str]) -> None:
    with pytest.raises(SettingsError) as refused:
        studies.parse_settings(CURRENT, **form(**changes))
    assert refused.value.field == field


def test_no_retention_may_stay_empty_when_there_was_none() -> None:
    without = StudySettings("Oud", "Regio", "", None, DEFAULT_INSPECTIES)
    assert studies.parse_settings(without, **form(retention="")).retention_until is None


def test_inspecties_one_per_line_and_empty_means_the_default() -> None:
    parsed = studies.parse_settings(CURRENT, **form(inspecties_text="Inspectie  SZW\n\n  IGZ \n"))
    assert parsed.inspecties == ("Inspectie SZW", "IGZ")
    assert studies.parse_settings(CURRENT, **form(inspecties_text=" \n")).inspecties == DEFAULT_INSPECTIES


def test_retention_passed_uses_the_purge_rule() -> None:
    settings = studies.parse_settings(CURRENT, **form(retention="2028-12-31"))
    assert not studies.retention_passed(settings, date(2028, 12, 31))
    assert studies.retention_passed(settings, date(2029, 1, 1))


def test_save_settings_journals_each_change_and_nothing_when_unchanged() -> None:
    store = Store.memory()
    study_id = store.create_study("Oud", "Regio", FRAMEWORK)
    before = studies.study_settings(store, study_id)
    assert before == StudySettings("Oud", "Regio", "", None, DEFAULT_INSPECTIES)
    count = len(store.journal())
    studies.save_settings(store, study_id, before)
    assert len(store.journal()) == count  # unchanged: nothing written
    new = StudySettings("Nieuw", "Utrecht-West", "Utrecht", date(2029, 6, 30), ("Inspectie SZW",))
    studies.save_settings(store, study_id, new)
    row = store.study(study_id)
    assert (row["title"], row["region"], row["place"], row["retention_until"]) == (
        "Nieuw", "Utrecht-West", "Utrecht", "2029-06-30")
    assert studies.study_settings(store, study_id) == new
    actions = [e["action"] for e in store.journal()[count:]]
    assert actions == ["wijzig", "bewaartermijn", "inspecties"]
    # Back to the default list: stored as none recorded, so it follows today's names.
    studies.save_settings(store, study_id, StudySettings(
        "Nieuw", "Utrecht-West", "Utrecht", date(2029, 6, 30), DEFAULT_INSPECTIES))
    assert store.study(study_id)["inspecties"] is None
    assert store.verify_journal() == []
