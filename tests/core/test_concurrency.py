"""Two windows on one database: no lost answers, and a Dutch message when one waits too long."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from interviewer.core.answers import AnswerRecord, AnswerStatus
from interviewer.core.integrity import check_database
from interviewer.core.models import QuestionSet
from interviewer.core.review import save_judgement
from interviewer.core.session import InterviewSession
from interviewer.core.store import Store, StoreError

from .conftest import new_interview

ANSWERS_PER_WRITER = 40


WRITER = """
import sys, time
from pathlib import Path
from interviewer.core.answers import AnswerRecord, AnswerStatus
from interviewer.core.store import Store

path, interview_id, go, count = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
store = Store.open(Path(path), actor="proces-" + interview_id[:4])
while not go.exists():  # both writers start together, to overlap as much as possible
    time.sleep(0.005)
for n in range(count):
    store.save_answer(interview_id, AnswerRecord(question_id=f"q{n}", status=AnswerStatus.BEANTWOORD,
                                                 value=f"antwoord {n}"), cursor=f"q{n + 1}")
    if n % 3 == 0:  # an update path as well as an insert path
        store.save_answer(interview_id, AnswerRecord(question_id=f"q{n}", status=AnswerStatus.BEANTWOORD,
                                                     value=f"antwoord {n} bijgewerkt"), cursor=f"q{n + 1}")
store.close()
"""

JUDGE = """
import sys, time
from pathlib import Path
from interviewer.core.review import save_judgement
from interviewer.core.store import Store

path, go, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
store = Store.open(Path(path))
row = store.interviews()[0]
while not go.exists():
    time.sleep(0.005)
for n in range(count):
    # save_judgement reads inside its transaction before writing: the case that fails at
    # once, without waiting, when transactions are deferred and another window commits.
    save_judgement(store, study_id=row["study_id"], gemeente_id=row["gemeente_id"], indicator=1 + n % 5,
                   level="gemeente", unit=row["gemeente_id"], final="positief" if n % 2 else "negatief",
                   motivation=f"motivering {sys.argv[4]} {n}")
store.close()
"""


def test_two_processes_lose_no_answers_and_keep_the_chain(file_store: Store, routed_set: QuestionSet,
                                                          tmp_path: Path) -> None:
    assert file_store.path is not None
    first = new_interview(file_store, routed_set)
    second = new_interview(file_store, routed_set)
    go = tmp_path / "go"
    workers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(file_store.path), iid, str(go), str(ANSWERS_PER_WRITER)],
                         stderr=subprocess.PIPE, text=True)
        for iid in (first, second)
    ]
    go.touch()
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
    for interview_id in (first, second):
        answers = file_store.answers(interview_id)
        assert len(answers) == ANSWERS_PER_WRITER
        for n in range(ANSWERS_PER_WRITER):
            expected = f"antwoord {n} bijgewerkt" if n % 3 == 0 else f"antwoord {n}"
            assert answers[f"q{n}"].value == expected
    # The two writers appended to one hash chain; it must still be one unbroken chain.
    assert check_database(file_store) == []


def test_read_then_write_transactions_wait_instead_of_failing(file_store: Store, routed_set: QuestionSet,
                                                             tmp_path: Path) -> None:
    assert file_store.path is not None
    new_interview(file_store, routed_set)
    go = tmp_path / "go"
    workers = [
        subprocess.Popen([sys.executable, "-c", JUDGE, str(file_store.path), str(go), "150", name],
                         stderr=subprocess.PIPE, text=True)
        for name in ("a", "b")
    ]
    go.touch()
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
    assert check_database(file_store) == []


# --------------------------------------------------------------------------- waiting too long


def test_save_while_another_window_writes_gives_a_dutch_store_error(
        file_store: Store, routed_set: QuestionSet) -> None:
    interview = new_interview(file_store, routed_set)
    session = InterviewSession(file_store, interview, routed_set)
    other = sqlite3.connect(file_store.path or "", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    file_store.db.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(StoreError, match="bezet door een ander venster"):
            session.submit("ja")
        # The screen never runs ahead of the disk: the question is still open.
        assert session.current is not None and session.current.id == "q1"
        with pytest.raises(StoreError, match="bezet"):
            session.mark(AnswerStatus.WEET_NIET)
    finally:
        other.execute("ROLLBACK")
        other.close()
    # Once the other window is done, the same answer saves normally.
    assert session.submit("ja").saved
    assert file_store.answers(interview)["q1"].value == "ja"


def test_every_write_path_raises_store_error_not_sqlite_errors(file_store: Store, routed_set: QuestionSet) -> None:
    interview = new_interview(file_store, routed_set)
    row = file_store.interview(interview)
    assert file_store.path is not None
    other = sqlite3.connect(file_store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    file_store.db.execute("PRAGMA busy_timeout = 50")
    writes = [
        lambda: file_store.create_study("Twee", "Regio", "kader"),
        lambda: file_store.add_gemeente(row["study_id"], "Nieuwdorp"),
        lambda: file_store.save_answer(interview, AnswerRecord(question_id="q1", status=AnswerStatus.WEET_NIET),
                                       cursor=None),
        lambda: file_store.set_cursor(interview, "q1"),
        lambda: file_store.set_status(interview, "afgerond"),
        lambda: save_judgement(file_store, study_id=row["study_id"], gemeente_id=row["gemeente_id"],
                               indicator=1, level="gemeente", unit=row["gemeente_id"], final="positief",
                               motivation="m"),
    ]
    try:
        for write in writes:
            with pytest.raises(StoreError, match="bezet"):
                write()
    finally:
        other.execute("ROLLBACK")
        other.close()
