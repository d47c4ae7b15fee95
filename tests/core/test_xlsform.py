"""XLSForm import/export: round trips, the mapping rules and every refusal message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from interviewer.core.catalog import load_catalog
from interviewer.core.models import Condition, QuestionSet
from interviewer.core.xlsform import (
    RoleNeeded,
    XlsformError,
    export_rows,
    export_xlsform,
    import_xlsform,
)
from interviewer.core.xlsform.expr import (
    ExprError,
    parse_constraint,
    parse_relevant,
    to_condition,
    write_relevant,
)

FOLDER = Path(__file__).resolve().parents[2] / "vragenlijsten"
SHIPPED = load_catalog([FOLDER])

SURVEY_HEADER = ["type", "name", "label::Dutch (nl)", "hint", "guidance_hint", "required",
                 "relevant", "constraint", "constraint_message", "indicator", "aspect"]


SOURCE_ONLY = [["source"], ["client"]]


def build(path: Path, survey: list[list[Any]] | None, choices: list[list[Any]] | None = None,
          settings_rows: list[list[Any]] | None = SOURCE_ONLY) -> Path:
    """An .xlsx with the given sheets (header row first); None leaves a sheet out."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in (("survey", survey), ("choices", choices), ("settings", settings_rows)):
        if rows is not None:
            sheet = book.create_sheet(name)
            for row in rows:
                sheet.append(row)
    book.save(path)
    return path


def s(type_: str, name: str = "", label: str = "", **cols: Any) -> list[Any]:
    """A survey row in SURVEY_HEADER order."""
    values = {"type": type_, "name": name, "label::Dutch (nl)": label, **cols}
    return [values.get(c) for c in SURVEY_HEADER]


CHOICES = [
    ["list_name", "name", "label", "polarity"],
    ["yes_no", "ja", "Ja", "+"],
    ["yes_no", "nee", "Nee", "-"],
    ["kleur", "rood", "Rood", None],
    ["kleur", "blauw", "Blauw", "0"],
    ["kleur", "groen", "Groen", "+"],
]
SETTINGS = [["form_id", "version", "form_title", "role", "source", "intro", "consent"],
            ["proef", 3, "Proeflijst", "client", "client", "Welkom.", "Akkoord?"]]


def problems(path: Path) -> list[str]:
    with pytest.raises(XlsformError) as info:
        import_xlsform(path, FOLDER)
    return [str(p) for p in info.value.problems]


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("qs_id", sorted(SHIPPED.questionsets))
def test_round_trip_of_every_shipped_set(qs_id: str, tmp_path: Path) -> None:
    qs = SHIPPED.questionsets[qs_id]
    export_xlsform(qs, tmp_path / "x.xlsx")
    result = import_xlsform(tmp_path / "x.xlsx", FOLDER)
    assert result.questionset == qs


def _pyxform_warnings(path: Path) -> list[str]:
    """pyxform's conversion to XForm (ODK Validate needs Java, so it is not run here)."""
    from pyxform.xls2xform import convert

    result = convert(xlsform=str(path), validate=False, pretty_print=False)
    assert "<h:html" in result.xform
    return list(result.warnings)


@pytest.mark.parametrize("qs_id", sorted(SHIPPED.questionsets))
def test_every_export_is_a_valid_xlsform_for_pyxform(qs_id: str, tmp_path: Path) -> None:
    export_xlsform(SHIPPED.questionsets[qs_id], tmp_path / "x.xlsx")
    assert _pyxform_warnings(tmp_path / "x.xlsx") == []


RICH = {
    "kind": "vragenlijst", "id": "rijk", "version": 2, "title": "Rijk", "role": "client",
    "role_label": "Cliënt", "source": "client", "level": "organisatie",
    "framework": "lokaal-netwerk-na-veilig-thuis", "intro": "Regel 1\n\nRegel 2", "consent": "Akkoord?",
    "sections": [
        {"id": "a", "title": "A", "questions": [
            {"id": "jn", "type": "janee", "text": "=Ja of nee?", "required": True,
             "options": [{"code": "ja", "label": "Ja", "polarity": "+"}, {"code": "nee", "label": "Nee", "polarity": "-"}],
             "indicators": [{"indicator": 2, "aspect": "2b", "counts": False, "polarity": {"ja": "0"}}, {"indicator": 3}]},
            {"id": "jn2", "type": "janee", "text": "Omgekeerd?",
             "options": [{"code": "ja", "label": "Ja", "polarity": "-"}, {"code": "nee", "label": "Nee", "polarity": "+"}]},
            {"id": "ja_nee_soort", "type": "keuze", "text": "Soort?",
             "options": [{"code": "ja", "label": "Ja"}, {"code": "nee", "label": "Nee"}, {"code": "deels", "label": "Deels"}]},
            {"id": "mk", "type": "meerkeuze", "text": "Welke?", "hint": "Meer mogelijk",
             "options": [{"code": "x", "label": "X"}, {"code": "y", "label": "Y"}, {"code": "z", "label": "Z"}]},
            {"id": "tekst", "type": "open", "text": "Vertel.", "guidance": "Let op.\nTwee regels",
             "doorvragen": ["Waar staat dat?", "Voorbeeld?"], "constraint": {"max": 500, "pattern": "^[^0-9']", "soft": True},
             "relevant": {"all": [{"vraag": "jn", "in": ["ja"]}, {"not": {"vraag": "mk", "in": ["x", "y"]}}]}},
        ]},
        {"id": "b", "title": "B", "relevant": {"any": [{"vraag": "tekst", "answered": True}, {"vraag": "ja_nee_soort", "in": ["deels"]}]},
         "questions": [
            {"id": "sch", "type": "schaal", "text": "Score?", "scale_min": 0, "scale_max": 10,
             "score_polarity": {"plus_from": 7, "minus_to": 4}, "scale_labels": {0: "Slecht", 10: "Goed"},
             "constraint": {"min": 1, "message": "Minstens 1."}},
            {"id": "z", "type": "zrm", "text": "ZRM?", "scale_labels": {1: "Acuut"}},
            {"id": "d", "type": "datum", "text": "Wanneer?", "constraint": {"min": "2015-01-01", "max": "2030-12-31"}},
            {"id": "g", "type": "getal", "text": "Hoeveel?", "constraint": {"min": 0.5},
             "relevant": {"vraag": "jn2", "answered": False}},
        ]},
    ],
}


