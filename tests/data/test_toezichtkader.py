"""The toezichtkader YAML is a faithful transcription of Bijlage 1 of the Venlo seed report.

The primary source is tests/data/seed_bijlage1.txt, a verbatim copy of Bijlage 1, so these tests
run on any checkout. One test compares that copy with the seed in ../shared/seeds and is skipped
when the seed is not there.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from interviewer.core.models import Aspect, Framework, Level

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FRAMEWORK_FILE = REPO / "vragenlijsten" / "toezichtkader.yaml"
BIJLAGE_COPY = HERE / "seed_bijlage1.txt"
SEED_FILE = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "002_82bacd7337d271df.txt"

ASPECTS = {
    1: [("1a", "Overdracht na onderzoek")],
    2: [
        ("2a", "Gezamenlijke reflectie"),
        ("2b", "Risico-inschatting"),
        ("2c", "Passende maatregelen nemen"),
        ("2d", "Monitoren door Veilig Thuis"),
    ],
    3: [("3a", "Veiligheidsplan")],
    4: [("4a", "Doelen"), ("4b", "Regievoering")],
    5: [
        ("5a", "Leefgebieden in kaart"),
        ("5b", "Zelfredzaamheid bepalen"),
        ("5c", "Gezin of huishouden betrokken"),
    ],
    6: [("6a", "1G, 1P en 1R"), ("6b", "Eigen kracht")],
    7: [("7a", "Informatie delen")],
    8: [("8a", "Signaleren")],
    9: [("9a", "Methode")],
    10: [("10a", "Evaluatie veiligheid")],
    11: [("11a", "Kwaliteit werkwijze")],
    12: [("12a", "Gezamenlijke evaluatie lokaal netwerk")],
}
TITLE_NOT_IN_SEED = {"12a"}
"""Aspects whose title we made up because the seed's operationalisering cell has none."""

BESLISREGEL_START = "Om positief te "


