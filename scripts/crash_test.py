#!/usr/bin/env python3
"""Crash test: run the real app in a pseudo-terminal, answer questions by typing, kill it
with SIGKILL at a random moment, and check that nothing the screen had confirmed is lost.

An answer counts as confirmed when the screen has shown the *next* question: the interview
screen renders it only after the session has committed the answer. After every kill the
script reopens the database and checks

- every confirmed answer is stored with exactly the typed value;
- the journal agrees with the answers, its hash chain is intact, integrity_check is ok
  (interviewer.core.integrity.check_database);
- the stored cursor is the first unanswered question, and the restarted app shows it.

The kill moment is drawn from the time the app shows the question, not from the start of
the process: on a busy machine start-up alone can take longer than the whole window, and a
run that kills the app before it could answer anything checks nothing. The script fails
when it checked fewer answers than it made runs.

Usage: scripts/crash_test.py [--runs N] [--seed S] [--verbose]
Last line: "<N> runs, <checked> answers checked, <lost> answers lost".
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from interviewer.core.integrity import check_database  # noqa: E402
from interviewer.core.store import Store  # noqa: E402
from tests.tui.ptyapp import PtyApp as App  # noqa: E402  (the same pty harness as the tests)

QUESTIONS = 16
CTRL_S, ENTER = b"\x13", b"\r"
START_TIMEOUT = 30.0
STEP_TIMEOUT = 15.0


def token(n: int) -> str:
    """A word that appears on screen only in question n's text."""
    return f"VRAAGNR{n:02d}X"


def qid(n: int) -> str:
    return f"q{n:02d}"


