"""The journal's anchor: what `check --db` prints and every export carries.

The hash chain alone is blind to two forgeries: cutting off the newest entries, and
rewriting entries and recomputing every hash after them. Both keep the chain intact; an
anchor written down before either shows it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from docx import Document

from interviewer.cli import cli
from interviewer.cli.common import UserError
from interviewer.core.catalog import Catalog
from interviewer.core.demo import load_demo
from interviewer.core.export_data import export_data
from interviewer.core.journal import entry_hash
from interviewer.core.report import export_report_and_bewijs
from interviewer.core.store import Store


def check(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", *args], standalone_mode=False)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory, shipped: Catalog) -> Path:
    path = tmp_path_factory.mktemp("anker") / "demo.db"
    store = Store.open(path, actor="test")
    load_demo(store, shipped)
    store.close()
    return path


def _anchor(result: Result) -> str:
    lines = [line for line in result.output.splitlines() if "journaalanker" in line]
    assert len(lines) == 1, result.output
    return lines[0].split("journaalanker ")[1].split(" ")[0]


def _copy(source: Path, target: Path) -> Path:
    src, dest = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dest)
    src.close()
    dest.execute("DROP TRIGGER journal_no_update")
    dest.execute("DROP TRIGGER journal_no_delete")
    dest.commit()
    dest.close()
    return target


def test_check_prints_the_anchor_and_every_export_carries_the_same(
        demo_file: Path, shipped: Catalog, tmp_path: Path) -> None:
    printed = check("--db", str(demo_file))
    assert printed.exception is None, printed.output
    anchor = _anchor(printed)
    store = Store.open(demo_file)
    files = export_data(store, shipped, tmp_path / "data")
    gemeente = store.gemeenten(store.studies()[0]["id"])[0]["id"]
    documents = export_report_and_bewijs(store, shipped, gemeente, tmp_path / "rapport")
    store.close()
    assert anchor in (tmp_path / "data" / "journaalanker.txt").read_text(encoding="utf-8")
    assert tmp_path / "data" / "journaalanker.txt" in files
    for document in documents:
        assert anchor in Document(str(document)).core_properties.comments, document
    again = check("--db", str(demo_file), "--anker", anchor)
    assert again.exception is None and "1 anker klopt" in again.output


def test_cutting_off_the_newest_entries_is_caught_by_the_anchor(demo_file: Path, tmp_path: Path) -> None:
    anchor = _anchor(check("--db", str(demo_file)))
    cut = _copy(demo_file, tmp_path / "ingekort.db")
    conn = sqlite3.connect(cut)
    # The newest entry is a status change: the answers still agree with what is left.
    conn.execute("DELETE FROM journal WHERE seq = (SELECT max(seq) FROM journal)")
    conn.execute("CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal "
                 "BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END")
    conn.execute("CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal "
                 "BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END")
    conn.commit()
    conn.close()
    assert check("--db", str(cut)).exception is None  # the chain alone cannot see it
    result = check("--db", str(cut), "--anker", anchor)
    assert isinstance(result.exception, UserError)
    assert "die schakel ontbreekt; het journaal is ingekort" in result.output


def test_rewriting_and_rehashing_the_chain_is_caught_by_the_anchor(demo_file: Path, tmp_path: Path) -> None:
    anchor = _anchor(check("--db", str(demo_file)))
    forged = _copy(demo_file, tmp_path / "herschreven.db")
    store = Store.open(forged)
    rows = list(store.journal.chain())
    first = len(rows) // 2
    prev = rows[first - 1]["hash"]
    for row in rows[first:]:
        if row["seq"] == rows[first]["seq"]:
            row["actor"] = "iemand anders"
        row["prev_hash"] = prev
        row["hash"] = entry_hash(row)
        store.conn.execute("UPDATE journal SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                           [row["actor"], row["prev_hash"], row["hash"], row["seq"]])
        prev = row["hash"]
    store.conn.commit()
    assert store.journal.verify() == []  # recomputed: the chain itself is consistent again
    store.close()
    result = check("--db", str(forged), "--anker", anchor)
    assert isinstance(result.exception, UserError)
    assert "de hash wijkt af; het journaal is tot daar herschreven" in result.output


def test_a_malformed_anchor_is_refused(demo_file: Path) -> None:
    result = check("--db", str(demo_file), "--anker", "geen-anker")
    assert isinstance(result.exception, UserError) and "geen journaalanker" in str(result.exception)
