#!/usr/bin/env python3
"""Keys per closed answer: drive the real app (Textual Pilot) through every shipped
vragenlijst and count the key presses each closed question (ja/nee, keuze, meerkeuze,
schaal, ZRM) took until the next question was shown with the answer saved.

Open, getal and datum questions are answered too (so that routing goes on) but not
counted. Options are picked in turn (first, second, ...), so different routes are taken.
The baseline is the old flow in the same run: a digit to highlight plus Enter to save,
i.e. two keys per single choice.

Usage: scripts/bench_keys.py [--only VRAGENLIJST]
Last line: "median <k> keys per closed question (goal 1), <n> closed questions, ratio <x>".
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from interviewer.core.answers import AnswerStatus  # noqa: E402
from interviewer.core.catalog import Catalog, load_catalog_or_raise  # noqa: E402
from interviewer.core.models import Question, QuestionSet, QuestionType  # noqa: E402
from interviewer.core.store import Store  # noqa: E402
from interviewer.tui.app import make_app  # noqa: E402
from interviewer.tui.screens.interview import InterviewScreen  # noqa: E402

CLOSED = {QuestionType.JANEE, QuestionType.KEUZE, QuestionType.MEERKEUZE, QuestionType.SCHAAL,
          QuestionType.ZRM}
MAX_STEPS = 400


def new_interview(store: Store, qs: QuestionSet) -> None:
    study = store.create_study("Toetsen tellen", "Regio", qs.framework)
    gemeente = store.add_gemeente(study, "Testdorp")
    store.create_interview(
        study_id=study, gemeente_id=gemeente, casus_id=store.add_casus(gemeente, "G1-D01"),
        role=qs.role, questionset_id=qs.id, questionset_version=qs.version,
        organisation="Wijkteam", respondent_code="G1-D01-R1", consent_text=qs.consent)


def keys_for(question: Question, turn: int) -> list[str]:
    """What an inspector types for `question`; `turn` varies the option picked."""
    kind = question.type
    if kind in (QuestionType.JANEE, QuestionType.KEUZE):
        return [str(turn % min(len(question.options), 9) + 1)]
    if kind is QuestionType.MEERKEUZE:
        return [str(turn % min(len(question.options), 9) + 1), "enter"]
    if kind in (QuestionType.SCHAAL, QuestionType.ZRM):
        low, high = question.scale_min, min(question.scale_max, 9)
        return [str(low + turn % (high - low + 1))]
    bound = question.constraint.min if question.constraint else None
    if kind is QuestionType.GETAL:
        return [*str(int(bound) if isinstance(bound, int | float) else 2), "enter"]
    if kind is QuestionType.DATUM:
        return ["0", "1", "minus", "0", "2", "minus", "2", "0", "2", "4", "enter"]
    return ["a", "b", "ctrl+s"]  # open: a short text


async def run_one(catalog: Catalog, qs: QuestionSet, folder: Path) -> list[int]:
    """Keys per closed question, in the order they were asked."""
    store = Store.open(folder / f"{qs.id}.db", actor="bench")
    new_interview(store, qs)
    counts: list[int] = []
    app = make_app(store=store, catalog=catalog)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter")  # resume the only interview
            await pilot.pause()
            screen = app.screen
            if not isinstance(screen, InterviewScreen):
                raise SystemExit(f"{qs.id}: het interview ging niet open")
            for turn in range(MAX_STEPS):
                question = screen.session.current
                if question is None or app.screen is not screen:
                    break
                keys = keys_for(question, turn)
                for key in keys:
                    await pilot.press(key)
                await pilot.pause()
                for _ in range(3):  # a soft-constraint or privacy question in between
                    if question.id in screen.session.engine.answers or app.screen is screen:
                        break
                    await pilot.press("enter")
                    await pilot.pause()
                saved = screen.session.engine.answers.get(question.id)
                if saved is None or saved.status is not AnswerStatus.BEANTWOORD:
                    raise SystemExit(f"{qs.id}: {question.id} niet opgeslagen na {keys}")
                if question.type in CLOSED:
                    counts.append(len(keys))
    finally:
        store.close()
    return counts


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="id of one vragenlijst")
    args = parser.parse_args()
    catalog = load_catalog_or_raise([ROOT / "vragenlijsten"])
    sets = [qs for qs in catalog.questionsets.values() if args.only in (None, qs.id)]
    all_counts: list[int] = []
    with tempfile.TemporaryDirectory(prefix="bench-keys-") as tmp:
        for qs in sorted(sets, key=lambda q: q.id):
            counts = await run_one(catalog, qs, Path(tmp))
            closed = [q for q in qs.questions() if q.type in CLOSED]
            print(f"{qs.id}: {len(counts)} gesloten vragen gesteld (van {len(closed)}), "
                  f"mediaan {f'{statistics.median(counts):g}' if counts else '-'} toetsen")
            all_counts += counts
    if not all_counts:
        print("geen gesloten vragen gesteld: niets gemeten")
        return 1
    baseline = [2] * len(all_counts)  # the old flow: digit + Enter for every closed answer
    median = statistics.median(all_counts)
    print(f"median {median:g} keys per closed question (goal 1), {len(all_counts)} closed questions, "
          f"ratio {median / statistics.median(baseline):.2f}")
    return 0 if median <= 1 else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
