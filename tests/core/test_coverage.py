"""The coverage rule and its matrix, on a small framework built here."""

from __future__ import annotations

from typing import Any

from interviewer.core.catalog import Catalog
from interviewer.core.coverage import WIDTH, coverage_report, has_polarity
from interviewer.core.models import Framework, Question, QuestionSet

FRAMEWORK = Framework.model_validate(
    {
        "kind": "toezichtkader",
        "id": "mini",
        "version": 1,
        "title": "Mini",
        "themes": [
            {
                "id": "a",
                "question": "Vraag?",
                "title": "Thema",
                "report_heading": "Kop",
                "criteria": [
                    {
                        "text": "Criterium",
                        "indicators": [
                            {"number": 1, "text": "Overdracht", "aspects": [_a := {"id": "1a", "title": "Overdracht", "operationalisering": "o", "beslisregel": "b"}, {**_a, "id": "1b", "title": "Warm"}]},
                            {"number": 2, "text": "Instelling", "level": "organisatie", "aspects": [{**_a, "id": "2a", "title": "Kwaliteit"}]},
                        ],
                    }
                ],
            }
        ],
    }
)

POLAR = [{"code": "ja", "label": "Ja", "polarity": "+"}, {"code": "nee", "label": "Nee", "polarity": "-"}]


def question(qid: str, *mappings: str, polar: bool = True) -> dict[str, Any]:
    """A janee question mapped to aspects ('1a') or bare indicators ('2')."""
    maps = [
        {"indicator": int(m.rstrip("ab")), "aspect": m if m[-1].isalpha() else None}
        for m in mappings
    ]
    options = POLAR if polar else [{"code": "ja", "label": "Ja"}, {"code": "nee", "label": "Nee"}]
    return {"id": qid, "type": "janee", "text": "Vraag?", "options": options, "indicators": maps}


def qset(qid: str, source: str, *questions: dict[str, Any]) -> QuestionSet:
    return QuestionSet.model_validate(
        {
            "kind": "vragenlijst", "id": qid, "version": 1, "title": qid, "role": qid,
            "role_label": qid.capitalize(), "source": source, "framework": "mini",
            "intro": "i", "consent": "c",
            "sections": [{"id": "s", "title": "S", "questions": list(questions)}],
        }
    )


def catalog(*sets: QuestionSet) -> Catalog:
    return Catalog(frameworks={"mini": FRAMEWORK}, questionsets={qs.id: qs for qs in sets})


FULL = [
    qset("casusregisseur", "casusregisseur", question("a", "1a", "1b"), question("b", "2a")),
    qset("supervisor", "supervisor", question("a", "1a"), question("b", "2a")),
    qset("dossier", "dossier", question("a", "1b")),
]


def test_complete_catalog_passes() -> None:
    report = coverage_report(catalog(*FULL))
    assert report.ok, report.missing
    assert "Dekkingsregel gehaald" in report.text


def test_indicator_asked_by_one_role_is_named_with_that_role() -> None:
    sets = [FULL[0], qset("supervisor", "supervisor", question("a", "1a")), FULL[2]]
    report = coverage_report(catalog(*sets))
    assert not report.ok
    assert report.missing == [
        "indicator 2 wordt door maar 1 rol gevraagd (casusregisseur); minstens 2 nodig"
    ]


def test_dossier_does_not_count_as_a_role() -> None:
    sets = [FULL[0], qset("dossier", "dossier", question("a", "1a"), question("b", "2a"))]
    missing = coverage_report(catalog(*sets)).missing
    assert "indicator 1 wordt door maar 1 rol gevraagd (casusregisseur); minstens 2 nodig" in missing
    assert "indicator 2 wordt door maar 1 rol gevraagd (casusregisseur); minstens 2 nodig" in missing


def test_casus_indicator_needs_the_dossier_checklist_but_organisation_does_not() -> None:
    report = coverage_report(catalog(FULL[0], FULL[1]))
    assert report.missing == [
        "indicator 1 wordt niet in een dossierchecklist gevraagd (er is geen vragenlijst met source: dossier)"
    ]
    empty_dossier = qset("dossier", "dossier", question("a"))
    assert coverage_report(catalog(FULL[0], FULL[1], empty_dossier)).missing == [
        "indicator 1 wordt niet in de dossierchecklist gevraagd"
    ]


def test_aspect_needs_a_closed_question_with_polarity() -> None:
    sets = [
        qset("casusregisseur", "casusregisseur", question("a", "1a"), question("c", "1b", polar=False), question("b", "2a")),
        FULL[1],
        qset("dossier", "dossier", question("a", "1b", polar=False)),
    ]
    report = coverage_report(catalog(*sets))
    assert report.missing == [
        "aspect 1b (Warm) van indicator 1 heeft geen gesloten vraag met polariteit "
        "(janee/keuze/meerkeuze met een +/- optie, of schaal/zrm met score_polarity)"
    ]


def test_matrix_cells_count_questions_and_mark_polarity() -> None:
    sets = [qset("casusregisseur", "casusregisseur", question("a", "1a"), question("c", "1a", polar=False)), *FULL[1:]]
    report = coverage_report(catalog(*sets))
    row = next(r for r in report.rows if r.aspect == "1a")
    assert str(row.cells["casusregisseur"]) == "2*"
    assert str(row.cells["dossier"]) == "."
    line = next(x for x in report.text.splitlines() if "1a Overdracht" in x)
    assert line.split()[-3:] == ["2*", "1*", "."]


def test_matrix_fits_in_100_columns_with_many_sets() -> None:
    sets = [qset(f"rol{i}", "netwerkpartner", question("a", "1a")) for i in range(15)]
    report = coverage_report(catalog(*sets))
    assert max(len(line) for line in report.text.splitlines()) <= WIDTH
    assert "rol14" in report.text


def test_polarity_of_score_questions() -> None:
    base = {"id": "s", "text": "Score?", "type": "schaal"}
    assert not has_polarity(Question.model_validate(base))
    assert has_polarity(Question.model_validate({**base, "score_polarity": {"plus_from": 4, "minus_to": 2}}))
    assert not has_polarity(Question.model_validate({"id": "o", "text": "Open?", "type": "open"}))


def test_no_framework_is_not_ok() -> None:
    report = coverage_report(Catalog(questionsets={"a": FULL[0]}))
    assert not report.ok


def test_aspects_resting_on_open_questions_are_named() -> None:
    open_q = {"id": "o", "type": "open", "text": "Vertel?", "indicators": [{"indicator": 1, "aspect": "1b"}]}
    sets = [qset("casusregisseur", "casusregisseur", question("a", "1a"), question("b", "2a"), open_q),
            qset("supervisor", "supervisor", question("a", "1a"), question("b", "2a"), open_q),
            qset("dossier", "dossier", open_q)]
    report = coverage_report(catalog(*sets))
    assert "Aspecten die alleen op open vragen rusten: 1 (gecontroleerd: 3 aspecten, 2 met" in report.text
    assert "- aspect 1b: rust alleen op open vragen (Casusregisseur, Supervisor, Dossier)" in report.text
    # A mapping that does not count is not a closed question with polarity for that aspect.
    uncounted = question("c", "1b")
    uncounted["indicators"][0]["counts"] = False
    sets[2] = qset("dossier", "dossier", uncounted)
    assert "aspect 1b: rust alleen op open vragen" in coverage_report(catalog(*sets)).text
