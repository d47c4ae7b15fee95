"""Bundles and merging: two laptops that started from one bundle end identical, conflicts visible."""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from interviewer.core import questionset_versions
from interviewer.core.answers import AnswerRecord, AnswerStatus
from interviewer.core.catalog import Catalog
from interviewer.core.exchange.bundle import write_bundle
from interviewer.core.exchange.conflicts import conflicts, resolve
from interviewer.core.exchange.merge import MergeError, merge_bundle
from interviewer.core.integrity import check_database
from interviewer.core.purge import purge
from interviewer.core.review import Finding, delete_finding, save_finding, save_judgement
from interviewer.core.store import Store

FRAMEWORK = "lokaal-netwerk-na-veilig-thuis"


def _answer(store: Store, interview: str, question: str, value: object) -> None:
    store.save_answer(interview, AnswerRecord(question_id=question, status=AnswerStatus.BEANTWOORD, value=value),
                      cursor=None)


def _interview(store: Store, study: str, gemeente: str, code: str) -> str:
    return store.create_interview(
        study_id=study, gemeente_id=gemeente, casus_id=store.add_casus(gemeente, code[:6]), role="casusregisseur",
        questionset_id="casusregisseur", questionset_version=1, organisation="Wijkteam",
        respondent_code=code, consent_text="Akkoord?")


def _state(store: Store) -> dict[str, object]:
    """What must agree between converged laptops: answers, judgements, findings, interviews."""
    def rows(sql: str) -> list[tuple[object, ...]]:
        return sorted(tuple(r) for r in store.conn.execute(sql).fetchall())

    return {
        "answers": rows("SELECT interview_id, question_id, value, status, remark FROM answer"),
        "judgements": rows("SELECT id, final, motivation FROM judgement"),
        "findings": rows("SELECT id, kind, heading, text FROM finding"),
        "interviews": rows("SELECT id, status, respondent_code FROM interview"),
        "studies": rows("SELECT id, retention_until, purged_at IS NOT NULL FROM study"),
        "conflicts": rows("SELECT entity, entity_id, interview_id, field FROM journal_conflict"),
        "entries": rows("SELECT id FROM journal"),
        "stubs": rows("SELECT id FROM journal_purged"),
    }


def _exchange(tmp_path: Path, source: Store, target: Store) -> object:
    path, _ = write_bundle(source, tmp_path / f"{source.journal.replica[:8]}-{source.journal.head().rseq}.bundel")
    return merge_bundle(target, path)


@pytest.fixture
def team(tmp_path: Path) -> tuple[Store, Store, str, str]:
    coordinator = Store.open(tmp_path / "a.db", actor="anna")
    study = coordinator.create_study("Onderzoek", "Limburg", FRAMEWORK)
    gemeente = coordinator.add_gemeente(study, "Venlo")
    laptop = Store.open(tmp_path / "b.db", actor="bram")
    _exchange(tmp_path, coordinator, laptop)
    return coordinator, laptop, study, gemeente


def test_a_new_laptop_starts_from_a_bundle(team: tuple[Store, Store, str, str]) -> None:
    a, b, study, gemeente = team
    assert b.study(study)["title"] == "Onderzoek"
    assert [g["name"] for g in b.gemeenten(study)] == ["Venlo"]
    assert b.journal.verify() == []
    assert _state(a) == _state(b)


