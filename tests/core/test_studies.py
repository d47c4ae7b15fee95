"""Several studies in one database: the chosen one is shown, the demo never hides real work."""

from __future__ import annotations

import pytest

from interviewer.core import studies
from interviewer.core.catalog import Catalog
from interviewer.core.demo import load_demo
from interviewer.core.store import Store

FRAMEWORK = "lokaal-netwerk-na-veilig-thuis"


def test_demo_loaded_after_real_work_does_not_replace_it(shipped: Catalog) -> None:
    store = Store.memory()
    own = store.create_study("Eigen onderzoek", "Limburg-Noord", FRAMEWORK)
    demo = load_demo(store, shipped)
    current = studies.current_study(store)
    assert current is not None and current["id"] == own
    rows = studies.study_rows(store)
    assert [r.id for r in rows] == [own, demo]
    assert rows[1].demo and not rows[0].demo


def test_the_chosen_study_is_shown_until_another_is_chosen() -> None:
    store = Store.memory()
    first = store.create_study("Eerste", "Regio A", FRAMEWORK)
    second = store.create_study("Tweede", "Regio B", FRAMEWORK)
    studies.choose_study(store, first)
    assert studies.current_study(store)["id"] == first  # type: ignore[index]
    studies.choose_study(store, second)
    assert studies.current_study(store)["id"] == second  # type: ignore[index]


def test_rename_is_journaled_and_empty_title_refused() -> None:
    store = Store.memory()
    study_id = store.create_study("Oud", "Regio", FRAMEWORK)
    current = studies.study_settings(store, study_id)
    form = {"place": "", "retention": "", "inspecties_text": ""}
    with pytest.raises(studies.SettingsError):
        studies.parse_settings(current, title="  ", region="Regio", **form)
    studies.save_settings(store, study_id, studies.parse_settings(
        current, title="Nieuw", region="Regio 2", **form))
    assert store.study(study_id)["title"] == "Nieuw"
    assert store.study(study_id)["region"] == "Regio 2"
    (event,) = [e for e in store.journal() if e["entity"] == "study" and e["action"] == "wijzig"]
    assert '"Oud"' in event["old"] and '"Nieuw"' in event["new"]
    assert store.verify_journal() == []


def test_archive_hides_from_picker_and_keeps_everything() -> None:
    store = Store.memory()
    old = store.create_study("Oud", "Regio", FRAMEWORK)
    gemeente = store.add_gemeente(old, "Venlo")
    new = store.create_study("Nieuw", "Regio", FRAMEWORK)
    studies.choose_study(store, old)
    studies.set_archived(store, old, True)
    assert [r.id for r in studies.study_rows(store)] == [new]
    assert {r.id for r in studies.study_rows(store, archived=True)} == {old, new}
    assert studies.current_study(store)["id"] == new  # type: ignore[index]
    assert store.gemeente(gemeente)["study_id"] == old
    studies.set_archived(store, old, False)
    assert {r.id for r in studies.study_rows(store)} == {old, new}
