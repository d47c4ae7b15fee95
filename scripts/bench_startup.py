"""Start-up and answer-latency benchmark for the interviewer TUI.

Usage: .venv/bin/python scripts/bench_startup.py [--runs 7] [--answers 30]

1. Start-up: each run is a fresh `python -c` process, timed from just before it is spawned
   to the moment the home screen is painted (headless). A bare Textual app with one
   Static and one Input is measured the same way, interleaved. First line: `ratio <x>`
   (median app / median bare; goal <= 1.5).
2. Answer latency: in one headless app on a file database (WAL, synchronous=FULL), the
   time from posting Enter on a picked option to the next question painted: the answer
   committed, the bubbles and the new editor mounted, and the screen refreshed once.
   Goal: median under 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

APP_CODE = """
import sys, time
from pathlib import Path
from interviewer.cli.common import open_store
from interviewer.tui.app import make_app
app = make_app(store=open_store(Path(sys.argv[2])), exit_when_ready=True)
app.run(headless=True)
print(app.ready_at - float(sys.argv[1]))
"""

BARE_CODE = """
import sys, time
from textual.app import App
from textual.widgets import Input, Static

class Bare(App):
    ready_at = 0.0
    def compose(self):
        yield Static("Hallo")
        yield Input()
    def on_mount(self):
        self.call_after_refresh(self.painted)
    def painted(self):
        self.ready_at = time.time()
        self.exit()

app = Bare()
app.run(headless=True)
print(app.ready_at - float(sys.argv[1]))
"""


def spawn(code: str, *args: str) -> float:
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code, str(start), *args], check=True,
                         capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def startup(runs: int, db: Path) -> tuple[float, float]:
    spawn(APP_CODE, str(db))  # warm the OS file cache and create the database once
    spawn(BARE_CODE)
    app_times, bare_times = [], []
    for _ in range(runs):
        app_times.append(spawn(APP_CODE, str(db)))
        bare_times.append(spawn(BARE_CODE))
    return statistics.median(app_times), statistics.median(bare_times)


def bench_questionset(count: int):  # type: ignore[no-untyped-def]
    from interviewer.core.models import QuestionSet

    questions = [{"id": f"v{i}", "type": "janee", "text": f"Vraag {i}: was er een plan?",
                  "guidance": "Vraag door naar een voorbeeld.", "indicators": [{"indicator": 1}]}
                 for i in range(count)]
    return QuestionSet.model_validate({
        "kind": "vragenlijst", "id": "bench", "version": 1, "title": "Bench", "role": "bench",
        "role_label": "Bench", "source": "casusregisseur", "framework": "lokaal-netwerk-na-veilig-thuis",
        "intro": "Intro.", "consent": "Akkoord?",
        "sections": [{"id": f"s{n}", "title": f"Sectie {n}", "questions": questions[n::3]}
                     for n in range(3)]})


async def answer_latency(count: int, db: Path) -> list[float]:
    from textual import events

    from interviewer.core.catalog import Catalog
    from interviewer.core.session import InterviewSession
    from interviewer.core.store import Store
    from interviewer.tui.app import make_app
    from interviewer.tui.screens.interview import InterviewScreen
    from interviewer.tui.widgets.bubble import QuestionBubble

    store = Store.open(db)
    qs = bench_questionset(count)
    study = store.create_study("Bench", "Regio", "lokaal-netwerk-na-veilig-thuis")
    gemeente = store.add_gemeente(study, "Venlo")
    interview = store.create_interview(
        study_id=study, gemeente_id=gemeente, casus_id=None, role="bench", questionset_id="bench",
        questionset_version=1, organisation="Team", respondent_code="B1", consent_text="ok")
    app = make_app(store=store, catalog=Catalog(questionsets={"bench": qs}))
    times: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.app.push_screen(InterviewScreen(InterviewSession(store, interview, qs)))
        await pilot.pause()
        for _ in range(count - 1):
            screen = app.screen
            assert isinstance(screen, InterviewScreen)
            await pilot.press("1")  # pick, outside the timing
            bubbles = len(screen.query(QuestionBubble))
            start = time.perf_counter()
            app._driver.send_message(events.Key("enter", "\r"))  # type: ignore[union-attr]
            while len(screen.query(QuestionBubble)) == bubbles or not screen.answer_input.editor:
                await asyncio.sleep(0)
            painted: asyncio.Future[float] = asyncio.get_running_loop().create_future()
            screen.call_after_refresh(lambda f=painted: f.set_result(time.perf_counter()))
            times.append(await painted - start)
    store.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--answers", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app_median, bare_median = startup(args.runs, Path(tmp) / "start.db")
        print(f"ratio {app_median / bare_median:.2f}")
        print(f"start-up median: interviewer {app_median * 1000:.0f} ms, "
              f"bare Textual {bare_median * 1000:.0f} ms ({args.runs} runs each)")
        latencies = asyncio.run(answer_latency(args.answers, Path(tmp) / "answers.db"))
    print(f"enter -> next question painted: median {statistics.median(latencies) * 1000:.1f} ms, "
          f"max {max(latencies) * 1000:.1f} ms ({len(latencies)} answers, goal < 50 ms)")


if __name__ == "__main__":
    main()