def test_round_trip_of_a_set_using_every_feature(tmp_path: Path) -> None:
    qs = QuestionSet.model_validate(RICH)
    export_xlsform(qs, tmp_path / "rijk.xlsx")
    assert import_xlsform(tmp_path / "rijk.xlsx", FOLDER).questionset == qs


def test_export_of_every_feature_is_a_valid_xlsform_for_pyxform(tmp_path: Path) -> None:
    export_xlsform(QuestionSet.model_validate(RICH), tmp_path / "rijk.xlsx")
    assert _pyxform_warnings(tmp_path / "rijk.xlsx") == []


def test_export_names_lists_and_janee_lists() -> None:
    rows = export_rows(QuestionSet.model_validate(RICH))
    types = {r[1]: r[0] for r in rows["survey"][1:]}
    assert types["jn"] == "select_one ja_nee"
    assert types["jn2"] == "select_one ja_nee_2"
    assert types["ja_nee_soort"] == "select_one lijst_ja_nee_soort"
    assert types["mk"] == "select_multiple mk"
    relevant = {r[1]: r[6] for r in rows["survey"][1:] if r[0] != "end_group"}
    assert relevant["tekst"] == "${jn} = 'ja' and not(selected(${mk}, 'x') or selected(${mk}, 'y'))"
    assert relevant["b"] == "${tekst} != '' or ${ja_nee_soort} = 'deels'"


CODES = st.sampled_from(["a", "b", "c"])
LEAVES = st.one_of(
    st.builds(lambda q, codes: Condition.model_validate({"vraag": q, "in": codes}),
              st.sampled_from(["k", "m"]), st.lists(CODES, min_size=1, max_size=3, unique=True)),
    st.builds(lambda q, a: Condition.model_validate({"vraag": q, "answered": a}), st.sampled_from(["k", "m", "o"]), st.booleans()),
)


def _canonical(cond: Condition) -> bool:
    """Conditions the XLSForm text can tell apart (see the package docstring)."""
    kids = cond.all or cond.any
    if kids is not None:
        if len(kids) < 2:
            return False
        if cond.any and all(k.vraag == kids[0].vraag and k.in_ for k in kids):
            return False
        return all(_canonical(k) for k in kids)
    return _canonical(cond.not_) if cond.not_ is not None else True


CONDITIONS = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.builds(lambda c: Condition.model_validate({"not": c}), inner),
        st.builds(lambda cs: Condition.model_validate({"all": cs}), st.lists(inner, min_size=2, max_size=3)),
        st.builds(lambda cs: Condition.model_validate({"any": cs}), st.lists(inner, min_size=2, max_size=3)),
    ),
    max_leaves=8,
).filter(_canonical)


@settings(max_examples=300, deadline=None)
@given(CONDITIONS)
def test_relevant_text_round_trips(cond: Condition) -> None:
    text = write_relevant(cond, multiple={"m"})
    assert to_condition(parse_relevant(text)) == cond


def test_counting_functions_mean_answered_or_not() -> None:
    assert to_condition(parse_relevant("count-selected(${m}) > 0")) == Condition.model_validate({"vraag": "m", "answered": True})
    assert to_condition(parse_relevant("string-length(${t}) = 0")) == Condition.model_validate({"vraag": "t", "answered": False})


def test_normalisations_keep_the_meaning() -> None:
    same_q = Condition.model_validate({"any": [{"vraag": "k", "in": ["a"]}, {"vraag": "k", "in": ["b"]}]})
    assert to_condition(parse_relevant(write_relevant(same_q, set()))) == Condition.model_validate(
        {"vraag": "k", "in": ["a", "b"]}
    )


# --------------------------------------------------------------------------- mapping rules


def test_import_of_a_standard_form(tmp_path: Path) -> None:
    survey = [
        SURVEY_HEADER,
        s("start", "start"),
        s("note", "welkom", "Lees dit eerst voor."),
        s("select_one yes_no", "los", "Losse vraag?", required="TRUE", indicator="1a"),
        s("begin group", "blok", "Het blok", relevant="${los} = 'ja'"),
        s("select_one kleur", "kleur", "Welke kleur?", guidance_hint="Vraag door.", indicator="2", aspect="2c, 3a"),
        s("integer", "aantal", "Hoeveel?", constraint=". > 0 and . <= 10", constraint_message="1 tot en met 10"),
        s("decimal", "bedrag", "Bedrag?", constraint=". >= 0.5", required="no"),
        s("date", "datum", "Datum?", constraint=". >= date('2015-01-01') and . < '2030-01-01'"),
        s("text", "uitleg", "Uitleg?", hint="Kort", constraint="string-length(.) <= 200",
          relevant="not(${kleur} = 'rood' or ${kleur} = 'blauw') and (${aantal} != '' or selected(${kleur}, 'groen'))"),
        s("end group", "blok"),
    ]
    source_only = [["source"], ["netwerkpartner"]]
    qs = import_xlsform(build(tmp_path / "Mijn Lijst.xlsx", survey, CHOICES, source_only), FOLDER).questionset
    assert qs.role == "mijn-lijst" and qs.source == "netwerkpartner" and qs.consent
    assert qs.id == "mijn-lijst" and qs.version == 1 and qs.framework == "lokaal-netwerk-na-veilig-thuis"
    assert [s.id for s in qs.sections] == ["sectie_1", "blok"]
    assert qs.sections[0].title == "Vragen"
    los = qs.question("los")
    assert los is not None and los.type == "janee" and los.required
    assert los.guidance == "Lees dit eerst voor."
    assert [(o.code, o.polarity) for o in los.options] == [("ja", "+"), ("nee", "-")]
    assert qs.sections[1].relevant == Condition.model_validate({"vraag": "los", "in": ["ja"]})
    kleur = qs.question("kleur")
    assert kleur is not None and kleur.type == "keuze"
    assert [(m.indicator, m.aspect) for m in kleur.indicators] == [(2, "2c"), (3, "3a")]
    aantal, bedrag, datum, uitleg = (qs.question(x) for x in ("aantal", "bedrag", "datum", "uitleg"))
    assert aantal and aantal.constraint and (aantal.constraint.min, aantal.constraint.max) == (1, 10)
    assert aantal.constraint.message == "1 tot en met 10"
    assert bedrag and bedrag.constraint and bedrag.constraint.min == 0.5 and not bedrag.required
    assert datum and datum.constraint and (datum.constraint.min, datum.constraint.max) == ("2015-01-01", "2029-12-31")
    assert uitleg and uitleg.type == "open" and uitleg.constraint and uitleg.constraint.max == 200
    assert uitleg.relevant == Condition.model_validate({"all": [
        {"not": {"vraag": "kleur", "in": ["rood", "blauw"]}},
        {"any": [{"vraag": "aantal", "answered": True}, {"vraag": "kleur", "in": ["groen"]}]},
    ]})