def test_two_laptops_converge_with_exactly_the_expected_conflicts(
        tmp_path: Path, team: tuple[Store, Store, str, str]) -> None:
    a, b, study, gemeente = team
    ia = _interview(a, study, gemeente, "G1-D01-R1")
    _answer(a, ia, "q1", "ja")
    ib = _interview(b, study, gemeente, "G1-D02-R1")
    _answer(b, ib, "q1", "nee")
    kwargs = {"study_id": study, "gemeente_id": gemeente, "indicator": 3, "level": "organisatie",
              "unit": "Wijkteam"}
    save_judgement(a, final="positief", motivation="Plan gezien", **kwargs)
    save_judgement(b, final="negatief", motivation="Plan ontbreekt", **kwargs)
    shared = Finding(gemeente, "conclusie", "Eerste versie")
    save_finding(a, shared)
    _exchange(tmp_path, a, b)
    # Different fields of one finding merge cleanly; the same judgement on two laptops conflicts.
    b_copy = Finding(gemeente, "conclusie", "Eerste versie", id=shared.id)
    a.journal.update("finding", shared.id, {"heading": "Kop van Anna"})
    b.journal.update("finding", b_copy.id, {"text": "Tekst van Bram"})
    _exchange(tmp_path, a, b)
    report = _exchange(tmp_path, b, a)
    assert _state(a) == _state(b)
    found = {(c.entity, c.field) for c in conflicts(a)}
    assert found == {("judgement", "final"), ("judgement", "motivation")}
    row = a.db.table("finding").get(shared.id)
    assert (row["heading"], row["text"]) == ("Kop van Anna", "Tekst van Bram")
    assert report.conflicts == 2  # new to a: b found them on the first exchange
    # The inspector resolves on one laptop; the resolution travels and supersedes both.
    (final,) = [c for c in conflicts(a) if c.field == "final"]
    assert sorted(o.value for o in final.options) == ["negatief", "positief"]
    resolve(a, final, "negatief", reason="Besproken in het team")
    # Choosing b's value took b's motivation with it: one decision for the judgement.
    assert conflicts(a) == []
    assert a.db.table("judgement").get(final.entity_id)["motivation"] == "Plan ontbreekt"
    _exchange(tmp_path, a, b)
    assert conflicts(b) == [] and _state(a) == _state(b)
    assert b.db.table("judgement").get(final.entity_id)["final"] == "negatief"
    assert check_database(a) == [] and check_database(b) == []


def test_merging_twice_changes_nothing_and_says_so(tmp_path: Path, team: tuple[Store, Store, str, str]) -> None:
    a, b, study, gemeente = team
    _answer(a, _interview(a, study, gemeente, "G1-D01-R1"), "q1", "ja")
    path, _ = write_bundle(a, tmp_path / "a.bundel")
    first = merge_bundle(b, path)
    before = _state(b)
    second = merge_bundle(b, path)
    assert first.new > 0 and second.new == 0 and second.duplicates == first.duplicates + first.new
    assert "niets nieuws" in "\n".join(second.lines())
    assert _state(b) == before


def test_delete_against_edit_is_a_conflict_not_a_resurrection(
        tmp_path: Path, team: tuple[Store, Store, str, str]) -> None:
    a, b, _, gemeente = team
    finding = Finding(gemeente, "conclusie", "Tekst")
    save_finding(a, finding)
    _exchange(tmp_path, a, b)
    delete_finding(a, finding.id)
    b.journal.update("finding", finding.id, {"text": "Verbeterde tekst"})
    _exchange(tmp_path, b, a)
    _exchange(tmp_path, a, b)
    for store in (a, b):
        assert store.db.table("finding").count_where("id = ?", [finding.id]) == 0
        (conflict,) = conflicts(store)
        assert conflict.deleted and conflict.entity == "finding"
    assert _state(a) == _state(b)
    resolve(b, conflicts(b)[0], "Verbeterde tekst", reason="Toch nodig")
    assert b.db.table("finding").get(finding.id)["text"] == "Verbeterde tekst"
    _exchange(tmp_path, b, a)
    assert a.db.table("finding").get(finding.id)["text"] == "Verbeterde tekst" and conflicts(a) == []


