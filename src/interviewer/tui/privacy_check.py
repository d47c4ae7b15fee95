"""Warn when free text looks like it identifies someone, and offer codes instead (PR-3).

The inspector decides: replace every hit by its code ([NAAM-1], ...) or keep the text as
typed. Either way the text is then saved; nothing is blocked or dropped silently.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.screen import Screen

from interviewer.core import privacy
from interviewer.core.session import InterviewSession

Proceed = Callable[[str], Awaitable[None] | None]


def check_then(screen: Screen[Any], session: InterviewSession, text: str, proceed: Proceed) -> bool:
    """If `text` has privacy hits, ask (replace or keep) and call `proceed` with the choice.

    Returns True when a dialog took over (the caller stops), False when there was nothing
    to warn about (the caller goes on with `text` itself).
    """
    from interviewer.tui.dialogs.confirm import ConfirmDialog

    allowed = privacy.allowed_for_interview(session.store, session.interview_id)
    hits = _checker(screen).scan(text, allowed)
    if not hits:
        return False
    replaced = privacy.replace_hits(text, hits)

    async def decided(replace: bool | None) -> None:
        result = proceed(replaced if replace else text)
        if result is not None:
            await result

    screen.notify("Mogelijk identificerende gegevens in de tekst; kies vervangen of houden.",
                  severity="warning")
    screen.app.push_screen(ConfirmDialog(
        "Deze tekst bevat mogelijk gegevens die iemand herkenbaar maken:\n\n"
        f"{privacy.describe(hits)}\n\nVervangen door codes?\n{replaced}",
        yes="Vervangen", no="Zo laten (opslaan zoals getypt)"), decided)
    return True


def _checker(screen: Screen[Any]) -> privacy.Checker:
    """The app's checker (tests give the app their own), else the shared default."""
    from interviewer.tui.app import InterviewerApp

    app = screen.app
    return app.privacy_checker if isinstance(app, InterviewerApp) else privacy.default_checker()
