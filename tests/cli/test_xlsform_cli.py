"""`interviewer import-xlsform` / `export-xlsform` through the real command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import Workbook, load_workbook

from interviewer.cli import cli
from interviewer.cli.common import UserError
from interviewer.core.catalog import load_catalog

FOLDER = Path(__file__).resolve().parents[2] / "vragenlijsten"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), standalone_mode=False)


def broken_form(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in (["type", "name", "label", "relevant"], ["begin_repeat", "r", "R"], ["end_repeat"],
                ["calculate", "c", "C"], ["text", "t", "T?", "${c} = '1'"], ["text", "t2", "T2?", "${later} = 'x'"]):
        sheet.append(row)
    settings = book.create_sheet("settings")
    settings.append(["form_id", "source"])
    settings.append(["kapot", "client"])
    book.save(path)
    return path


def test_export_then_import_gives_the_same_vragenlijst(tmp_path: Path) -> None:
    xlsx = tmp_path / "cr.xlsx"
    result = run("export-xlsform", str(FOLDER / "casusregisseur.yaml"), "-o", str(xlsx))
    assert result.exception is None, result.output
    assert "geschreven" in result.output
    assert {"survey", "choices", "settings"} <= set(load_workbook(xlsx).sheetnames)
    result = run("import-xlsform", str(xlsx))
    assert result.exception is None, result.output
    written = tmp_path / "cr.yaml"
    assert written.read_text(encoding="utf-8").startswith("# Omgezet uit cr.xlsx")
    back = load_catalog([written], framework_fallback=FOLDER)
    original = load_catalog([FOLDER / "casusregisseur.yaml"], framework_fallback=FOLDER)
    assert back.ok
    assert back.questionsets == original.questionsets


def test_import_lists_all_problems_and_writes_nothing(tmp_path: Path) -> None:
    result = run("import-xlsform", str(broken_form(tmp_path / "f.xlsx")), "-o", str(tmp_path / "uit.yaml"))
    assert isinstance(result.exception, UserError)
    assert str(result.exception) == "2 problemen in f.xlsx; er is niets geschreven"
    assert result.output.splitlines() == [
        "survey rij 2, kolom type: herhaling 'r' (rij 2) wordt één keer gevraagd, niet herhaald: de vragen erin "
        "vormen een gewone sectie",
        "survey rij 4, kolom type: overgeslagen: berekeningen (calculate) voert de vragenlijst niet uit",
        "survey rij 5, kolom relevant: hangt af van ${c} (rij 4), die wordt overgeslagen (berekeningen (calculate) "
        "voert de vragenlijst niet uit); zonder die vraag verandert de betekenis van deze voorwaarde",
        "survey rij 6, kolom relevant: verwijst naar ${later}, dat niet eerder als vraag in survey staat",
    ]
    assert list(tmp_path.iterdir()) == [tmp_path / "f.xlsx"]


def plain_form(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in (["type", "name", "label", "appearance"], ["text", "t", "T?", "multiline"], ["geopoint", "p", "Waar?"]):
        sheet.append(row)
    book.save(path)
    return path


def test_role_option_and_warnings_of_a_form_made_elsewhere(tmp_path: Path) -> None:
    form = plain_form(tmp_path / "elders.xlsx")
    result = run("import-xlsform", str(form))
    assert isinstance(result.exception, UserError)
    assert "de rol van de respondent ontbreekt; geef haar op met --rol" in result.output
    result = run("import-xlsform", str(form), "--rol", "buurman")
    assert isinstance(result.exception, UserError)
    assert str(result.exception).startswith("--rol buurman: onbekende rol; kies uit: dossier")
    result = run("import-xlsform", str(form), "--rol", "client")
    assert result.exception is None, result.output
    assert result.output.splitlines() == [
        "survey rij 3, kolom type: overgeslagen: locaties (GPS, kaart) worden niet vastgelegd",
        "survey, kolom appearance: niet overgenomen (weergave in ODK; geen betekenis voor het gesprek): rij 2",
        f"geschreven: {tmp_path / 'elders.yaml'} (1 vragen in 1 secties; 1 rij(en) overgeslagen, zie hierboven)",
    ]
    qs = next(iter(load_catalog([tmp_path / "elders.yaml"], framework_fallback=FOLDER).questionsets.values()))
    assert (qs.role, qs.source) == ("client", "client")
    checked = run("check", str(tmp_path / "elders.yaml"))
    assert checked.exception is None, checked.output
    assert checked.output.startswith("in orde: 1 vragenlijst(en)")


def test_existing_output_needs_force(tmp_path: Path) -> None:
    target = tmp_path / "sup.xlsx"
    target.write_text("van een auteur")
    result = run("export-xlsform", str(FOLDER / "supervisor.yaml"), "-o", str(target))
    assert isinstance(result.exception, UserError)
    assert "bestaat al; gebruik --force" in str(result.exception)
    assert target.read_text() == "van een auteur"
    assert run("export-xlsform", str(FOLDER / "supervisor.yaml"), "-o", str(target), "--force").exception is None
    assert load_workbook(target)["settings"]["A2"].value == "supervisor"


@pytest.mark.parametrize("name", ["toezichtkader.yaml", "bestaat-niet.yaml"])
def test_export_refuses_what_is_not_a_valid_vragenlijst(name: str, tmp_path: Path) -> None:
    result = run("export-xlsform", str(FOLDER / name), "-o", str(tmp_path / "x.xlsx"))
    assert isinstance(result.exception, UserError)
    assert not (tmp_path / "x.xlsx").exists()


def test_user_error_exits_1_without_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "interviewer", "import-xlsform", str(broken_form(tmp_path / "f.xlsx"))],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "fout: 2 problemen in f.xlsx; er is niets geschreven" in proc.stderr


def test_corrupt_sheet_xml_gives_a_dutch_message_and_no_warnings_on_stderr(tmp_path: Path) -> None:
    import zipfile

    good = plain_form(tmp_path / "goed.xlsx")
    bad = tmp_path / "kapot.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    proc = subprocess.run(
        [sys.executable, "-m", "interviewer", "import-xlsform", str(bad), "--rol", "client"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 1
    assert proc.stdout.startswith("kapot.xlsx: is geen leesbaar .xlsx-bestand")
    assert proc.stderr == "fout: 1 probleem in kapot.xlsx; er is niets geschreven\n"


def test_the_role_is_asked_for_at_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("interviewer.cli.xlsform._interactive", lambda: True)
    form = plain_form(tmp_path / "elders.xlsx")
    result = CliRunner().invoke(cli, ["import-xlsform", str(form)], input="buurman\njeugdige\n", standalone_mode=False)
    assert result.exception is None, result.output
    known = "dossier, casusregisseur, supervisor, veilig_thuis, client, jeugdige, netwerkpartner, gemeente"
    assert result.output.splitlines()[:4] == [
        f"elders.xlsx noemt geen rol van de respondent; kies uit: {known}.",
        "Rol: buurman",
        f"'buurman' is geen bekende rol; kies uit: {known}.",
        "Rol: jeugdige",
    ]
    qs = next(iter(load_catalog([tmp_path / "elders.yaml"], framework_fallback=FOLDER).questionsets.values()))
    assert qs.source == "jeugdige"


def test_no_english_warnings_on_stderr_for_a_real_form(tmp_path: Path) -> None:
    form = Path(__file__).resolve().parents[1] / "data" / "xlsforms" / "onadata" / "sample_accent.xlsx"
    proc = subprocess.run(
        [sys.executable, "-W", "default", "-m", "interviewer", "import-xlsform", str(form), "--rol", "client",
         "-o", str(tmp_path / "uit.yaml")],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr == ""
    assert "geschreven:" in proc.stdout


def test_a_sheet_that_claims_excel_s_full_size_reads_only_its_used_cells(tmp_path: Path) -> None:
    import re
    import zipfile

    good = plain_form(tmp_path / "goed.xlsx")
    big = tmp_path / "groot.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(big, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:AMJ1048576"', data)
                assert b"AMJ1048576" in data
            dst.writestr(item, data)
    result = run("import-xlsform", str(big), "--rol", "client")
    assert result.exception is None, result.output
    assert "(1 vragen in 1 secties; 1 rij(en) overgeslagen" in result.output