"""Fixtures for the TUI tests: a file database with one study, and a small vragenlijst
that has every question type, a routed section and a hard constraint."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from interviewer.core import privacy
from interviewer.core.catalog import Catalog
from interviewer.core.models import QuestionSet
from interviewer.core.store import Store
from interviewer.tui.app import InterviewerApp, make_app

TEST_SET = {
    "kind": "vragenlijst", "id": "testset", "version": 1, "title": "Testleidraad",
    "role": "testrol", "role_label": "Testrol", "source": "casusregisseur", "level": "casus",
    "framework": "lokaal-netwerk-na-veilig-thuis",
    "intro": "Dit is de introductie van het testgesprek.",
    "consent": "Gaat u akkoord met dit gesprek?",
    "sections": [
        {"id": "begin", "title": "Begin", "questions": [
            {"id": "q_open", "type": "open", "text": "Hoe verliep de overdracht?",
             "required": True, "guidance": "Vraag naar voorbeelden.",
             "doorvragen": ["Wie was erbij?"], "indicators": [{"indicator": 1}]},
            {"id": "q_janee", "type": "janee", "text": "Was er een warme overdracht?",
             "indicators": [{"indicator": 2}]},
        ]},
        {"id": "details", "title": "Details", "relevant": {"vraag": "q_janee", "in": ["ja"]},
         "questions": [
             {"id": "q_getal", "type": "getal", "text": "Hoeveel gesprekken waren er?",
              "constraint": {"min": 0, "max": 100}},
             {"id": "q_datum", "type": "datum", "text": "Wanneer was het eerste gesprek?"},
             {"id": "q_keuze", "type": "keuze", "text": "Wie had de regie?",
              "options": [{"code": "wijkteam", "label": "Wijkteam"},
                          {"code": "vt", "label": "Veilig Thuis"},
                          {"code": "niemand", "label": "Niemand"}],
              "indicators": [{"indicator": 4}]},
         ]},
        {"id": "slot", "title": "Slot", "questions": [
            {"id": "q_meer", "type": "meerkeuze", "text": "Welke partners waren betrokken?",
             "options": [{"code": "ggz", "label": "GGZ"}, {"code": "school", "label": "School"},
                         {"code": "politie", "label": "Politie"}]},
            {"id": "q_zrm", "type": "zrm", "text": "ZRM huiselijke relaties nu?"},
            {"id": "q_slot", "type": "open", "text": "Wat wilt u nog kwijt?"},
        ]},
    ],
}


@pytest.fixture(scope="session")
def catalog(shipped: Catalog) -> Catalog:
    """The shipped toezichtkader with only the test vragenlijst, so role 1 is the test set."""
    qs = QuestionSet.model_validate(TEST_SET)
    return Catalog(frameworks=dict(shipped.frameworks), questionsets={qs.id: qs})


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "interviewer.db"
    store = Store.open(path, actor="test")
    study_id = store.create_study("Testonderzoek", "Regio Test", "lokaal-netwerk-na-veilig-thuis")
    store.add_gemeente(study_id, "Venlo")
    store.close()
    return path


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    store = Store.open(db_path, actor="test")
    yield store
    store.close()


@pytest.fixture(scope="session")
def privacy_checker() -> privacy.Checker:
    """The privacy check on deduce's lists, read once per test run straight from deduce's
    package (no cache file in the user's home, no model, no child process)."""
    src = privacy.lexicon.deduce_source_dir()
    assert src is not None, "deduce's name lists are missing"
    return privacy.Checker(privacy.lexicon.from_deduce(src))


@pytest.fixture
def app(store: Store, catalog: Catalog, privacy_checker: privacy.Checker) -> InterviewerApp:
    return make_app(store=store, catalog=catalog, privacy_checker=privacy_checker)


KEY_NAMES = {" ": "space", "-": "minus", ".": "full_stop", ",": "comma", "?": "question_mark"}


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*[KEY_NAMES.get(c, c) for c in text])


async def do_intake(pilot: Pilot[None], *, consent: bool = True) -> None:
    """Home -> intake for a new casus in Venlo with the test set, up to the consent answer."""
    await pilot.press("n")
    await pilot.press("1", "enter")  # gemeente Venlo
    await pilot.press("1", "enter")  # rol Testrol
    await pilot.press("1", "enter")  # casus: the only option is "Nieuwe casus toevoegen"
    await type_text(pilot, "G1-D01")
    await pilot.press("enter")
    await pilot.press("1", "enter")  # organisatie: the only option is "Nieuwe organisatie toevoegen"
    await type_text(pilot, "Wijkteam Noord")
    await pilot.press("enter")
    await pilot.press("1", "enter")  # its role: the set's likely role (regisseur) comes first
    await type_text(pilot, "G1-D01-R1")
    await pilot.press("enter")
    await pilot.press("1" if consent else "2", "enter")
    await pilot.pause()
