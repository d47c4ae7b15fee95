"""The draft as text: concept sentences from the aspect judgements, the bewijsoverzicht beside
it, no respondent identifiable, and the details an inspector notices at once."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.document import Document

from interviewer.core import privacy
from interviewer.core.catalog import Catalog
from interviewer.core.export_data import export_data
from interviewer.core.models import Aspect, Indicator
from interviewer.core.report import export_bewijs, export_report
from interviewer.core.report.aspects import AspectCount, aspect_counts
from interviewer.core.report.drafts import PHRASES_FILE, draft_items, load_phrases, share
from interviewer.core.scoring import NEGATIEF, NTB, POSITIEF, score_gemeente
from interviewer.core.store import Store, new_id
from interviewer.core.study_info import DEFAULT_INSPECTIES, activities, add_activity, set_inspecties
from tests.conftest import fresh_demo

TODAY = date(2019, 7, 1)
NAME = "Fatima El Amrani"
PHONE = "06-12345678"
MAIL = "f.elamrani@example.nl"
LOWER_NAME = "jan de vries"
LEAK = f"Volgens {NAME} ({PHONE}, {MAIL}) en {LOWER_NAME} ging het goed met de overdracht."


@pytest.fixture(scope="module")
def study(shipped: Catalog) -> tuple[Store, str]:
    store, study_id = fresh_demo(shipped)
    geulhoven = gid(store, study_id, "Geulhoven")
    # A quote and a finding with a name, a phone number and an e-mail address in them.
    interview = next(i for i in store.interviews(study_id)
                     if i["gemeente_id"] == geulhoven and i["role"] == "casusregisseur" and i["status"] == "afgerond")
    store.db.execute("UPDATE answer SET value = ?, quote = 1 WHERE interview_id = ? AND question_id = ?",
                     [json.dumps(LEAK), interview["id"], "goede_voorbeelden"])
    store.db.table("finding").insert({
        "id": new_id(), "gemeente_id": gid(store, study_id, "Maasveld"), "theme": "veiligheid", "kind": "goed",
        "heading": "Korte lijnen", "text": LEAK, "indicators": json.dumps([1]), "evidence": "[]",
        "position": 98, "updated_at": "",
    })
    store.db.conn.commit()
    set_inspecties(store, study_id, ["Inspectie Gezondheidszorg en Jeugd", "Inspectie van het Onderwijs",
                                     "Inspectie Justitie en Veiligheid", "Inspectie Sociale Zaken en Werkgelegenheid"])
    add_activity(store, study_id, "documentenanalyse", on=date(2019, 3, 4),
                 description="Beleidsdocumenten en werkinstructies")
    add_activity(store, study_id, "reflectiebijeenkomst", on=date(2019, 5, 20),
                 description="alle bij het onderzoek betrokken instanties", gemeente_id=geulhoven)
    return store, study_id


def gid(store: Store, study_id: str, name: str) -> str:
    return next(g["id"] for g in store.gemeenten(study_id) if g["name"] == name)


@pytest.fixture(scope="module")
def files(study: tuple[Store, str], shipped: Catalog, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    store, study_id = study
    folder = tmp_path_factory.mktemp("drafts")
    out = {}
    for gemeente in store.gemeenten(study_id):
        name = gemeente["name"].lower()
        out[f"rapport-{name}"] = export_report(store, shipped, gemeente["id"], folder, today=TODAY)
        out[f"bewijs-{name}"] = export_bewijs(store, shipped, gemeente["id"], folder, today=TODAY)
    return out


def read(path: Path) -> Document:
    return docx.Document(str(path))


def all_text(path: Path) -> str:
    """Every XML part of the file (body, header, footnotes, properties) as text."""
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                         if n.endswith(".xml"))


def lines(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def between(document: Document, start: str, end: str | None) -> list[str]:
    paragraphs = document.paragraphs
    heading = [p.style.name.startswith("Heading") for p in paragraphs]
    first = next(i for i, p in enumerate(paragraphs) if heading[i] and p.text == start)
    last = next((i for i, p in enumerate(paragraphs) if i > first and heading[i] and p.text == end), len(paragraphs))
    return [p.text for p in paragraphs[first + 1:last]]


# --------------------------------------------------------------------------- the sentences file


def test_every_aspect_of_the_toezichtkader_has_sentences(shipped: Catalog) -> None:
    phrases = load_phrases()
    framework = shipped.framework()
    assert f"toezichtkader: {framework.id}" in PHRASES_FILE.read_text(encoding="utf-8")
    aspects = [(i, a) for i in framework.indicators() for a in i.aspects]
    assert len(aspects) >= 12
    assert sorted(phrases) == sorted(a.id for _, a in aspects)
    for indicator, aspect in aspects:
        entry = phrases[aspect.id]
        for phrase in (entry.goed, entry.beter):
            uses_share = "{deel}" in phrase.text
            assert uses_share == (str(indicator.level) != "gemeente"), (aspect.id, phrase.text)


def test_the_sentences_themselves_pass_the_privacy_scan() -> None:
    texts = [t for e in load_phrases().values() for t in (e.goed.heading, e.goed.text, e.beter.heading,
                                                          e.beter.text, e.example) if t]
    assert len(texts) > 40
    flagged = {t: privacy.scan_text(t.format(deel="vier van de vijf onderzochte casussen"))
               for t in texts}
    assert not {t: h for t, h in flagged.items() if h}


@pytest.mark.parametrize(("count", "total", "expected"), [
    (4, 5, "vier van de vijf onderzochte casussen"),
    (5, 5, "alle vijf onderzochte casussen"),
    (2, 2, "beide onderzochte casussen"),
    (1, 1, "de onderzochte casus"),
    (1, 3, "één van de drie onderzochte casussen"),
])
def test_counts_are_written_the_way_the_report_writes_them(count: int, total: int, expected: str) -> None:
    assert share("casus", count, total) == expected


def aspect_count(values: list[str]) -> AspectCount:
    aspect = Aspect(id="1a", title="Overdracht na onderzoek", operationalisering="x", beslisregel="y")
    indicator = Indicator(number=1, text="Overdracht", aspects=[aspect])
    return AspectCount(indicator, aspect, "casus", {str(n): v for n, v in enumerate(values)})


def test_four_of_five_negative_gives_the_reports_sentence() -> None:
    items = draft_items([aspect_count([NEGATIEF] * 4 + [POSITIEF])], load_phrases())
    assert [i.kind for i in items] == ["beter"]
    assert items[0].text.startswith("In vier van de vijf onderzochte casussen ontbreekt een schriftelijke "
                                    "overdracht van Veilig Thuis")


def test_mostly_positive_is_goed_and_the_exception_still_beter() -> None:
    items = draft_items([aspect_count([POSITIEF] * 3 + [NEGATIEF, NTB])], load_phrases())
    assert [(i.kind, i.text.split(" onderzochte")[0]) for i in items] == [
        ("goed", "In drie van de vijf"), ("beter", "In één van de vijf")]
    assert draft_items([aspect_count([NTB] * 3)], load_phrases()) == []


# --------------------------------------------------------------------------- the report


def test_drafted_points_follow_the_aspect_counts(study: tuple[Store, str], shipped: Catalog,
                                                 files: dict[str, Path]) -> None:
    store, study_id = study
    counts = aspect_counts(score_gemeente(store, shipped, gid(store, study_id, "Geulhoven")))
    expected = draft_items(counts, load_phrases())
    document = read(files["rapport-geulhoven"])
    concept = [t for t in lines(document) if t.startswith("[concept] ")]
    assert expected and len(concept) >= len(expected)
    for item in expected:
        assert f"[concept] {item.text}" in concept
    section = between(document, "Overdracht vanuit Veilig Thuis", "Zicht houden op de veiligheid")
    assert section[0] in ("Wat gaat goed:", "Wat moet beter:")


def test_goede_voorbeelden_are_drafted_from_what_goes_well(files: dict[str, Path]) -> None:
    section = between(read(files["rapport-heuvelrode"]), "Goede voorbeelden", "Conclusie")
    drafted = [t for t in section if t.startswith("[concept] ") and ": " in t]
    assert len(drafted) >= 2
    assert any(t.startswith("[concept] – „") for t in section)  # answers to the good-examples question


def test_no_evidence_dump_in_the_report(files: dict[str, Path]) -> None:
    for key in ("rapport-geulhoven", "rapport-heuvelrode"):
        text = "\n".join(lines(read(files[key])))
        assert "Citaat:" not in text and "(1×)" not in text and "Indicator 5 (" not in text


def test_a_name_phone_and_mail_reach_no_export(study: tuple[Store, str], shipped: Catalog,
                                               files: dict[str, Path], tmp_path: Path) -> None:
    store, study_id = study
    written = export_data(store, shipped, tmp_path, study_id)
    checked = 0
    for path in [*files.values(), *written]:
        content = all_text(path) if path.suffix == ".docx" else path.read_text(encoding="utf-8-sig")
        for secret in (NAME, PHONE, MAIL, LOWER_NAME):
            assert secret not in content, (path.name, secret)
        checked += 1
    assert len(written) >= 6 and checked == len(files) + len(written)
    answers = json.loads((tmp_path / "answers.json").read_text(encoding="utf-8"))
    assert any("[NAAM-" in str(a["waarde"]) and "[TELEFOON-" in str(a["waarde"]) for a in answers)


def test_the_scan_leaves_the_drafts_own_text_alone(files: dict[str, Path]) -> None:
    """No false alarms on the toezichtkader, the sentences, organisations or places."""
    for key in ("rapport-heuvelrode", "bewijs-heuvelrode"):
        text = "\n".join(lines(read(files[key])))
        text += "\n".join(c.text for t in read(files[key]).tables for r in t.rows for c in r.cells)
        assert len(text) > 5000
        assert not re.findall(r"\[(?:NAAM|ADRES|POSTCODE|TELEFOON|EMAIL|BSN|GEBOORTEDATUM)-\d+\]", text), key


def test_the_toezichtkader_text_raises_no_hit(shipped: Catalog) -> None:
    """Bijlage 1 replaces only codes in the toezichtkader's text; this is why that is safe."""
    framework = shipped.framework()
    texts = [framework.title]
    for theme in framework.themes:
        texts += [theme.question, theme.title]
        for criterion in theme.criteria:
            texts.append(criterion.text)
            for indicator in criterion.indicators:
                texts.append(indicator.text)
                for aspect in indicator.aspects:
                    texts += [aspect.title, aspect.beslisregel, *aspect.operationalisering.split("\n")]
    assert len(texts) > 60
    assert not {t: h for t in texts if (h := privacy.scan_text(t))}


