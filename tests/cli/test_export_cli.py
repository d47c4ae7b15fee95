"""`interviewer demo` then `interviewer export rapport|data`: files, progress, Dutch errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from interviewer.cli import UserError, cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "demo.db"
    result = invoke(path, "demo")
    assert result.exit_code == 0, result.output
    assert "Demo-onderzoek geladen" in result.stdout
    return path


def invoke(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def user_error(result: Result) -> str:
    assert result.exit_code == 1
    assert isinstance(result.exception, UserError), result.exception
    return str(result.exception)


def test_demo_twice_adds_nothing(db: Path) -> None:
    result = invoke(db, "demo")
    assert result.exit_code == 0
    assert "staat al in de database" in result.stdout


def test_rapport_writes_one_docx_per_gemeente_with_progress_on_stderr(db: Path, tmp_path: Path) -> None:
    result = invoke(db, "export", "rapport", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    written = [Path(line) for line in result.stdout.splitlines()]
    assert sorted(p.name for p in written) == [
        "bewijsoverzicht-geulhoven.docx", "bewijsoverzicht-heuvelrode.docx", "bewijsoverzicht-maasveld.docx",
        "rapportage-geulhoven.docx", "rapportage-heuvelrode.docx", "rapportage-maasveld.docx"]
    assert all(p.exists() for p in written)
    assert "Rapportages" in result.stderr
    assert docx.Document(str(written[0])).paragraphs


def test_rapport_for_one_gemeente_into_a_named_file(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "concept maasveld.docx"
    result = invoke(db, "export", "rapport", "--gemeente", "maasveld", "-o", str(target))
    assert result.exit_code == 0, result.output
    beside = tmp_path / "concept maasveld-bewijsoverzicht.docx"
    assert result.stdout.splitlines() == [str(target), str(beside)]
    assert "Maasveld" in docx.Document(str(target)).core_properties.title
    assert "Bewijsoverzicht" in docx.Document(str(beside)).core_properties.title


def test_bewijs_writes_only_the_bewijsoverzicht(db: Path, tmp_path: Path) -> None:
    result = invoke(db, "export", "bewijs", "--gemeente", "Maasveld", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert [Path(line).name for line in result.stdout.splitlines()] == ["bewijsoverzicht-maasveld.docx"]
    assert [p.name for p in tmp_path.iterdir()] == ["bewijsoverzicht-maasveld.docx"]


def test_unknown_gemeente_lists_the_choices(db: Path, tmp_path: Path) -> None:
    message = user_error(invoke(db, "export", "rapport", "--gemeente", "Venlo", "-o", str(tmp_path)))
    assert "gemeente 'Venlo'" in message and "Geulhoven, Heuvelrode, Maasveld" in message
    assert not list(tmp_path.iterdir())


def test_template_without_styles_names_file_and_styles(db: Path, tmp_path: Path) -> None:
    template = tmp_path / "huisstijl.docx"
    docx.Document().save(str(template))
    message = user_error(invoke(db, "export", "rapport", "--template", str(template), "-o", str(tmp_path / "uit")))
    assert str(template) in message and "'Concept'" in message
    assert not (tmp_path / "uit").exists()


def test_empty_database_points_to_the_demo(tmp_path: Path) -> None:
    message = user_error(invoke(tmp_path / "leeg.db", "export", "rapport"))
    assert "interviewer demo" in message


def test_two_studies_need_a_choice(db: Path, tmp_path: Path) -> None:
    from interviewer.core.store import Store

    copy = tmp_path / "twee.db"
    store = Store.open(db)
    target = Store.open(copy)
    store.db.conn.backup(target.db.conn)
    store.close()
    target.create_study("Tweede onderzoek", "Regio Elders", "lokaal-netwerk-na-veilig-thuis")
    target.close()
    assert "--onderzoek" in user_error(invoke(copy, "export", "rapport", "-o", str(tmp_path)))
    chosen = invoke(copy, "export", "rapport", "--onderzoek", "het lokale netwerk na veilig thuis (demo)",
                    "--gemeente", "Geulhoven", "-o", str(tmp_path / "uit"))
    assert chosen.exit_code == 0, chosen.output


def test_data_writes_the_six_files_and_the_journal_anchor(db: Path, tmp_path: Path) -> None:
    result = invoke(db, "export", "data", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert sorted(Path(line).name for line in result.stdout.splitlines()) == sorted(
        [f"{n}.{e}" for n in ("answers", "judgements", "findings") for e in ("csv", "json")]
        + ["journaalanker.txt"])
    # The anchor names the journal's head, so a recomputed chain after deleting rows shows.
    assert "journaalanker" in (tmp_path / "journaalanker.txt").read_text()


def test_real_command_exits_1_with_one_dutch_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "interviewer", "--db", str(tmp_path / "x.db"), "export", "rapport"],
        capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "fout: de database bevat nog geen onderzoek; laad een voorbeeld met 'interviewer demo'"]
