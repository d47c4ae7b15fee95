"""`interviewer activiteit` and `interviewer inspecties`: recorded, listed, and in the report."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from tests.cli.test_export_cli import invoke, user_error


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    assert invoke(path, "demo").exit_code == 0
    return path


def test_activities_reach_bijlage_2_and_inspectorates_the_title_page(db: Path, tmp_path: Path) -> None:
    result = invoke(db, "activiteit", "toevoegen", "--soort", "reflectiebijeenkomst", "--datum", "2019-05-20",
                    "--omschrijving", "Alle betrokken instanties", "--gemeente", "Maasveld")
    assert result.exit_code == 0, result.output
    listed = invoke(db, "activiteit", "lijst").stdout
    assert "Reflectiebijeenkomst  2019-05-20  Maasveld  Alle betrokken instanties" in listed
    names = ["Inspectie Gezondheidszorg en Jeugd", "Inspectie Sociale Zaken en Werkgelegenheid"]
    assert invoke(db, "inspecties", *names).stdout.splitlines() == names
    assert invoke(db, "inspecties").stdout.splitlines() == names
    target = tmp_path / "maasveld.docx"
    assert invoke(db, "export", "rapport", "--gemeente", "Maasveld", "-o", str(target)).exit_code == 0
    text = [p.text for p in docx.Document(str(target)).paragraphs]
    assert "20 mei 2019; Alle betrokken instanties" in text
    assert "Inspectie Sociale Zaken en Werkgelegenheid" in text
    assert "Nederlandse Arbeidsinspectie" in invoke(db, "inspecties", "--standaard").stdout


def test_a_wrong_date_or_id_is_a_dutch_message(db: Path) -> None:
    message = user_error(invoke(db, "activiteit", "toevoegen", "--soort", "documentenanalyse", "--datum", "20-5-2019"))
    assert "JJJJ-MM-DD" in message
    assert "niet gevonden" in user_error(invoke(db, "activiteit", "verwijderen", "onbekend"))
    assert len(invoke(db, "activiteit", "lijst").stdout.splitlines()) == 2  # the demo's own two


def test_an_activity_can_be_removed(db: Path) -> None:
    before = invoke(db, "activiteit", "lijst").stdout
    activity_id = invoke(db, "activiteit", "toevoegen", "--soort", "documentenanalyse").stdout.strip()
    assert activity_id in invoke(db, "activiteit", "lijst").stdout
    assert invoke(db, "activiteit", "verwijderen", activity_id).exit_code == 0
    assert invoke(db, "activiteit", "lijst").stdout == before


def test_an_empty_study_says_so(tmp_path: Path) -> None:
    from interviewer.core.store import Store

    path = tmp_path / "leeg.db"
    store = Store.open(path)
    store.create_study("Leeg", "Regio", "lokaal-netwerk-na-veilig-thuis")
    store.close()
    assert invoke(path, "activiteit", "lijst").stdout.strip() == "Nog geen activiteiten vastgelegd."
