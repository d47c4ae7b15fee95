"""One interview in progress: the engine's decisions, made durable through the store.

Every change is committed before the engine moves on, so what the screen shows as saved
is on disk. The TUI talks to this class only.

Each save names the answer this window last saw; if another window changed it meanwhile
the store refuses (AnswerConflict), this window learns the stored answer and says so, and
only a second save overwrites it. Text typed but not yet saved (an open answer, a remark
written before the answer) is kept as a draft per question, so it survives pausing,
navigating and a crash, and a pending remark stays with the question it was written for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from interviewer.core.answers import (
    NON_RESPONSE,
    AnswerRecord,
    AnswerStatus,
    Parsed,
    parse_answer,
)
from interviewer.core.engine import Engine
from interviewer.core.models import Polarity, Question, QuestionSet, Section
from interviewer.core.store import AnswerConflict, Store, StoreError

ANSWER_DRAFT = "antwoord"
REMARK_DRAFT = "opmerking"


@dataclass(frozen=True)
class SubmitResult:
    saved: bool
    error: str | None = None
    warning: str | None = None
    """A soft constraint: submit again with confirmed=True to accept."""
    previous: AnswerRecord | None = None
    """The answer this one replaced, when an earlier answer was edited."""


@dataclass(frozen=True)
class Summary:
    """What the inspector sees before marking the interview afgerond."""

    missing_required: list[Question] = field(default_factory=list)
    skipped: list[Question] = field(default_factory=list)
    non_response: list[tuple[Question, AnswerStatus]] = field(default_factory=list)
    remarks: list[tuple[Question, str]] = field(default_factory=list)
    answered: int = 0
    reachable: int = 0
    unasked: list[tuple[Section, list[Question]]] = field(default_factory=list)
    """Questions on the route that were never asked (no answer, no status), per section:
    after a jump ahead whole sections can be left, required or not."""

    @property
    def complete(self) -> bool:
        return not self.missing_required and not self.unasked

    @property
    def unasked_count(self) -> int:
        return sum(len(questions) for _, questions in self.unasked)


class InterviewSession:
    """Drive one stored interview with one vragenlijst."""

    def __init__(self, store: Store, interview_id: str, questionset: QuestionSet) -> None:
        from interviewer.core.questionset_versions import pin

        self.store = store
        self.interview_id = interview_id
        # The version the interview was taken with, not whatever the vragenlijst file says now.
        self.pinned = pin(store, interview_id, questionset)
        self.qs = self.pinned.questionset
        row = store.interview(interview_id)
        self.engine = Engine(self.qs, store.answers(interview_id), row["cursor"])
        self.drafts: dict[tuple[str, str], str] = store.drafts(interview_id)
        """(question id, kind) -> text typed but not saved, as far as it is on disk."""

    # ------------------------------------------------------------------ answering

    @property
    def current(self) -> Question | None:
        return self.engine.current

    def submit(self, raw: object, *, confirmed: bool = False, remark: str | None = None) -> SubmitResult:
        """Validate and save an answer to the current question, then move on.

        The question's pending remark (or `remark`) is saved with it.

        Raises:
            AnswerConflict: another window changed this answer; this window now knows the
                stored answer, so submitting again overwrites it knowingly.
            StoreError: the database could not be written (locked, full, read-only).
        """
        question = self.engine.current
        if question is None:
            return SubmitResult(saved=False, error="Het interview is aan het einde; er is geen vraag open.")
        parsed: Parsed = parse_answer(question, raw, confirmed=confirmed)
        if not parsed.ok:
            return SubmitResult(saved=False, error=parsed.error)
        if parsed.warning:
            return SubmitResult(saved=False, warning=parsed.warning)
        previous = self.engine.answers.get(question.id)
        answer = AnswerRecord(
            question_id=question.id, status=AnswerStatus.BEANTWOORD, value=parsed.value,
            remark=self._remark_for(question.id, remark, previous),
            quote=previous.quote if previous else False,
            polarity=previous.polarity if previous else None,
        )
        self._commit(answer)
        return SubmitResult(saved=True, previous=previous if previous and previous != answer else None)

    def mark(self, status: AnswerStatus, *, remark: str | None = None) -> SubmitResult:
        """Record non-response (weet niet, wil niet zeggen, n.v.t.) or a skip; move on."""
        question = self.engine.current
        if question is None:
            return SubmitResult(saved=False, error="Er is geen vraag open.")
        if status is AnswerStatus.BEANTWOORD:
            raise ValueError("use submit() for real answers")
        previous = self.engine.answers.get(question.id)
        answer = AnswerRecord(question_id=question.id, status=status,
                              remark=self._remark_for(question.id, remark, previous))
        self._commit(answer)
        return SubmitResult(saved=True, previous=previous)

    def annotate(self, question_id: str, *, remark: str | None = None, quote: bool | None = None,
                 polarity: Polarity | None = None, clear_polarity: bool = False) -> AnswerRecord:
        """Add a remark, quote flag or polarity to an existing answer (journaled)."""
        current = self.engine.answers.get(question_id)
        if current is None:
            # A remark typed before the answer is passed to submit()/mark() instead:
            # saving it on a placeholder answer would record a status that is not true.
            raise KeyError(question_id)
        changes: dict[str, object] = {}
        if remark is not None:
            changes["remark"] = remark.strip() or None
        if quote is not None:
            changes["quote"] = quote
        if polarity is not None or clear_polarity:
            changes["polarity"] = polarity
        updated = current.model_copy(update=changes)
        self._save(updated, cursor=self.engine.stored_cursor, expected=current)
        self.engine.answers[question_id] = updated
        return updated

    def aspect_polarities(self, question_id: str) -> dict[str, str]:
        return self.store.aspect_polarities(self.interview_id, question_id)

    def tag_aspects(self, question_id: str, polarities: dict[str, str | None]) -> dict[str, str]:
        """Tag an answered open question per aspect (None clears one); journaled.

        An open remark mapped to several aspects can support one and contradict another; a
        polarity per aspect goes before the answer's own polarity for that aspect in scoring.
        """
        question = self.qs.question(question_id)
        record = self.engine.answers.get(question_id)
        if question is None or record is None or not record.answered:
            raise KeyError(question_id)
        # An aspect id starts with its indicator's number (2b): a mapping without aspect covers
        # every aspect of its indicator.
        bare = {str(m.indicator) for m in question.indicators if m.aspect is None}
        mapped = {m.aspect for m in question.indicators if m.aspect}
        unknown = sorted(a for a in polarities if a not in mapped and a.rstrip("abcdefghijklmnopqrstuvwxyz") not in bare)
        if unknown:
            raise ValueError(f"vraag '{question_id}' is niet gekoppeld aan aspect {', '.join(unknown)}")
        self.store.save_aspect_polarities(self.interview_id, question_id, polarities)
        return self.aspect_polarities(question_id)

    def _commit(self, answer: AnswerRecord) -> None:
        # Work out where the engine goes on a copy, save all of it in one transaction,
        # and only then let the live engine move: the screen never runs ahead of the disk.
        simulated = Engine(self.qs, self.engine.answers, self.engine.cursor)
        simulated.record(answer)
        self._save(answer, cursor=simulated.stored_cursor, off_route=simulated.off_route(),
                   expected=self.engine.answers.get(answer.question_id))
        self.engine = simulated

    def _save(self, answer: AnswerRecord, *, cursor: str, expected: AnswerRecord | None,
              off_route: set[str] | None = None) -> None:
        try:
            self.store.save_answer(self.interview_id, answer, cursor=cursor, off_route=off_route,
                                   expected=expected)
        except AnswerConflict as conflict:
            # From now on this window has seen the other window's answer: saving again
            # is a deliberate overwrite, journaled like any change.
            if conflict.current is None:
                self.engine.answers.pop(answer.question_id, None)
            else:
                self.engine.answers[answer.question_id] = conflict.current
            raise
        for kind in (ANSWER_DRAFT, REMARK_DRAFT):
            self.drafts.pop((answer.question_id, kind), None)

    def _remark_for(self, question_id: str, remark: str | None, previous: AnswerRecord | None) -> str | None:
        pending = self.pending_remark(question_id)
        return remark or pending or (previous.remark if previous else None)

    # ------------------------------------------------------------------ drafts and remarks

    def draft(self, question_id: str) -> str | None:
        """Open-answer text typed for `question_id` but not saved."""
        return self.drafts.get((question_id, ANSWER_DRAFT))

    def save_draft(self, question_id: str, text: str) -> None:
        """Keep unsaved answer text on disk (the screen calls this shortly after typing)."""
        self._keep_draft(question_id, ANSWER_DRAFT, text)

    def pending_remark(self, question_id: str) -> str | None:
        """A remark written for a question that has no answer yet; saved with its answer."""
        return self.drafts.get((question_id, REMARK_DRAFT))

    def set_remark(self, question_id: str, remark: str) -> AnswerRecord | None:
        """Attach a remark ('' clears it) to `question_id`.

        An answered question gets it at once (journaled); otherwise it waits, on disk, for
        that question's answer, whichever question is current by then. Returns the updated
        answer, or None when the remark is pending.
        """
        if question_id in self.engine.answers:
            return self.annotate(question_id, remark=remark)
        self._keep_draft(question_id, REMARK_DRAFT, remark.strip())
        return None

    def _keep_draft(self, question_id: str, kind: str, text: str) -> None:
        if self.drafts.get((question_id, kind), "") == text:
            return
        self.store.save_draft(self.interview_id, question_id, kind, text)
        if text.strip():
            self.drafts[(question_id, kind)] = text
        else:
            self.drafts.pop((question_id, kind), None)

    # ------------------------------------------------------------------ navigation

    def back(self) -> bool:
        return self._navigate(self.engine.back)

    def forward(self) -> bool:
        return self._navigate(self.engine.forward)

    def jump_to_section(self, section_id: str) -> bool:
        return self._navigate(lambda: self.engine.jump_to_section(section_id))

    def goto(self, question_id: str) -> bool:
        return self._navigate(lambda: self.engine.goto(question_id))

    def _navigate(self, move: Callable[[], bool]) -> bool:
        """Move the engine and store the cursor; if the store refuses, stay where we were.

        Raises:
            StoreError: the cursor could not be written; the engine did not move.
        """
        before = self.engine.cursor
        if not move():
            return False
        try:
            self.store.set_cursor(self.interview_id, self.engine.stored_cursor)
        except StoreError:
            self.engine.cursor = before
            raise
        return True

    # ------------------------------------------------------------------ finishing

    def summary(self) -> Summary:
        reachable = self.engine.reachable_ids()
        skipped: list[Question] = []
        non_response: list[tuple[Question, AnswerStatus]] = []
        remarks: list[tuple[Question, str]] = []
        unasked: list[tuple[Section, list[Question]]] = []
        for qid in reachable:
            question = self.qs.question(qid)
            answer = self.engine.answers.get(qid)
            assert question is not None
            if answer is None:
                section = self.engine.section_of(qid)
                if not unasked or unasked[-1][0] is not section:
                    unasked.append((section, []))
                unasked[-1][1].append(question)
                continue
            if answer.status is AnswerStatus.OVERGESLAGEN:
                skipped.append(question)
            elif answer.status in NON_RESPONSE:
                non_response.append((question, answer.status))
            if answer.remark:
                remarks.append((question, answer.remark))
        progress = self.engine.progress()
        return Summary(self.engine.missing_required(), skipped, non_response, remarks,
                       progress.answered, progress.reachable, unasked)

    def goto_first_open(self) -> bool:
        """Go to the first question on the route without an answer (from the summary)."""
        first = self.engine.first_open()
        return first is not None and self.goto(first)

    def finish(self) -> Summary:
        """Mark the interview afgerond (the summary lists what is still missing)."""
        summary = self.summary()
        self.store.set_status(self.interview_id, "afgerond")
        return summary

    def reopen(self) -> None:
        """Reopen a finished interview for corrections; later edits are journaled."""
        self.store.set_status(self.interview_id, "bezig")

    @property
    def status(self) -> str:
        return str(self.store.interview(self.interview_id)["status"])
