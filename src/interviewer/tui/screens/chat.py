"""What the intake and the interview screen share: a transcript above an answer area, and
the hand-over of the keyboard from one answer to the next."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.binding import Binding
from textual.screen import Screen

from interviewer.tui.widgets.answer_input import AnswerInput
from interviewer.tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from interviewer.tui.keyhold import KeyHoldApp


class ChatScreen(Screen[None]):
    """A chat-style screen; subclasses compose one Transcript and one AnswerInput.

    Enter and Ctrl+S (the subclass binds Ctrl+S with its own label) hold the keyboard from
    the moment they are read until `accept_answer` has shown what comes next: keys typed
    ahead go to the next question, never into the answer just submitted.
    """

    BINDINGS = [Binding("enter", "enter_submit", "Opslaan", show=False, priority=True)]

    @property
    def transcript(self) -> Transcript:
        return self.query_one(Transcript)

    @property
    def answer_input(self) -> AnswerInput:
        return self.query_one(AnswerInput)

    @property
    def keys(self) -> KeyHoldApp:
        return cast("KeyHoldApp", self.app)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "enter_submit":
            # An open answer keeps Enter for new lines; the key then goes to its TextArea.
            return self.answer_input.enter_submits
        return True

    def action_enter_submit(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        if self.answer_input.editor is None:
            return
        self.keys.hold_keys()
        self.answer_input.submit_when_settled()

    def submit_choice(self, index: int) -> None:
        """Save option `index` of a single-choice editor (a digit key); keys held meanwhile."""
        self.keys.hold_keys()
        self.answer_input.submit_when_settled(choose=index)

    @on(AnswerInput.Submitted)
    async def _answer_submitted(self, event: AnswerInput.Submitted) -> None:
        event.stop()
        dialog = False
        try:
            dialog = await self.accept_answer(event.raw)
        finally:
            if not dialog:
                await self.keys.release_keys()

    async def accept_answer(self, raw: object) -> bool:
        """Handle a submitted value; True when a dialog took over (it releases the keys)."""
        raise NotImplementedError

    @property
    def unsaved_work(self) -> str | None:
        """What quitting now would lose, in Dutch; None when everything is saved."""
        return "de getypte tekst in het antwoordveld" if self.answer_input.edited else None
