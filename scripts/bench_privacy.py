"""Privacy check benchmark: the app's check against deduce itself, in the same run.

Usage: .venv/bin/python scripts/bench_privacy.py [--skip-deduce] [--show-misses] [--skip-app]

Each check runs in a fresh child process (given only PATH, HOME, LANG and PYTHONPATH of the
environment), which reports:
  - time to ready: from the start of loading until the first text can be checked
    (ours: the installed lexicon file; deduce: `Deduce()` with its lookup cache built; on a
    machine where deduce never ran, its first run builds that cache first, which takes minutes);
  - per-text latency: median and 95th percentile over every note;
  - peak memory: the child's peak resident set (VmHWM), interpreter included, and the part
    the check added (peak minus the resident set before loading).
Then both are scored on the annotated notes in tests/data (privacy_notes.txt, at least 150
notes; privacy_notes_holdout.txt, written after the rules were tuned): recall and precision
per category. An item is found when hits cover all its letters and digits; a hit is right
when it overlaps an item. deduce's tags are mapped to ours (persoon -> naam,
telefoonnummer -> telefoon, emailadres -> e-mail, datum -> geboortedatum, id -> bsn,
locatie with digits -> postcode or adres); its tags for things this tool does not flag
(place names without a number, institutions, ages, URLs) are left out of its precision.
Finally the whole app (headless, on a demo database in a temporary directory): an interview
is opened, and the script reports how long after that the full check is ready, the app's
peak resident memory plus that of every process it started, and how many it started.
Targets (issue 15): recall >= 0.95, precision >= 0.9, names at least deduce's recall,
memory under 300 MB, ready within 2 s. The last line is `ratio <x>`: our peak memory over
deduce's.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from interviewer.core.privacy.evaluation import Evaluation, Note, evaluate, read_notes  # noqa: E402

NOTE_SETS = ("privacy_notes.txt", "privacy_notes_holdout.txt")
KINDS = ("naam", "bsn", "telefoon", "e-mail", "adres", "postcode", "geboortedatum", "kenteken")
_POSTCODE = re.compile(r"\b[1-9]\d{3} ?[A-Za-z]{2}\b")


# --------------------------------------------------------------------------- in the child


def _rss_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def run_child(which: str, texts: list[str]) -> dict[str, object]:
    before = _rss_kb("VmRSS")
    start = time.perf_counter()
    if which == "ours":
        from interviewer.core.privacy import Checker

        checker = Checker()
        checker.lexicon()

        def check(text: str) -> list[tuple[str, int, int]]:
            return [(h.kind, *h.span) for h in checker.scan(text)]
    else:
        from deduce import Deduce

        model = Deduce()

        def check(text: str) -> list[tuple[str, int, int]]:
            return [(a.tag, int(a.start_char), int(a.end_char)) for a in model.deidentify(text).annotations]
    ready = time.perf_counter() - start
    check("Opwarmen met Jan de Vries.")  # first call imports phonenumbers & co: count it in ready
    ready = time.perf_counter() - start
    hits, latencies = [], []
    for text in texts:
        t0 = time.perf_counter()
        hits.append(check(text))
        latencies.append(time.perf_counter() - t0)
    return {"ready": ready, "latencies": latencies, "hits": hits,
            "peak_kb": _rss_kb("VmHWM"), "before_kb": before}


APP_CODE = """
import asyncio, json, os, sys, tempfile, time
from pathlib import Path
from interviewer.core.catalog import load_catalog_or_raise
from interviewer.core.demo import load_demo
from interviewer.core.session import InterviewSession
from interviewer.core.store import Store
from interviewer.paths import vragenlijsten_dir
from interviewer.tui.app import make_app
from interviewer.tui.screens.interview import InterviewScreen

def rss(pid, field):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0

def children():
    found = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found

async def main():
    catalog = load_catalog_or_raise([vragenlijsten_dir()])
    store = Store.open(Path(tempfile.mkdtemp()) / "bench.db", actor="bench")
    load_demo(store, catalog)
    row = next(r for r in store.interviews() if r["status"] == "bezig")
    session = InterviewSession(store, str(row["id"]), catalog.questionsets[row["questionset_id"]])
    app = make_app(store=store, catalog=catalog)
    started, peak_children = set(), 0
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        opened = time.perf_counter()
        await app.push_screen(InterviewScreen(session))
        while not app.privacy_checker.ready() and time.perf_counter() - opened < 60:
            started |= set(children())
            await asyncio.sleep(0.01)
        ready = time.perf_counter() - opened
        hits = app.privacy_checker.scan("gesprek met fatima el amrani")
        for _ in range(50):  # half a second of interview: whatever it starts shows up here
            kids = children()
            started |= set(kids)
            peak_children = max(peak_children, sum(rss(k, "VmRSS") for k in kids))
            await asyncio.sleep(0.01)
    print(json.dumps({"ready": ready, "peak_kb": rss("self", "VmHWM") + peak_children,
                      "processes": len(started), "flagged": [h.text for h in hits]}))