def test_a_purge_travels_and_nothing_comes_back(tmp_path: Path) -> None:
    a = Store.open(tmp_path / "a.db", actor="anna")
    study = a.create_study("Oud", "Limburg", FRAMEWORK, retention_until="2020-01-01")
    gemeente = a.add_gemeente(study, "Venlo")
    b = Store.open(tmp_path / "b.db", actor="bram")
    _exchange(tmp_path, a, b)
    ib = _interview(b, study, gemeente, "G1-D01-R1")
    _answer(b, ib, "q1", "geheim")
    _exchange(tmp_path, b, a)
    stale, _ = write_bundle(b, tmp_path / "oud.bundel")  # written before b hears of the purge
    purge(a, date(2021, 1, 1))
    assert a.db.table("answer").count == 0
    _exchange(tmp_path, a, b)
    assert b.db.table("answer").count == 0
    assert b.interview(ib)["respondent_code"] is None
    merge_bundle(a, stale)  # the old bundle brings nothing back
    assert a.db.table("answer").count == 0
    assert not a.conn.execute("SELECT 1 FROM journal WHERE new LIKE '%geheim%'").fetchone()
    assert _state(a) == _state(b)
    assert a.journal.verify() == [] and b.journal.verify() == []


def _bundle(tmp_path: Path, team: tuple[Store, Store, str, str]) -> Path:
    a, _, study, gemeente = team
    _answer(a, _interview(a, study, gemeente, "G1-D01-R1"), "q1", "ja")
    path, _ = write_bundle(a, tmp_path / "a.bundel")
    return path