def test_nothing_is_attributed_to_a_role_with_fewer_than_three_respondents(files: dict[str, Path]) -> None:
    # Geulhoven: one supervisor, one jongere, one gemeente respondent; Heuvelrode: three casusregisseurs.
    small = "\n".join(lines(read(files["bewijs-geulhoven"])))
    for label in ("Supervisor / leidinggevende:", "Jongere (12+):", "Gemeente (beleid / opdrachtgever):"):
        assert label not in small
    assert "een respondent:" in small
    large = "\n".join(lines(read(files["bewijs-heuvelrode"])))
    assert "Casusregisseur:" in large and "Dossieranalyse:" in large


def test_the_bewijsoverzicht_numbers_casussen_and_shows_no_codes(study: tuple[Store, str], files: dict[str, Path]) -> None:
    store, study_id = study
    document = read(files["bewijs-maasveld"])
    text = all_text(files["bewijs-maasveld"])
    codes = {c["code"] for g in store.gemeenten(study_id) for c in store.casussen(g["id"])}
    codes |= {i["respondent_code"] for i in store.interviews(study_id) if i["respondent_code"]}
    assert len(codes) > 20 and not [c for c in codes if c in text]
    assert "Casus 5: " in "\n".join(lines(document))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][0].startswith("Indicator 1:")


