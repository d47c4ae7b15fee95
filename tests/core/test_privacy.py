"""Privacy scan of free text: names, BSN (elfproef), phone, e-mail, address, postcode, birth
date, licence plate; the name lists as an injectable, compact lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interviewer.core import privacy
from interviewer.core.catalog import load_catalog
from interviewer.core.privacy import Checker, describe, lexicon, replace_hits, scan_text
from interviewer.core.privacy.lexicon import EMPTY, Lexicon
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
        # What the check missed before (issue: lower case, common-word first names, BSN in
        # groups, 'geboren' after the date, licence plates).
        ("gesprek met fatima el amrani over de overdracht", [("naam", "fatima el amrani")]),
        ("volgens jan de vries is er geen plan", [("naam", "jan de vries")]),
        ("zoon daan is bang voor vader", [("naam", "daan")]),
        ("mevrouw bakker van het wijkteam was er niet", [("naam", "bakker")]),
        ("GESPREK MET JAN DE VRIES", [("naam", "JAN DE VRIES")]),
        ("De casusregisseur, Els de Groot, had geen zicht.", [("naam", "Els de Groot")]),
        ("Bas van Dijk belde de school.", [("naam", "Bas van Dijk")]),
        ("Mevr. Hendriks-de Boer was de contactpersoon.", [("naam", "Hendriks-de Boer")]),
        ("Ik sprak met dhr. R. van der Linden.", [("naam", "R. van der Linden")]),
        ("Het BSN van de zoon is 123 456 782.", [("bsn", "123 456 782")]),
        ("BSN 123456789 (typfout?)", [("bsn", "123456789")]),
        ("BSN vader 246813579, moeder onbekend.", [("bsn", "246813579")]),
        ("Zoon is op 12-08-1990 geboren.", [("geboortedatum", "12-08-1990")]),
        ("Auto met kenteken XT-123-B voor de deur.", [("kenteken", "XT-123-B")]),
        ("De scooter, D-123-BG, stond er ook.", [("kenteken", "D-123-BG")]),
        ("Bel haar op 06-98765432.", [("telefoon", "06-98765432")]),
        ("moeder zit nu op kerkstraat 12", [("adres", "kerkstraat 12")]),
        ("Oma woont op de Hazelaar 21 in Horst.", [("adres", "Hazelaar 21")]),
        ("Verslag met Lotte op de Dorpstraat 8.", [("naam", "Lotte"), ("adres", "Dorpstraat 8")]),
        ("De oom, Hüseyin Demir, tolkt.", [("naam", "Hüseyin Demir")]),  # listed as 'Huseyin'
        ("Moeder belde met Priscilla Tjon-A-Fat.", [("naam", "Priscilla Tjon-A-Fat")]),
        ("Jan-Willem Brouwers is de nieuwe partner.", [("naam", "Jan-Willem Brouwers")]),
        ("Volgens Fam. Gielen is het rustig.", [("naam", "Gielen")]),
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
        "Het wijkteam in Horst heeft de casus overgenomen.",
        "Veiligheidshuis Limburg coördineerde het MDO.",
        "Sterk Huis en Moveoo bieden samen de ambulante hulp.",
        "In Venray, Horst aan de Maas en Peel en Maas werkt men zo.",
        "Het kader vraagt minimaal een veiligheidsplan dat de jongere zelf koos.",
        "De rapportage volgt in week 42; de wachttijd was 14 weken.",
        "Bel het algemene nummer van Veilig Thuis: 0800-2000.",
        "Dossiernummer 2024-0153 is op 12-08-2024 afgesloten.",
        "Het MDO was op 01-09-2008 12.00 uur; ze belde op 06-12-2024 14:30.",
        "Kamer 12 van het gemeentehuis; respondent G03-D07-R4a, casus G1-D01.",
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


def test_the_name_rules_run_on_the_lexicon_they_are_given() -> None:
    # An injected lexicon decides: with no lists only titles and patterns find names.
    tiny = Lexicon(**{**{f: frozenset() for f in vars(EMPTY)}, "first_names": frozenset({"zwaan"}),
                      "interfixes": frozenset({"de"}), "titles": frozenset({"mevrouw"})})
    text = "Gesprek met zwaan en mevrouw de Groot, daarna met Sanne."
    assert kinds_with(Checker(tiny), text) == [("naam", "zwaan"), ("naam", "de Groot")]
    assert kinds_with(Checker(EMPTY), text) == [("naam", "de Groot")]


def kinds_with(checker: Checker, text: str) -> list[tuple[str, str]]:
    return [(h.kind, h.text) for h in checker.scan(text)]


def test_a_checker_loads_its_lexicon_once_and_a_scan_waits_for_it() -> None:
    loads: list[int] = []

    def load() -> Lexicon:
        loads.append(1)
        return EMPTY

    checker = Checker(load)
    assert not checker.ready()
    checker.warm_up()
    assert checker.scan("Mevrouw de Groot belde.")  # waits for the load, never checks with less
    checker.warm_up()
    checker.scan("nog een tekst")
    assert checker.ready() and loads == [1]


def test_the_lexicon_file_round_trips_and_a_damaged_file_is_rebuilt(tmp_path: Path) -> None:
    src = lexicon.deduce_source_dir()
    assert src is not None
    built = lexicon.from_deduce(src)
    assert len(built.first_names) > 10_000 and len(built.streets) > 100_000
    assert "jan" in built.first_names and "vries" in built.interfix_surnames and "horst" in built.places
    path = tmp_path / "lexicon.txt"
    lexicon.write(built, path)
    assert lexicon.read(path) == built
    assert path.stat().st_size < 5_000_000
    path.write_text(path.read_text(encoding="utf-8")[:100_000], encoding="utf-8")  # cut short
    assert lexicon.read(path) is None
    assert lexicon.load(path) == built  # rebuilt from deduce's lists and saved again
    assert lexicon.read(path) == built


def test_the_check_starts_no_process(monkeypatch: pytest.MonkeyPatch) -> None:
    # The name model used to run in a child process that inherited the app's environment
    # (INTERVIEWER_PASSPHRASE included); the lists now load in the app's own process.
    import subprocess

    started: list[object] = []
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: started.append(a))
    privacy.warm_up()
    assert kinds("gesprek met fatima el amrani") == [("naam", "fatima el amrani")]
    assert started == []


def test_unreadable_name_lists_leave_the_patterns_and_titles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "src"
    (src / "names" / "lst_first_name").mkdir(parents=True)
    (src / "names" / "lst_first_name" / "items.txt").write_bytes(b"\xff\xfe not utf-8")
    monkeypatch.setattr(lexicon, "deduce_source_dir", lambda: src)
    assert lexicon.load(tmp_path / "missing.txt") == EMPTY
    checker = Checker(lambda: lexicon.load(tmp_path / "missing.txt"))
    assert kinds_with(checker, "Mevrouw Jansen, 06-12345678") == [("naam", "Jansen"), ("telefoon", "06-12345678")]