asyncio.run(main())
"""


# --------------------------------------------------------------------------- in the parent


def child_env() -> dict[str, str]:
    """Only what a Python process needs: no passphrase or other secret of the caller."""
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "PYTHONPATH", "INTERVIEWER_CACHE")
           if k in os.environ}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def measure_app() -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", APP_CODE], capture_output=True, text=True,
                         env=child_env(), check=False)
    if out.returncode != 0:
        raise SystemExit(f"app: {out.stderr.strip().splitlines()[-1:]}")
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def measure(which: str, texts: list[str]) -> dict[str, object]:
    out = subprocess.run([sys.executable, __file__, "--child", which], input=json.dumps(texts),
                         capture_output=True, text=True, env=child_env(), check=False)
    if out.returncode != 0:
        raise SystemExit(f"{which}: {out.stderr.strip().splitlines()[-1:]}")
    result: dict[str, object] = json.loads(out.stdout)
    return result


def deduce_kind(tag: str, text: str) -> str | None:
    if "persoon" in tag or "patient" in tag:
        return "naam"
    if tag in ("bsn", "id"):
        return "bsn"
    if tag == "telefoonnummer":
        return "telefoon"
    if tag == "emailadres":
        return "e-mail"
    if tag == "datum":
        return "geboortedatum"
    if tag == "locatie" and any(c.isdigit() for c in text):
        return "postcode" if _POSTCODE.search(text) else "adres"
    return None


def score(notes: list[Note], hits: list[list[list[object]]], deduce: bool) -> Evaluation:
    by_text: dict[str, list[tuple[str, int, int]]] = {}
    for note, found in zip(notes, hits, strict=True):
        mapped = []
        for tag, start, end in found:
            kind = deduce_kind(str(tag), note.text[int(start):int(end)]) if deduce else str(tag)
            if kind is not None:
                mapped.append((kind, int(start), int(end)))
        by_text[note.text] = mapped
    return evaluate(notes, lambda text: by_text[text])


def table(title: str, ours: Evaluation, theirs: Evaluation | None) -> None:
    print(f"\n{title}: {ours.notes} notes, {ours.total.items} identifying items")
    print(f"{'categorie':<15}{'items':>6}  {'recall':>7}{'precisie':>9}  {'deduce recall':>14}{'precisie':>9}")
    for kind in [*KINDS, "totaal"]:
        mine = ours.total if kind == "totaal" else ours.per_kind.get(kind)
        if mine is None:
            continue
        line = f"{kind:<15}{mine.items:>6}  {mine.recall:>7.3f}{mine.precision:>9.3f}"
        if theirs is not None:
            other = theirs.total if kind == "totaal" else theirs.per_kind.get(kind)
            if other is not None:
                line += f"  {other.recall:>14.3f}{other.precision:>9.3f}"
        print(line)


def show_mistakes(name: str, result: Evaluation) -> None:
    for kind, text, note in result.missed:
        print(f"  {name} mist {kind}: {text!r} in {note!r}")
    for kind, text, note in result.false:
        print(f"  {name} ten onrechte {kind}: {text!r} in {note!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--child", choices=["ours", "deduce"], help=argparse.SUPPRESS)
    parser.add_argument("--skip-deduce", action="store_true", help="only the app's check")
    parser.add_argument("--show-misses", action="store_true", help="list every miss and false hit")
    parser.add_argument("--skip-app", action="store_true", help="do not measure the whole app")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child, json.loads(sys.stdin.read()))))
        return
    sets = {name: read_notes(ROOT / "tests" / "data" / name) for name in NOTE_SETS}
    texts = [note.text for notes in sets.values() for note in notes]
    if not texts:
        raise SystemExit("geen notities gevonden: niets gemeten")
    runs = {"ours": measure("ours", texts)}
    if not args.skip_deduce:
        runs["deduce"] = measure("deduce", texts)
    offset = 0
    for name, notes in sets.items():
        part = slice(offset, offset + len(notes))
        offset += len(notes)
        ours = score(notes, runs["ours"]["hits"][part], deduce=False)  # type: ignore[index]
        theirs = score(notes, runs["deduce"]["hits"][part], deduce=True) if "deduce" in runs else None  # type: ignore[index]
        table(name, ours, theirs)
        if args.show_misses:
            show_mistakes("wij", ours)
            if theirs is not None:
                show_mistakes("deduce", theirs)
    print(f"\n{'':<8}{'klaar (s)':>10}{'mediaan (ms)':>14}{'p95 (ms)':>10}{'piek (MB)':>11}{'waarvan check':>15}")
    for which, run in runs.items():
        lat = sorted(run["latencies"])  # type: ignore[arg-type]
        p95 = lat[int(0.95 * (len(lat) - 1))]
        peak, before = int(run["peak_kb"]) / 1024, int(run["before_kb"]) / 1024  # type: ignore[call-overload]
        print(f"{which:<8}{run['ready']:>10.2f}{statistics.median(lat) * 1000:>14.2f}{p95 * 1000:>10.2f}"
              f"{peak:>11.0f}{peak - before:>15.0f}")
    if not args.skip_app:
        app = measure_app()
        print(f"\napp met een geopend interview: volledige controle klaar na {app['ready']:.2f} s, "
              f"piek {int(app['peak_kb']) / 1024:.0f} MB (app en alle processen die zij startte: "  # type: ignore[call-overload]
              f"{app['processes']}), markeert {app['flagged']}")
    if "deduce" in runs:
        print(f"ratio {int(runs['ours']['peak_kb']) / int(runs['deduce']['peak_kb']):.3f}")  # type: ignore[call-overload]


if __name__ == "__main__":
    main()
