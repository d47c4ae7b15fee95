"""Fuzzing the YAML loader and catalog: any input gives located problems, never an exception.

Three sources of input: random bytes, random YAML-ish data structures, and mutations of the
shipped vragenlijsten (a key deleted, a type changed, an id duplicated, the text truncated
or garbage inserted).
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewer.core.catalog import load_catalog
from interviewer.core.yamlsource import Problem, SourceError, read_source
from interviewer.paths import vragenlijsten_dir

SHIPPED = vragenlijsten_dir()
FRAMEWORK = SHIPPED / "toezichtkader.yaml"
QUESTIONNAIRES = sorted(
    p for p in SHIPPED.glob("*.yaml")
    if p.name != FRAMEWORK.name and yaml.safe_load(p.read_text(encoding="utf-8")).get("kind") == "vragenlijst"
)
# FUZZ_EXAMPLES=1000 for a longer local hunt; CI runs the default.
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _parses_as_yaml(text: bytes) -> bool:
    try:
        yaml.safe_load(text.decode("utf-8"))
    except Exception:  # noqa: BLE001 - any failure means "not valid YAML" here
        return False
    return True


def _assert_located(problems: list[Problem], files: set[str], valid_yaml: set[str]) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.file in files, problem
        assert problem.message.strip(), problem
        if problem.file in valid_yaml:
            # A file that parses has a line for every path (at worst the top of the file).
            assert problem.line is not None and problem.line >= 1, problem
        str(problem)  # printing must not fail either


def _load(tmp: Path, files: dict[str, bytes]) -> list[Problem]:
    """Write `files` into a fresh folder under `tmp`, load it with the shipped framework."""
    tmp.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in files.items():
        path = tmp / name
        path.write_bytes(content)
        paths.append(path)
    catalog = load_catalog(paths, framework_fallback=SHIPPED)
    names = {str(p) for p in paths}
    _assert_located(catalog.problems, names, {str(p) for p in paths if _parses_as_yaml(p.read_bytes())})
    return catalog.problems


# --------------------------------------------------------------------------- random bytes


@FUZZ
@given(content=st.binary(max_size=400))
def test_random_bytes_give_located_problems(tmp_path_factory: Any, content: bytes) -> None:
    _load(tmp_path_factory.mktemp("bytes"), {"x.yaml": content})


@FUZZ
@given(content=st.text(max_size=300))
def test_random_text_gives_located_problems(tmp_path_factory: Any, content: str) -> None:
    _load(tmp_path_factory.mktemp("text"), {"x.yaml": content.encode("utf-8", "surrogatepass")})


@FUZZ
@given(content=st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"%@`#,? \n\tab1<")), max_size=200))
def test_yaml_punctuation_soup(tmp_path_factory: Any, content: str) -> None:
    _load(tmp_path_factory.mktemp("soup"), {"x.yaml": content.encode()})


ADVERSARIAL = {
    "alias_bomb": "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefg", "bcdefgh", strict=True)),
    "self_alias": "a: &a [*a]\n",
    "bad_int_tag": "kind: !!int abc\n",
    "huge_int": "kind: vragenlijst\nversion: " + "9" * 5000 + "\n",
    "python_tag": "kind: !!python/object:os.system x\n",
    "merge_key": "base: &b {x: 1}\nkind: vragenlijst\n<<: *b\n",
    "complex_key": "? [a, b]\n: 1\n",
    "deep": "a: " + "[" * 3000 + "]" * 3000 + "\n",
    "two_documents": "kind: vragenlijst\n---\nkind: x\n",
}


def test_adversarial_yaml_is_reported_not_raised(tmp_path: Path) -> None:
    for name, text in ADVERSARIAL.items():
        problems = _load(tmp_path / name, {f"{name}.yaml": text.encode()})
        assert problems, name


def test_read_source_raises_only_source_error_with_a_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("kind: vragenlijst\nsections:\n  - id: [unclosed\n", encoding="utf-8")
    try:
        read_source(path)
    except SourceError as exc:
        assert exc.problem.file == str(path)
        assert exc.problem.line is not None
    else:
        raise AssertionError("a syntax error must be reported")


# --------------------------------------------------------------------------- random structures

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
    st.sampled_from(["vragenlijst", "toezichtkader", "open", "keuze", "janee", "lokaal-netwerk-na-veilig-thuis"]),
)
keys = st.one_of(
    st.sampled_from(["kind", "id", "version", "title", "role", "framework", "sections", "questions",
                     "type", "options", "code", "label", "relevant", "vraag", "in", "not", "all",
                     "any", "constraint", "min", "max", "indicators", "indicator", "aspect",
                     "themes", "criteria", "required", "text"]),
    st.text(max_size=10),
    st.integers(),
)
structures = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=6)), max_leaves=40)


@FUZZ
@given(data=structures, kind=st.sampled_from(["vragenlijst", "toezichtkader", None]))
def test_random_structures(tmp_path_factory: Any, data: Any, kind: str | None) -> None:
    if kind is not None and isinstance(data, dict):
        data["kind"] = kind
    text = yaml.safe_dump(data, allow_unicode=True)
    _load(tmp_path_factory.mktemp("struct"), {"x.yaml": text.encode()})


# --------------------------------------------------------------------------- mutations


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a nested structure (dict keys and list indices)."""
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.extend(_paths(value, (*prefix, index)))
    return out


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


