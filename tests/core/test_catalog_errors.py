"""Broken vragenlijst files: each gets one located Dutch message, never a traceback."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from interviewer.core import yamlsource
from interviewer.core.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORK = ROOT / "vragenlijsten" / "toezichtkader.yaml"


def valid_set() -> dict[str, Any]:
    return {
        "kind": "vragenlijst",
        "id": "test",
        "version": 1,
        "title": "Testset",
        "role": "casusregisseur",
        "role_label": "Casusregisseur",
        "source": "casusregisseur",
        "framework": "lokaal-netwerk-na-veilig-thuis",
        "intro": "Welkom.",
        "consent": "Mag ik beginnen?",
        "sections": [
            {
                "id": "start",
                "title": "Start",
                "questions": [
                    {"id": "q1", "type": "janee", "text": "Ontving u de overdracht?",
                     "indicators": [{"indicator": 1, "aspect": "1a"}]},
                    {"id": "q2", "type": "keuze", "text": "Hoe?",
                     "options": [{"code": "schriftelijk", "label": "Schriftelijk", "polarity": "+"},
                                 {"code": "mondeling", "label": "Mondeling", "polarity": "-"}],
                     "relevant": {"vraag": "q1", "in": ["ja"]}},
                    {"id": "q3", "type": "getal", "text": "Hoeveel?", "constraint": {"min": 0, "max": 10}},
                ],
            }
        ],
    }


def _q(data: dict[str, Any], index: int) -> dict[str, Any]:
    return data["sections"][0]["questions"][index]


Mutation = Callable[[dict[str, Any]], Any]


def _set(path: list[Any], value: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return mutate


def _delete(path: list[Any]) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return mutate


Q = ["sections", 0, "questions"]

# (name, mutation, expected fragment of the message, expected field fragment)
STRUCTURE_CASES: list[tuple[str, Mutation, str, str]] = [
    ("missing id", _delete(["id"]), "verplicht veld ontbreekt", "id"),
    ("missing title", _delete(["title"]), "verplicht veld ontbreekt", "title"),
    ("missing sections", _delete(["sections"]), "verplicht veld ontbreekt", "sections"),
    ("empty sections", _set(["sections"], []), "mag niet leeg zijn", "sections"),
    ("empty section", _set(["sections", 0, "questions"], []), "mag niet leeg zijn", "questions"),
    ("unknown top key", _set(["titel"], "x"), "bedoelde u 'title'", "titel"),
    ("unknown question key", _set([*Q, 0, "tekst"], "x"), "bedoelde u 'text'", "tekst"),
    ("bad type", _set([*Q, 0, "type"], "vrij"), "ongeldige waarde 'vrij'", "type"),
    ("version not int", _set(["version"], "een"), "geheel getal", "version"),
    ("version zero", _set(["version"], 0), "minstens 1", "version"),
    ("bad id pattern", _set([*Q, 0, "id"], "Vraag 1"), "kleine letters", "id"),
    ("empty text", _set([*Q, 0, "text"], ""), "mag niet leeg zijn", "text"),
    ("bad polarity", _set([*Q, 1, "options", 0, "polarity"], "++"), "ongeldige waarde '++'", "polarity"),
    ("keuze one option", _set([*Q, 1, "options"], [{"code": "a", "label": "A"}]), "minstens twee options", "q2"),
    ("options on open", _set([*Q, 2, "options"], [{"code": "a", "label": "A"}, {"code": "b", "label": "B"}]), "heeft geen options", "q3"),
    ("duplicate option code", _set([*Q, 1, "options", 1, "code"], "schriftelijk"), "uniek", "q2"),
    ("required not bool", _set([*Q, 0, "required"], "misschien"), "true of false", "required"),
    ("condition without in", _set([*Q, 1, "relevant"], {"vraag": "q1"}), "precies één van: in of answered", "relevant"),
    ("condition two forms", _set([*Q, 1, "relevant"], {"vraag": "q1", "in": ["ja"], "all": []}), "precies één van", "relevant"),
    ("doorvragen not list", _set([*Q, 0, "doorvragen"], {"a": 1}), "moet een lijst zijn", "doorvragen"),
    ("sections is mapping", _set(["sections"], {"a": 1}), "moet een lijst zijn", "sections"),
    ("bad source", _set(["source"], "buurman"), "ongeldige waarde 'buurman'", "source"),
    ("scale bounds", lambda d: _q(d, 2).update(type="schaal", constraint=None, scale_min=5, scale_max=1), "scale_min moet kleiner", "q3"),
    ("constraint on keuze", _set([*Q, 1, "constraint"], {"min": 1}), "constraint kan alleen", "q2"),
]

CROSS_CASES: list[tuple[str, Mutation, str, str]] = [
    ("duplicate question id", _set([*Q, 2, "id"], "q1"), "komt twee keer voor", "q1"),
    ("unknown indicator", _set([*Q, 0, "indicators", 0, "indicator"], 13), "onbekende indicator 13", "indicator"),
    ("unknown aspect", _set([*Q, 0, "indicators", 0, "aspect"], "1z"), "onbekend aspect '1z'", "aspect"),
    ("aspect of other indicator", _set([*Q, 0, "indicators", 0, "aspect"], "2b"), "onbekend aspect '2b' bij indicator 1", "aspect"),
    ("routing to unknown", _set([*Q, 1, "relevant"], {"vraag": "q9", "in": ["ja"]}), "onbekende vraag 'q9'", "relevant"),
    ("routing typo suggests", _set([*Q, 1, "relevant"], {"vraag": "q11", "in": ["ja"]}), "bedoelde u 'q1'", "relevant"),
    ("routing to later", _set([*Q, 1, "relevant"], {"vraag": "q3", "answered": True}), "niet eerder gesteld", "relevant"),
    ("routing to itself", _set([*Q, 1, "relevant"], {"vraag": "q2", "in": ["mondeling"]}), "niet eerder gesteld", "relevant"),
    ("unknown option code", _set([*Q, 1, "relevant"], {"vraag": "q1", "in": ["misschien"]}), "onbekende optiecode 'misschien'", "relevant"),
    ("in on open question", _set([*Q, 0, "type"], "open"), "'in' kan alleen bij een keuzevraag", "relevant"),
    ("unsatisfiable", _set([*Q, 1, "relevant"], {"all": [{"vraag": "q1", "in": ["ja"]}, {"vraag": "q1", "in": ["nee"]}]}), "kan nooit waar zijn", "relevant"),
    ("impossible required constraint", lambda d: _q(d, 2).update(required=True, constraint={"min": 10, "max": 1}), "geen route kan deze vragenlijst afronden", "constraint"),
    ("bad date bound", lambda d: _q(d, 2).update(type="datum", constraint={"min": "gisteren"}), "geen datum", "constraint"),
    ("unknown framework", _set(["framework"], "ander-kader"), "onbekend toezichtkader 'ander-kader'", "framework"),
    ("duplicate section id", lambda d: d["sections"].append({**copy.deepcopy(d["sections"][0]), "questions": [{"id": "q9", "type": "open", "text": "x"}]}), "sectie-id 'start' komt twee keer voor", "id"),
]


def _write(tmp_path: Path, data: Any, name: str = "set.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _problems(paths: list[Path]) -> list[str]:
    catalog = load_catalog([*paths, FRAMEWORK])
    return [str(p) for p in catalog.problems]


def test_valid_set_has_no_problems(tmp_path: Path) -> None:
    assert _problems([_write(tmp_path, valid_set())]) == []


@pytest.mark.parametrize(("name", "mutate", "message", "field"), STRUCTURE_CASES + CROSS_CASES, ids=lambda v: v if isinstance(v, str) else "")
def test_broken_set_gets_located_message(tmp_path: Path, name: str, mutate: Mutation, message: str, field: str) -> None:
    data = valid_set()
    mutate(data)
    path = _write(tmp_path, data)
    problems = _problems([path])
    assert problems, f"{name}: expected a problem"
    matching = [p for p in problems if message in p and field in p]
    assert matching, f"{name}: {problems}"
    for problem in problems:
        # file:line: field: message — every line names the file and a line number
        assert problem.startswith(f"{path}:"), problem
        assert problem.split(":")[1].strip().isdigit(), problem


def test_line_number_points_at_the_field(tmp_path: Path) -> None:
    data = valid_set()
    _q(data, 2)["type"] = "vrij"
    path = _write(tmp_path, data)
    (problem,) = load_catalog([path, FRAMEWORK]).problems
    assert path.read_text().splitlines()[problem.line - 1].strip() == "type: vrij"


RAW_CASES: list[tuple[str, bytes, str]] = [
    ("empty", b"", "bestand is leeg"),
    ("only whitespace", b"   \n\n", "bestand is leeg"),
    ("only comment", b"# niets\n", "alleen commentaar"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binair bestand"),
    ("latin-1", "kind: vragenlijst\ntitle: cliënt\n".encode("latin-1"), "geen UTF-8"),
    ("list at top", b"- a\n- b\n", "gevonden een lijst"),
    ("scalar at top", b"hallo\n", "gevonden 'hallo'"),
    ("no kind", b"id: x\n", "kind"),
    ("unknown kind", b"kind: recept\n", "kind: vragenlijst"),
    ("yaml syntax", b"kind: vragenlijst\n  id: [x\n", "YAML-syntaxfout"),
    ("tab indentation", b"kind: vragenlijst\n\tid: x\n", "YAML-syntaxfout"),
    ("duplicate key", b"kind: vragenlijst\nid: a\nid: b\n", "komt twee keer voor"),
    ("complex key", b"kind: vragenlijst\n? [a, b]\n: c\n", "eenvoudige tekst"),
]


@pytest.mark.parametrize(("name", "content", "message"), RAW_CASES, ids=[c[0] for c in RAW_CASES])
def test_unreadable_input_gets_located_message(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_bytes(content)
    problems = load_catalog([path]).problems
    assert len(problems) >= 1
    assert any(message in str(p) for p in problems), (name, [str(p) for p in problems])
    assert all(str(p).startswith(str(path)) for p in problems)


def test_directory_and_missing_path(tmp_path: Path) -> None:
    empty = tmp_path / "leeg"
    empty.mkdir()
    problems = [str(p) for p in load_catalog([empty, tmp_path / "weg.yaml"]).problems]
    assert any("geen .yaml-bestanden" in p for p in problems)
    assert any("bestaat niet" in p for p in problems)


def test_duplicate_set_id_across_files(tmp_path: Path) -> None:
    a = _write(tmp_path, valid_set(), "a.yaml")
    b = _write(tmp_path, valid_set(), "b.yaml")
    assert any("al voor in een ander bestand" in p for p in _problems([a, b]))


DEEP_FLOW = "kind: vragenlijst\nx: " + "[" * 5000 + "]" * 5000 + "\n"
DEEP_BLOCK = "kind: vragenlijst\nx:\n" + "".join("  " * i + f"- k{i}:\n" for i in range(1, 90)) + "  " * 90 + "- leaf\n"
MODERATE_FLOW = "kind: vragenlijst\nx: " + "[" * 100 + "]" * 100 + "\n"


def _pure_python_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without libyaml the pure composer recurses and Python's own limit trips first.
    monkeypatch.delattr(yamlsource.yaml, "CSafeLoader", raising=False)


@pytest.mark.parametrize(
    ("text", "pure_python", "trips"),
    [
        (DEEP_FLOW, False, "libyaml"),
        (DEEP_FLOW, True, "recursion"),
        (MODERATE_FLOW, False, "builder"),
        (DEEP_BLOCK, False, "builder"),
        (DEEP_BLOCK, True, "builder"),
    ],
    ids=["flow-libyaml-limit", "flow-python-recursion", "flow-our-bound", "block-libyaml", "block-python"],
)
def test_too_deep_is_one_located_message_whatever_trips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, pure_python: bool, trips: str
) -> None:
    if pure_python:
        _pure_python_loader(monkeypatch)
    elif not hasattr(yamlsource.yaml, "CSafeLoader"):
        pytest.skip("libyaml not available")
    path = tmp_path / "diep.yaml"
    path.write_text(text)
    # First make sure the case really exercises the mechanism it is named after.
    if trips != "builder":
        with pytest.raises((RecursionError, yamlsource.yaml.YAMLError)) as raised:
            yamlsource._compose(text)
        assert yamlsource._is_nesting_error(raised.value)
    else:
        assert yamlsource._compose(text) is not None
    with pytest.raises(yamlsource.SourceError) as err:
        yamlsource.read_source(path)
    problem = err.value.problem
    assert problem.message == yamlsource.TOO_DEEP
    assert problem.line is not None and problem.line >= 2