def test_settings_sheet_and_label_language_preference(tmp_path: Path) -> None:
    survey = [["type", "name", "label", "label::English (en)", "label::nl"],
              ["text", "q", "Plain", "English", "Nederlands"]]
    qs = import_xlsform(build(tmp_path / "f.xlsx", survey, None, SETTINGS), FOLDER).questionset
    assert (qs.id, qs.version, qs.title, qs.role, qs.role_label, qs.intro) == (
        "proef", 3, "Proeflijst", "client", "Proeflijst", "Welkom.")
    assert qs.questions()[0].text == "Nederlands"


def test_range_becomes_schaal_with_xlsform_defaults(tmp_path: Path) -> None:
    survey = [["type", "name", "label", "parameters"], ["range", "r", "Score?", None],
              ["range", "r2", "Score?", "start=1 end=5"]]
    qs = import_xlsform(build(tmp_path / "f.xlsx", survey), FOLDER).questionset
    assert [(q.type, q.scale_min, q.scale_max) for q in qs.questions()] == [("schaal", 1, 10), ("schaal", 1, 5)]


# --------------------------------------------------------------------------- refusals


def warnings_of(path: Path, role: str | None = None) -> list[str]:
    return [str(w) for w in import_xlsform(path, FOLDER, role=role).warnings]


def test_rows_that_do_not_fit_are_skipped_with_one_located_line_each(tmp_path: Path) -> None:
    survey = [
        SURVEY_HEADER,
        s("begin_group", "g", "Groep"),
        s("select_one kleur", "kleur", "Kleur?"),
        s("begin_repeat", "herhaal", "Herhaal"),
        s("text", "in_herhaling", "Binnen?"),
        s("end_repeat", "herhaal"),
        s("calculate", "som", "Som"),
        s("select_multiple kleur", "meer", "Meer?"),
        s("text", "t", "Tekst?", relevant="count-selected(${meer}) > 1"),
        s("select_one onbekend", "o", "Onbekend?"),
        s("geopoint", "plek", "Waar?"),
        s("text", "t3", "Tekst?", relevant="${meer} = 'rood'"),
        s("integer", "n", "Getal?", constraint=". = 3"),
        s("decimal", "n2", "Getal?", constraint=". > 0"),
        s("text", "t5", "Tekst?", required="${kleur} = 'rood'"),
        s("end_group", "g"),
    ]
    found = warnings_of(build(tmp_path / "f.xlsx", survey, CHOICES))
    assert found == [
        "survey rij 4, kolom type: herhaling 'herhaal' (rij 4) wordt één keer gevraagd, niet herhaald: de vragen "
        "erin vormen een gewone sectie",
        "survey rij 7, kolom type: overgeslagen: berekeningen (calculate) voert de vragenlijst niet uit",
        "survey rij 9, kolom relevant: overgeslagen: relevant 'count-selected(${meer}) > 1' is niet om te zetten: count-selected() > 1 wordt niet ondersteund; alleen > 0 (beantwoord) of = 0",
        "survey rij 10, kolom type: overgeslagen: keuzelijst 'onbekend' staat niet in het werkblad choices",
        "survey rij 11, kolom type: overgeslagen: locaties (GPS, kaart) worden niet vastgelegd",
        "survey rij 12, kolom relevant: overgeslagen: relevant '${meer} = 'rood'' is niet om te zetten: = of != bij meerkeuzevraag ${meer}; gebruik selected()",
        "survey rij 13, kolom constraint: niet overgenomen: '. = 3' ('=' wordt niet ondersteund in constraint; gebruik >=, <=, > of <)",
        "survey rij 14, kolom constraint: niet overgenomen: '. > 0' ('>' kan bij een decimaal getal niet exact; gebruik '>=')",
        "survey rij 15, kolom required: '${kleur} = 'rood'' is geen ja/nee-waarde (een voorwaarde?); behandeld als nee",
    ]


def test_a_condition_on_a_skipped_row_refuses_the_form(tmp_path: Path) -> None:
    survey = [SURVEY_HEADER, s("calculate", "som", "Som"), s("text", "t", "Tekst?", relevant="${som} = 'x'"),
              s("text", "t2", "Tekst?", relevant="${later} = 'x'")]
    assert problems(build(tmp_path / "f.xlsx", survey, CHOICES)) == [
        "survey rij 3, kolom relevant: hangt af van ${som} (rij 2), die wordt overgeslagen (berekeningen "
        "(calculate) voert de vragenlijst niet uit); zonder die vraag verandert de betekenis van deze voorwaarde",
        "survey rij 4, kolom relevant: verwijst naar ${later}, dat niet eerder als vraag in survey staat",
    ]


