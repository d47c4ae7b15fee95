"""Evaluate structured routing conditions (XLSForm 'relevant') against earlier answers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from interviewer.core.models import Condition


def evaluate(cond: Condition, answers: Mapping[str, Any]) -> bool:
    """True when `cond` holds for `answers` (question id -> answered value).

    Only real answers are in `answers`: a question skipped or answered with 'weet niet'
    matches no `in` list and counts as not answered.
    """
    if cond.vraag is not None:
        value = answers.get(cond.vraag)
        if cond.answered is not None:
            return (value is not None) == cond.answered
        if cond.min is not None or cond.max is not None:
            return _within(value, cond.min, cond.max)
        wanted = set(cond.in_ or [])
        if isinstance(value, list):
            return bool(wanted.intersection(str(v) for v in value))
        return value is not None and str(value) in wanted
    if cond.all is not None:
        return all(evaluate(sub, answers) for sub in cond.all)
    if cond.any is not None:
        return any(evaluate(sub, answers) for sub in cond.any)
    assert cond.not_ is not None
    return not evaluate(cond.not_, answers)


def _within(value: Any, low: Any, high: Any) -> bool:
    """Inclusive bounds; numbers compare as numbers, dates as ISO text. Anything else: False."""
    if value is None or isinstance(value, bool | list):
        return False
    try:
        if low is not None and value < low:
            return False
        return not (high is not None and value > high)
    except TypeError:
        return False
