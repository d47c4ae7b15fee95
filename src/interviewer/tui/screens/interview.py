"""The interview as a chat: question bubbles, answer bubbles, an answer area, a side panel.

Every step goes through `InterviewSession`, which commits to SQLite before its engine
moves; the next question is rendered only after that call returns. A save the database
refuses (locked, full, read-only, changed in another window) is shown here in Dutch; the
question stays open with the typed text and the same key tries again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Footer, Static, TextArea

from interviewer.core.answers import AnswerRecord, AnswerStatus, display_value
from interviewer.core.models import Question, QuestionType
from interviewer.core.session import InterviewSession, SubmitResult
from interviewer.core.store import AnswerConflict, StoreError
from interviewer.tui.screens.annotations import AnnotationActions
from interviewer.tui.screens.chat import ChatScreen
from interviewer.tui.widgets.answer_input import AnswerInput
from interviewer.tui.widgets.bubble import AnswerBubble, AssistantBubble, QuestionBubble
from interviewer.tui.widgets.side_panel import SidePanel
from interviewer.tui.widgets.transcript import Transcript

T = TypeVar("T")

DRAFT_DELAY = 0.3
"""Seconds after typing before an open answer's draft is written (bounded, not reset)."""


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
        # A digit saves a single choice and moves on: priority, so that keys typed after
        # it are held for the next question (see ChatScreen).
        *[Binding(str(n), f"choose('{n}')", show=False, priority=True) for n in range(10)],
    ]
    HELP_TITLE = "Interview"

    def __init__(self, session: InterviewSession) -> None:
        super().__init__()
        self.session = session
        self.bubbles: dict[str, AnswerBubble] = {}
        """The latest answer bubble per question, redrawn when an annotation changes."""
        self.last_open: str | None = None
        """The last answered open question: quote and polarity apply to it."""
        self._draft_timer: Timer | None = None
        self._answer = AnswerInput(id="answer")
        """Kept: the last draft is written on unmount, when queries find nothing."""

    def compose(self) -> ComposeResult:
        yield Static(self._title(), classes="screen-title", markup=False)
        with Horizontal(id="body"):
            yield Transcript(id="transcript")
            yield SidePanel(id="side")
        yield Static("", id="feedback", classes="feedback", markup=False)
        yield self._answer
        # Compact, and only the most used keys: the footer must fit 80 columns.
        yield Footer(compact=True)

    def _title(self) -> str:
        store, row = self.session.store, self.session.store.interview(self.session.interview_id)
        parts = [self.session.qs.role_label, row["respondent_code"], store.gemeente(row["gemeente_id"])["name"]]
        if row["casus_id"]:
            parts.append("casus " + store.db.table("casus").get(row["casus_id"])["code"])
        return " · ".join(str(p) for p in parts if p)

    async def on_mount(self) -> None:
        from interviewer.tui import privacy_check

        # The app's own checker (tests inject one) loads its name lists in the background,
        # ready well before the first open answer.
        privacy_check.warm_up(self)
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
        draft = self.session.draft(question.id)
        await self.answer_input.show(question, previous, text=draft)
        shown = [f"eerder: {display_value(question, previous)}" if previous else "",
                 "niet opgeslagen tekst hersteld" if draft else ""]
        self._feedback("  ".join(part for part in shown if part))

    def _feedback(self, text: str, *, error: bool = False) -> None:
        feedback = self.query_one("#feedback", Static)
        question = self.session.current
        pending = self.session.pending_remark(question.id) if question else None
        if pending and not error:
            text = f"{text}  Opmerking klaar: {pending}".strip()
        feedback.update(text)
        feedback.set_class(error, "error")

    def _stored(self, write: Callable[[], T], retry: str) -> T | None:
        """Run a session call that writes; on a database problem say so and return None."""
        try:
            return write()
        except AnswerConflict as conflict:
            question = self.session.current
            now = (display_value(question, conflict.current) if question and conflict.current
                   else "geen antwoord")
            self._feedback(f"Niet opgeslagen: dit antwoord is intussen in een ander venster "
                           f"gewijzigd (daar: {now}). Uw invoer staat er nog; {retry} "
                           "overschrijft het, Esc laat het staan.", error=True)
        except StoreError as error:
            self._feedback(f"Niet opgeslagen: {error}. Uw invoer staat er nog; {retry} "
                           "probeert het opnieuw.", error=True)
        return None

    # ------------------------------------------------------------------ drafts

    @on(TextArea.Changed)
    def _typed(self) -> None:
        # Bounded delay, not reset per key: text typed a second ago is on disk even
        # while the inspector keeps typing.
        if self._draft_timer is None:
            self._draft_timer = self.set_timer(DRAFT_DELAY, self.keep_draft)

    def keep_draft(self) -> None:
        """Write the open answer's unsaved text now (also before leaving the question)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        question, text = self.session.current, self._answer.text_now()
        if question is None or text is None:
            return
        previous = self.session.engine.answers.get(question.id)
        saved = display_value(question, previous) if previous and previous.answered else ""
        self._stored(lambda: self.session.save_draft(question.id, "" if text == saved else text),
                     "doorgaan met typen")

    def on_unmount(self) -> None:
        self.keep_draft()

    # ------------------------------------------------------------------ answering

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            # Only in a single-choice editor; elsewhere the digit is typed as text.
            return self.answer_input.digit_index(str(parameters[0])) is not None
        return super().check_action(action, parameters)

    def action_choose(self, digit: str) -> None:
        index = self.answer_input.digit_index(digit)
        if index is not None:
            self.submit_choice(index)

    async def accept_answer(self, raw: object) -> bool:
        return await self._submit(raw)

    async def _submit(self, raw: object, *, confirmed: bool = False, scanned: bool = False) -> bool:
        """Save `raw` for the current question; True when a dialog took over the decision."""
        question = self.session.current
        if (not scanned and not confirmed and question is not None and question.type is QuestionType.OPEN
                and isinstance(raw, str) and self._privacy_warning(raw)):
            return True
        retry = "Ctrl+S" if question is not None and question.type is QuestionType.OPEN else "Enter"
        result = self._stored(lambda: self.session.submit(raw, confirmed=confirmed), retry)
        if result is None:
            return False
        if result.warning:
            self._confirm_warning(raw, result.warning)
            return True
        if result.error:
            self._feedback(result.error, error=True)
        elif question is not None:
            await self._saved(question, result)
        return False

    def _privacy_warning(self, text: str) -> bool:
        """Warn about names, BSN, addresses... in an open answer; saved after the choice."""
        from interviewer.tui.privacy_check import check_then

        # Escape goes back to the text in the editor: the keys typed ahead go there too.
        return check_then(self, self.session, text, lambda chosen: self._after_dialog(
            self._submit(chosen, scanned=True)), lambda _text: None if self.call_later(self._after_dialog, None) else None)

    def _confirm_warning(self, raw: object, warning: str) -> None:
        from interviewer.tui.dialogs.confirm import ConfirmDialog

        async def decided(accept: bool | None) -> None:
            await self._after_dialog(self._submit(raw, confirmed=True) if accept else None)

        self.app.push_screen(ConfirmDialog(f"{warning}\n\nToch opslaan?"), decided)

    async def _after_dialog(self, step: Awaitable[bool] | None) -> None:
        """Finish a submit that a dialog interrupted, then hand the held keys on."""
        another = False  # yet another dialog releases the keys in turn
        try:
            another = step is not None and await step
        finally:
            if not another:
                await self.keys.release_keys()

    async def action_mark(self, status: str) -> None:
        question = self.session.current
        if question is None:
            return
        result = self._stored(lambda: self.session.mark(AnswerStatus(status)), "dezelfde toets")
        if result is not None:
            await self._saved(question, result)

    async def _saved(self, question: Question, result: SubmitResult) -> None:
        if self._draft_timer is not None:  # the draft went with the answer
            self._draft_timer.stop()
            self._draft_timer = None
        record = self.session.engine.answers[question.id]
        await self._ask(answered=self._answer_bubble(question, record, result.previous))
        if self.session.current is None:
            self.action_summary()

    # ------------------------------------------------------------------ navigating

    async def action_back(self) -> None:
        self.keep_draft()
        moved = self._stored(self.session.back, "Ctrl+B")
        if moved:
            await self._ask(revisit=True)
        elif moved is False:
            self._feedback("Dit is de eerste vraag.", error=True)

    async def action_forward(self) -> None:
        self.keep_draft()
        moved = self._stored(self.session.forward, "Ctrl+F")
        if moved:
            await self._ask()
        elif moved is False:
            self._feedback("Beantwoord eerst deze vraag (of sla haar over met Ctrl+N).", error=True)

    def action_section(self) -> None:
        from interviewer.tui.dialogs.sections import SectionDialog

        self.keep_draft()

        async def chosen(section_id: str | None) -> None:
            if section_id and self._stored(lambda: self.session.jump_to_section(section_id), "Ctrl+G"):
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
        self.keep_draft()
        self.dismiss(None)
