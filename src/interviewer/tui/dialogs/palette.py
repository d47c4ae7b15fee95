"""The command palette (Ctrl+P): Textual's, in Dutch, with a guard found by the key fuzz."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette


class Palette(CommandPalette):
    """PgUp/PgDn while the command list is shown but not laid out yet (height 0) raised
    KeyError inside Textual (8.2.8) and ended the app; then they do nothing."""

    def __init__(self) -> None:
        super().__init__(placeholder="Zoek een opdracht…", id="--command-palette")

    def _action_command_list(self, action: str) -> None:
        if action in ("page_up", "page_down"):
            command_list = self.query_one(CommandList)
            if not command_list.scrollable_content_region.height:
                return
        super()._action_command_list(action)