def normalise(text: str) -> str:
    """Drop HTML tags and footnote markers (^[5]) and collapse all whitespace to one space."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\^\[\d+\]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def squash(text: str) -> str:
    """Normalise and then drop all whitespace, for texts where the PDF lost spaces."""
    return re.sub(r"\s+", "", normalise(text))


@cache
def framework() -> Framework:
    return Framework.model_validate(yaml.safe_load(FRAMEWORK_FILE.read_text(encoding="utf-8")))


@cache
def bijlage_raw() -> str:
    return BIJLAGE_COPY.read_text(encoding="utf-8")


@cache
def bijlage() -> str:
    return normalise(bijlage_raw())


def all_aspects() -> list[Aspect]:
    return [a for i in framework().indicators() for a in i.aspects]


def seed_beslisregel_groups() -> list[str]:
    """Every 'Om positief te ...' sentence group in Bijlage 1, in table order.

    A group runs from 'Om positief te' to the next one or to the end of its table cell.
    """
    groups: list[str] = []
    for line in bijlage_raw().splitlines():
        for cell in line.split("\t"):
            for part in re.split(rf"(?={BESLISREGEL_START})", normalise(cell)):
                if part.startswith(BESLISREGEL_START):
                    groups.append(part.strip())
    return groups


def aspect_ids() -> list[str]:
    return [a.id for a in all_aspects()]


# --------------------------------------------------------------------------------- structure


def test_framework_validates() -> None:
    fw = framework()
    assert fw.kind == "toezichtkader"
    assert fw.id == "lokaal-netwerk-na-veilig-thuis"
    assert fw.version == 1
    assert fw.title == "Het lokale netwerk na Veilig Thuis"
    assert [t.id for t in fw.themes] == ["veiligheid", "passende_hulp", "evaluatie"]
    assert [t.report_heading for t in fw.themes] == [
        "Waarborgen van veiligheid",
        "Passende hulp",
        "Evalueren",
    ]


def test_indicators_1_to_12_with_the_agreed_aspects() -> None:
    indicators = framework().indicators()
    assert [i.number for i in indicators] == list(range(1, 13))
    for indicator in indicators:
        got = [(a.id, a.title) for a in indicator.aspects]
        assert got == ASPECTS[indicator.number], f"indicator {indicator.number}"
        assert indicator.rule == "all_required"
        assert all(a.required for a in indicator.aspects)


def test_levels() -> None:
    levels = {i.number: i.level for i in framework().indicators()}
    assert all(levels[n] == Level.CASUS for n in range(1, 11))
    assert levels[11] == Level.ORGANISATIE
    assert levels[12] == Level.GEMEENTE


def test_themes_hold_the_seed_indicators() -> None:
    by_theme = {
        t.id: [i.number for c in t.criteria for i in c.indicators] for t in framework().themes
    }
    assert by_theme == {
        "veiligheid": [1, 2, 3, 4],
        "passende_hulp": [5, 6, 7, 8],
        "evaluatie": [9, 10, 11, 12],
    }


def test_report_sections() -> None:
    sections = {
        t.id: [(s.heading, s.indicators) for s in t.report_sections] for t in framework().themes
    }
    assert sections == {
        "veiligheid": [
            ("Overdracht vanuit Veilig Thuis", [1]),
            ("Zicht houden op de veiligheid", [2, 3]),
        ],
        "passende_hulp": [
            ("Jeugdigen en/of volwassenen staan centraal", [5, 8]),
            ("1Gezin1Plan1Regisseur (1G1P1R)", [4, 6]),
            ("Informatie delen", [7]),
        ],
        "evaluatie": [
            ("Evaluatie op casusniveau", [9, 10]),
            ("Evaluaties op organisatie- en netwerkniveau", [11, 12]),
        ],
    }
    reported = sorted(n for t in framework().themes for s in t.report_sections for n in s.indicators)
    assert reported == list(range(1, 13))


# ------------------------------------------------------------------------- against the seed


def test_seed_copy_is_verbatim_bijlage1() -> None:
    if not SEED_FILE.is_file():
        pytest.skip(f"seed not available: {SEED_FILE}")
    seed = SEED_FILE.read_text(encoding="utf-8")
    start = seed.index("Bijlage 1: Het lokale netwerk na Veilig Thuis")
    end = seed.index(": Bijlage 2", start)
    assert bijlage_raw().strip() == seed[start:end].strip()


@pytest.mark.parametrize("aspect_id", [a for n in ASPECTS.values() for a, _ in n])
def test_beslisregel_verbatim_in_seed(aspect_id: str) -> None:
    aspect = framework().aspect(aspect_id)
    assert aspect is not None
    beslisregel = normalise(aspect.beslisregel)
    assert beslisregel.startswith(BESLISREGEL_START)
    assert beslisregel in bijlage()


def test_every_seed_beslisregel_is_covered() -> None:
    """Each 'Om positief te ...' group of the seed is exactly one aspect's beslisregel, in order."""
    groups = seed_beslisregel_groups()
    ours = [normalise(a.beslisregel) for a in all_aspects()]
    missing = [g for g in groups if g not in ours]
    assert not missing, f"beslisregels in the seed without an aspect: {missing}"
    assert ours == groups


@pytest.mark.parametrize("aspect_id", [a for n in ASPECTS.values() for a, _ in n])
def test_operationalisering_in_seed(aspect_id: str) -> None:
    aspect = framework().aspect(aspect_id)
    assert aspect is not None
    # Whitespace-insensitive: the PDF lost some spaces (e.g. "onderzoek;II Overzicht").
    assert squash(aspect.operationalisering) in squash(bijlage_raw())
    if aspect_id not in TITLE_NOT_IN_SEED:
        text = f"{aspect.title} {aspect.operationalisering}"
        assert squash(text) in squash(bijlage_raw())


def test_criteria_and_indicator_texts_in_seed() -> None:
    for theme in framework().themes:
        for criterion in theme.criteria:
            assert normalise(criterion.text) in bijlage(), criterion.text
            for indicator in criterion.indicators:
                numbered = f"{indicator.number} {normalise(indicator.text)}"
                assert numbered in bijlage(), numbered


def test_theme_questions_and_titles_in_seed() -> None:
    for theme in framework().themes:
        assert normalise(theme.question) in bijlage(), theme.question
        assert f"Thema: {normalise(theme.title)}" in bijlage(), theme.title
