"""The interview as a chat: question bubbles, answer bubbles, an answer area, a side panel.

Every step goes through `InterviewSession`, which commits to SQLite before its engine
moves; the next question is rendered only after that call returns.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Static

from interviewer.core.answers import AnswerRecord, AnswerStatus, display_value
from interviewer.core.models import Question, QuestionType
from interviewer.core.session import InterviewSession, SubmitResult
from interviewer.tui.screens.annotations import AnnotationActions
from interviewer.tui.screens.chat import ChatScreen
from interviewer.tui.widgets.answer_input import AnswerInput
from interviewer.tui.widgets.bubble import AnswerBubble, AssistantBubble, QuestionBubble
from interviewer.tui.widgets.side_panel import SidePanel
from interviewer.tui.widgets.transcript import Transcript


class InterviewScreen(AnnotationActions, ChatScreen):
    """Conduct one interview; Escape pauses (everything is already saved)."""

    # Priority: a focused TextArea or Input would otherwise swallow these keys. Every action
    # has a key that works in GNOME Terminal, Windows Terminal, macOS Terminal and tmux
    # (F-keys and Ctrl+B have a second key; Ctrl+P lists them all).
    BINDINGS = [
        Binding("ctrl+s", "submit", "Opslaan", priority=True),
        Binding("ctrl+b,pageup", "back", "Vorige", priority=True),
        Binding("ctrl+f,pagedown", "forward", "Volgende", show=False, priority=True),
        Binding("ctrl+n", "mark('overgeslagen')", "Overslaan", show=False, priority=True),
        Binding("ctrl+k", "no_answer", "Geen antw.", priority=True),
        Binding("f2", "mark('weet_niet')", "Weet niet", show=False, priority=True),
        Binding("f3", "mark('wil_niet_zeggen')", "Wil niet zeggen", show=False, priority=True),
        Binding("f4", "mark('niet_van_toepassing')", "N.v.t.", show=False, priority=True),
        Binding("ctrl+o", "remark", "Opmerking", show=False, priority=True),
        Binding("ctrl+t", "quote", "Citaat", show=False, priority=True),
        Binding("ctrl+r", "polarity", "Polariteit", show=False, priority=True),
        Binding("ctrl+g", "section", "Sectie", show=False, priority=True),
        Binding("ctrl+e,f8", "summary", "Afronden", priority=True),
        Binding("escape", "pause", "Pauze"),
        Binding("f1", "app.help", "Hulp", show=False, priority=True),
        Binding("question_mark", "app.help", "Hulp", show=False),
    ]
    HELP_TITLE = "Interview"

    def __init__(self, session: InterviewSession) -> None:
        super().__init__()
        self.session = session
        self.bubbles: dict[str, AnswerBubble] = {}
        """The latest answer bubble per question, redrawn when an annotation changes."""
        self.pending_remark: str | None = None
        """A remark typed before the current question was answered; saved with the answer."""
        self.last_open: str | None = None
        """The last answered open question: quote and polarity apply to it."""

    def compose(self) -> ComposeResult:
        yield Static(self._title(), classes="screen-title", markup=False)
        with Horizontal(id="body"):
            yield Transcript(id="transcript")
            yield SidePanel(id="side")
        yield Static("", id="feedback", classes="feedback", markup=False)
        yield AnswerInput(id="answer")
        # Compact, and only the most used keys: the footer must fit 80 columns.
        yield Footer(compact=True)

    def _title(self) -> str:
        store, row = self.session.store, self.session.store.interview(self.session.interview_id)
        parts = [self.session.qs.role_label, row["respondent_code"], store.gemeente(row["gemeente_id"])["name"]]
        if row["casus_id"]:
            parts.append("casus " + store.db.table("casus").get(row["casus_id"])["code"])
        return " · ".join(str(p) for p in parts if p)

    async def on_mount(self) -> None:
        from interviewer.core import privacy

        privacy.warm_up()  # the name model loads in a background thread, ready by the first open answer
        await self.transcript.add(*self._replay())
        await self._ask()

    def _replay(self) -> list[AssistantBubble | QuestionBubble | AnswerBubble]:
        """Bubbles for the answers stored so far, in question order (for resuming)."""
        engine = self.session.engine
        bubbles: list[AssistantBubble | QuestionBubble | AnswerBubble] = []
        for qid in engine.reachable_ids():
            record = engine.answers.get(qid)
            question = self.session.qs.question(qid)
            if record is None or question is None or qid == engine.cursor:
                continue
            bubbles.append(QuestionBubble(question, engine.section_of(qid)))
            bubbles.append(self._answer_bubble(question, record))
        if bubbles:
            bubbles.insert(0, AssistantBubble("Hervat: de antwoorden tot nu toe."))
        return bubbles

    def _answer_bubble(self, question: Question, record: AnswerRecord,
                       previous: AnswerRecord | None = None) -> AnswerBubble:
        bubble = AnswerBubble(question, record, previous)
        self.bubbles[question.id] = bubble
        if question.type is QuestionType.OPEN and record.answered:
            self.last_open = question.id
        return bubble

    async def _ask(self, *, revisit: bool = False, answered: AnswerBubble | None = None) -> None:
        """Show the current question (or the end) and the editor for it.

        `answered` (the bubble of the answer just saved) is mounted in the same call as
        the next question: one layout pass instead of two.
        """
        question = self.session.current
        self.query_one(SidePanel).show_engine(self.session.engine)
        before = [answered] if answered else []
        if question is None:
            await self.answer_input.show(None)
            await self.transcript.add(*before, AssistantBubble(
                "Dit was de laatste vraag.", note="Ctrl+E = samenvatting en afronden, Ctrl+B = terug."))
            self._feedback("")
            return
        previous = self.session.engine.answers.get(question.id)
        section = self.session.engine.section_of(question.id)
        await self.transcript.add(*before, QuestionBubble(question, section, revisit=revisit))
        await self.answer_input.show(question, previous)
        self._feedback(f"eerder: {display_value(question, previous)}" if previous else "")

    def _feedback(self, text: str, *, error: bool = False) -> None:
        feedback = self.query_one("#feedback", Static)
        if self.pending_remark and not error:
            text = f"{text}  Opmerking klaar: {self.pending_remark}".strip()
        feedback.update(text)
        feedback.set_class(error, "error")

    # ------------------------------------------------------------------ answering

    @on(AnswerInput.Submitted)
    async def submit_answer(self, event: AnswerInput.Submitted) -> None:
        await self._submit(event.raw)

    def action_submit(self) -> None:
        if self.session.current is not None:
            self.answer_input.submit_when_settled()

    async def _submit(self, raw: object, *, confirmed: bool = False, scanned: bool = False) -> None:
        question = self.session.current
        if (not scanned and not confirmed and question is not None and question.type is QuestionType.OPEN
                and isinstance(raw, str) and self._privacy_warning(raw)):
            return
        result = self.session.submit(raw, confirmed=confirmed, remark=self.pending_remark)
        if result.warning:
            self._confirm_warning(raw, result.warning)
        elif result.error:
            self._feedback(result.error, error=True)
        elif question is not None:
            await self._saved(question, result)

    def _privacy_warning(self, text: str) -> bool:
        """Warn about names, BSN, addresses... in an open answer; saved after the choice."""
        from interviewer.tui.privacy_check import check_then

        return check_then(self, self.session, text, lambda chosen: self._submit(chosen, scanned=True))

    def _confirm_warning(self, raw: object, warning: str) -> None:
        from interviewer.tui.dialogs.confirm import ConfirmDialog

        async def decided(accept: bool | None) -> None:
            if accept:
                await self._submit(raw, confirmed=True)

        self.app.push_screen(ConfirmDialog(f"{warning}\n\nToch opslaan?"), decided)

    async def action_mark(self, status: str) -> None:
        question = self.session.current
        if question is None:
            return
        result = self.session.mark(AnswerStatus(status), remark=self.pending_remark)
        await self._saved(question, result)

    async def _saved(self, question: Question, result: SubmitResult) -> None:
        record = self.session.engine.answers[question.id]
        self.pending_remark = None
        await self._ask(answered=self._answer_bubble(question, record, result.previous))
        if self.session.current is None:
            self.action_summary()

    # ------------------------------------------------------------------ navigating

    async def action_back(self) -> None:
        if self.session.back():
            await self._ask(revisit=True)
        else:
            self._feedback("Dit is de eerste vraag.", error=True)

    async def action_forward(self) -> None:
        if self.session.forward():
            await self._ask()
        else:
            self._feedback("Beantwoord eerst deze vraag (of sla haar over met Ctrl+N).", error=True)

    def action_section(self) -> None:
        from interviewer.tui.dialogs.sections import SectionDialog

        async def chosen(section_id: str | None) -> None:
            if section_id and self.session.jump_to_section(section_id):
                await self._ask(revisit=True)

        self.app.push_screen(SectionDialog(self.session.engine.section_states()), chosen)

    def action_summary(self) -> None:
        from interviewer.tui.screens.summary import SummaryScreen

        async def closed(finished: bool | None) -> None:
            if finished:
                self.dismiss(None)
            elif self.session.current is not None and self.answer_input.editor is None:
                await self._ask(revisit=True)  # the summary moved to an open question

        self.app.push_screen(SummaryScreen(self.session), closed)

    def action_pause(self) -> None:
        self.dismiss(None)
