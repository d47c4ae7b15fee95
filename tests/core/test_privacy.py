"""Privacy scan of free text: names, BSN (elfproef), phone, e-mail, address, postcode, birth date."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interviewer.core import privacy
from interviewer.core.catalog import load_catalog
from interviewer.core.privacy import describe, replace_hits, scan_text
from interviewer.paths import vragenlijsten_dir

ALLOWED = {"Venlo", "Veilig Thuis Limburg-Noord", "Wijkteam Venlo"}


def kinds(text: str, allowed: set[str] | None = None) -> list[tuple[str, str]]:
    return [(h.kind, h.text) for h in scan_text(text, allowed or set())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ze belde naar 06-12345678 voor een afspraak.", [("telefoon", "06-12345678")]),
        ("Bereikbaar op +31 77 123 4567.", [("telefoon", "+31 77 123 4567")]),
        ("Mail j.devries@example.nl even.", [("e-mail", "j.devries@example.nl")]),
        ("BSN 111222333 genoteerd.", [("bsn", "111222333")]),
        ("BSN 1112.22.333 genoteerd.", [("bsn", "1112.22.333")]),
        ("Woont aan de Kerkstraat 12a.", [("adres", "Kerkstraat 12a")]),
        ("Postcode 5911 AB klopt.", [("postcode", "5911 AB")]),
        ("Zij is geboren op 12-03-1985.", [("geboortedatum", "12-03-1985")]),
        ("geb. 3 maart 2011, zoon", [("geboortedatum", "3 maart 2011")]),
        ("Gesprek met mevrouw Pietersen gehad.", [("naam", "Pietersen")]),
        ("Dhr. van den Berg was er niet.", [("naam", "van den Berg")]),
        ("Volgens Jan de Vries liep het goed.", [("naam", "Jan de Vries")]),
        ("Daarna heeft Sanne het plan gemaakt.", [("naam", "Sanne")]),
    ],
)
def test_each_kind_is_found_with_its_text(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Nummer 123456789 is geen BSN: de elfproef klopt niet.",
        "De overdracht op 3 maart 2024 was schriftelijk.",  # a date without a birth context
        "Het plan is in 2023 geëvalueerd met 4 partners.",
        "Ken je iemand bij wie je terecht kunt?",
        "Veilig Thuis droeg de casus over aan het wijkteam.",
    ],
)
def test_process_talk_is_not_flagged(text: str) -> None:
    assert kinds(text) == []


def test_allowed_gemeenten_and_organisations_are_not_flagged() -> None:
    text = "Wijkteam Venlo en Veilig Thuis Limburg-Noord overlegden met mevrouw Venlo."
    assert kinds(text, ALLOWED) == []
    assert kinds("Overleg met Sanne in Venlo.", ALLOWED) == [("naam", "Sanne")]


def test_codes_are_numbered_per_kind_and_shared_by_equal_texts() -> None:
    hits = scan_text("Jan de Vries en mevrouw Pietersen; later belde Jan de Vries op 06-12345678.")
    assert [h.suggestion for h in hits] == ["[NAAM-1]", "[NAAM-2]", "[NAAM-1]", "[TELEFOON-1]"]
    assert replace_hits("Jan de Vries en mevrouw Pietersen; later belde Jan de Vries op 06-12345678.", hits) == (
        "[NAAM-1] en mevrouw [NAAM-2]; later belde [NAAM-1] op [TELEFOON-1].")
    assert "naam: 'Jan de Vries' → [NAAM-1]" in describe(hits)


def test_shipped_question_texts_raise_no_warnings() -> None:
    # What inspectors read aloud is process talk; a warning there would be noise.
    catalog = load_catalog([vragenlijsten_dir()])
    flagged = []
    for qs in catalog.questionsets.values():
        for question in qs.questions():
            for text in (question.text, *(question.doorvragen or []), question.guidance or ""):
                if scan_text(text):
                    flagged.append((qs.id, question.id, kinds(text)))
    assert flagged == []


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200), allowed=st.sets(st.text(max_size=8), max_size=3))
def test_any_text_gives_valid_non_overlapping_hits(text: str, allowed: set[str]) -> None:
    hits = scan_text(text, allowed)
    end = 0
    for hit in hits:
        start, stop = hit.span
        assert end <= start < stop <= len(text)
        assert text[start:stop] == hit.text
        assert hit.kind in privacy.KINDS
        end = stop
    replaced = replace_hits(text, hits)
    for hit in hits:
        assert hit.suggestion in replaced


@pytest.mark.slow
def test_deduce_model_loads_offline_and_finds_names_the_list_does_not() -> None:
    # First run ever builds deduce's lookup cache (minutes); after that ~15 s.
    assert privacy.wait_for_model(900), privacy._MODEL.error
    text = "Gesprek met Pietersen over de overdracht; ook Kerkstraat 12 kwam ter sprake."
    found = kinds(text)
    assert ("naam", "Pietersen") in found or any(k == "naam" and "Pietersen" in t for k, t in found)
    assert any(k == "adres" for k, _ in found)
    assert kinds("Wijkteam Venlo sprak met Veilig Thuis Limburg-Noord.", ALLOWED) == []
