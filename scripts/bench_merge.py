#!/usr/bin/env python3
"""Merging a team's bundles into one database, against reading the same rows from those files.

Usage: .venv/bin/python scripts/bench_merge.py [--laptops 20] [--answers 60000] [--full]

A coordinator starts a study and hands it out as a bundle; every laptop interviews its
share (50 answers per interview) and writes its bundle. Then, in the same run:
  baseline: read every entry and row from the bundles (sqlite3, all columns, every row);
  merge:    merge all bundles into an empty database (checks, hashes, journal, answers).
`--full` is national scale: 20 laptops, about 1.3 million answers in all (several minutes).
The bundles are generated in a child process, so the peak memory printed is that of
reading and merging. Last line: `ratio <x>` (merge time / read time). Goal: <= 2, and
peak memory under 500 MB. CPU seconds are printed too: on a machine shared with other
work they vary less than wall time.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from interviewer.core.answers import AnswerRecord, AnswerStatus
from interviewer.core.exchange.bundle import write_bundle
from interviewer.core.exchange.merge import merge_bundle
from interviewer.core.store import Store

PER_INTERVIEW = 50
FULL_ANSWERS = 1_300_000


def generate(folder: Path, laptops: int, answers: int) -> list[Path]:
    coordinator = Store.open(folder / "coordinator.db", actor="coordinator")
    study = coordinator.create_study("Landelijk onderzoek", "Nederland", "lokaal-netwerk-na-veilig-thuis")
    gemeenten = [coordinator.add_gemeente(study, f"Gemeente {n:03d}") for n in range(18)]
    start, _ = write_bundle(coordinator, folder / "start.bundel")
    per_laptop = answers // laptops
    bundles = []
    for laptop in range(laptops):
        store = Store.open(folder / f"laptop{laptop:02d}.db", actor=f"inspecteur{laptop:02d}")
        merge_bundle(store, start)
        # One transaction per laptop: generation speed is not what is measured.
        store.conn.execute("PRAGMA synchronous = OFF")
        with store.transaction():
            for number in range(0, per_laptop, PER_INTERVIEW):
                gemeente = gemeenten[(laptop + number) % len(gemeenten)]
                interview = store.create_interview(
                    study_id=study, gemeente_id=gemeente, casus_id=None, role="casusregisseur",
                    questionset_id="casusregisseur", questionset_version=1, organisation="Wijkteam",
                    respondent_code=f"L{laptop:02d}-{number:06d}", consent_text="Akkoord?")
                for question in range(min(PER_INTERVIEW, per_laptop - number)):
                    store.save_answer(interview, AnswerRecord(
                        question_id=f"q{question:02d}", status=AnswerStatus.BEANTWOORD,
                        value=f"antwoord {laptop} {number} {question}", remark=None), cursor=None)
        path, _ = write_bundle(store, folder / f"laptop{laptop:02d}.bundel")
        store.close()
        bundles.append(path)
        print(f"  laptop {laptop + 1}/{laptops}: {per_laptop} antwoorden", file=sys.stderr, flush=True)
    coordinator.close()
    return bundles


def read_rows(bundles: list[Path]) -> int:
    """The baseline: every entry and carried row of every bundle, read from disk."""
    rows = 0
    for path in bundles:
        conn = sqlite3.connect(path)
        for table in ("entry", "stub", "base", "author", "replica", "record"):
            for _row in conn.execute(f"SELECT * FROM {table}"):
                rows += 1
        conn.close()
    return rows


def merge_all(target: Path, bundles: list[Path]) -> tuple[int, int]:
    store = Store.open(target, actor="coordinator")
    new = conflicts = 0
    for path in bundles:
        report = merge_bundle(store, path)
        new += report.new
        conflicts += report.conflicts
    answers = int(store.conn.execute("SELECT count(*) FROM answer").fetchone()[0])
    store.close()
    return new, answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--laptops", type=int, default=20)
    parser.add_argument("--answers", type=int, default=60_000, help="answers in all (default 60000)")
    parser.add_argument("--full", action="store_true", help=f"national scale: {FULL_ANSWERS} answers")
    args = parser.parse_args()
    answers = FULL_ANSWERS if args.full else args.answers
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"genereren: {args.laptops} laptops, {answers} antwoorden ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            bundles = pool.apply(generate, (folder, args.laptops, answers))
        print(f"gegenereerd in {time.perf_counter() - started:.0f} s; "
              f"bundels {sum(p.stat().st_size for p in bundles) / 1e6:.0f} MB", flush=True)
        started, cpu = time.perf_counter(), time.process_time()
        rows = read_rows(bundles)
        read_time = time.perf_counter() - started
        print(f"lezen:       {rows} rijen in {read_time:.2f} s (cpu {time.process_time() - cpu:.2f} s)", flush=True)
        started, cpu = time.perf_counter(), time.process_time()
        new, stored = merge_all(folder / "samengevoegd.db", bundles)
        merge_time = time.perf_counter() - started
        print(f"samenvoegen: {new} nieuwe regels, {stored} antwoorden in {merge_time:.2f} s "
              f"(cpu {time.process_time() - cpu:.2f} s)", flush=True)
        if stored < answers // args.laptops * args.laptops:
            raise SystemExit(f"fout: {stored} antwoorden samengevoegd, {answers} verwacht")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"piekgeheugen (lezen en samenvoegen): {peak:.0f} MB")
        print(f"ratio {merge_time / read_time:.2f}")


if __name__ == "__main__":
    main()
