"""Files the tool must refuse or survive: every case ends in one Dutch line and exit 1.

A check or dry run changes nothing: not an empty file into a database, not an older
database into a newer one. Devices, pipes, unknown schema versions, damaged rows, a
read-only folder and a full disk are each named for what they are.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import interviewer
from interviewer import cli
from interviewer.core.store import Store, StoreError
from tests.fs_limits import read_only_folder, tiny_disk

SRC = Path(interviewer.__file__).resolve().parents[1]


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """The console entry point in-process: exit code and everything printed.

    Any exception other than SystemExit escapes and fails the test: that would have been
    a traceback for the user.
    """
    old = sys.argv
    sys.argv = ["interviewer", *args]
    try:
        cli.main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.argv = old
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _files(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_size for p in folder.iterdir()}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    from interviewer.cli.demo import load_shipped_catalog
    from interviewer.core.demo import load_demo

    store = Store.open(path, actor="test")
    load_demo(store, load_shipped_catalog())
    store.close()
    return path


def _copy(source: Path, target: Path, *statements: str) -> Path:
    conn = sqlite3.connect(source)
    dest = sqlite3.connect(target)
    conn.backup(dest)
    conn.close()
    for statement in statements:
        dest.execute(statement)
    dest.commit()
    dest.close()
    return target


# --------------------------------------------------------------------------- a check changes nothing


@pytest.mark.parametrize("command", [["check", "--db"], ["purge", "--dry-run", "--db"], ["purge", "--log", "--db"]])
def test_empty_file_is_refused_and_left_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              command: list[str]) -> None:
    empty = tmp_path / "leeg.db"
    empty.touch()
    code, output = run_main(capsys, *command, str(empty))
    assert code == 1 and "is leeg (0 bytes)" in output
    assert _files(tmp_path) == {"leeg.db": 0}


def _older(demo_db: Path, target: Path) -> Path:
    """The demo database as the previous version left it (before 0020_unique_keys)."""
    return _copy(demo_db, target, "DELETE FROM _sqlite_migrations WHERE name = '0020_unique_keys'",
                 "DROP INDEX gemeente_unique_key", "PRAGMA user_version = 0")


@pytest.mark.parametrize("command", [["check", "--db"], ["purge", "--dry-run", "--db"]])
def test_check_and_dry_run_do_not_upgrade_an_older_database(
        demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    older = _older(demo_db, tmp_path / "oud.db")
    before = older.read_bytes()
    code, output = run_main(capsys, *command, str(older))
    assert code == 0, output
    assert older.read_bytes() == before
    assert _files(tmp_path) == {"oud.db": len(before)}  # no backup, no -wal or -shm left behind
    if command[0] == "check":
        assert "ouder schema" in output and "0020_unique_keys" in output


def test_unknown_schema_version_is_refused(demo_db: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    newer = _copy(demo_db, tmp_path / "nieuwer.db", "PRAGMA user_version = 99")
    before = newer.read_bytes()
    code, output = run_main(capsys, "check", "--db", str(newer))
    assert code == 1 and "nieuwere versie" in output and "99" in output
    with pytest.raises(StoreError, match="nieuwere versie"):
        Store.open(newer)
    assert newer.read_bytes() == before


# --------------------------------------------------------------------------- damaged rows


def test_malformed_answer_json_is_reported_not_a_traceback(
        demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Every answer damaged, so the report meets one whichever answers it reads.
    damaged = _copy(demo_db, tmp_path / "kapot.db", "UPDATE answer SET value = '{kapot'")
    rowid = sqlite3.connect(damaged).execute("SELECT min(rowid) FROM answer").fetchone()[0]
    code, output = run_main(capsys, "check", "--db", str(damaged))
    assert code == 1
    assert f"rij {rowid} in 'answer'" in output and "geen geldige JSON" in output
    for export in (["export", "data"], ["export", "rapport", "--gemeente", "Maasveld"]):
        code, output = run_main(capsys, "--db", str(damaged), *export, "-o", str(tmp_path / "uit"))
        assert code == 1, export
        assert "fout:" in output and "geen geldige JSON" in output and "Traceback" not in output


def test_malformed_journal_json_is_reported(demo_db: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    damaged = _copy(demo_db, tmp_path / "kapot.db", "DROP TRIGGER journal_no_update",
                    "UPDATE journal SET new = '[oeps' WHERE seq = 5")
    code, output = run_main(capsys, "check", "--db", str(damaged))
    assert code == 1 and "schakel 5: de nieuwe waarde is onleesbaar" in output


# --------------------------------------------------------------------------- not a database file


def test_dev_null_is_refused_and_nothing_created(capsys: pytest.CaptureFixture[str]) -> None:
    existed = Path("/dev/null-journal").exists()
    for command in (["check", "--db", os.devnull], ["--db", os.devnull, "purge", "--dry-run"]):
        code, output = run_main(capsys, *command)
        assert code == 1 and "geen gewoon bestand" in output
    with pytest.raises(StoreError, match="geen gewoon bestand"):
        Store.open(Path(os.devnull))
    if not existed:
        assert not Path("/dev/null-journal").exists()


def test_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "pijp.db"
    os.mkfifo(fifo)
    for command in (["check", "--db", str(fifo)], ["--db", str(fifo), "demo"]):
        # A subprocess: the old code waited for a writer forever.
        result = subprocess.run([sys.executable, "-m", "interviewer", *command], capture_output=True,
                                text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(SRC)},
                                check=False)
        assert result.returncode == 1
        assert "geen gewoon bestand" in result.stderr and "Traceback" not in result.stderr


def test_read_only_folder_is_named_not_called_damaged(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with read_only_folder({"demo.db": demo_db.read_bytes()}) as folder:
        path = folder / "demo.db"
        with pytest.raises(StoreError, match="alleen-lezen") as refused:
            Store.open(path)
        assert "beschadigd" not in str(refused.value)
        # A check needs no writing at all, so it still runs in a read-only folder.
        code, output = run_main(capsys, "check", "--db", str(path))
        assert code == 0 and "in orde" in output, output


# --------------------------------------------------------------------------- full disk


def test_demo_on_a_full_disk_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    with tiny_disk(320) as folder:
        code, output = run_main(capsys, "--db", str(folder / "demo.db"), "demo")
    assert code == 1
    assert "de schijf is vol" in output and "Traceback" not in output


def test_report_on_a_full_disk_leaves_no_empty_docx(demo_db: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    with tiny_disk(24) as folder:
        code, output = run_main(capsys, "--db", str(demo_db), "export", "rapport", "--gemeente", "Maasveld",
                                "-o", str(folder))
        left = _files(folder)
    assert code == 1 and "kan het bestand niet schrijven" in output, output
    assert left == {}, left