def test_supported_extras_time_or_other_acknowledge_default_nested_groups_comparisons(tmp_path: Path) -> None:
    choices = [*CHOICES, ["getal", "1", "Een", None], ["getal", "2", "Twee", None], ["getal", "3", "Drie", None]]
    header = [*SURVEY_HEADER, "default"]
    survey = [
        header,
        s("time", "tijd", "Hoe laat?"),
        s("dateTime", "moment", "Wanneer precies?"),
        s("select_one kleur or_other", "kleur", "Kleur?"),
        s("acknowledge", "gezien", "Gezien?"),
        [*s("select_one getal", "aantal", "Hoeveel?"), "2"],
        s("begin group", "buiten", "Buiten", relevant="${aantal} >= 2"),
        s("text", "a", "A?"),
        s("begin group", "binnen", "Binnen", relevant="${kleur} = 'other'"),
        s("text", "b", "B?"),
        s("end group"),
        s("text", "c", "C?"),
        s("end group"),
    ]
    qs = import_xlsform(build(tmp_path / "f.xlsx", survey, choices), FOLDER).questionset
    by_id = {q.id: q for q in qs.questions()}
    assert by_id["tijd"].type == "open" and by_id["tijd"].hint == "Tijdstip (uu:mm)"
    assert by_id["moment"].type == "open" and by_id["moment"].hint == "Datum en tijdstip (dd-mm-jjjj uu:mm)"
    assert [o.code for o in by_id["kleur"].options] == ["rood", "blauw", "groen", "other"]
    assert by_id["kleur_other"].relevant == Condition.model_validate({"vraag": "kleur", "in": ["other"]})
    assert by_id["gezien"].type == "janee"
    assert by_id["aantal"].guidance == "Standaardantwoord in het formulier: Twee."
    assert [(sec.id, [q.id for q in sec.questions]) for sec in qs.sections] == [
        ("sectie_1", ["tijd", "moment", "kleur", "kleur_other", "gezien", "aantal"]),
        ("buiten", ["a"]), ("binnen", ["b"]), ("buiten_2", ["c"]),
    ]
    at_least_two = Condition.model_validate({"vraag": "aantal", "in": ["2", "3"]})
    assert qs.sections[1].relevant == at_least_two
    assert qs.sections[2].relevant == Condition.model_validate(
        {"all": [{"vraag": "aantal", "in": ["2", "3"]}, {"vraag": "kleur", "in": ["other"]}]})
    assert qs.sections[3].relevant == at_least_two


def test_languages_prefer_dutch_else_the_default_language_said_once(tmp_path: Path) -> None:
    survey = [["type", "name", "label::English (en)", "label::Français (fr)", "hint::English (en)"],
              ["text", "q", "Name?", "Nom?", "Full name"], ["select_one k", "k", "Colour?", "Couleur?", None]]
    choices = [["list_name", "name", "label::English (en)", "LABEL::Français (fr)"],
               ["k", "red", "Red", "Rouge"], ["k", "blue", None, "Bleu"]]
    settings_rows = [["default_language", "source"], ["English (en)", "client"]]
    result = import_xlsform(build(tmp_path / "f.xlsx", survey, choices, settings_rows), FOLDER)
    assert [q.text for q in result.questionset.questions()] == ["Name?", "Colour?"]
    assert [o.label for o in result.questionset.questions()[1].options] == ["Red", "Bleu"]
    assert [str(w) for w in result.warnings] == [
        "settings, kolom default_language: geen Nederlandse teksten; de standaardtaal van het formulier, 'English (en)', is genomen",
        "survey, kolom label: teksten in andere talen niet overgenomen: 'Français (fr)'",
        "choices rij 3, kolom label::English (en): leeg; de tekst uit 'Français (fr)' is genomen",
    ]


def test_bind_relevant_alias_and_columns_not_taken_are_reported(tmp_path: Path) -> None:
    survey = [["type", "name", "label", "bind::relevant", "appearance", "required_message", "media::image"],
              ["select_one yes_no", "a", "A?", None, "minimal", None, None],
              ["text", "b", "B?", "${a} = 'ja'", "multiline", "Verplicht!", "b.png"]]
    result = import_xlsform(build(tmp_path / "f.xlsx", survey, CHOICES), FOLDER)
    assert result.questionset.questions()[1].relevant == Condition.model_validate({"vraag": "a", "in": ["ja"]})
    assert [str(w) for w in result.warnings] == [
        "survey, kolom appearance: niet overgenomen (weergave in ODK; geen betekenis voor het gesprek): rij 2, 3",
        "survey, kolom required_message: niet overgenomen (een eigen melding bij verplicht kent de vragenlijst niet): rij 3",
        "survey, kolom image: niet overgenomen (media worden niet getoond): rij 3",
    ]


def test_role_comes_from_the_option_when_settings_have_none(tmp_path: Path) -> None:
    survey = [["type", "name", "label"], ["text", "q", "Vraag?"]]
    path = build(tmp_path / "f.xlsx", survey, None, None)
    with pytest.raises(RoleNeeded):
        import_xlsform(path, FOLDER)
    qs = import_xlsform(path, FOLDER, role="jeugdige").questionset
    assert (qs.role, qs.source) == ("jeugdige", "jeugdige")


