"""The polarity dialog: one key for the whole answer, or a polarity per aspect."""

from __future__ import annotations

from textual.app import App

from interviewer.tui.dialogs.polarity import PolarityChoice, PolarityDialog


class DialogApp(App[None]):
    def __init__(self, dialog: PolarityDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.result: PolarityChoice | None = None

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self._done)

    def _done(self, result: PolarityChoice | None) -> None:
        self.result = result


async def test_one_key_still_picks_for_the_whole_answer() -> None:
    app = DialogApp(PolarityDialog("Opmerking?", [("5a", "Leefgebieden"), ("6a", "1G1P")]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("minus")
        await pilot.pause()
    assert app.result == "-"


async def test_a_mixed_remark_is_tagged_per_aspect() -> None:
    app = DialogApp(PolarityDialog("Opmerking?", [("5a", "Leefgebieden"), ("5b", "ZRM"), ("6a", "1G1P")],
                                   current={"6a": "0"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "plus", "down", "minus", "enter")
        await pilot.pause()
    assert app.result == {"5a": None, "5b": "+", "6a": "-"}
