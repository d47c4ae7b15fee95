"""The data export: every answer, judgement and finding as CSV and JSON, owner-only."""

from __future__ import annotations

import csv
import json
import stat
from pathlib import Path

import pytest

from interviewer.core.catalog import Catalog
from interviewer.core.export_data import ANSWER_FIELDS, export_data
from interviewer.core.models import QuestionType
from interviewer.core.store import Store

NAMES = {"answers", "judgements", "findings"}


@pytest.fixture(scope="module")
def folder(demo: tuple[Store, str], shipped: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("data")
    export_data(demo[0], shipped, target)
    return target


def load_json(folder: Path, name: str) -> list[dict[str, object]]:
    return json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))


def load_csv(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_seven_owner_only_files(folder: Path) -> None:
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted([*(f"{n}.{ext}" for n in NAMES for ext in ("csv", "json")), "journaalanker.txt"])
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_one_row_per_answer_in_both_formats(folder: Path, demo: tuple[Store, str]) -> None:
    store = demo[0]
    count = store.db.table("answer").count
    assert len(load_json(folder, "answers")) == count
    rows = load_csv(folder, "answers")
    assert len(rows) == count
    assert list(rows[0]) == ANSWER_FIELDS


def test_an_answer_row_explains_itself(folder: Path, shipped: Catalog) -> None:
    rows = load_json(folder, "answers")
    qs = shipped.by_role()["casusregisseur"]
    question = qs.question("overdracht_schriftelijk")
    assert question is not None and question.type is QuestionType.KEUZE
    row = next(r for r in rows if r["vraag_id"] == "overdracht_schriftelijk" and r["status"] == "beantwoord")
    option = question.option(str(row["waarde"]))
    assert option is not None
    assert row["antwoord"] == option.label
    assert row["vraag"] == question.text
    assert row["rol"] == "casusregisseur" and row["rol_label"] == "Casusregisseur"
    assert row["indicatoren"] == [{"indicator": 1, "aspect": "1a"}]
    assert str(row["casus"]).startswith("G") and row["gemeente"]


def test_non_response_remarks_and_quotes_are_exported(folder: Path) -> None:
    rows = load_csv(folder, "answers")
    assert {"weet niet", "wil niet zeggen"} <= {r["status"] for r in rows}
    assert any(r["opmerking"] for r in rows)
    assert any(r["citaat"] == "ja" for r in rows)
    mapped = next(r for r in rows if r["vraag_id"] == "overdracht_schriftelijk")
    assert mapped["indicatoren"] == "1:1a"


def test_judgements_and_findings(folder: Path, demo: tuple[Store, str]) -> None:
    store = demo[0]
    judgements = load_json(folder, "judgements")
    assert len(judgements) == store.db.table("judgement").count
    assert {j["voorstel"] for j in judgements} <= {"positief", "negatief", "niet te beoordelen"}
    assert all(isinstance(j["redenen"], list) for j in judgements)
    findings = load_csv(folder, "findings")
    assert len(findings) == store.db.table("finding").count
    assert {f["gemeente"] for f in findings} == {"Maasveld"}
    assert [f["soort"] for f in findings].count("aanbeveling") == 6


def test_a_second_export_replaces_the_files_and_keeps_them_private(
        demo: tuple[Store, str], shipped: Catalog, tmp_path: Path) -> None:
    stale = tmp_path / "answers.csv"
    stale.write_text("oud")
    stale.chmod(0o644)
    export_data(demo[0], shipped, tmp_path)
    assert stale.read_text(encoding="utf-8-sig").startswith("onderzoek;")
    assert stat.S_IMODE(stale.stat().st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_one_study_only(demo: tuple[Store, str], shipped: Catalog, tmp_path: Path) -> None:
    store, _ = demo
    other = store.create_study("Ander onderzoek", "Regio Elders", shipped.framework().id)
    export_data(store, shipped, tmp_path, study_id=other)
    assert all(load_json(tmp_path, name) == [] for name in NAMES)
