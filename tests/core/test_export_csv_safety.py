"""CSV cells that Excel would run as a formula are neutralised; numbers and JSON stay as they are."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from interviewer.core.catalog import Catalog
from interviewer.core.export_data import export_data
from tests.conftest import fresh_demo

DANGEROUS = ["=HYPERLINK(\"http://voorbeeld.invalid\";\"klik\")", "+31 6 1234", "-1+2", "@SUM(A1)"]


def _csv(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_formula_like_text_gets_an_apostrophe_numbers_do_not(shipped: Catalog, tmp_path: Path) -> None:
    store, _ = fresh_demo(shipped)
    rows = store._rows("SELECT rowid FROM answer ORDER BY rowid LIMIT ?", [len(DANGEROUS)])
    for row, text in zip(rows, DANGEROUS, strict=True):
        store.conn.execute("UPDATE answer SET remark = ? WHERE rowid = ?", [text, row["rowid"]])
    number = store._rows("SELECT rowid, question_id FROM answer WHERE value GLOB '[0-9]*' LIMIT 1")[0]
    store.conn.execute("UPDATE answer SET value = '-3' WHERE rowid = ?", [number["rowid"]])
    store.conn.execute("UPDATE finding SET heading = '=1+1' WHERE rowid = (SELECT min(rowid) FROM finding)")
    store.conn.commit()

    export_data(store, shipped, tmp_path)

    remarks = {r["opmerking"] for r in _csv(tmp_path, "answers")}
    assert {"'" + text for text in DANGEROUS} <= remarks
    assert not any(r.startswith(("=", "+", "-", "@")) for r in remarks)
    assert "'=1+1" in {r["kop"] for r in _csv(tmp_path, "findings")}
    numbers = [r["waarde"] for r in _csv(tmp_path, "answers") if r["vraag_id"] == number["question_id"]]
    assert "-3" in numbers  # a negative number is a value, not a formula
    # The JSON keeps what was typed.
    answers = json.loads((tmp_path / "answers.json").read_text(encoding="utf-8"))
    assert set(DANGEROUS) <= {a["opmerking"] for a in answers}
    store.close()
