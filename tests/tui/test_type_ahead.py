"""Keys typed straight after Enter (or Ctrl+S, or a digit that saves) belong to the next
question: the real app in a pty, typed at 0, 20, 50 and 100 ms after each submit key."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from interviewer.core.store import Store
from tests.tui.ptyapp import PtyApp, catalog_with

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")

GAPS_MS = (0, 20, 50, 100)
ENTER, CTRL_S = "\r", "\x13"
OPTIONS = [{"code": "rood", "label": "Rood"}, {"code": "groen", "label": "Groen"},
           {"code": "blauw", "label": "Blauw"}]


def questions() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for gap in GAPS_MS:
        out += [{"id": f"getal_{gap}", "type": "getal", "text": f"Hoeveel GETAL{gap}X?"},
                {"id": f"keuze_{gap}", "type": "keuze", "text": f"Welke KEUZE{gap}X?", "options": OPTIONS},
                {"id": f"open_{gap}", "type": "open", "text": f"Wat OPEN{gap}X?"}]
    return out


def script() -> list[tuple[str, dict[str, object], int]]:
    """(keys, expected stored value, gap after the keys) per question, in order."""
    steps: list[tuple[str, dict[str, object], int]] = []
    for index, gap in enumerate(GAPS_MS):
        number, digit = 100 + gap, index % 3 + 1
        text = f"antwoord {gap} met spaties, 5 woorden"
        steps += [(f"{number}{ENTER}", {f"getal_{gap}": number}, gap),
                  (str(digit), {f"keuze_{gap}": OPTIONS[digit - 1]["code"]}, gap),
                  (f"{text}{CTRL_S}", {f"open_{gap}": text}, gap)]
    return steps


def new_interview(path: Path) -> str:
    store = Store.open(path, actor="test")
    study = store.create_study("Typtest", "Regio", "lokaal-netwerk-na-veilig-thuis")
    gemeente = store.add_gemeente(study, "Testdorp")
    interview = store.create_interview(
        study_id=study, gemeente_id=gemeente, casus_id=store.add_casus(gemeente, "G1-D01"),
        role="typtest", questionset_id="typtest", questionset_version=1, organisation="Wijkteam",
        respondent_code="TYPRESP1", consent_text="Akkoord?")
    store.close()
    return interview


def stored_answers(path: Path, interview_id: str) -> dict[str, object]:
    store = Store.open(path, actor="test")
    try:
        return {qid: a.value for qid, a in store.answers(interview_id).items()}
    finally:
        store.close()


def test_answers_typed_ahead_are_stored_as_typed(tmp_path: Path) -> None:
    db = tmp_path / "typ.db"
    interview_id = new_interview(db)
    app = PtyApp(db, catalog_with(tmp_path / "vragenlijsten", "typtest", questions()))
    expected: dict[str, object] = {}
    try:
        assert app.wait_for("TYPRESP1"), "home screen not shown"
        app.type(ENTER)  # resume the only interview
        assert app.wait_for("GETAL0X"), "first question not shown"
        for keys, value, gap in script():
            app.type(keys)
            expected.update(value)
            app.pump(gap / 1000)
        app.wait_for("Samenvatting", timeout=30)
        app.pump(0.2)
    finally:
        app.kill()
    stored = stored_answers(db, interview_id)
    assert len(expected) == 12
    assert stored == expected


def test_new_study_dialog_typed_fast(tmp_path: Path) -> None:
    db = tmp_path / "studie.db"
    Store.open(db, actor="test").close()
    app = PtyApp(db, catalog_with(tmp_path / "vragenlijsten", "typtest", questions()))
    try:
        assert app.wait_for("nieuw onderzoek aanmaken"), "home screen not shown"
        for gap in GAPS_MS:
            mark = len(app.output)
            app.type("o")
            assert app.wait_for("Nieuw onderzoek", mark), "dialog not shown"
            for field in ("Titel", "Regio", "Gemeente"):
                app.type(f"{field} {gap}{ENTER}")
                app.pump(gap / 1000)
            assert app.wait_for(f"Onderzoek 'Titel {gap}' aangemaakt", mark, timeout=15), \
                app.output[mark:].decode(errors="replace")[-400:]
    finally:
        app.kill()
    studies = stored_studies(db)
    assert studies == [(f"Titel {g}", f"Regio {g}", [f"Gemeente {g}"]) for g in GAPS_MS]


def test_keys_typed_right_after_opening_a_dialog_from_home_reach_the_dialog(tmp_path: Path) -> None:
    # 'q', 'd' and 'e' are home-screen keys (stop, demo, export): typed before the dialog
    # is drawn they must become text in the dialog, not actions on the screen behind it.
    db = tmp_path / "studie.db"
    Store.open(db, actor="test").close()
    app = PtyApp(db, catalog_with(tmp_path / "vragenlijsten", "typtest", questions()))
    try:
        assert app.wait_for("nieuw onderzoek aanmaken"), "home screen not shown"
        mark = len(app.output)
        app.type(f"oquaderne{ENTER}edam{ENTER}delft{ENTER}")
        assert app.wait_for("Onderzoek 'quaderne' aangemaakt", mark, timeout=20), \
            app.output[mark:].decode(errors="replace")[-400:]
    finally:
        app.kill()
    studies = stored_studies(db)
    assert studies == [("quaderne", "edam", ["delft"])]


def stored_studies(db: Path) -> list[tuple[str, str, list[str]]]:
    """(title, region, gemeenten) of every study in `db`."""
    store = Store.open(db, actor="test")
    try:
        return [(s["title"], s["region"], [g["name"] for g in store.gemeenten(s["id"])])
                for s in store.studies()]
    finally:
        store.close()
