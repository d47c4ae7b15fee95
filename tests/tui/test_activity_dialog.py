"""Pilot test: recording a study activity from the review screen (the report's Bijlage 2)."""

from __future__ import annotations

from textual.widgets import Input, Select, Static

from interviewer.core.study_info import activities
from interviewer.tui.dialogs.activity import ActivityDialog
from interviewer.tui.screens.review import ReviewScreen
from tests.tui.test_review_screen import ReviewApp, _world


async def test_record_a_reflectiebijeenkomst_from_the_review_screen() -> None:
    world, _ = _world()
    app = ReviewApp(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        assert isinstance(app.screen, ActivityDialog)
        assert "Nog geen activiteiten" in str(app.screen.query_one("#existing", Static).render())
        app.screen.query_one("#kind", Select).value = "reflectiebijeenkomst"
        app.screen.query_one("#date", Input).focus()
        await pilot.press(*"31-02-2019", "tab", *"Alle betrokken instanties", "enter")
        assert "geen geldige datum" in str(app.screen.query_one("#error", Static).render())
        assert activities(world.store, world.study) == []
        app.screen.query_one("#date", Input).value = "20-05-2019"
        app.screen.query_one("#description", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    [saved] = activities(world.store, world.study)
    assert (saved.kind, saved.on and saved.on.isoformat(), saved.description, saved.gemeente_id) == (
        "reflectiebijeenkomst", "2019-05-20", "Alle betrokken instanties", world.gemeente)


async def test_many_activities_keep_the_form_on_a_small_screen() -> None:
    from datetime import date

    from interviewer.core.study_info import add_activity

    world, _ = _world()
    for day in range(1, 8):
        add_activity(world.store, world.study, "overig", on=date(2019, 3, day), description="x" * 120)
    app = ReviewApp(world)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        listing = str(app.screen.query_one("#existing", Static).render())
        assert "en 5 eerder" in listing and len(listing.splitlines()) == 4
        description = app.screen.query_one("#description", Input)
        assert description.region.bottom <= 24 and description.region.height > 0