@pytest.mark.parametrize(
    ("relevant", "message"),
    [
        ("${a} = 'x' )", "onverwacht ')' (positie 12)"),
        ("count-selected(${a}) > 1", "count-selected() > 1 wordt niet ondersteund; alleen > 0 (beantwoord) of = 0"),
        ("sum(${a}) > 1", "functie 'sum' wordt niet ondersteund"),
        ("${a} = ${b}", "een vergelijking tussen twee vragen (${a} en ${b}) kan niet; alleen met een vaste waarde"),
        ("${a} = 'x' # 1", "onverwacht teken bij '# 1' (positie 12)"),
        ("(${a} = 'x'", "de expressie houdt onverwacht op"),
        ("selected(${a} 'x')", "verwacht ',' bij ''x'' (positie 15)"),
        ("true()", "functie 'true' wordt niet ondersteund"),
        ("${a} = 'x' or", "de expressie houdt onverwacht op"),
        ("jaja", "onbekend woord 'jaja' (positie 1)"),
    ],
)
def test_bad_relevant_syntax_messages(relevant: str, message: str) -> None:
    with pytest.raises(ExprError) as info:
        parse_relevant(relevant)
    assert str(info.value) == message


def test_constraint_rules() -> None:
    assert parse_constraint(". >= 0 and . <= 10", "numeric", True) == (0, 10)
    assert parse_constraint(". > 0 and . < 10", "numeric", True) == (1, 9)
    with pytest.raises(ExprError, match="or"):
        parse_constraint(". < 0 or . > 10", "numeric", True)
    with pytest.raises(ExprError, match="meer dan één ondergrens"):
        parse_constraint(". >= 0 and . > 1", "numeric", True)
    with pytest.raises(ExprError, match="string-length"):
        parse_constraint(". <= 10", "length", True)
    with pytest.raises(ExprError) as info:
        parse_constraint(". <= ${a_integer}", "numeric", True)
    assert str(info.value) == "een grens die naar een andere vraag verwijst (${a_integer}) kan niet; alleen een vast getal"


def test_missing_survey_sheet(tmp_path: Path) -> None:
    assert problems(build(tmp_path / "f.xlsx", None, CHOICES)) == ["survey: het werkblad 'survey' staat niet in het bestand"]
    assert problems(build(tmp_path / "f.xlsx", [["type", "name", "label"]], CHOICES)) == [
        "survey: het werkblad 'survey' bevat geen rijen onder de kopregel"]


def test_missing_choices_sheet(tmp_path: Path) -> None:
    survey = [SURVEY_HEADER, s("select_one kleur", "kleur", "Kleur?"), s("text", "t", "T?")]
    assert warnings_of(build(tmp_path / "f.xlsx", survey)) == [
        "survey rij 2, kolom type: overgeslagen: keuzelijst 'kleur': het werkblad 'choices' ontbreekt"
    ]


def test_choices_problems_name_the_choices_row(tmp_path: Path) -> None:
    choices = [["list_name", "name", "label", "polarity"], ["k", "a", "A", "plus"], ["k", None, "B", None],
               ["k", "c", None, None], ["k", "C", "Dubbel", None]]
    survey = [SURVEY_HEADER, s("select_one k", "k", "K?")]
    with pytest.raises(XlsformError) as info:
        import_xlsform(build(tmp_path / "f.xlsx", survey, choices), FOLDER)
    assert [str(p) for p in info.value.problems] == ["choices rij 2, kolom polarity: 'plus' is geen polariteit; gebruik +, - of 0"]
    assert [str(w) for w in info.value.warnings] == [
        "choices rij 3, kolom name: overgeslagen: optie zonder name",
        "choices rij 4, kolom label: optie 'c' heeft geen label; de code wordt het label",
        "choices rij 5, kolom name: overgeslagen: optie 'C' staat al in lijst 'k'",
    ]


def test_group_structure(tmp_path: Path) -> None:
    survey = [SURVEY_HEADER, s("text", "t0", "T0?"), s("end_group"), s("begin_group", "a", "A"),
              s("text", "t", "T?"), s("begin_group", "leeg", "Leeg"), s("end_group")]
    assert warnings_of(build(tmp_path / "f.xlsx", survey)) == [
        "survey rij 3, kolom type: overgeslagen: end_group zonder begin",
        "survey rij 4, kolom type: groep 'a' wordt niet afgesloten met end_group; de groep loopt tot het einde",
    ]


def test_catalog_problems_are_located_in_the_workbook(tmp_path: Path) -> None:
    survey = [SURVEY_HEADER, s("begin_group", "g", "G"), s("text", "ok", "Ok?"),
              s("text", "goed", "Vraag?"), s("text", "t", "T?", indicator="13"), s("end_group")]
    assert problems(build(tmp_path / "f.xlsx", survey)) == [
        "survey rij 5, kolom indicator: onbekende indicator 13 (bestaan: 1-12)"
    ]


def test_names_are_made_into_ids_and_references_follow(tmp_path: Path) -> None:
    survey = [SURVEY_HEADER, s("select_one yes_no", "Q-1", "Een?"), s("text", "2b", "Twee?", relevant="${Q-1} = 'ja'")]
    result = import_xlsform(build(tmp_path / "f.xlsx", survey, CHOICES), FOLDER)
    assert [q.id for q in result.questionset.questions()] == ["q_1", "v_2b"]
    assert result.questionset.questions()[1].relevant == Condition.model_validate({"vraag": "q_1", "in": ["ja"]})
    assert [str(w) for w in result.warnings] == [
        "survey, kolom name: namen aangepast aan de id-regels (kleine letters, cijfers en _): Q-1 -> q_1, 2b -> v_2b"
    ]


def test_unreadable_file(tmp_path: Path) -> None:
    bad = tmp_path / "kapot.xlsx"
    bad.write_text("geen excel")
    assert problems(bad) == [
        "kapot.xlsx: is geen leesbaar .xlsx-bestand (beschadigd, of eigenlijk een .xls?); "
        "open het in Excel of LibreOffice en sla het opnieuw op als .xlsx"
    ]
    other = tmp_path / "lijst.ods"
    other.write_text("x")
    assert problems(other) == ["lijst.ods: is geen Excel-bestand; gebruik een XLSForm als .xlsx, .xlsm of .xls"]