def test_a_truncated_bundle_is_refused_and_nothing_changes(
        tmp_path: Path, team: tuple[Store, Store, str, str]) -> None:
    _, b, _, _ = team
    path = _bundle(tmp_path, team)
    data = path.read_bytes()
    cut = tmp_path / "afgekapt.bundel"
    cut.write_bytes(data[: len(data) // 2])
    before = _state(b)
    with pytest.raises(MergeError, match="niets veranderd"):
        merge_bundle(b, cut)
    assert _state(b) == before


@pytest.mark.parametrize("statement", [
    "UPDATE entry SET new = replace(new, 'ja', 'nee') WHERE entity = 'answer'",
    "DELETE FROM entry WHERE rseq = (SELECT max(rseq) FROM entry)",
    "DELETE FROM record WHERE tbl = 'interview'",
    "UPDATE manifest SET value = '99' WHERE key = 'schema_version'",
])
def test_a_tampered_bundle_is_refused_and_nothing_changes(
        tmp_path: Path, team: tuple[Store, Store, str, str], statement: str) -> None:
    _, b, _, _ = team
    path = _bundle(tmp_path, team)
    with sqlite3.connect(path) as conn:
        conn.execute(statement)
    before = _state(b)
    with pytest.raises(MergeError, match="niets veranderd"):
        merge_bundle(b, path)
    assert _state(b) == before


def test_a_bundle_is_owner_only(tmp_path: Path, team: tuple[Store, Store, str, str]) -> None:
    path = _bundle(tmp_path, team)
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob(".*.tmp"))


def test_encrypted_bundles_need_the_passphrase(tmp_path: Path) -> None:
    pytest.importorskip("sqlcipher3")
    a = Store.open(tmp_path / "a.db", actor="anna", passphrase="geheim wachtwoord")
    study = a.create_study("Versleuteld", "Limburg", FRAMEWORK)
    gemeente = a.add_gemeente(study, "Venlo")
    _answer(a, _interview(a, study, gemeente, "G1-D01-R1"), "q1", "vertrouwelijk antwoord")
    path, _ = write_bundle(a, tmp_path / "a.bundel", passphrase="geheim wachtwoord")
    data = path.read_bytes()
    assert not data.startswith(b"SQLite format 3") and b"vertrouwelijk" not in data
    b = Store.open(tmp_path / "b.db", actor="bram", passphrase="geheim wachtwoord")
    merge_bundle(b, path, passphrase="geheim wachtwoord")
    assert _state(a)["answers"] == _state(b)["answers"]
    plain = Store.open(tmp_path / "c.db", actor="cor")
    with pytest.raises(MergeError, match="versleuteld"):
        merge_bundle(plain, path)
    other = Store.open(tmp_path / "d.db", actor="dirk", passphrase="een andere wachtzin")
    with pytest.raises(MergeError, match="wachtzin"):
        merge_bundle(other, path, passphrase="een andere wachtzin")
    assert other.db.table("answer").count == 0


def test_a_bundle_from_an_older_schema_is_upgraded_and_a_newer_one_refused(
        tmp_path: Path, team: tuple[Store, Store, str, str]) -> None:
    _, b, _, _ = team
    path = _bundle(tmp_path, team)
    with sqlite3.connect(path) as conn:
        # As an older version wrote it: without the study_activity table's rows, without a
        # column added later, and an older schema version in the manifest.
        conn.execute("UPDATE record SET data = json_remove(data, '$.purged_at') WHERE tbl = 'study'")
        conn.execute("DELETE FROM record WHERE tbl = 'study_activity'")
        conn.execute("UPDATE manifest SET value = '5' WHERE key = 'schema_version'")
        conn.execute("UPDATE manifest SET value = json_remove(value, '$[#-1]') WHERE key = 'migrations'")
        _reseal(conn)
    report = merge_bundle(b, path)
    assert report.new > 0 and b.db.table("answer").count == 1
    newer = tmp_path / "nieuwer.bundel"
    newer.write_bytes(path.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE manifest SET value = json_insert(value, '$[#]', '9999_toekomst') "
                     "WHERE key = 'migrations'")
    with pytest.raises(MergeError, match="nieuwere versie"):
        merge_bundle(b, newer)


def _reseal(conn: sqlite3.Connection) -> None:
    """Recompute the manifest's sha256 after a deliberate edit (an older writer's bundle)."""
    from interviewer.core.exchange.bundle import content_digest

    conn.execute("ATTACH DATABASE ':memory:' AS unused")
    digest = content_digest(conn, "main")
    conn.execute("UPDATE manifest SET value = ? WHERE key = 'sha256'", [f'"{digest}"'])


def test_clocks_days_apart_do_not_decide_what_is_concurrent(
        tmp_path: Path, team: tuple[Store, Store, str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, study, gemeente = team
    finding = Finding(gemeente, "conclusie", "Begin")
    save_finding(a, finding)
    _exchange(tmp_path, a, b)
    # b's clock runs three days behind, yet b edits after seeing a's edit: no conflict,
    # and b's later edit wins although its timestamp is older.
    a.journal.update("finding", finding.id, {"text": "Anna, maandag"})
    _exchange(tmp_path, a, b)
    import interviewer.core.store as store_module

    real_now = store_module.now
    monkeypatch.setattr(store_module, "now", lambda: "2020-01-01T00:00:00.000000+00:00")
    b.journal.update("finding", finding.id, {"text": "Bram, na Anna"})
    monkeypatch.setattr(store_module, "now", real_now)
    _exchange(tmp_path, b, a)
    assert a.db.table("finding").get(finding.id)["text"] == "Bram, na Anna"
    assert conflicts(a) == []
    # Concurrent edits with a skewed clock are a conflict however far apart the clocks are.
    a.journal.update("finding", finding.id, {"text": "Anna weer"})
    monkeypatch.setattr(store_module, "now", lambda: "2035-01-01T00:00:00.000000+00:00")
    b.journal.update("finding", finding.id, {"text": "Bram weer"})
    monkeypatch.setattr(store_module, "now", real_now)
    _exchange(tmp_path, b, a)
    _exchange(tmp_path, a, b)
    assert [c.field for c in conflicts(a)] == ["text"] == [c.field for c in conflicts(b)]


def test_an_interrupted_merge_leaves_nothing_and_can_be_repeated(
        tmp_path: Path, team: tuple[Store, Store, str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    _, b, _, _ = team
    path = _bundle(tmp_path, team)
    before = _state(b)
    from interviewer.core.exchange import merge as merge_module

    def power_cut(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(merge_module, "refold", power_cut)
    with pytest.raises(KeyboardInterrupt):
        merge_bundle(b, path)
    assert _state(b) == before
    monkeypatch.undo()
    assert merge_bundle(b, path).new > 0
    assert b.db.table("answer").count == 1


def test_bundles_of_a_copied_database_are_refused_once_both_copies_worked(
        tmp_path: Path, team: tuple[Store, Store, str, str]) -> None:
    a, _, study, gemeente = team
    a.close()
    import shutil

    shutil.copy(tmp_path / "a.db", tmp_path / "kopie.db")
    a = Store.open(tmp_path / "a.db", actor="anna")
    copy = Store.open(tmp_path / "kopie.db", actor="anna")
    a.journal.update("gemeente", gemeente, {"nazorg_date": "2027-01-01"}, action="nazorg")
    copy.journal.update("gemeente", gemeente, {"nazorg_date": "2027-02-01"}, action="nazorg")
    path, _ = write_bundle(copy, tmp_path / "kopie.bundel")
    with pytest.raises(MergeError, match="gekopieerde database"):
        merge_bundle(a, path)
    assert a.gemeente(gemeente)["nazorg_date"] == "2027-01-01"


def test_interview_status_and_aspect_tags_travel(tmp_path: Path, team: tuple[Store, Store, str, str]) -> None:
    a, b, study, gemeente = team
    interview = _interview(a, study, gemeente, "G1-D01-R1")
    _answer(a, interview, "q1", "Open antwoord over de overdracht")
    a.save_aspect_polarities(interview, "q1", {"1a": "+", "2b": "-"})
    a.set_status(interview, "afgerond")
    _exchange(tmp_path, a, b)
    assert b.interview(interview)["status"] == "afgerond"
    assert b.aspect_polarities(interview, "q1") == {"1a": "+", "2b": "-"}
    a.save_aspect_polarities(interview, "q1", {"2b": None})
    _exchange(tmp_path, a, b)
    assert b.aspect_polarities(interview, "q1") == {"1a": "+"}
    assert _state(a) == _state(b)


def test_answers_off_the_route_are_flagged_on_every_laptop(
        tmp_path: Path, team: tuple[Store, Store, str, str]) -> None:
    a, b, study, gemeente = team
    interview = _interview(a, study, gemeente, "G1-D01-R1")
    for question in ("q1", "q2", "q3"):
        _answer(a, interview, question, "ja")
    a.save_answer(interview, AnswerRecord(question_id="q1", status=AnswerStatus.BEANTWOORD, value="nee"),
                  cursor=None, off_route={"q2", "q3"})
    _exchange(tmp_path, a, b)

    def flags(store: Store) -> list[tuple[object, ...]]:
        return sorted(tuple(r) for r in store.conn.execute("SELECT question_id, off_route FROM answer"))

    assert flags(b) == flags(a) == [("q1", 0), ("q2", 1), ("q3", 1)]
    a.save_answer(interview, AnswerRecord(question_id="q1", status=AnswerStatus.BEANTWOORD, value="ja"),
                  cursor=None, off_route=set())
    _exchange(tmp_path, a, b)
    assert flags(b) == flags(a) == [("q1", 0), ("q2", 0), ("q3", 0)]


def test_an_edit_after_a_merge_on_another_connection_has_seen_it(
        tmp_path: Path, team: tuple[Store, Store, str, str]) -> None:
    a, b, _, gemeente = team
    finding = Finding(gemeente, "conclusie", "Begin")
    save_finding(a, finding)
    b.journal.update("gemeente", gemeente, {"nazorg_date": "2027-01-01"}, action="nazorg")  # b writes first
    path, _ = write_bundle(a, tmp_path / "a.bundel")
    with b.own_connection() as other:  # as the TUI merges: in a thread, on its own connection
        merge_bundle(other, path)
    b.journal.update("finding", finding.id, {"text": "Na het samenvoegen"})
    _exchange(tmp_path, b, a)
    assert conflicts(a) == [] and a.db.table("finding").get(finding.id)["text"] == "Na het samenvoegen"


def test_the_vragenlijst_version_of_an_interview_travels_with_it(
        tmp_path: Path, team: tuple[Store, Store, str, str], shipped: Catalog) -> None:
    a, b, study, gemeente = team
    interview = _interview(a, study, gemeente, "G1-D01-R1")
    questionset = shipped.questionsets["casusregisseur"]
    pinned = questionset_versions.pin(a, interview, questionset)
    _exchange(tmp_path, a, b)
    assert b.interview(interview)["questionset_hash"] == pinned.hash
    assert questionset_versions.load(b, pinned.hash) == questionset
    assert check_database(b) == []
