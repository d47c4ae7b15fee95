"""Benchmark: score a national-scale study against just reading its answer rows.

Usage: .venv/bin/python scripts/bench_scoring.py [--rebuild]

Generates 350 gemeenten x 10 casussen x 6 interviews x 60 answers (1.26M answers) once into
a database in the system temp dir (keyed by VERSION, reused between runs), then times, in the
same run, `score_study` (every suggested judgement of every gemeente) next to fetching the same
answer rows with the same SQL. Prints peak memory and a last line `ratio <scoring/reading>`.
Goal: ratio <= 2, peak memory under 1 GB, whole script within a minute on 2 cores.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from interviewer.core.beslisregels import RuleSet
from interviewer.core.catalog import Catalog, load_catalog
from interviewer.core.models import QuestionSet
from interviewer.core.scoring import score_study
from interviewer.core.store import Store

VERSION = "1"

ROW_SQL = """
SELECT a.interview_id, i.gemeente_id, i.casus_id, i.organisation, i.questionset_id,
       a.question_id, a.value, a.status, a.polarity, a.remark, a.quote
FROM answer a JOIN interview i ON a.interview_id = i.id
WHERE a.off_route = 0 AND i.status != 'geweigerd'
"""
"""The baseline: every answer that counts, with its interview, as one join."""
GEMEENTEN, CASUSSEN, ANSWERS = 350, 10, 60
SOURCES = ["dossier", "casusregisseur", "client", "jeugdige", "netwerkpartner", "veilig_thuis"]
ROOT = Path(__file__).resolve().parents[1]
CASUS_ASPECTS = ["1a", "2a", "2b", "2c", "2d", "3a", "4a", "4b", "5a", "5b", "5c", "6a", "6b", "7a",
                 "8a", "9a", "10a", "11a", "12a"]
OPTIONS = [{"code": "ja", "label": "Ja", "polarity": "+"}, {"code": "nee", "label": "Nee", "polarity": "-"},
           {"code": "deels", "label": "Deels", "polarity": "0"}]


def _question(source: str, n: int) -> dict[str, Any]:
    aspect = CASUS_ASPECTS[n % len(CASUS_ASPECTS)]
    mapping = [{"indicator": int(aspect[:-1]), "aspect": aspect}]
    kind = ("janee", "keuze", "meerkeuze", "schaal", "open")[n % 5]
    base: dict[str, Any] = {"id": f"q{n}", "type": kind, "text": f"Vraag {n} ({source})", "indicators": mapping}
    if kind in ("janee", "keuze", "meerkeuze"):
        base["options"] = OPTIONS
    if kind == "schaal":
        base["score_polarity"] = {"plus_from": 4, "minus_to": 2}
    return base


def make_catalog() -> Catalog:
    catalog = load_catalog([ROOT / "vragenlijsten" / "toezichtkader.yaml"])
    for source in SOURCES:
        catalog.questionsets[source] = QuestionSet.model_validate({
            "kind": "vragenlijst", "id": source, "version": 1, "title": source, "role": source.replace("_", "-"),
            "role_label": source, "source": source, "framework": catalog.framework().id, "intro": "i",
            "consent": "c", "sections": [{"id": "s", "title": "s",
                                          "questions": [_question(source, n) for n in range(ANSWERS)]}]})
    rules = RuleSet.model_validate({
        "kind": "beslisregels", "id": "bench", "version": 1, "framework": catalog.framework().id,
        "title": "bench", "aspects": {"1a": {"key_questions": [{"label": "Overdracht", "any_of": [
            {"questionset": "dossier", "question": "q0"}, {"questionset": "casusregisseur", "question": "q0"}]}]}}})
    catalog.rules = {rules.id: rules}
    return catalog


def _value(rng: random.Random, n: int) -> tuple[str | None, str | None]:
    kind = n % 5
    if kind in (0, 1):
        return rng.choice(('"ja"', '"ja"', '"nee"', '"deels"')), None
    if kind == 2:
        return rng.choice(('["ja"]', '["ja", "deels"]', '["nee"]')), None
    if kind == 3:
        return str(rng.randint(1, 5)), None
    return '"Een open antwoord van een respondent over deze casus"', rng.choice(("+", "-", None))


def generate(path: Path) -> None:
    """Build the study with executemany in one transaction (not through the per-answer API)."""
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    store = Store.open(tmp, actor="bench")
    conn = store.db.conn
    # A scratch file renamed into place only when complete: durability and foreign-key
    # checks would only slow the load down (the rows are consistent by construction).
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("PRAGMA journal_mode=OFF")
    rng = random.Random(20200701)
    stamp = "2020-01-01T00:00:00+00:00"
    study = "study-0"
    # Building the unique answer index once after the load is much faster than per insert.
    indexes = [r[0] for r in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'answer' AND sql IS NOT NULL")]
    for name in [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'answer' AND sql IS NOT NULL")]:
        conn.execute(f"DROP INDEX [{name}]")
    with conn:
        conn.execute("INSERT INTO study (id, title, region, framework_id, demo) VALUES (?, 'Bench', 'NL', ?, 1)",
                     [study, "lokaal-netwerk-na-veilig-thuis"])
        for g in range(GEMEENTEN):
            gid = f"g{g}"
            conn.execute("INSERT INTO gemeente (id, study_id, name) VALUES (?, ?, ?)", [gid, study, f"Gemeente {g}"])
            interviews, answers = [], []
            for c in range(CASUSSEN):
                cid = f"{gid}c{c}"
                conn.execute("INSERT INTO casus (id, gemeente_id, code) VALUES (?, ?, ?)", [cid, gid, f"C{c}"])
                for source in SOURCES:
                    iid = f"{cid}{source}"
                    status = "geweigerd" if rng.random() < 0.01 else "afgerond"
                    interviews.append((iid, study, gid, cid, source, source, 1, f"Organisatie {g % 7}", status))
                    for n in range(ANSWERS):
                        value, polarity = _value(rng, n)
                        answer_status = "beantwoord" if rng.random() > 0.05 else "weet_niet"
                        off_route = 1 if rng.random() < 0.02 else 0
                        answers.append((f"{iid}q{n}", iid, f"q{n}", value, answer_status, None, 0, polarity,
                                        off_route, stamp, stamp))
            conn.executemany("INSERT INTO interview (id, study_id, gemeente_id, casus_id, role, questionset_id, "
                             "questionset_version, organisation, status, consent) VALUES (?,?,?,?,?,?,?,?,?,1)",
                             interviews)
            conn.executemany("INSERT INTO answer (id, interview_id, question_id, value, status, remark, quote, "
                             "polarity, off_route, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", answers)
        for sql in indexes:
            conn.execute(sql)
    store.close()
    tmp.rename(path)


def read_rows(store: Store) -> int:
    """The baseline: fetch every row scoring reads, with the same SQL, and do nothing with it."""
    cursor = store.db.conn.execute(ROW_SQL)
    count = 0
    while batch := cursor.fetchmany(10_000):
        count += len(batch)
    return count


def timed(fn: Any, *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="generate the database again")
    args = parser.parse_args()
    path = Path(tempfile.gettempdir()) / f"interviewer-bench-scoring-v{VERSION}.db"
    if args.rebuild or not path.exists():
        path.unlink(missing_ok=True)
        seconds, _ = timed(generate, path)
        print(f"generated {path} in {seconds:.1f} s")
    else:
        print(f"reusing {path}")
    store = Store.open(path, actor="bench")
    catalog = make_catalog()
    read_rows(store)  # warm the page cache so neither timing pays for the first disk read
    read_seconds, rows = timed(read_rows, store)
    score_seconds, result = timed(score_study, store, catalog)
    judged = len(result)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 1024**2)
    print(f"rows read          {rows:>10,}")
    print(f"judgements         {judged:>10,}")
    print(f"read rows          {read_seconds:>8.2f} s")
    print(f"score study        {score_seconds:>8.2f} s")
    print(f"peak memory        {peak_mb:>8.0f} MB")
    print(f"ratio {score_seconds / read_seconds:.2f}")


if __name__ == "__main__":
    main()