def test_source_must_be_a_known_source_type(tmp_path: Path) -> None:
    survey = [["type", "name", "label"], ["text", "q", "Vraag?"]]
    known = "dossier, casusregisseur, supervisor, veilig_thuis, client, jeugdige, netwerkpartner, gemeente"
    found = problems(build(tmp_path / "wijkteam.xlsx", survey, None, None))
    assert found == [f"settings, kolom source: de rol van de respondent ontbreekt; geef haar op met --rol (kies uit: {known})"]
    found = problems(build(tmp_path / "f.xlsx", survey, None, [["role", "source"], ["wijkteam", "buren"]]))
    assert found == [f"settings rij 2, kolom source: 'buren' is geen bekende rol (kies uit: {known})"]
    found = problems(build(tmp_path / "f.xlsx", survey, None, [["role"], ["wijkteam"]]))
    assert found == [f"settings rij 2, kolom source: de rol 'wijkteam' is geen bekende bron; geef de rol op met --rol (kies uit: {known})"]


def test_intro_note_before_the_first_group_goes_to_its_first_question(tmp_path: Path) -> None:
    survey = [SURVEY_HEADER, s("note", "intro", "Eerst dit."), s("begin_group", "g", "G"),
              s("text", "t", "T?", guidance_hint="Daarna dit."), s("note", "slot", "Tot slot."), s("end_group")]
    qs = import_xlsform(build(tmp_path / "f.xlsx", survey), FOLDER).questionset
    assert [sec.id for sec in qs.sections] == ["g"]
    assert qs.questions()[0].guidance == "Eerst dit.\n\nDaarna dit.\n\nTot slot."
    survey = [SURVEY_HEADER, s("begin_group", "g", "G"), s("note", "n", "Alleen een notitie."), s("end_group")]
    with pytest.raises(XlsformError) as info:
        import_xlsform(build(tmp_path / "f.xlsx", survey), FOLDER)
    assert [str(w) for w in info.value.warnings] == [
        "survey rij 3, kolom type: overgeslagen: notitie zonder vraag om haar bij te plaatsen"]
    assert [str(p) for p in info.value.problems] == [
        "survey: geen enkele vraag is over: alle rijen zijn overgeslagen (zie hierboven)"]


def test_readme_xlsform_section_is_the_generated_one() -> None:
    from interviewer.core.xlsform.summary import BEGIN, END, readme_section

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start, end = readme.index(BEGIN), readme.index(END) + len(END)
    assert readme[start:end] == readme_section(), "run: python -c 'from interviewer.core.xlsform.summary import readme_section; print(readme_section())'"


def test_regex_and_time_constraints_check_the_form_of_an_open_answer(tmp_path: Path) -> None:
    from interviewer.core.answers import parse_answer

    survey = [SURVEY_HEADER, s("text", "postcode", "Postcode?", constraint="regex(., '^[0-9]{4} ?[A-Z]{2}$')",
                               constraint_message="Bijvoorbeeld 5911 AB."),
              s("time", "tijd", "Hoe laat?"),
              s("text", "mail", "E-mail?", constraint="regex(${mail}, '@')")]
    result = import_xlsform(build(tmp_path / "f.xlsx", survey), FOLDER)
    postcode, tijd, mail = result.questionset.questions()
    assert postcode.constraint is not None and postcode.constraint.pattern == "^[0-9]{4} ?[A-Z]{2}$"
    assert parse_answer(postcode, "5911 AB").ok
    assert parse_answer(postcode, "Venlo").error == "Bijvoorbeeld 5911 AB."
    assert parse_answer(tijd, "14:30").ok
    assert parse_answer(tijd, "half drie").error == "Typ een tijd als uu:mm, bijvoorbeeld 14:30."
    assert mail.constraint is None
    assert [str(w) for w in result.warnings] == [
        "survey rij 4, kolom constraint: niet overgenomen: 'regex(${mail}, '@')' (functie 'regex' wordt niet ondersteund)"]
    export_xlsform(result.questionset, tmp_path / "terug.xlsx")
    assert _pyxform_warnings(tmp_path / "terug.xlsx") == []
    assert import_xlsform(tmp_path / "terug.xlsx", FOLDER).questionset == result.questionset


