"""The chat transcript: a scrolling column with one bubble per turn."""

from __future__ import annotations

from textual import events
from textual.containers import VerticalScroll
from textual.widget import Widget


class Transcript(VerticalScroll, can_focus=False):
    """Bubbles are appended, never rewritten, like a chat; annotations redraw in place."""

    async def add(self, *bubbles: Widget) -> None:
        await self.mount_all(bubbles)
        self.scroll_end(animate=False)

    def on_resize(self, event: events.Resize) -> None:
        # A narrower terminal rewraps every bubble; keep the current question in view
        # instead of leaving the inspector somewhere in the middle of the conversation.
        self.call_after_refresh(self.scroll_end, animate=False)
