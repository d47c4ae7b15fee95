"""The Word rapportage, opened again with python-docx: structure, Bijlagen, drafts, privacy."""

from __future__ import annotations

import json
import re
import stat
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.document import Document

from interviewer.core.catalog import Catalog
from interviewer.core.report import TemplateError, build_report, export_report, export_reports
from interviewer.core.report.template import DEFAULT_TEMPLATE
from interviewer.core.store import Store, new_id
from tests.conftest import fresh_demo

TODAY = date(2019, 7, 1)
LEAKY_TEXT = "Zie casus {casus} en respondent {respondent}; daar ging het goed."

VENLO_CHAPTERS = [
    "Inleiding", "Resultaten", "Goede voorbeelden", "Conclusie", "Aanbevelingen in het kort",
    "Nazorg", "Bijlage 1: Toezichtkader", "Bijlage 2: Onderzoeksopzet",
    "Bijlage 3: Deelnemende partijen aan onderzoek",
]


@pytest.fixture(scope="module")
def demo(shipped: Catalog) -> tuple[Store, str]:
    store, study_id = fresh_demo(shipped)
    # An inspector typing a code into a finding: the report must still not show it.
    maasveld = gemeente_id(store, study_id, "Maasveld")
    casus = store.casussen(maasveld)[0]["code"]
    respondent = next(i["respondent_code"] for i in store.interviews(study_id) if i["respondent_code"])
    store.db.table("finding").insert({
        "id": new_id(), "gemeente_id": maasveld, "theme": "veiligheid", "kind": "goed",
        "heading": f"Goed in {casus}", "text": LEAKY_TEXT.format(casus=casus, respondent=respondent),
        "indicators": json.dumps([1]), "evidence": "[]", "position": 99, "updated_at": "",
    })
    return store, study_id


def gemeente_id(store: Store, study_id: str, name: str) -> str:
    return next(g["id"] for g in store.gemeenten(study_id) if g["name"] == name)