def test_check_refuses_a_pattern_that_is_no_regular_expression(tmp_path: Path) -> None:
    data = {**RICH, "sections": [{"id": "a", "title": "A", "questions": [
        {"id": "t", "type": "open", "text": "T?", "constraint": {"pattern": "([a-z"}}]}]}
    import yaml

    (tmp_path / "lijst.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    catalog = load_catalog([tmp_path / "lijst.yaml"], framework_fallback=FOLDER)
    assert [p.message for p in catalog.problems] == [
        "geen geldige reguliere expressie (unterminated character set at position 1)"]


def test_comparisons_with_numbers_and_dates_become_bounds(tmp_path: Path) -> None:
    from interviewer.core.routing import evaluate

    survey = [
        SURVEY_HEADER,
        s("integer", "leeftijd", "Leeftijd?"),
        s("decimal", "bedrag", "Bedrag?"),
        s("date", "start", "Start?"),
        s("text", "volwassen", "Volwassen?", relevant="${leeftijd} >= 18"),
        s("text", "kind", "Kind?", relevant="${leeftijd} > 3 and ${leeftijd} < 12"),
        s("text", "precies", "Precies vijf?", relevant="${leeftijd} = 5"),
        s("text", "recent", "Recent?", relevant="${start} > date('2020-01-01')"),
        s("text", "duur", "Duur?", relevant="${bedrag} > 0.5"),
        s("text", "veel", "Veel?", relevant="${bedrag} >= 100.5"),
    ]
    result = import_xlsform(build(tmp_path / "f.xlsx", survey), FOLDER)
    by_id = {q.id: q for q in result.questionset.questions()}
    assert by_id["volwassen"].relevant == Condition.model_validate({"vraag": "leeftijd", "min": 18})
    assert by_id["kind"].relevant == Condition.model_validate({"vraag": "leeftijd", "min": 4, "max": 11})
    assert by_id["precies"].relevant == Condition.model_validate({"vraag": "leeftijd", "min": 5, "max": 5})
    assert by_id["recent"].relevant == Condition.model_validate({"vraag": "start", "min": "2020-01-02"})
    assert by_id["veel"].relevant == Condition.model_validate({"vraag": "bedrag", "min": 100.5})
    assert "duur" not in by_id
    assert [str(w) for w in result.warnings] == [
        "survey rij 9, kolom relevant: overgeslagen: relevant '${bedrag} > 0.5' is niet om te zetten: "
        "'>' bij een decimaal getal kan niet exact; gebruik '>='"]
    kind = by_id["kind"].relevant
    assert kind is not None
    assert [evaluate(kind, {"leeftijd": n}) for n in (3, 4, 11, 12)] == [False, True, True, False]
    assert not evaluate(kind, {}) and not evaluate(kind, {"leeftijd": "x"})
    from interviewer.core.paths_sim import enumerate_routes

    routes, _ = enumerate_routes(result.questionset)
    asked = [set(r.questions) for r in routes]
    assert any("volwassen" in r for r in asked) and any("volwassen" not in r for r in asked)
    assert any("recent" in r for r in asked) and any("kind" in r and "precies" in r for r in asked)
    export_xlsform(result.questionset, tmp_path / "terug.xlsx")
    assert _pyxform_warnings(tmp_path / "terug.xlsx") == []
    assert import_xlsform(tmp_path / "terug.xlsx", FOLDER).questionset == result.questionset


def test_check_refuses_bounds_on_a_question_that_has_no_number(tmp_path: Path) -> None:
    import yaml

    questions = [{"id": "k", "type": "keuze", "text": "K?", "options": [{"code": "a", "label": "A"}, {"code": "b", "label": "B"}]},
                 {"id": "d", "type": "datum", "text": "D?"},
                 {"id": "t", "type": "open", "text": "T?", "relevant": {"vraag": "k", "min": 2}},
                 {"id": "u", "type": "open", "text": "U?", "relevant": {"vraag": "d", "max": 3}}]
    data = {**RICH, "sections": [{"id": "a", "title": "A", "questions": questions}]}
    (tmp_path / "lijst.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    catalog = load_catalog([tmp_path / "lijst.yaml"], framework_fallback=FOLDER)
    assert [p.message for p in catalog.problems] == [
        "min/max kan alleen bij getal, schaal, zrm of datum; 'k' is van type 'keuze'",
        "grens '3' bij vraag 'd' moet een datum (JJJJ-MM-DD) zijn",
    ]


def test_every_pyxform_type_is_supported_or_skipped_for_a_listed_reason() -> None:
    from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

    from interviewer.core.xlsform.types import (
        ROW_NOTE,
        ROW_QUESTION,
        ROW_SKIP,
        WHY_SKIPPED,
        classify,
    )

    kinds = {name: classify(name) for name in QUESTION_TYPE_DICT}
    unlisted = {name: t.why for name, t in kinds.items() if t.kind == ROW_SKIP and t.why not in WHY_SKIPPED.values()}
    assert unlisted == {}
    asked = {t.ours for t in kinds.values() if t.kind == ROW_QUESTION}
    assert asked == {"open", "getal", "datum", "janee", "schaal", "keuze", "meerkeuze"}
    assert len(kinds) > 100 and sum(t.kind == ROW_NOTE for t in kinds.values()) == 3


def test_xpath_references_name_questions_like_dollar_braces(tmp_path: Path) -> None:
    survey = [SURVEY_HEADER, s("select_one kleur", "soort", "Soort?"),
              s("text", "a", "A?", relevant="../soort='rood'"),
              s("text", "b", "B?", relevant="/formulier/soort = 'blauw'")]
    qs = import_xlsform(build(tmp_path / "f.xlsx", survey, CHOICES), FOLDER).questionset
    assert [q.relevant for q in qs.questions()[1:]] == [
        Condition.model_validate({"vraag": "soort", "in": ["rood"]}),
        Condition.model_validate({"vraag": "soort", "in": ["blauw"]}),
    ]


def test_a_missing_header_row_is_named_as_the_cause(tmp_path: Path) -> None:
    survey = [["text", "naam", "Wat is uw naam?"], ["integer", "leeftijd", "Leeftijd?"]]
    assert problems(build(tmp_path / "f.xlsx", survey)) == [
        "survey rij 1, kolom type: geen kolom 'type' in de kopregel (text, naam, Wat is uw naam?); "
        "rij 1 van survey moet de kolomnamen geven: type, name, label, ..."]
    survey = [SURVEY_HEADER, s("text", "t", "T?")]
    choices = [["kleur", "rood", "Rood"], ["kleur", "blauw", "Blauw"]]
    assert warnings_of(build(tmp_path / "f.xlsx", survey, choices)) == [
        "choices, kolom list_name: geen kolom 'list_name' in de kopregel (kleur, rood, Rood); rij 1 van choices "
        "moet de kolomnamen geven: list_name, name, label. Geen enkele optie is gelezen"]


def test_a_group_whose_condition_cannot_be_read_is_skipped_with_its_rows(tmp_path: Path) -> None:
    survey = [SURVEY_HEADER, s("text", "t", "T?"), s("begin group", "g", "G", relevant="sum(${t}) > 2"),
              s("text", "binnen", "Binnen?"), s("end group"), s("text", "na", "Na?")]
    result = import_xlsform(build(tmp_path / "f.xlsx", survey), FOLDER)
    assert [q.id for q in result.questionset.questions()] == ["t", "na"]
    assert [str(w) for w in result.warnings] == [
        "survey rij 3, kolom relevant: overgeslagen: relevant 'sum(${t}) > 2' is niet om te zetten: functie 'sum' wordt niet ondersteund",
        "survey rij 4, kolom type: overgeslagen: binnen groep 'g' (rij 3), die wordt overgeslagen",
    ]


def test_a_repeat_is_a_section_asked_once_and_keeps_its_condition(tmp_path: Path) -> None:
    header = [*SURVEY_HEADER, "repeat_count"]
    survey = [header, s("select_one yes_no", "kinderen", "Kinderen?"),
              [*s("begin_repeat", "kind", "Kind", relevant="${kinderen} = 'ja'"), "${aantal}"],
              s("text", "naam", "Roepnaam?"),
              s("begin repeat", "school", "School"),
              s("select_one yes_no", "gaat", "Gaat naar school?"),
              s("text", "welke", "Welke school?", relevant="../gaat = 'ja'"),
              s("end repeat"),
              s("integer", "leeftijd", "Leeftijd?", relevant="${naam} != ''"),
              s("end_repeat"),
              s("text", "na", "Na?", relevant="${gaat} = 'nee'")]
    result = import_xlsform(build(tmp_path / "f.xlsx", survey, CHOICES), FOLDER)
    sections = result.questionset.sections
    assert [(sec.id, [q.id for q in sec.questions]) for sec in sections] == [
        ("sectie_1", ["kinderen"]), ("kind", ["naam"]), ("school", ["gaat", "welke"]),
        ("kind_2", ["leeftijd"]), ("sectie_5", ["na"])]
    asked = Condition.model_validate({"vraag": "kinderen", "in": ["ja"]})
    assert [sec.relevant for sec in sections] == [None, asked, asked, asked, None]
    questions = {q.id: q for q in result.questionset.questions()}
    assert questions["welke"].relevant == Condition.model_validate({"vraag": "gaat", "in": ["ja"]})
    assert questions["leeftijd"].relevant == Condition.model_validate({"vraag": "naam", "answered": True})
    assert questions["na"].relevant == Condition.model_validate({"vraag": "gaat", "in": ["nee"]})
    assert [str(w) for w in result.warnings] == [
        "survey rij 3, kolom type: herhaling 'kind' (rij 3) wordt één keer gevraagd, niet herhaald: de vragen erin "
        "vormen een gewone sectie",
        "survey rij 5, kolom type: herhaling 'school' (rij 5) wordt één keer gevraagd, niet herhaald: de vragen "
        "erin vormen een gewone sectie",
        "survey, kolom repeat_count: niet overgenomen (het aantal herhalingen: een herhaling wordt één keer "
        "gevraagd): rij 3",
    ]
    assert result.fates[("survey", 3)] == "herhaling"


def test_a_reference_to_a_later_question_in_a_repeat_is_refused_with_its_place(tmp_path: Path) -> None:
    survey = [SURVEY_HEADER, s("begin_repeat", "r", "R"), s("text", "invoer", "Invoer?", relevant="${klaar} = 'nee'"),
              s("text", "klaar", "Klaar?"), s("end_repeat")]
    assert problems(build(tmp_path / "f.xlsx", survey)) == [
        "survey rij 3, kolom relevant: verwijst naar ${klaar}, dat niet eerder als vraag in survey staat"]


def test_a_loop_over_a_list_is_a_section_per_option_as_pyxform_writes_it_out(tmp_path: Path) -> None:
    survey = [SURVEY_HEADER, s("select_multiple kleur", "heeft", "Welke kleuren?"),
              s("begin loop over kleur", "per", "Per kleur", relevant="${heeft} != ''"),
              s("select_one yes_no", "mooi", "Is %(label)s mooi?", relevant="selected(${heeft}, '%(name)s')"),
              s("text", "waarom", "Waarom?", relevant="../mooi = 'ja'"),
              s("text", "nog", "Nog iets?", relevant="${mooi} = 'nee'"),
              s("end loop"),
              s("begin loop over onbekend", "niets", "Niets"), s("text", "weg", "Weg?"), s("end loop"),
              s("text", "na", "Na?")]
    result = import_xlsform(build(tmp_path / "f.xlsx", survey, CHOICES), FOLDER)
    sections = result.questionset.sections
    assert [(sec.id, sec.title, [q.id for q in sec.questions]) for sec in sections] == [
        ("sectie_1", "Vragen", ["heeft"]),
        ("per_rood", "Per kleur: Rood", ["mooi_rood", "waarom_rood", "nog_rood"]),
        ("per_blauw", "Per kleur: Blauw", ["mooi_blauw", "waarom_blauw", "nog_blauw"]),
        ("per_groen", "Per kleur: Groen", ["mooi_groen", "waarom_groen", "nog_groen"]),
        ("sectie_5", "Vragen", ["na"])]
    assert {sec.relevant for sec in sections[1:4]} == {Condition.model_validate({"vraag": "heeft", "answered": True})}
    blauw = {q.id: q for q in sections[2].questions}
    assert blauw["mooi_blauw"].text == "Is Blauw mooi?"
    assert blauw["mooi_blauw"].relevant == Condition.model_validate({"vraag": "heeft", "in": ["blauw"]})
    assert blauw["waarom_blauw"].relevant == Condition.model_validate({"vraag": "mooi_blauw", "in": ["ja"]})
    assert blauw["nog_blauw"].relevant == Condition.model_validate({"vraag": "mooi_blauw", "in": ["nee"]})
    assert [str(w) for w in result.warnings] == [
        "survey rij 3, kolom type: lus 'per' over lijst 'kleur': de vragen erin worden per optie gesteld, in een "
        "sectie per optie (3); hun namen krijgen de optie als achtervoegsel",
        "survey rij 8, kolom type: overgeslagen: een lus (begin loop over) over een keuzelijst die niet in choices "
        "staat of geen opties heeft; de vragen erin worden overgeslagen",
        "survey rij 9, kolom type: overgeslagen: binnen lus 'niets' (rij 8), die wordt overgeslagen",
    ]