def write_catalog(folder: Path) -> None:
    """The shipped toezichtkader plus a vragenlijst of open and getal questions, no routing."""
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "vragenlijsten" / "toezichtkader.yaml", folder / "toezichtkader.yaml")
    lines = [
        "kind: vragenlijst", "id: crashtest", "version: 1", "title: Crashtest", "role: crashtest",
        "role_label: Crashtest", "source: casusregisseur", "level: casus",
        "framework: lokaal-netwerk-na-veilig-thuis", "intro: Crashtest.", "consent: Akkoord?",
        "sections:", "  - id: alles", "    title: Alles", "    questions:",
    ]
    for n in range(1, QUESTIONS + 1):
        kind = "getal" if n % 4 == 0 else "open"
        lines += [f"      - id: {qid(n)}", f"        type: {kind}",
                  f"        text: Vraag {token(n)} voor de test?", "        required: true"]
    (folder / "crashtest.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def new_database(path: Path) -> str:
    store = Store.open(path, actor="crashtest")
    study = store.create_study("Crashtest", "Regio", "lokaal-netwerk-na-veilig-thuis")
    gemeente = store.add_gemeente(study, "Testdorp")
    casus = store.add_casus(gemeente, "G1-D01")
    interview = store.create_interview(
        study_id=study, gemeente_id=gemeente, casus_id=casus, role="crashtest",
        questionset_id="crashtest", questionset_version=1, organisation="Wijkteam",
        respondent_code="CRASHRESP1", consent_text="Akkoord?")
    store.close()
    return interview


def stored(db: Path, interview_id: str) -> tuple[dict[str, object], str | None, list[str]]:
    store = Store.open(db, actor="crashtest")
    try:
        answers = {q: a.value for q, a in store.answers(interview_id).items()}
        cursor = store.interview(interview_id)["cursor"]
        problems = check_database(store)
        return answers, cursor, problems
    finally:
        store.close()


def answer_text(run: int, n: int) -> str:
    return str(run * 100 + n) if n % 4 == 0 else f"antwoord {run} op {n} zonder namen"


def one_run(run: int, db: Path, catalog: Path, interview_id: str, confirmed: dict[str, object],
            rng: random.Random, log: list[str]) -> None:
    """Start the app, resume, answer until the random kill moment, kill."""
    answers, _, _ = stored(db, interview_id)
    first_open = next((n for n in range(1, QUESTIONS + 1) if qid(n) not in answers), None)
    if first_open is None:
        return
    app = App(db, catalog)
    window = rng.uniform(0.3, 4.0)  # drawn first: the same seed gives the same runs
    try:
        if not app.wait_for("CRASHRESP1", 0, START_TIMEOUT):
            log.append(f"run {run}: startscherm niet gezien")
            return
        app.type(ENTER)  # resume the only interview
        if not app.wait_for(token(first_open), 0, START_TIMEOUT):
            log.append(f"run {run}: hervat niet bij {qid(first_open)}")
            return
        kill_at = time.monotonic() + window  # from the moment the app can take answers
        n = first_open
        while n <= QUESTIONS and time.monotonic() < kill_at:
            text = answer_text(run, n)
            mark = len(app.output)
            # Type in a few bursts so the kill can land mid-typing, mid-save or between.
            data = text.encode()
            for i in range(0, len(data), 7):
                app.type(data[i:i + 7])
                app.pump(0.01)
            app.type(ENTER if n % 4 == 0 else CTRL_S)
            next_marker = token(n + 1) if n < QUESTIONS else "laatste vraag"
            while time.monotonic() < kill_at:
                if app.wait_for(next_marker, mark, 0.05):
                    confirmed[qid(n)] = int(text) if n % 4 == 0 else text
                    break
            n += 1
    finally:
        app.kill()


def check(run: int, db: Path, interview_id: str, confirmed: dict[str, object], log: list[str]) -> int:
    answers, cursor, problems = stored(db, interview_id)
    lost = 0
    for question, value in confirmed.items():
        if answers.get(question) != value:
            lost += 1
            log.append(f"run {run}: VERLOREN {question}: bevestigd {value!r}, opgeslagen {answers.get(question)!r}")
    for problem in problems:
        log.append(f"run {run}: database: {problem}")
    first_open = next((qid(n) for n in range(1, QUESTIONS + 1) if qid(n) not in answers), None)
    # A fresh interview has no stored cursor yet: the engine starts at the first question.
    expected = {first_open} | ({None} if not answers else set())
    if first_open is not None and cursor not in expected:
        log.append(f"run {run}: cursor {cursor!r}, verwacht {first_open!r}")
    return lost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    log: list[str] = [f"seed {seed}"]
    lost = confirmed_total = 0
    with tempfile.TemporaryDirectory(prefix="crashtest-") as tmp:
        base = Path(tmp)
        catalog = base / "vragenlijsten"
        write_catalog(catalog)
        cycle = 0
        db = base / f"db{cycle}.sqlite"
        interview_id = new_database(db)
        confirmed: dict[str, object] = {}
        for run in range(1, args.runs + 1):
            if len(stored(db, interview_id)[0]) == QUESTIONS:  # finished: start a fresh interview
                confirmed_total += len(confirmed)
                cycle += 1
                db = base / f"db{cycle}.sqlite"
                interview_id = new_database(db)
                confirmed = {}
            before = len(confirmed)
            one_run(run, db, catalog, interview_id, confirmed, rng, log)
            lost += check(run, db, interview_id, confirmed, log)
            if args.verbose:
                print(f"run {run}: {len(confirmed) - before} bevestigd, totaal {len(confirmed)}", flush=True)
        confirmed_total += len(confirmed)
    problems = [line for line in log[1:] if "VERLOREN" not in line]
    if confirmed_total < args.runs:
        problems.append(f"te weinig gecontroleerd: {confirmed_total} antwoorden in {args.runs} runs "
                        "(de app kwam niet op tijd tot antwoorden)")
    for line in log:
        print(line)
    print(f"{len(problems)} andere problemen")
    print(f"{args.runs} runs, {confirmed_total} answers checked, {lost} answers lost")
    return 0 if lost == 0 and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