@pytest.fixture(scope="module")
def written(demo: tuple[Store, str], shipped: Catalog, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    store, study_id = demo
    folder = tmp_path_factory.mktemp("rapport")
    ids = [g["id"] for g in store.gemeenten(study_id)]
    paths = export_reports(store, shipped, ids, folder, today=TODAY)
    return {p.stem.removeprefix("rapportage-"): p for p in paths if p.stem.startswith("rapportage-")}


@pytest.fixture(scope="module")
def maasveld(written: dict[str, Path]) -> Document:
    return docx.Document(str(written["maasveld"]))


@pytest.fixture(scope="module")
def geulhoven(written: dict[str, Path]) -> Document:
    return docx.Document(str(written["geulhoven"]))


def headings(document: Document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def texts(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def between(document: Document, start: str, end: str | None) -> list[str]:
    """Texts after the heading `start` up to the heading `end` (not the TOC's copies)."""
    paragraphs = document.paragraphs
    is_heading = [p.style.name.startswith("Heading") for p in paragraphs]
    first = next(i for i, p in enumerate(paragraphs) if is_heading[i] and p.text == start)
    last = next((i for i, p in enumerate(paragraphs) if i > first and is_heading[i] and p.text == end),
                len(paragraphs))
    return [p.text for p in paragraphs[first + 1:last]]


# --------------------------------------------------------------------------- structure


def test_one_report_and_bewijsoverzicht_per_gemeente_owner_only(written: dict[str, Path]) -> None:
    assert set(written) == {"maasveld", "heuvelrode", "geulhoven"}
    folder = next(iter(written.values())).parent
    assert sorted(p.name for p in folder.glob("bewijsoverzicht-*")) == [
        "bewijsoverzicht-geulhoven.docx", "bewijsoverzicht-heuvelrode.docx", "bewijsoverzicht-maasveld.docx"]
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_chapters_follow_the_venlo_report(maasveld: Document) -> None:
    assert headings(maasveld, 1) == VENLO_CHAPTERS


def test_resultaten_has_a_section_per_theme_with_its_sub_headings(maasveld: Document, shipped: Catalog) -> None:
    framework = shipped.framework()
    assert headings(maasveld, 2) == [t.report_heading for t in framework.themes]
    expected = [s.heading for t in framework.themes for s in t.report_sections]
    expected += [t.question for t in framework.themes]  # Bijlage 1 per theme
    assert headings(maasveld, 3) == expected


def test_title_page_and_contents(maasveld: Document, demo: tuple[Store, str]) -> None:
    store, study_id = demo
    lines = [t for t in texts(maasveld)[:40] if t]
    assert lines[:5] == ["Toezicht Sociaal Domein", "Concept", "Rapportage", store.study(study_id)["title"], "Maasveld"]
    assert "Utrecht, juli 2019" in lines
    assert maasveld.paragraphs[1].style.name == "Subtitle" and maasveld.paragraphs[2].style.name == "Normal"
    assert any(p.style.name == "Title" and p.text == "Rapportage" for p in maasveld.paragraphs)
    body = maasveld.element.body.xml
    assert 'TOC \\o "1-2"' in body
    assert maasveld.settings.element.xml.count("w:updateFields") == 1


def test_inleiding_states_the_facts_of_the_study(maasveld: Document, demo: tuple[Store, str]) -> None:
    store, study_id = demo
    text = " ".join(between(maasveld, "Inleiding", "Resultaten"))
    assert "in de regio Maas en Heuvel" in text
    assert "in de gemeenten Geulhoven, Heuvelrode en Maasveld. Dit rapport gaat over de gemeente Maasveld." in text
    maasveld_id = gemeente_id(store, study_id, "Maasveld")
    casussen = len(store.casussen(maasveld_id))
    assert f"volgden de inspecties {casussen} casussen" in text
    assert "Bijlage 1" in text and "bijlage 3" in text


def test_findings_appear_under_wat_gaat_goed_and_wat_moet_beter(maasveld: Document) -> None:
    section = between(maasveld, "Overdracht vanuit Veilig Thuis", "Zicht houden op de veiligheid")
    assert section[0] == "Wat gaat goed:"
    assert section.index("Warme overdracht") < section.index("Wat moet beter:")
    assert section.index("Wat moet beter:") < section.index("Schriftelijke overdracht van de veiligheidsvoorwaarden")
    heading = next(p for p in maasveld.paragraphs if p.text == "Warme overdracht")
    assert heading.runs[0].bold and heading.runs[0].italic


def test_a_sub_heading_without_findings_gets_concept_points_not_evidence(maasveld: Document) -> None:
    section = between(maasveld, "Evaluaties op organisatie- en netwerkniveau", "Goede voorbeelden")
    labels = {"Wat gaat goed:", "Wat moet beter:"}
    headings_ = [p.text for p in maasveld.paragraphs if p.text in section and p.runs and p.runs[0].italic]
    points = [line for line in section if line not in labels and line not in headings_]
    assert points and all(line.startswith("[concept]") for line in points)
    assert labels & set(section)
    assert not [line for line in section if "Indicator 1" in line or line.startswith("[concept] –")]
    styles = {p.style.name for p in maasveld.paragraphs if p.text.startswith("[concept]")}
    assert styles == {"Concept"}


def test_closing_chapters_from_the_findings(maasveld: Document) -> None:
    assert len(between(maasveld, "Goede voorbeelden", "Conclusie")) == 3
    assert between(maasveld, "Conclusie", "Aanbevelingen in het kort")[0].startswith("In de gemeente Maasveld")
    recommendations = [p for p in maasveld.paragraphs if p.style.name == "List Number"]
    assert len(recommendations) == 6
    assert "numPr" in maasveld.styles["List Number"].element.xml  # a real Word list
    nazorg = " ".join(between(maasveld, "Nazorg", "Bijlage 1: Toezichtkader"))
    assert "vóór 1 maart 2027 schriftelijk" in nazorg


def test_a_gemeente_without_findings_gets_a_draft_that_invents_nothing(geulhoven: Document) -> None:
    for chapter, after in (("Goede voorbeelden", "Conclusie"), ("Conclusie", "Aanbevelingen in het kort"),
                           ("Aanbevelingen in het kort", "Nazorg")):
        lines = between(geulhoven, chapter, after)
        assert lines and all(line.startswith("[concept]") for line in lines), chapter
    assert not [p for p in geulhoven.paragraphs if p.style.name == "List Number"]
    resultaten = between(geulhoven, "Resultaten", "Goede voorbeelden")
    drafted = [p for p in geulhoven.paragraphs if p.style.name == "Concept" and p.text in resultaten]
    assert drafted and "Wat moet beter:" in resultaten
    nazorg = next(p for p in geulhoven.paragraphs if p.text.startswith("De inspecties vragen"))
    concept_runs = [r.text for r in nazorg.runs if r.style.name == "Concept Char"]
    assert concept_runs and concept_runs[0].startswith("[concept")


# --------------------------------------------------------------------------- bijlagen


def test_bijlage1_is_the_toezichtkader_table(maasveld: Document, shipped: Catalog) -> None:
    framework = shipped.framework()
    tables = maasveld.tables
    assert len(tables) == len(framework.themes)
    for table in tables:
        assert [c.text for c in table.rows[0].cells] == [
            "Criteria TSD", "Indicator", "Operationalisering", "Oordeel/beslisregel"]
        assert table.style.name == "TSD Tabel"
    indicator_cells = {c.text.replace("\u200b", "") for t in tables for r in t.rows[1:] for c in r.cells[1:2]}
    numbers = sorted(int(m.group(1)) for text in indicator_cells if (m := re.match(r"(\d+) ", text)))
    assert numbers == list(range(1, 13))
    # A zero-width space after a slash lets narrow columns break there; the words are the kader's.
    rules = {p.text.replace("\u200b", "") for t in tables for r in t.rows[1:] for p in r.cells[3].paragraphs}
    for indicator in framework.indicators():
        for aspect in indicator.aspects:
            assert aspect.beslisregel in rules, aspect.id
    lines = texts(maasveld)
    for theme in framework.themes:
        assert f"Thema: {theme.title}" in lines


def test_bijlage2_counts_what_was_done(maasveld: Document, demo: tuple[Store, str], shipped: Catalog) -> None:
    store, study_id = demo
    gid = gemeente_id(store, study_id, "Maasveld")
    interviews = [i for i in store.interviews(study_id) if i["gemeente_id"] == gid and i["consent"]]
    per_role: dict[str, int] = {}
    for interview in interviews:
        if interview["role"] != "dossier":
            label = shipped.by_role()[interview["role"]].role_label
            per_role[label] = per_role.get(label, 0) + 1
    lines = between(maasveld, "Bijlage 2: Onderzoeksopzet", "Bijlage 3: Deelnemende partijen aan onderzoek")
    dossiers = len({i["casus_id"] for i in interviews if i["role"] == "dossier"})
    assert f"Bestudeerde dossiers: {dossiers}" in lines
    for label, count in per_role.items():
        assert f"{label}: {count}" in lines
    assert f"Totaal: {sum(per_role.values())} interviews" in lines
    assert "1 respondent wilde niet deelnemen aan een interview." in lines


def test_bijlage3_lists_the_organisations_sorted(maasveld: Document, demo: tuple[Store, str]) -> None:
    store, study_id = demo
    gid = gemeente_id(store, study_id, "Maasveld")
    organisations = {i["organisation"] for i in store.interviews(study_id)
                     if i["gemeente_id"] == gid and i["organisation"]}
    listed = between(maasveld, "Bijlage 3: Deelnemende partijen aan onderzoek", None)[1:]
    assert listed == sorted(organisations, key=str.casefold)


# --------------------------------------------------------------------------- privacy


def test_no_code_appears_in_any_part_of_any_report(written: dict[str, Path], demo: tuple[Store, str]) -> None:
    store, study_id = demo
    codes = {c["code"] for g in store.gemeenten(study_id) for c in store.casussen(g["id"])}
    codes |= {i["respondent_code"] for i in store.interviews(study_id) if i["respondent_code"]}
    assert len(codes) > 20
    for path in written.values():
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                content = archive.read(name).decode("utf-8", errors="replace").lower()
                leaked = [c for c in codes if c.lower() in content]
                assert not leaked, (path.name, name, leaked)


def test_a_code_typed_into_a_finding_is_replaced(maasveld: Document) -> None:
    line = next(t for t in texts(maasveld) if t.startswith("Zie casus"))
    assert line == "Zie casus [geanonimiseerd] en respondent [geanonimiseerd]; daar ging het goed."


def test_no_open_answer_reaches_the_report_except_good_examples(geulhoven: Document, demo: tuple[Store, str]) -> None:
    """Evidence goes to the bewijsoverzicht; the report shows only the good-examples answers."""
    store, study_id = demo
    gid = gemeente_id(store, study_id, "Geulhoven")
    rows = list(store.db.query(
        "SELECT a.question_id, a.value FROM answer a JOIN interview i ON i.id = a.interview_id "
        "WHERE i.gemeente_id = ? AND a.status = 'beantwoord'", [gid]))
    values = [(r["question_id"], json.loads(r["value"])) for r in rows]
    open_texts = {v for q, v in values if isinstance(v, str) and len(v) > 40 and q != "goede_voorbeelden"}
    assert len(open_texts) > 5
    document_text = "\n".join(texts(geulhoven))
    assert not [v for v in open_texts if v in document_text]


def test_core_properties_name_the_inspectorate_only(maasveld: Document) -> None:
    props = maasveld.core_properties
    assert props.author == props.last_modified_by == "Toezicht Sociaal Domein"
    assert props.keywords == ""
    # Comments hold only the journal's anchor (a random database id, a count and a hash).
    assert re.fullmatch(r"journaalanker: ([0-9a-f-]{36}/\d+/[0-9a-f]{64} ?)+", props.comments), props.comments
    assert "Maasveld" in props.title


# --------------------------------------------------------------------------- template and files


def test_a_file_that_is_no_docx_is_refused_by_name(demo: tuple[Store, str], shipped: Catalog, tmp_path: Path) -> None:
    store, study_id = demo
    bad = tmp_path / "huisstijl.docx"
    bad.write_text("geen word")
    with pytest.raises(TemplateError, match=r"huisstijl\.docx: is geen Word-document"):
        build_report(store, shipped, gemeente_id(store, study_id, "Maasveld"), template=bad)


def test_a_template_without_our_styles_names_the_missing_ones(
        demo: tuple[Store, str], shipped: Catalog, tmp_path: Path) -> None:
    store, study_id = demo
    plain = tmp_path / "kaal.docx"
    docx.Document().save(str(plain))
    with pytest.raises(TemplateError) as info:
        export_reports(store, shipped, [gemeente_id(store, study_id, "Maasveld")], tmp_path, template=plain)
    message = str(info.value)
    assert message.startswith(str(plain))
    assert "'Concept'" in message and "'Concept Char'" in message and "'TSD Tabel'" in message
    assert not list(tmp_path.glob("rapportage-*"))


def test_a_house_style_template_is_used(demo: tuple[Store, str], shipped: Catalog, tmp_path: Path) -> None:
    store, study_id = demo
    house = docx.Document(str(DEFAULT_TEMPLATE))
    house.styles["Normal"].font.name = "Georgia"
    house.add_paragraph("Voorbeeldtekst uit het sjabloon")
    template = tmp_path / "huisstijl.docx"
    house.save(str(template))
    path = export_report(store, shipped, gemeente_id(store, study_id, "Heuvelrode"), tmp_path, template=template)
    result = docx.Document(str(path))
    assert result.styles["Normal"].font.name == "Georgia"
    assert "Voorbeeldtekst uit het sjabloon" not in texts(result)
    assert headings(result, 1) == VENLO_CHAPTERS


def test_an_existing_report_is_never_overwritten(demo: tuple[Store, str], shipped: Catalog, tmp_path: Path) -> None:
    store, study_id = demo
    gid = gemeente_id(store, study_id, "Geulhoven")
    first = export_report(store, shipped, gid, tmp_path)
    first.write_bytes(b"bewerkt door de inspecteur")
    second = export_report(store, shipped, gid, tmp_path)
    assert first.read_bytes() == b"bewerkt door de inspecteur"
    assert second.name == "rapportage-geulhoven-2.docx"


def test_shipped_template_is_what_the_script_makes(tmp_path: Path) -> None:
    import runpy

    script = Path(__file__).resolve().parents[2] / "scripts" / "make_template.py"
    runpy.run_path(str(script), run_name="make_template")["main"](tmp_path / "t.docx")
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as shipped, zipfile.ZipFile(tmp_path / "t.docx") as fresh:
        parts = [n for n in shipped.namelist() if n.startswith("word/")]
        assert "word/styles.xml" in parts and "word/footer1.xml" in parts
        assert [n for n in parts if shipped.read(n) != fresh.read(n)] == []


def test_a_gemeente_without_any_data_still_gets_a_complete_draft(shipped: Catalog, tmp_path: Path) -> None:
    store = Store.memory()
    study_id = store.create_study("Nieuw onderzoek", "Regio Elders", shipped.framework().id, place="Utrecht")
    gemeente = store.add_gemeente(study_id, "Leegdorp", "klein")
    document = docx.Document(str(export_report(store, shipped, gemeente, tmp_path, today=TODAY)))
    assert headings(document, 1) == VENLO_CHAPTERS
    assert "in de gemeente Leegdorp. Dit rapport" in " ".join(between(document, "Inleiding", "Resultaten"))
    assert between(document, "Bijlage 3: Deelnemende partijen aan onderzoek", None)[1].startswith("[concept]")
    assert "Totaal: 0 interviews" in between(document, "Bijlage 2: Onderzoeksopzet", "Bijlage 3: Deelnemende partijen aan onderzoek")