# --------------------------------------------------------------------------- details


def test_real_footnotes_in_inleiding_and_bijlage_1(files: dict[str, Path]) -> None:
    with zipfile.ZipFile(files["rapport-maasveld"]) as archive:
        notes = archive.read("word/footnotes.xml").decode()
        body = archive.read("word/document.xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
        types = archive.read("[Content_Types].xml").decode()
    assert "footnotes" in rels and "footnotes+xml" in types
    assert body.count("<w:footnoteReference") == 3
    assert "samenwerkingsverband van vier rijksinspecties" in notes
    assert "Inspectie Sociale Zaken en Werkgelegenheid" in notes  # the study's own list
    assert "huishoudens met en zonder kinderen" in notes and "Handelingsprotocol" in notes


def test_proofing_language_is_dutch_throughout(files: dict[str, Path]) -> None:
    document = read(files["rapport-maasveld"])
    languages = set(re.findall(r'w:lang w:val="([^"]+)"', document.styles.element.xml))
    assert languages == {"nl-NL"}
    assert 'w:val="en-US"' not in document.settings.element.xml


def test_concept_on_the_cover_and_in_the_header(files: dict[str, Path]) -> None:
    document = read(files["rapport-maasveld"])
    assert "Concept" in [t for t in lines(document)[:5]]
    assert all(s.header.paragraphs[0].text == "Concept" for s in document.sections)


def test_bijlage_1_names_the_studys_own_region(files: dict[str, Path]) -> None:
    text = "\n".join(c.text for t in read(files["rapport-maasveld"]).tables for r in t.rows for c in r.cells)
    assert "Noord- en Midden-Limburg" not in text
    assert "samenwerkingsafspraken regio Maas en Heuvel" in text


def test_inleiding_names_only_the_groups_interviewed(files: dict[str, Path]) -> None:
    geulhoven = " ".join(between(read(files["rapport-geulhoven"]), "Inleiding", "Resultaten"))
    assert "netwerkpartners" not in geulhoven and "casusregisseurs" in geulhoven
    assert "Toegang tot zorg" in geulhoven


def test_title_page_lists_the_studys_inspectorates(files: dict[str, Path]) -> None:
    top = lines(read(files["rapport-maasveld"]))[:40]
    assert "Inspectie Sociale Zaken en Werkgelegenheid" in top
    assert "Nederlandse Arbeidsinspectie" not in top


def empty_study(catalog: Catalog) -> tuple[Store, str, str]:
    """A study with one gemeente and nothing else: quick, for what does not need answers."""
    store = Store.memory()
    study_id = store.create_study("Leeg onderzoek", "Regio Noord", catalog.framework().id)
    return store, study_id, store.add_gemeente(study_id, "Venlo")


def test_default_inspectorates_when_the_study_has_none(shipped: Catalog, tmp_path: Path) -> None:
    store, _, gemeente = empty_study(shipped)
    path = export_report(store, shipped, gemeente, tmp_path, today=TODAY)
    top = lines(read(path))[:40]
    assert all(name in top for name in DEFAULT_INSPECTIES)


def test_bijlage_2_counts_finished_interviews_and_states_the_activities(study: tuple[Store, str],
                                                                       files: dict[str, Path]) -> None:
    store, study_id = study
    geulhoven = gid(store, study_id, "Geulhoven")
    regisseurs = [i["status"] for i in store.interviews(study_id)
                  if i["gemeente_id"] == geulhoven and i["role"] == "casusregisseur"]
    assert sorted(regisseurs) == ["afgerond", "bezig"]
    section = between(read(files["rapport-geulhoven"]), "Bijlage 2: Onderzoeksopzet",
                      "Bijlage 3: Deelnemende partijen aan onderzoek")
    assert "Casusregisseur: 1" in section
    assert "4 maart 2019; Beleidsdocumenten en werkinstructies" in section
    assert "20 mei 2019; alle bij het onderzoek betrokken instanties" in section
    other = between(read(files["rapport-maasveld"]), "Bijlage 2: Onderzoeksopzet",
                    "Bijlage 3: Deelnemende partijen aan onderzoek")
    assert "4 maart 2019; Beleidsdocumenten en werkinstructies" in other  # study-wide
    assert not [t for t in other if "20 mei 2019" in t]  # Geulhoven's own
    assert len(activities(store, study_id)) == 4  # two of the demo's own, two added here


def test_bijlage_3_leaves_out_geen(shipped: Catalog, tmp_path: Path) -> None:
    store, study_id = fresh_demo(shipped)
    geulhoven = gid(store, study_id, "Geulhoven")
    store.db.execute("UPDATE interview SET organisation = 'geen' WHERE gemeente_id = ? AND role = 'client'",
                     [geulhoven])
    path = export_report(store, shipped, geulhoven, tmp_path, today=TODAY)
    assert "geen" not in between(read(path), "Bijlage 3: Deelnemende partijen aan onderzoek", None)


def test_bijlage_1_hyphenates_instead_of_cutting_words(files: dict[str, Path]) -> None:
    document = read(files["rapport-maasveld"])
    assert '<w:autoHyphenation w:val="true"/>' in document.settings.element.xml
    widths = [c.width.cm for c in document.tables[0].rows[0].cells]
    assert 15.9 <= sum(widths) <= 16.1  # the text width


VENLO_POINTS = {
    "schriftelijke overdracht": ("schriftelijke overdracht",),
    "veiligheidsplan delen": ("veiligheidsplan",),
    "risicotaxatie met conclusie": ("risico",),
    "informatie over alle leefgebieden": ("leefgebieden",),
    "1Gezin1Plan": ("1G1P", "integraal plan"),
    "regisseursfunctie": ("regisseursfunctie", "regie"),
    "informatie delen in het netwerk": ("informatie niet structureel gedeeld", "informatie delen"),
    "evaluatie op casusniveau": ("geëvalueerd", "evaluatie"),
    "evaluaties op organisatie- en netwerkniveau": ("netwerkniveau", "organisatieniveau"),
}
"""The report's 'Wat moet beter' points and words by which a drafted point names each."""


def test_venlo_reconstruction_draft_names_the_reports_points(shipped: Catalog, tmp_path: Path) -> None:
    reconstruction = pytest.importorskip("interviewer.core.venlo_reconstructie")
    loader = next(getattr(reconstruction, n) for n in ("load_venlo", "load_reconstruction", "load_reconstructie",
                                                       "load") if hasattr(reconstruction, n))
    store = Store.memory()
    study_id = loader(store, shipped)
    venlo = gid(store, study_id, "Venlo")
    document = read(export_report(store, shipped, venlo, tmp_path, today=TODAY))
    text = "\n".join(wat_moet_beter(document)).lower()
    missing = [point for point, words in VENLO_POINTS.items() if not any(w.lower() in text for w in words)]
    assert not missing, missing
    # The report's 'Wat gaat goed' and Goede voorbeelden, also where the aspect must improve.
    resultaten = between(document, "Resultaten", "Goede voorbeelden")
    for heading in ("Mondelinge overdracht", "Korte lijnen met Veilig Thuis", "Gebruik van Zelfredzaamheidsmatrix (ZRM)",
                    "Expertise in het voorliggend veld"):
        assert heading in resultaten, heading
    examples = " ".join(between(document, "Goede voorbeelden", "Conclusie"))
    for words in ("Korte lijnen", "Toestemmingsformulieren", "Multifocus"):
        assert words in examples, words


def test_conclusie_and_aanbevelingen_take_the_clear_points_only(files: dict[str, Path]) -> None:
    document = read(files["rapport-heuvelrode"])
    conclusie = " ".join(between(document, "Conclusie", "Aanbevelingen in het kort"))
    assert "één plan" in conclusie or "eén" not in conclusie
    assert "veilig thuis" not in conclusie  # headings keep their capitals inside a sentence
    points = [t for t in between(document, "Aanbevelingen in het kort", "Nazorg") if t.startswith("[concept] –")]
    assert 1 <= len(points) <= 6


def test_the_inspectors_aspect_decisions_drive_the_draft(shipped: Catalog, tmp_path: Path) -> None:
    from interviewer.core.review import save_aspect_judgement

    store, study_id = fresh_demo(shipped)
    heuvelrode = gid(store, study_id, "Heuvelrode")
    for casus in store.casussen(heuvelrode):
        save_aspect_judgement(store, study_id=study_id, gemeente_id=heuvelrode, indicator=1, aspect="1a",
                              level="casus", unit=casus["id"], final=POSITIEF, motivation="Overdracht ontvangen.")
    counts = {c.aspect.id: c for c in aspect_counts(score_gemeente(store, shipped, heuvelrode))}
    assert counts["1a"].positief == counts["1a"].total == 3
    section = between(read(export_report(store, shipped, heuvelrode, tmp_path, today=TODAY)),
                      "Overdracht vanuit Veilig Thuis", "Zicht houden op de veiligheid")
    assert section[:2] == ["Wat gaat goed:", "Schriftelijke overdracht"]
    assert section[2].startswith("[concept] In alle drie onderzochte casussen ontving het lokale netwerk")
    assert "Wat moet beter:" not in section


def test_the_inspectors_toegang_text_replaces_the_concept(shipped: Catalog, tmp_path: Path) -> None:
    from interviewer.core.review import Finding, save_finding

    store, study_id = fresh_demo(shipped)
    geulhoven = gid(store, study_id, "Geulhoven")
    text = "De casussen komen in Geulhoven terecht bij het Wijkteam Geulhoven."
    save_finding(store, Finding(id="", gemeente_id=geulhoven, kind="toegang", theme=None, heading="",
                                text=text, indicators=[]))
    inleiding = between(read(export_report(store, shipped, geulhoven, tmp_path, today=TODAY)), "Inleiding", "Resultaten")
    after = inleiding[inleiding.index("Toegang tot zorg") + 1:]
    assert after == [text]


def test_the_bewijsoverzicht_says_what_it_is_on_every_page(files: dict[str, Path]) -> None:
    document = read(files["bewijs-maasveld"])
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Werkdocument – niet voor verspreiding"
    assert "Bewijsoverzicht" in section.footer.paragraphs[0].text
    assert not [t for t in lines(document) if "?: " in t]


def test_activities_and_inspectorates_are_journaled(shipped: Catalog) -> None:
    store, study_id, _ = empty_study(shipped)
    activity_id = add_activity(store, study_id, "overig", description="Bezoek aan het wijkteam")
    set_inspecties(store, study_id, ["Inspectie van het Onderwijs"])
    from interviewer.core.study_info import delete_activity

    assert delete_activity(store, activity_id) and not delete_activity(store, activity_id)
    events = [(e["entity"], e["action"]) for e in store.journal() if e["entity"] in ("study_activity", "study")]
    assert ("study_activity", "nieuw") in events and ("study_activity", "verwijder") in events
    assert ("study", "inspecties") in events


VENLO_VERDICTS = {
    # aspect: (positief, negatief) over the five casussen, read from the report's Resultaten
    "1a": (1, 4), "2a": (5, 0), "2b": (0, 5), "3a": (1, 4), "4a": (2, 3), "4b": (0, 5),
    "5a": (0, 5), "5b": (5, 0), "5c": (4, 1), "6a": (0, 5), "7a": (1, 4), "8a": (1, 4),
    "9a": (1, 4), "10a": (1, 4), "12a": (0, 1),
}


def test_the_reports_verdicts_give_the_reports_points(shipped: Catalog, tmp_path: Path) -> None:
    """From Venlo's verdicts per aspect (decided by the inspector), the draft names Venlo's points.

    This checks the step from judgements to text; the reconstruction test above checks the
    whole way from answers once the reconstruction exists.
    """
    from interviewer.core.review import save_aspect_judgement

    store = Store.memory()
    study_id = store.create_study("Het lokale netwerk na Veilig Thuis", "Regio Noord- en Midden-Limburg",
                                  shipped.framework().id, place="Utrecht")
    venlo = store.add_gemeente(study_id, "Venlo")
    casussen = [store.add_casus(venlo, f"V-{n}") for n in range(1, 6)]
    framework = shipped.framework()
    decided = 0
    for aspect, (good, bad) in VENLO_VERDICTS.items():
        indicator = next(i for i in framework.indicators() if aspect in {a.id for a in i.aspects})
        units = [""] if str(indicator.level) == "gemeente" else casussen
        values = [POSITIEF] * good + [NEGATIEF] * bad
        for unit, value in zip(units, values, strict=False):
            save_aspect_judgement(store, study_id=study_id, gemeente_id=venlo, indicator=indicator.number,
                                  aspect=aspect, level=str(indicator.level), unit=unit, final=value,
                                  motivation="Zoals in het rapport.")
            decided += 1
    assert decided == 71
    document = read(export_report(store, shipped, venlo, tmp_path, today=TODAY))
    better = "\n".join(wat_moet_beter(document)).lower()
    missing = [point for point, words in VENLO_POINTS.items() if not any(w.lower() in better for w in words)]
    assert not missing, missing
    assert "in vier van de vijf onderzochte casussen ontbreekt een schriftelijke overdracht van veilig thuis" in better
    good = " ".join(between(document, "Passende hulp", "Evalueren"))
    assert "Gebruik van Zelfredzaamheidsmatrix (ZRM)" in good  # the report's 'Wat gaat goed'


def wat_moet_beter(document: Document) -> list[str]:
    """The texts under every 'Wat moet beter:' label of the Resultaten."""
    out: list[str] = []
    collecting = False
    for paragraph in document.paragraphs:
        if paragraph.text in ("Wat moet beter:", "Wat gaat goed:") or paragraph.style.name.startswith("Heading"):
            collecting = paragraph.text == "Wat moet beter:"
            continue
        if collecting:
            out.append(paragraph.text)
    return out


def test_the_bewijsoverzicht_gathers_good_examples_and_improvements(study: tuple[Store, str],
                                                                     files: dict[str, Path]) -> None:
    document = read(files["bewijs-heuvelrode"])
    section = between(document, "Goede voorbeelden en verbeterpunten uit de interviews", None)
    assert "Wat werkt hier goed?" in section and "Wat kan beter?" in section
    answers = [t for t in section if ": " in t]
    assert len(answers) >= 4
    assert all(t.split(": ")[0] in ("Casusregisseur", "Medewerker Veilig Thuis", "een respondent")
               for t in answers), answers


def test_a_written_kind_replaces_only_its_own_concept_points(shipped: Catalog, tmp_path: Path) -> None:
    from interviewer.core.review import Finding, save_finding

    store, study_id = fresh_demo(shipped)
    geulhoven = gid(store, study_id, "Geulhoven")
    save_finding(store, Finding(gemeente_id=geulhoven, kind="beter", theme="veiligheid", heading="Eigen kop",
                                text="Eigen bevinding over de overdracht.", indicators=[1]))
    section = between(read(export_report(store, shipped, geulhoven, tmp_path, today=TODAY)),
                      "Overdracht vanuit Veilig Thuis", "Zicht houden op de veiligheid")
    better = section[section.index("Wat moet beter:") + 1:]
    assert better == ["Eigen kop", "Eigen bevinding over de overdracht."]  # no concept beside it


def test_every_good_practice_question_exists_and_feeds_its_aspect(shipped: Catalog) -> None:
    from interviewer.core.report.drafts import load_question_phrases

    phrases = load_question_phrases()
    assert len(phrases) >= 3
    for question_id, phrase in phrases.items():
        mapped = {m.aspect for qs in shipped.questionsets.values() if (q := qs.question(question_id))
                  for m in q.indicators}
        assert phrase.aspect in mapped, (question_id, mapped)
        if phrase.role is not None:
            assert phrase.role in {qs.source for qs in shipped.questionsets.values()}


def test_a_good_practice_naming_a_role_needs_three_respondents_of_it() -> None:
    from interviewer.core.report.drafts import practice_items
    from interviewer.core.scoring import Evidence

    aspect = Aspect(id="5c", title="Gezin betrokken", operationalisering="x", beslisregel="y")
    counts = [AspectCount(Indicator(number=5, text="Passend", aspects=[aspect]), aspect, "casus",
                          {"c1": NEGATIEF, "c2": NEGATIEF, "c3": POSITIEF})]
    evidence = [Evidence(5, "5c", "+", "client", "Cliënt", "Contact: goed", False, f"i{n}", "contact_ervaring",
                         "g", f"c{n}", None) for n in (1, 2)]
    assert practice_items(counts, evidence, lambda source: False, set()) == []
    [item] = practice_items(counts, evidence, lambda source: source == "client", set())
    assert item.text.startswith("In twee van de drie onderzochte casussen gaven de cliënten")
