"""The chat transcript: a scrolling column with one bubble per turn."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import Widget


class Transcript(VerticalScroll, can_focus=False):
    """Bubbles are appended, never rewritten, like a chat; annotations redraw in place."""

    async def add(self, *bubbles: Widget) -> None:
        await self.mount_all(bubbles)
        self.scroll_end(animate=False)
