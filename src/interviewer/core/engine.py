"""The interview as a pure state machine: where we are, what comes next, what is missing.

No I/O here: the session persists each answer before it is applied with `record`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from interviewer.core.answers import AnswerRecord, AnswerStatus
from interviewer.core.models import Question, QuestionSet, Section
from interviewer.core.routing import evaluate

END = "#einde"
"""Stored cursor of an interview that reached its end (None means: not started yet)."""


class SectionState(StrEnum):
    DONE = "klaar"
    CURRENT = "bezig"
    TODO = "te doen"
    SKIPPED = "n.v.t."


@dataclass(frozen=True)
class Progress:
    answered: int
    """Reachable questions with any recorded answer (including non-response and skip)."""
    reachable: int

    @property
    def fraction(self) -> float:
        return self.answered / self.reachable if self.reachable else 1.0

    def __str__(self) -> str:
        return f"{self.answered} van {self.reachable}"


class Engine:
    """Routing, navigation and completeness for one interview.

    Args:
        questionset: the vragenlijst.
        answers: answers recorded so far (also those on routes no longer taken).
        cursor: the stored cursor: a question id, END, or None for "first open question".
    """

    def __init__(
        self,
        questionset: QuestionSet,
        answers: Mapping[str, AnswerRecord] | None = None,
        cursor: str | None = None,
    ) -> None:
        self.qs = questionset
        self._order = [q.id for q in questionset.questions()]
        self._section_of = {q.id: s for s in questionset.sections for q in s.questions}
        self.answers: dict[str, AnswerRecord] = dict(answers or {})
        if cursor == END:
            self.cursor: str | None = None
            return
        if cursor is not None and cursor not in self._section_of:
            cursor = None
        self.cursor = cursor if cursor is not None else self.first_open()
        if self.cursor is not None and not self.is_reachable(self.cursor):
            self.cursor = self._next_reachable(self._order.index(self.cursor))

    # ------------------------------------------------------------------ routing

    def answered_values(self) -> dict[str, Any]:
        """Values that routing reads: only real answers count."""
        return {qid: a.value for qid, a in self.answers.items() if a.answered}

    def reachable_ids(self) -> list[str]:
        """Questions on the current route, in order.

        Routing only looks at earlier questions, and an answer on a question that is no
        longer on the route must not steer routing, so values are collected as we go.
        """
        values: dict[str, Any] = {}
        out: list[str] = []
        for section in self.qs.sections:
            if section.relevant is not None and not evaluate(section.relevant, values):
                continue
            for question in section.questions:
                if question.relevant is not None and not evaluate(question.relevant, values):
                    continue
                out.append(question.id)
                answer = self.answers.get(question.id)
                if answer is not None and answer.answered:
                    values[question.id] = answer.value
        return out

    def is_reachable(self, question_id: str) -> bool:
        return question_id in self.reachable_ids()

    def off_route(self) -> set[str]:
        """Answered questions no longer on the route: kept, but marked not applicable."""
        reachable = set(self.reachable_ids())
        return {qid for qid in self.answers if qid not in reachable}

    def _next_reachable(self, after_index: int) -> str | None:
        reachable = set(self.reachable_ids())
        return next((q for q in self._order[after_index + 1 :] if q in reachable), None)

    def first_open(self) -> str | None:
        """The first reachable question without an answer: where a resumed interview goes."""
        return next((q for q in self.reachable_ids() if q not in self.answers), None)

    # ------------------------------------------------------------------ navigation

    @property
    def current(self) -> Question | None:
        return self.qs.question(self.cursor) if self.cursor else None

    @property
    def finished(self) -> bool:
        return self.cursor is None

    @property
    def stored_cursor(self) -> str:
        """The cursor as the store keeps it, so a resumed interview lands exactly here."""
        return self.cursor if self.cursor is not None else END

    def record(self, answer: AnswerRecord) -> str | None:
        """Apply an answer (already saved) to the question it belongs to; move on.

        Returns the new cursor. Answering an earlier question (after `back` or `goto`)
        moves to the question after it, re-evaluating the route; when no question on the
        route is left open, the cursor goes to the end.
        """
        if answer.question_id not in self._section_of:
            raise KeyError(answer.question_id)
        self.answers[answer.question_id] = answer
        # Once every question on the route has an answer, the interview is at its end
        # (the summary), also when later questions were answered first after a jump.
        if self.first_open() is None:
            self.cursor = None
        else:
            self.cursor = self._next_reachable(self._order.index(answer.question_id))
        return self.cursor

    def back(self) -> bool:
        """Go to the previous reachable question; False at the first one."""
        reachable = self.reachable_ids()
        if self.cursor is None:
            if not reachable:
                return False
            self.cursor = reachable[-1]
            return True
        index = self._order.index(self.cursor)
        earlier = [q for q in reachable if self._order.index(q) < index]
        if not earlier:
            return False
        self.cursor = earlier[-1]
        return True

    def forward(self) -> bool:
        """Go to the next reachable question without answering (only past answered ones)."""
        if self.cursor is None or self.cursor not in self.answers:
            return False
        self.cursor = self._next_reachable(self._order.index(self.cursor))
        return True

    def goto(self, question_id: str) -> bool:
        """Jump to a reachable question."""
        if not self.is_reachable(question_id):
            return False
        self.cursor = question_id
        return True

    def jump_to_section(self, section_id: str) -> bool:
        """Jump to the first open (else first) reachable question of a section."""
        section = next((s for s in self.qs.sections if s.id == section_id), None)
        if section is None:
            return False
        reachable = set(self.reachable_ids())
        ids = [q.id for q in section.questions if q.id in reachable]
        if not ids:
            return False
        self.cursor = next((q for q in ids if q not in self.answers), ids[0])
        return True

    # ------------------------------------------------------------------ overview

    def progress(self) -> Progress:
        reachable = self.reachable_ids()
        return Progress(sum(1 for q in reachable if q in self.answers), len(reachable))

    def missing_required(self) -> list[Question]:
        """Reachable required questions without a real answer or a non-response status."""
        out = []
        for qid in self.reachable_ids():
            question = self.qs.question(qid)
            answer = self.answers.get(qid)
            assert question is not None
            if question.required and (answer is None or answer.status is AnswerStatus.OVERGESLAGEN):
                out.append(question)
        return out

    def section_states(self) -> list[tuple[Section, SectionState]]:
        reachable = set(self.reachable_ids())
        current_section = self._section_of.get(self.cursor) if self.cursor else None
        states = []
        for section in self.qs.sections:
            ids = [q.id for q in section.questions if q.id in reachable]
            if section is current_section:
                state = SectionState.CURRENT
            elif not ids:
                state = SectionState.SKIPPED
            elif all(q in self.answers for q in ids):
                state = SectionState.DONE
            else:
                state = SectionState.TODO
            states.append((section, state))
        return states

    def section_of(self, question_id: str) -> Section:
        return self._section_of[question_id]

    def covered_indicators(self) -> list[int]:
        """Indicators that reachable, answered questions gave evidence for."""
        numbers: set[int] = set()
        for qid in self.reachable_ids():
            answer = self.answers.get(qid)
            question = self.qs.question(qid)
            if answer is not None and answer.answered and question is not None:
                numbers.update(m.indicator for m in question.indicators)
        return sorted(numbers)
