"""The demo study: complete, realistic, deterministic, and loaded only once."""

from __future__ import annotations

import json
import re

from interviewer.core.catalog import Catalog
from interviewer.core.demo import DEMO_TITLE, load_demo
from interviewer.core.store import Store


def rows(store: Store, sql: str, params: list[object] | None = None) -> list[dict[str, object]]:
    return [dict(r) for r in store.db.query(sql, params or [])]


def test_study_has_three_gemeenten_of_different_size(demo: tuple[Store, str]) -> None:
    store, study_id = demo
    study = store.study(study_id)
    assert study["demo"] == 1 and study["title"] == DEMO_TITLE and study["region"]
    sizes = sorted(g["size"] for g in store.gemeenten(study_id))
    assert sizes == ["groot", "klein", "middel"]


def test_every_gemeente_has_several_coded_casussen(demo: tuple[Store, str]) -> None:
    store, study_id = demo
    for number, gemeente in enumerate(sorted(store.gemeenten(study_id), key=lambda g: g["created_at"]), 1):
        codes = [c["code"] for c in store.casussen(gemeente["id"])]
        assert len(codes) >= 2
        assert all(re.fullmatch(rf"G{number}-D\d\d", code) for code in codes)


def test_every_role_in_the_catalog_is_interviewed(demo: tuple[Store, str], shipped: Catalog) -> None:
    store, study_id = demo
    roles = {i["role"] for i in store.interviews(study_id) if i["consent"]}
    assert roles == set(shipped.by_role())


def test_casus_level_interviews_belong_to_a_casus_and_others_do_not(
        demo: tuple[Store, str], shipped: Catalog) -> None:
    store, study_id = demo
    for interview in store.interviews(study_id):
        if not interview["consent"]:
            continue
        level = shipped.questionsets[interview["questionset_id"]].level
        assert (interview["casus_id"] is not None) == (level == "casus"), interview["role"]


def test_answers_have_the_texture_of_real_fieldwork(demo: tuple[Store, str]) -> None:
    store, _ = demo
    stats = rows(store, """
        SELECT sum(status = 'beantwoord') answered, sum(status != 'beantwoord') non_response,
               sum(quote) quotes, sum(remark IS NOT NULL) remarks,
               sum(polarity IS NOT NULL) tagged FROM answer""")[0]
    assert stats["answered"] > 500
    assert all(stats[k] for k in ("non_response", "quotes", "remarks", "tagged")), stats
    open_texts = [json.loads(r["value"]) for r in rows(store, "SELECT value FROM answer WHERE quote = 1")]
    assert all(isinstance(t, str) and len(t.split()) >= 5 for t in open_texts)


def test_interviews_are_finished_except_one_left_halfway(demo: tuple[Store, str]) -> None:
    store, study_id = demo
    statuses = [i["status"] for i in store.interviews(study_id)]
    assert statuses.count("bezig") == 1
    assert statuses.count("geweigerd") == 1


def test_one_gemeente_has_judgements_findings_and_a_nazorg_date(demo: tuple[Store, str]) -> None:
    store, study_id = demo
    with_findings = [g for g in store.gemeenten(study_id)
                     if store.db.table("finding").count_where("gemeente_id = ?", [g["id"]])]
    assert len(with_findings) == 1
    gemeente = with_findings[0]
    assert gemeente["nazorg_date"]
    kinds = [r["kind"] for r in store.db.table("finding").rows_where("gemeente_id = ?", [gemeente["id"]])]
    assert {"goed", "beter", "goed_voorbeeld", "conclusie"} <= set(kinds)
    assert 5 <= kinds.count("aanbeveling") <= 6
    themes = {r["theme"] for r in store.db.table("finding").rows_where("kind IN ('goed', 'beter')")}
    assert themes == {"veiligheid", "passende_hulp", "evaluatie"}
    judged = {r["indicator"] for r in store.db.table("judgement").rows_where("gemeente_id = ?", [gemeente["id"]])}
    assert judged == set(range(1, 13))


def test_loading_twice_returns_the_same_study_and_adds_nothing(
        demo: tuple[Store, str], shipped: Catalog) -> None:
    store, study_id = demo
    before = {t: store.db.table(t).count for t in ("study", "interview", "answer", "finding")}
    assert load_demo(store, shipped) == study_id
    assert {t: store.db.table(t).count for t in before} == before


def test_the_data_is_the_same_on_every_run(demo: tuple[Store, str], shipped: Catalog) -> None:
    def fingerprint(store: Store) -> list[tuple[object, ...]]:
        return [tuple(r.values()) for r in rows(store, """
            SELECT i.respondent_code, a.question_id, a.value, a.status, a.quote, a.polarity
            FROM answer a JOIN interview i ON i.id = a.interview_id ORDER BY 1, 2""")]

    other = Store.memory()
    load_demo(other, shipped)
    assert fingerprint(other) == fingerprint(demo[0])


def test_the_journal_records_the_demo_and_stays_intact(demo: tuple[Store, str]) -> None:
    store, _ = demo
    assert store.verify_journal() == []
    entities = {r["entity"] for r in store.journal()}
    assert {"interview", "answer", "judgement", "finding"} <= entities
