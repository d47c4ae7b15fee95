"""What the intake and the interview screen share: a transcript above an answer area."""

from __future__ import annotations

from textual.screen import Screen

from interviewer.tui.widgets.answer_input import AnswerInput
from interviewer.tui.widgets.transcript import Transcript


class ChatScreen(Screen[None]):
    """A chat-style screen; subclasses compose one Transcript and one AnswerInput."""

    @property
    def transcript(self) -> Transcript:
        return self.query_one(Transcript)

    @property
    def answer_input(self) -> AnswerInput:
        return self.query_one(AnswerInput)

    @property
    def unsaved_work(self) -> str | None:
        """What quitting now would lose, in Dutch; None when everything is saved."""
        return "de getypte tekst in het antwoordveld" if self.answer_input.edited else None
