"""Snapshots of the key screens at 80x24 and 100x30 (fixed data, fixed dates).

Update with `pytest tests/tui/test_snapshots.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from interviewer.core.store import Store
from interviewer.tui.app import InterviewerApp
from tests.tui.conftest import do_intake, type_text

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((100, 30), id="100x30")]
FIXED = "2024-03-14T09:00:00.000000+00:00"


def add_interviews(store: Store) -> None:
    """A finished and a running interview with fixed dates, as on a real home screen."""
    (study,) = [s for s in store.studies() if not s["demo"]]
    (gemeente,) = store.gemeenten(study["id"])
    casus_id = store.add_casus(gemeente["id"], "G1-D01")
    for code, status in (("G1-D01-R1", "afgerond"), ("G1-D01-R2", "bezig")):
        interview_id = store.create_interview(
            study_id=study["id"], gemeente_id=gemeente["id"], casus_id=casus_id, role="testrol",
            questionset_id="testset", questionset_version=1, organisation="Wijkteam Noord",
            respondent_code=code, consent_text="akkoord")
        store.db.table("interview").update(interview_id, {
            "status": status, "started_at": FIXED, "updated_at": FIXED})


async def mid_interview(pilot: Pilot[None]) -> None:
    await do_intake(pilot)
    await type_text(pilot, "Goed, met een gezamenlijk huisbezoek")
    await pilot.press("ctrl+s", "1")  # the digit saves the choice and moves on
    await pilot.pause()


async def at_summary(pilot: Pilot[None]) -> None:
    await mid_interview(pilot)
    await pilot.press("f2")  # weet niet
    await pilot.press("ctrl+o")
    await type_text(pilot, "Datum staat in het dossier")
    await pilot.press("enter", "ctrl+n", "f8")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, app: InterviewerApp, store: Store, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    add_interviews(store)
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_intake_consent_step(snap_compare, app: InterviewerApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot: Pilot[None]) -> None:
        await pilot.press("n", "1", "enter", "1", "enter", "1", "enter")
        await type_text(pilot, "G1-D01")
        await pilot.press("enter", "1", "enter")  # a new organisation
        await type_text(pilot, "Wijkteam Noord")
        await pilot.press("enter", "1", "enter")  # its role: regisseur
        await type_text(pilot, "G1-D01-R1")
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_mid_interview(snap_compare, app: InterviewerApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=size, run_before=mid_interview)


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare, app: InterviewerApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=size, run_before=at_summary)


def add_second_study(store: Store) -> None:
    """A demo-like second study created later: home must stay on the first."""
    other = store.create_study("Het lokale netwerk na Veilig Thuis (demo)", "Regio Maas en Heuvel",
                               "lokaal-netwerk-na-veilig-thuis", demo=True)
    store.add_gemeente(other, "Maasveld")
    for row in store.studies():
        store.db.table("study").update(row["id"], {"created_at": FIXED})


@pytest.mark.parametrize("size", SIZES)
def test_home_two_studies(snap_compare, app: InterviewerApp, store: Store, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    add_interviews(store)
    add_second_study(store)
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_study_picker(snap_compare, app: InterviewerApp, store: Store, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    add_interviews(store)
    add_second_study(store)
    assert snap_compare(app, terminal_size=size, press=["s"])


async def at_summary_after_jump(pilot: Pilot[None]) -> None:
    await do_intake(pilot)
    await pilot.press("ctrl+g", "3", "f2", "f2", "f2")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_summary_with_unasked_sections(snap_compare, app: InterviewerApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=size, run_before=at_summary_after_jump)


async def after_a_judgement(pilot: Pilot[None]) -> None:
    await pilot.press("r")
    await pilot.pause()
    await pilot.press("right", "right", "enter")  # C1, indicator 3
    await pilot.press("shift+tab", "right", "space", "tab", *"Plan niet bekend", "enter")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_review_after_a_judgement(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    from interviewer.tui.app import make_app
    from tests.tui.test_review_screen import _world

    world, _ = _world()
    assert snap_compare(make_app(store=world.store, catalog=world.catalog), terminal_size=size,
                        run_before=after_a_judgement)
