"""Keys typed while an answer is being handed over wait, then go where they were meant.

Textual routes a key to whatever has focus at the moment the app reads it, and a widget
applies printable keys in its own task while bindings (Enter, Backspace) run later in the
app's task. A fast typist's next answer therefore reached the editor of the answer just
submitted (``104`` Enter ``5`` was saved as ``1045``). The cure is to decide at the moment
the submit key is read: from then on keys are held, in order, until the next question's
editor has focus, and then replayed through the app's normal key handling.

A dialog that the submit opens (a privacy or soft-constraint warning) gets the keys typed
while it is shown; the keys typed before it stay held for the question after it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen

Held = events.Key | events.Paste


class KeyHoldApp(App[None]):
    """An App that can hold the keyboard while the current screen hands over input."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: deque[Held] = deque()
        self._hold_screen: Screen[Any] | None = None
        self._replaying = False

    @property
    def holding_keys(self) -> bool:
        return self._hold_screen is not None

    def hold_keys(self) -> None:
        """From now on keys for the current screen wait until `release_keys`."""
        self._hold_screen = self.screen

    async def release_keys(self) -> None:
        """Replay the held keys in the order they were typed, to whatever has focus now."""
        self._hold_screen = None
        if self._replaying:
            return  # the running replay picks up from here
        self._replaying = True
        try:
            while self._held and self._hold_screen is None:
                await App.on_event(self, self._held.popleft())
        finally:
            self._replaying = False

    def _holds(self) -> bool:
        if self._replaying:
            return True  # keep the order: new keys queue behind the ones being replayed
        # A dialog opened during the hand-over takes the keys typed while it is shown.
        return self._hold_screen is not None and self._hold_screen is self.screen

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded and self._holds():
            self._held.append(event)
            return
        await super().on_event(event)


def after_queued(node: DOMNode, then: Callable[[], object]) -> None:
    """Call `then` once `node` and each of its ancestors have handled what is queued now.

    A key reaches the focused widget first and its binding runs only when the key has
    bubbled up to the app, one queue at a time; walking the same path behind it means
    every key typed before the submit key has had its full effect.
    """
    parent = node.parent
    step: Callable[[], object] = then if parent is None else (lambda: after_queued(parent, then))
    if not node.call_later(step):  # a closed pump (widget being removed) runs nothing
        step()
