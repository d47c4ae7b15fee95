"""Per-aspect judgements of one gemeente, counted over its units (casussen, organisaties).

The report reasons per aspect (the operationalisering), so its sentences are drafted from
these counts. A unit's value for an aspect is the inspector's own aspect judgement when there
is one, else the indicator's final judgement when the indicator has this aspect only, else the
suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass

from interviewer.core.models import Aspect, Indicator
from interviewer.core.scoring import NEGATIEF, NTB, POSITIEF, Cell, GemeenteScore


@dataclass(frozen=True)
class AspectCount:
    indicator: Indicator
    aspect: Aspect
    level: str
    values: dict[str, str]
    """Unit id -> positief, negatief or niet te beoordelen."""

    @property
    def total(self) -> int:
        return len(self.values)

    def count(self, value: str) -> int:
        return sum(1 for v in self.values.values() if v == value)

    @property
    def positief(self) -> int:
        return self.count(POSITIEF)

    @property
    def negatief(self) -> int:
        return self.count(NEGATIEF)

    @property
    def judged(self) -> int:
        return self.total - self.count(NTB)


def aspect_counts(score: GemeenteScore) -> list[AspectCount]:
    """One count per aspect of the framework, in framework order."""
    out = []
    for indicator in score.framework.indicators():
        level = str(indicator.level)
        for aspect in indicator.aspects:
            values = {}
            for unit, _ in score.units[level]:
                cell = score.cell(indicator.number, unit)
                values[unit] = _value(cell, aspect.id, len(indicator.aspects) == 1)
            out.append(AspectCount(indicator, aspect, level, values))
    return out


def _value(cell: Cell | None, aspect_id: str, only: bool) -> str:
    if cell is None:
        return NTB
    if aspect_id in cell.aspect_finals:
        return cell.aspect_finals[aspect_id][0]
    if only and cell.final:
        return str(cell.final)
    suggested = dict(cell.aspects).get(aspect_id)
    return suggested.value if suggested is not None else NTB