REPLACEMENTS: list[Any] = [None, 0, -1, 3.5, "", "x", True, [], {}, [1, 2], {"a": 1}, "!!", "2024-13-45"]


def _mutate(data: Any, choice: Any) -> Any:
    data = copy.deepcopy(data)
    paths = _paths(data)
    path = choice(paths)
    parent = _parent(data, path)
    action = choice(["delete", "retype", "duplicate"])
    if action == "delete":
        del parent[path[-1]]
    elif action == "retype":
        parent[path[-1]] = choice(REPLACEMENTS)
    elif isinstance(parent, list):
        parent.append(copy.deepcopy(parent[path[-1]]))  # a duplicated question/option/section id
    else:
        parent[path[-1]] = copy.deepcopy(parent[path[-1]])
    return data


@FUZZ
@given(index=st.integers(min_value=0), data=st.data())
def test_structural_mutations_of_shipped_files(tmp_path_factory: Any, index: int, data: Any) -> None:
    original = QUESTIONNAIRES[index % len(QUESTIONNAIRES)]
    parsed = yaml.safe_load(original.read_text(encoding="utf-8"))
    mutated = parsed
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        mutated = _mutate(mutated, lambda seq: data.draw(st.sampled_from(seq)))
    text = yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False)
    _load(tmp_path_factory.mktemp("mut"), {original.name: text.encode(), FRAMEWORK.name: FRAMEWORK.read_bytes()})


@FUZZ
@given(index=st.integers(min_value=0), cut=st.floats(min_value=0, max_value=1),
       garbage=st.binary(max_size=30), insert=st.booleans())
def test_textual_damage_to_shipped_files(tmp_path_factory: Any, index: int, cut: float,
                                         garbage: bytes, insert: bool) -> None:
    files = [FRAMEWORK, *QUESTIONNAIRES]
    original = files[index % len(files)]
    raw = original.read_bytes()
    at = int(len(raw) * cut)
    damaged = raw[:at] + garbage + raw[at:] if insert else raw[:at]
    others = {} if original == FRAMEWORK else {FRAMEWORK.name: FRAMEWORK.read_bytes()}
    _load(tmp_path_factory.mktemp("dmg"), {original.name: damaged, **others})


def test_duplicate_question_id_is_reported_with_its_line(tmp_path: Path) -> None:
    original = QUESTIONNAIRES[0]
    data = yaml.safe_load(original.read_text(encoding="utf-8"))
    questions = data["sections"][0]["questions"]
    questions.append(copy.deepcopy(questions[0]))
    problems = _load(tmp_path, {original.name: yaml.safe_dump(data, allow_unicode=True).encode(),
                                FRAMEWORK.name: FRAMEWORK.read_bytes()})
    assert any("twee keer" in p.message and p.line for p in problems), problems


def test_shipped_files_load_cleanly() -> None:
    # The baseline for the mutations: unmutated files have no problems.
    catalog = load_catalog([FRAMEWORK, *QUESTIONNAIRES])
    assert catalog.problems == []
