"""Every point of the Venlo report can be captured: a closed question with polarity, or an open
question mapped to an indicator (the inspector tags it)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from interviewer.core.catalog import Catalog
from interviewer.core.coverage import has_polarity
from interviewer.core.models import QuestionType

POINTS = yaml.safe_load(Path(__file__).with_name("venlo_report_points.yaml").read_text(encoding="utf-8"))
ALL = [(part, point, refs) for part, points in POINTS.items() for point, refs in points.items()]


def test_the_list_covers_every_part_of_the_report() -> None:
    assert set(POINTS) == {"resultaten", "goede_voorbeelden", "conclusie"}
    assert len(ALL) >= 30


@pytest.mark.parametrize(("part", "point", "refs"), ALL, ids=[p for _, p, _ in ALL])
def test_point_is_capturable(shipped: Catalog, part: str, point: str, refs: list[str]) -> None:
    usable = []
    for ref in refs:
        qs_id, question_id = ref.split(":")
        qs = shipped.questionsets.get(qs_id)
        question = qs.question(question_id) if qs else None
        assert question is not None, f"{point}: {ref} bestaat niet"
        mapped = [m for m in question.indicators if m.counts]
        closed = any(has_polarity(question, m) for m in mapped)
        open_tagged = question.type is QuestionType.OPEN and bool(mapped)
        shown = bool(question.indicators) and any(o.polarity != "0" for o in question.options)
        if closed or open_tagged or shown:
            usable.append(ref)
    assert usable, f"{part}: '{point}' heeft geen gesloten vraag met polariteit of getagde open vraag"
