"""Scoring: answers -> evidence per indicator/aspect -> suggested judgements (see beslisregels.yaml)."""

from interviewer.core.scoring.judge import NEGATIEF, NTB, POSITIEF, VALUES, Suggestion
from interviewer.core.scoring.summary import (
    AspectCell,
    Cell,
    Evidence,
    GemeenteScore,
    IndicatorSummary,
    gemeente_summary,
    score_gemeente,
    score_study,
)

__all__ = [
    "NEGATIEF", "NTB", "POSITIEF", "VALUES", "AspectCell", "Cell", "Evidence", "GemeenteScore", "IndicatorSummary",
    "Suggestion", "gemeente_summary", "score_gemeente", "score_study",
]
