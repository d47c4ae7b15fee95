"""Drive the app with 1,000 random keys during an interview: no crash, and every answer the
store confirmed as saved is in the database (and the screen's session agrees with it)."""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pytest
from textual import events

from interviewer.core.answers import AnswerRecord
from interviewer.core.store import Store
from interviewer.tui.app import InterviewerApp
from interviewer.tui.screens.home import HomeScreen
from interviewer.tui.screens.interview import InterviewScreen
from tests.tui.conftest import do_intake

STEPS = 1000
SEED = int(os.environ.get("FUZZ_SEED", "20240607"))

# Everything an inspector can press, weighted towards answering. Quitting keys are left out
# (q, ctrl+q): a quit would end the run early, not test anything. Ctrl+C is in: it must not quit.
TYPING = list("abcdefghijklmnoprstuvwxyzABJKLMPS0123456789") + ["space", "minus", "full_stop", "comma"]
CONTROL = ["enter", "enter", "ctrl+s", "ctrl+s", "ctrl+b", "ctrl+f", "ctrl+n", "f2", "f3", "f4",
           "ctrl+o", "ctrl+t", "ctrl+r", "ctrl+g", "f8", "escape", "backspace", "up", "down",
           "left", "right", "tab", "shift+tab", "question_mark", "f1", "j", "n", "1", "2", "3",
           "ctrl+k", "ctrl+e", "pageup", "pagedown", "ctrl+p", "ctrl+c", "s", "g", "h", "v"]


def _send_key(app: InterviewerApp, key: str) -> None:
    """Queue a key press as the terminal driver would, without waiting for it to be handled."""
    char = {"space": " ", "minus": "-", "full_stop": ".", "comma": ",", "question_mark": "?"}.get(
        key, key if len(key) == 1 else None)
    event = events.Key(key, char)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


@pytest.fixture
def ledger(monkeypatch: pytest.MonkeyPatch) -> dict[tuple[str, str], AnswerRecord]:
    """The last answer Store.save_answer confirmed (returned without error) per question."""
    saved: dict[tuple[str, str], AnswerRecord] = {}
    original = Store.save_answer

    def recording(self: Store, interview_id: str, answer: AnswerRecord, **kwargs: Any) -> None:
        original(self, interview_id, answer, **kwargs)
        saved[(interview_id, answer.question_id)] = answer

    monkeypatch.setattr(Store, "save_answer", recording)
    return saved


def _assert_nothing_lost(store: Store, saved: dict[tuple[str, str], AnswerRecord]) -> None:
    for (interview_id, question_id), answer in saved.items():
        assert store.answers(interview_id).get(question_id) == answer, (interview_id, question_id)


async def test_random_keys_never_crash_or_lose_an_answer(
        app: InterviewerApp, store: Store, ledger: dict[tuple[str, str], AnswerRecord],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 'e' opens the export dialog, where random keys type a (relative) folder name.
    monkeypatch.setenv("INTERVIEWER_EXPORTS", str(tmp_path / "exports"))
    monkeypatch.chdir(tmp_path)
    # The command palette offers "Afsluiten" too: a quit chosen there would end the run early
    # like Ctrl+Q would, so quitting is counted here instead (it is tested in test_keys.py).
    quits: list[None] = []

    async def counted_quit(self: InterviewerApp) -> None:
        quits.append(None)

    monkeypatch.setattr(InterviewerApp, "action_quit", counted_quit)
    rng = random.Random(SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await do_intake(pilot)
        assert isinstance(app.screen, InterviewScreen)
        step = 0
        while step < STEPS:
            # Keys go in bursts of 1-6, as fast typing does; a burst is one round trip.
            keys = [rng.choice(TYPING) if rng.random() < 0.6 else rng.choice(CONTROL)
                    for _ in range(rng.randint(1, 6))]
            if isinstance(app.screen, HomeScreen) and rng.random() < 0.7:
                keys = ["enter"]  # mostly go back into an interview: that is where answers are saved
            # The burst arrives at once, like fast typing into a busy app; then one wait.
            for key in keys:
                _send_key(app, key)
            await pilot.pause()
            step += len(keys)
            assert app.is_running, f"app stopped at step {step} (keys {keys})"
            if step % 100 < len(keys):
                await pilot.pause()
                screen = app.screen
                if isinstance(screen, InterviewScreen):
                    # What the screen's session believes is saved is what the database holds.
                    assert screen.session.engine.answers == store.answers(screen.session.interview_id)
                _assert_nothing_lost(store, ledger)
        await pilot.pause()
    _assert_nothing_lost(store, ledger)
    assert ledger, "the random keys never saved an answer: the fuzz test tested nothing"
    assert store.verify_journal() == []
