"""The intake as a chat: gemeente, rol, casus, organisatie, respondentcode, toestemming."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static

from interviewer.core.answers import AnswerRecord, AnswerStatus, display_value
from interviewer.core.catalog import Catalog
from interviewer.core.intake import IntakeFlow, Step
from interviewer.core.session import InterviewSession
from interviewer.core.store import Store, StoreError
from interviewer.tui.screens.chat import ChatScreen
from interviewer.tui.widgets.answer_input import AnswerInput
from interviewer.tui.widgets.bubble import AssistantBubble, ScriptBubble, UserBubble
from interviewer.tui.widgets.transcript import Transcript


class IntakeScreen(ChatScreen):
    """Asks the intake one step at a time; on consent it opens the interview."""

    BINDINGS = [
        Binding("ctrl+s", "submit", "Opslaan", priority=True),
        Binding("ctrl+b,pageup", "back", "Vorige stap", priority=True),
        Binding("escape", "cancel", "Annuleren"),
        Binding("question_mark", "app.help", "Hulp", show=False),
    ]
    HELP_TITLE = "Intake"

    def __init__(self, store: Store, catalog: Catalog, study_id: str) -> None:
        super().__init__()
        self.flow = IntakeFlow(store, catalog, study_id)
        self.step: Step | None = None

    def compose(self) -> ComposeResult:
        yield Static("Nieuw interview: intake", classes="screen-title")
        yield Transcript(id="transcript")
        yield Static("", id="feedback", classes="feedback")
        yield AnswerInput(id="answer")
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        await self.transcript.add(AssistantBubble(
            "Eerst de intake. Niets over de respondent wordt bewaard voordat er toestemming is.",
            note="Enter kiest of bewaart, Ctrl+B gaat een stap terug, Esc annuleert."))
        await self._ask()

    async def _ask(self) -> None:
        self.step = self.flow.step()
        if self.step is None:
            await self._finished()
            return
        bubbles: list[Static] = [ScriptBubble(title, body) for title, body in self.step.preface]
        question = self.step.question
        bubbles.append(AssistantBubble(question.text, note=question.hint))
        await self.transcript.add(*bubbles)
        await self.answer_input.show(question, single_line=self.step.single_line)

    async def accept_answer(self, raw: object) -> bool:
        if self.step is None:
            return False
        feedback = self.query_one("#feedback", Static)
        try:
            error = self.flow.answer(self.step.key, "" if raw is None else str(raw))
        except StoreError as problem:
            error = f"Niet opgeslagen: {problem}. Enter probeert het opnieuw."
        feedback.update(error or "")
        feedback.set_class(bool(error), "error")
        if error:
            return False
        # What core kept (a code in capitals), not what was typed.
        kept = self.flow.values.get(self.step.key, raw)
        shown = display_value(self.step.question, AnswerRecord(
            question_id=self.step.question.id, status=AnswerStatus.BEANTWOORD, value=kept))
        await self.transcript.add(UserBubble(shown))
        await self._ask()
        return False

    async def action_back(self) -> None:
        if self.flow.back():
            await self.transcript.add(AssistantBubble("Terug naar de vorige stap."))
            await self._ask()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @property
    def unsaved_work(self) -> str | None:
        if self.flow.values and self.flow.interview_id is None and not self.flow.refused:
            return "de intake (wordt pas bij de toestemming opgeslagen)"
        return super().unsaved_work

    async def _finished(self) -> None:
        await self.answer_input.show(None)
        if self.flow.refused:
            await self.transcript.add(AssistantBubble(
                "De weigering is vastgelegd. Over de respondent is verder niets opgeslagen.",
                note="Esc gaat terug naar het startscherm."))
            return
        self._open_interview()

    def _open_interview(self) -> None:
        from interviewer.tui.screens.interview import InterviewScreen

        assert self.flow.interview_id is not None and self.flow.questionset is not None
        session = InterviewSession(self.flow.store, self.flow.interview_id, self.flow.questionset)
        self.app.switch_screen(InterviewScreen(session))
