"""Privacy check of free text (PR-1, PR-3): what looks like a name, BSN, phone number, e-mail
address, street address, postcode, date of birth or licence plate, with a code to replace it by.

`scan_text(text, allowed)` is the one set of rules for every place where text is typed or
leaves the tool. Libraries made for this do the hard parts: python-stdnum checks a BSN's
elfproef, phonenumbers finds phone numbers, and deduce's Dutch name, place and street lists
(a compact copy, see lexicon.py) drive names and addresses by deduce's own rules (names.py).
The check runs in the app's own process and is complete from the first scan: no model that
is still loading, no child process.

Names in `allowed` (the study's gemeenten and organisations) are never flagged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from interviewer.core.privacy import lexicon
from interviewer.core.privacy.checker import Checker
from interviewer.core.privacy.hits import KIND_LABELS, KINDS, PrivacyHit, describe, replace_hits

if TYPE_CHECKING:
    from interviewer.core.store import Store

__all__ = [
    "KINDS", "KIND_LABELS", "Checker", "PrivacyHit", "allowed_for_interview", "default_checker",
    "describe", "lexicon", "replace_hits", "scan_text", "warm_up",
]

_DEFAULT = Checker()


def default_checker() -> Checker:
    """The app's shared checker, on the installed lexicon file."""
    return _DEFAULT


def scan_text(text: str, allowed: Iterable[str] = (), *, checker: Checker | None = None) -> list[PrivacyHit]:
    """Everything in `text` that may identify a person, in text order, without overlaps."""
    return (checker or _DEFAULT).scan(text, allowed)


def warm_up() -> None:
    """Start loading the default checker's lexicon in the background (returns at once)."""
    _DEFAULT.warm_up()


def allowed_for_interview(store: Store, interview_id: str) -> set[str]:
    """Names that may appear in an interview's text: the study's gemeenten and organisations."""
    row = store.interview(interview_id)
    allowed = {str(g["name"]) for g in store.gemeenten(row["study_id"])}
    allowed |= {str(i["organisation"]) for i in store.interviews(row["study_id"]) if i["organisation"]}
    return allowed
