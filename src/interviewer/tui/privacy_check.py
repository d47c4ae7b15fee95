"""Warn when free text looks like it identifies someone, and offer codes instead (PR-3).

The inspector decides: replace every hit by its code ([NAAM-1], ...), keep the text as
typed, or go back and edit it (Escape: nothing is saved). Nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.screen import Screen

from interviewer.core import privacy
from interviewer.core.session import InterviewSession

Proceed = Callable[[str], Awaitable[None] | None]


def check_then(screen: Screen[Any], session: InterviewSession, text: str, proceed: Proceed,
               edit_again: Callable[[str], None] | None = None) -> bool:
    """If `text` has privacy hits, ask (replace or keep) and call `proceed` with the choice.

    Going back (Escape) calls `edit_again` with the text, for a dialog that must reopen;
    an editor on the screen itself still holds the text.

    Returns True when a dialog took over (the caller stops), False when there was nothing
    to warn about (the caller goes on with `text` itself).
    """
    from interviewer.tui.dialogs.privacy_warning import REPLACE, PrivacyWarningDialog

    allowed = privacy.allowed_for_interview(session.store, session.interview_id)
    hits = _checker(screen).scan(text, allowed)
    if not hits:
        return False
    replaced = privacy.replace_hits(text, hits)

    async def decided(choice: str | None) -> None:
        if choice is None:
            if edit_again is not None:
                edit_again(text)
            return
        result = proceed(replaced if choice == REPLACE else text)
        if result is not None:
            await result

    screen.app.push_screen(PrivacyWarningDialog(
        "Deze tekst bevat mogelijk gegevens die iemand herkenbaar maken:\n\n"
        f"{privacy.describe(hits)}\n\nVervangen door codes?\n{replaced}"), decided)
    return True


def warm_up(screen: Screen[Any]) -> None:
    """Start loading the checker this screen's app uses (its lexicon), in the background."""
    _checker(screen).warm_up()


def _checker(screen: Screen[Any]) -> privacy.Checker:
    """The app's checker (tests give the app their own), else the shared default."""
    from interviewer.tui.app import InterviewerApp

    app = screen.app
    return app.privacy_checker if isinstance(app, InterviewerApp) else privacy.default_checker()
