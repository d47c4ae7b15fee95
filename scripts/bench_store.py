#!/usr/bin/env python3
"""Latency of saving one answer through the store, against a raw sqlite3 baseline.

Usage: .venv/bin/python scripts/bench_store.py [--answers 1000]

Both sides run on the same disk, in the same run, with the same pragmas (WAL,
synchronous=FULL) and one commit per answer. The store also writes the journal event
(hash-chained), the cursor and the route flags in that transaction: that is the price
of "nothing lost", and this script shows what it costs. Last line: `ratio <x>`
(store median / raw median). Goal: <= 3.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from interviewer.core.answers import AnswerRecord, AnswerStatus
from interviewer.core.store import Store


def raw_latencies(path: Path, count: int) -> list[float]:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE answer (id TEXT PRIMARY KEY, interview_id TEXT, question_id TEXT, value TEXT)")
    out = []
    for i in range(count):
        start = time.perf_counter()
        conn.execute("INSERT INTO answer VALUES (?, ?, ?, ?)", (f"id{i}", "iv", f"q{i}", f'"antwoord {i}"'))
        conn.commit()
        out.append(time.perf_counter() - start)
    conn.close()
    return out


def store_latencies(path: Path, count: int) -> list[float]:
    store = Store.open(path, actor="bench")
    study = store.create_study("Bench", "Regio", "kader")
    gemeente = store.add_gemeente(study, "Benchdorp")
    interview = store.create_interview(
        study_id=study, gemeente_id=gemeente, casus_id=None, role="casusregisseur",
        questionset_id="bench", questionset_version=1, organisation="Org",
        respondent_code="R1", consent_text="ja",
    )
    out = []
    for i in range(count):
        answer = AnswerRecord(question_id=f"q{i}", status=AnswerStatus.BEANTWOORD, value=f"antwoord {i}")
        start = time.perf_counter()
        store.save_answer(interview, answer, cursor=f"q{i + 1}")
        out.append(time.perf_counter() - start)
    store.close()
    return out


def p99(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.99) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1000)
    args = parser.parse_args()
    # A scratch folder beside the project (same disk as real use), not a tmpfs.
    raw: list[float] = []
    ours: list[float] = []
    # Alternate the two in rounds so disk noise from other processes hits both alike.
    rounds = 4
    with tempfile.TemporaryDirectory(dir=Path(__file__).resolve().parent.parent) as tmp:
        for i in range(rounds):
            raw += raw_latencies(Path(tmp) / f"raw{i}.db", args.answers // rounds)
            ours += store_latencies(Path(tmp) / f"store{i}.db", args.answers // rounds)
    for name, values in (("raw sqlite3", raw), ("store", ours)):
        print(f"{name:12s} median {statistics.median(values) * 1000:7.3f} ms   p99 {p99(values) * 1000:7.3f} ms")
    print(f"ratio {statistics.median(ours) / statistics.median(raw):.2f}")


if __name__ == "__main__":
    main()
