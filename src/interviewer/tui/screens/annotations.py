"""Remark, quote and polarity actions of the interview screen (a mixin, to keep the screen
file about asking and answering).

A remark belongs to the question it was written for: the session saves it at once on an
answered question, and otherwise keeps it (on disk) until that question is answered.
Quote and polarity belong to the last answered open question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from interviewer.core.answers import AnswerRecord
from interviewer.core.models import Polarity, Question

if TYPE_CHECKING:
    from interviewer.tui.screens.interview import InterviewScreen


class AnnotationActions:
    """Actions that change an existing answer's remark, quote flag or polarity."""

    def action_remark(self: Any) -> None:
        from interviewer.tui.dialogs.remark import RemarkDialog

        screen = cast("InterviewScreen", self)
        question = screen.session.current
        if question is None:
            screen._feedback("Er is geen vraag open; ga met Ctrl+B terug naar een vraag.", error=True)
            return
        record = screen.session.engine.answers.get(question.id)
        current = record.remark if record else screen.session.pending_remark(question.id)

        def edit_again(text: str) -> None:
            screen.app.push_screen(RemarkDialog(question.text, text, saved=current or ""), typed)

        def typed(remark: str | None, scanned: bool = False) -> None:
            if remark is None:
                return
            if not scanned and remark:
                from interviewer.tui.privacy_check import check_then

                if check_then(screen, screen.session, remark, lambda chosen: typed(chosen, scanned=True),
                              edit_again):
                    return
            # In a tuple: a pending remark returns None, which _stored uses for failure.
            done = screen._stored(lambda: (screen.session.set_remark(question.id, remark),), "Ctrl+O")
            if done is None:
                return
            (updated,) = done
            if updated is not None:
                _show(screen, updated)
                screen._feedback("Opmerking opgeslagen.")
            else:
                screen._feedback("")

        screen.app.push_screen(RemarkDialog(question.text, current), typed)

    def action_no_answer(self: Any) -> None:
        from interviewer.tui.dialogs.no_answer import NoAnswerDialog

        screen = cast("InterviewScreen", self)
        if screen.session.current is None:
            return

        async def chosen(status: str | None) -> None:
            if status is not None:
                await screen.action_mark(status)

        screen.app.push_screen(NoAnswerDialog(), chosen)

    def action_quote(self: Any) -> None:
        screen = cast("InterviewScreen", self)
        record = _open_target(screen)
        if record is not None:
            updated = screen._stored(lambda: screen.session.annotate(record.question_id, quote=not record.quote),
                                     "Ctrl+T")
            if updated is not None:
                _show(screen, updated)
                screen._feedback("Gemarkeerd als citaat." if updated.quote else "Citaat weggehaald.")

    def action_polarity(self: Any) -> None:
        from interviewer.tui.dialogs.polarity import CLEAR, PolarityChoice, PolarityDialog

        screen = cast("InterviewScreen", self)
        record = _open_target(screen)
        if record is None:
            return
        question = screen.session.qs.question(record.question_id)
        assert question is not None
        aspects = _aspects(screen, question)
        current = screen.session.aspect_polarities(record.question_id) if len(aspects) > 1 else {}

        def picked(value: PolarityChoice | None) -> None:
            if value is None:
                return
            if isinstance(value, dict):
                if screen._stored(lambda: screen.session.tag_aspects(record.question_id, value) or True,
                                  "Ctrl+R") is not None:
                    screen._feedback("Polariteit per aspect opgeslagen.")
                return
            polarity = None if value == CLEAR else cast(Polarity, value)
            if current:
                # One polarity for the whole answer replaces the tags per aspect.
                if screen._stored(lambda: screen.session.tag_aspects(record.question_id, dict.fromkeys(current))
                                  or True, "Ctrl+R") is None:
                    return
            updated = screen._stored(lambda: screen.session.annotate(
                record.question_id, polarity=polarity, clear_polarity=value == CLEAR), "Ctrl+R")
            if updated is not None:
                _show(screen, updated)
                screen._feedback("Polariteit opgeslagen.")

        screen.app.push_screen(PolarityDialog(question.text, aspects, current), picked)


def _aspects(screen: InterviewScreen, question: Question) -> list[tuple[str, str]]:
    """(aspect id, title) of every aspect the question gives evidence for."""
    catalog = getattr(screen.app, "catalog", None)
    framework = catalog.frameworks.get(screen.session.qs.framework) if catalog is not None else None
    if framework is None:
        return [(m.aspect, "") for m in question.indicators if m.aspect]
    return [(a.id, a.title) for a in framework.aspects_of(question)]


def _open_target(screen: InterviewScreen) -> AnswerRecord | None:
    """The current question if it is an answered open one, else the last answered open one."""
    engine = screen.session.engine
    current = engine.current
    candidates = [current.id] if current is not None else []
    candidates += [screen.last_open] if screen.last_open else []
    for qid in candidates:
        question = engine.qs.question(qid)
        record = engine.answers.get(qid)
        if question and question.type == "open" and record is not None and record.answered:
            return record
    screen._feedback("Citaat en polariteit gelden voor een beantwoorde open vraag; "
                     "die is er nog niet.", error=True)
    return None


def _show(screen: InterviewScreen, record: AnswerRecord) -> None:
    bubble = screen.bubbles.get(record.question_id)
    if bubble is not None:
        bubble.show_record(record)
