"""Load and validate toezichtkader and vragenlijst files; every problem is located."""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from interviewer.core.beslisregels import ConditionalOptions, OptionRule, RuleSet
from interviewer.core.models import (
    CLOSED_TYPES,
    TODAY,
    Condition,
    Framework,
    Mapping,
    Question,
    QuestionSet,
    QuestionType,
)
from interviewer.core.yamlsource import Loc, Problem, Source, SourceError, read_source

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Catalog:
    """Everything loaded from a set of paths, and what was wrong with it."""

    frameworks: dict[str, Framework] = field(default_factory=dict)
    questionsets: dict[str, QuestionSet] = field(default_factory=dict)
    rules: dict[str, RuleSet] = field(default_factory=dict)
    """Beslisregels files (kind: beslisregels), keyed by id."""
    sources: dict[str, Source] = field(default_factory=dict)
    """Keyed by framework/vragenlijst id, for locating later cross-check problems."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def framework(self) -> Framework:
        """The single framework; callers use this after `ok`."""
        return next(iter(self.frameworks.values()))

    def by_role(self) -> dict[str, QuestionSet]:
        return {qs.role: qs for qs in self.questionsets.values()}


class CatalogError(Exception):
    """Raised by `load_catalog_or_raise` with all problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand folders into their YAML files; a missing path is a problem."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
            if not found:
                problems.append(Problem(str(path), None, "", "map bevat geen .yaml-bestanden"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(str(path), None, "", "bestand of map bestaat niet"))
    return files, problems


def load_catalog(paths: Iterable[Path], framework_fallback: Path | None = None) -> Catalog:
    """Load every file under `paths` and cross-check them.

    Args:
        paths: files or folders to check.
        framework_fallback: folder with the shipped toezichtkader, used to cross-check
            vragenlijsten when no framework is among `paths`.
    """
    catalog = Catalog()
    files, catalog.problems = discover(paths)
    for path in files:
        _load_file(path, catalog)
    if (catalog.questionsets or catalog.rules) and not catalog.frameworks and framework_fallback is not None:
        fallback = Catalog()
        for path in discover([framework_fallback])[0]:
            _load_file(path, fallback)
        catalog.frameworks.update(fallback.frameworks)
    for qs_id, qs in catalog.questionsets.items():
        catalog.problems.extend(cross_check(qs, catalog.frameworks, catalog.sources[qs_id]))
    for rules_id, rules in catalog.rules.items():
        catalog.problems.extend(check_rules(rules, catalog, catalog.sources[rules_id]))
    return catalog


def load_catalog_or_raise(paths: Iterable[Path]) -> Catalog:
    catalog = load_catalog(paths)
    if not catalog.ok:
        raise CatalogError(catalog.problems)
    if len(catalog.frameworks) != 1:
        raise CatalogError([Problem(", ".join(map(str, paths)), None, "", "precies één toezichtkader verwacht")])
    return catalog


def _load_file(path: Path, catalog: Catalog) -> None:
    name = str(path)
    try:
        source = read_source(path, name)
    except SourceError as exc:
        catalog.problems.append(exc.problem)
        return
    data = source.data
    if not isinstance(data, dict):
        kind = "een lijst" if isinstance(data, list) else f"'{data}'"
        catalog.problems.append(
            Problem(name, 1, "", f"verwacht sleutel: waarde-paren bovenaan, gevonden {kind}")
        )
        return
    kind = str(data.get("kind"))
    model: type[BaseModel]
    if kind == "toezichtkader":
        model = Framework
    elif kind == "vragenlijst":
        model = QuestionSet
    elif kind == "beslisregels":
        model = RuleSet
    else:
        catalog.problems.append(
            Problem(
                name,
                source.line_of(("kind",)) or 1,
                "kind",
                "ontbreekt of is onbekend; gebruik 'kind: vragenlijst', 'kind: toezichtkader' of 'kind: beslisregels'",
            )
        )
        return
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        catalog.problems.extend(_validation_problems(exc, source, name, model))
        return
    except RecursionError:
        catalog.problems.append(Problem(name, None, "", "te diep genest"))
        return
    if isinstance(parsed, Framework):
        target: dict[str, Any] = catalog.frameworks
    elif isinstance(parsed, RuleSet):
        target = catalog.rules
    else:
        target = catalog.questionsets
    assert isinstance(parsed, Framework | QuestionSet | RuleSet)
    if parsed.id in target or parsed.id in catalog.sources:
        catalog.problems.append(
            Problem(name, source.line_of(("id",)), "id", f"'{parsed.id}' komt al voor in een ander bestand")
        )
        return
    target[parsed.id] = parsed
    catalog.sources[parsed.id] = source


# --------------------------------------------------------------------------- messages


def _validation_problems(
    exc: ValidationError, source: Source, name: str, model: type[BaseModel]
) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = _clean_loc(error["loc"])
        problems.append(
            Problem(name, source.line_of(loc), field_label(source.data, loc), _dutch(error, model, loc))
        )
    return problems


def _clean_loc(loc: tuple[Any, ...]) -> Loc:
    # pydantic adds union/function tags ('function-after[...]') that are not data paths.
    return tuple(p for p in loc if isinstance(p, int) or ("[" not in p and "-" not in p))


def field_label(data: Any, loc: Loc) -> str:
    """A readable path: list indices are replaced by the item's id where it has one."""
    parts: list[str] = []
    node = data
    for part in loc:
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            item = node[part]
            ident = item.get("id") or item.get("code") if isinstance(item, dict) else None
            parts[-1:] = [f"{parts[-1]}[{ident if ident else part}]"] if parts else [f"[{part}]"]
            node = item
        else:
            parts.append(str(part))
            node = node.get(part) if isinstance(node, dict) else None
    return ".".join(parts) or "(bestand)"


def _dutch(error: Any, model: type[BaseModel], loc: Loc) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return "verplicht veld ontbreekt"
    if kind == "extra_forbidden":
        hint = _suggest(str(loc[-1]) if loc else "", error)
        return "onbekend veld" + (f"; bedoelde u '{hint}'?" if hint else "; controleer de spelling")
    if kind in ("literal_error", "enum"):
        return f"ongeldige waarde '{value}'; toegestaan: {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return f"ongeldige waarde '{value}'; gebruik kleine letters, cijfers en _ of -, beginnend met een letter"
    if kind in ("string_too_short", "too_short"):
        return "mag niet leeg zijn"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"moet een geheel getal zijn, niet '{value}'"
    if kind in ("float_parsing", "float_type"):
        return f"moet een getal zijn, niet '{value}'"
    if kind in ("greater_than_equal", "greater_than"):
        return f"moet minstens {ctx.get('ge', ctx.get('gt'))} zijn"
    if kind in ("less_than_equal", "less_than"):
        return f"mag hoogstens {ctx.get('le', ctx.get('lt'))} zijn"
    if kind in ("bool_parsing", "bool_type"):
        return f"moet true of false zijn, niet '{value}'"
    if kind in ("string_type",):
        return f"moet tekst zijn, niet {_describe(value)}"
    if kind in ("list_type",):
        return f"moet een lijst zijn, niet {_describe(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"moet sleutel: waarde-paren bevatten, niet {_describe(value)}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "recursion_loop":
        return "verwijst naar zichzelf"
    return f"ongeldige waarde ({error['msg']})"


_KNOWN_FIELDS = sorted(
    {
        name
        for m in (Framework, QuestionSet, Question, Condition, RuleSet, Mapping, OptionRule, ConditionalOptions)
        for name in m.model_fields
    }
    | {"in", "not", "vraag", "code", "label", "polarity", "min", "max", "soft", "message"}
)


def _suggest(key: str, error: Any) -> str | None:
    close = difflib.get_close_matches(key, _KNOWN_FIELDS, n=1, cutoff=0.6)
    return close[0] if close else None


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "sleutel: waarde-paren"
    return f"'{value}'"


# --------------------------------------------------------------------------- cross checks


def cross_check(qs: QuestionSet, frameworks: dict[str, Framework], source: Source) -> list[Problem]:
    """Checks that need the whole set and the framework: ids, mappings, routing, finishability."""
    checker = _CrossChecker(qs, frameworks.get(qs.framework), source)
    if qs.framework not in frameworks:
        known = ", ".join(frameworks) or "geen"
        checker.add(("framework",), f"onbekend toezichtkader '{qs.framework}' (bekend: {known})")
    checker.run()
    return checker.problems


class _CrossChecker:
    def __init__(self, qs: QuestionSet, framework: Framework | None, source: Source) -> None:
        self.qs = qs
        self.framework = framework
        self.source = source
        self.problems: list[Problem] = []

    def add(self, loc: Loc, message: str) -> None:
        self.problems.append(
            Problem(str(self.source.path), self.source.line_of(loc), field_label(self.source.data, loc), message)
        )

    def run(self) -> None:
        seen_sections: set[str] = set()
        seen: dict[str, int] = {}
        order = {q.id: i for i, q in reversed(list(enumerate(self.qs.questions())))}
        position = 0
        for s_index, section in enumerate(self.qs.sections):
            s_loc: Loc = ("sections", s_index)
            if section.id in seen_sections:
                self.add((*s_loc, "id"), f"sectie-id '{section.id}' komt twee keer voor")
            seen_sections.add(section.id)
            if section.relevant is not None:
                self._check_condition(section.relevant, (*s_loc, "relevant"), position, order)
            for q_index, question in enumerate(section.questions):
                q_loc: Loc = (*s_loc, "questions", q_index)
                if question.id in seen:
                    self.add((*q_loc, "id"), f"vraag-id '{question.id}' komt twee keer voor; ids moeten uniek zijn")
                seen[question.id] = position
                if question.relevant is not None:
                    self._check_condition(question.relevant, (*q_loc, "relevant"), position, order)
                self._check_mapping(question, q_loc)
                self._check_finishable(question, q_loc)
                position += 1

    def _check_condition(self, cond: Condition, loc: Loc, position: int, order: dict[str, int]) -> None:
        before = len(self.problems)
        for ref, codes in cond.referenced():
            target = self.qs.question(ref)
            if target is None:
                hint = difflib.get_close_matches(ref, list(order), n=1)
                extra = f"; bedoelde u '{hint[0]}'?" if hint else ""
                self.add(loc, f"verwijst naar onbekende vraag '{ref}'{extra}")
                continue
            if order[ref] >= position:
                self.add(loc, f"verwijst naar vraag '{ref}' die niet eerder gesteld wordt; routering mag alleen naar eerdere vragen kijken")
            if codes and target.type not in CLOSED_TYPES:
                self.add(loc, f"'in' kan alleen bij een keuzevraag; '{ref}' is van type '{target.type}'")
                continue
            for code in codes:
                if target.option(code) is None:
                    valid = ", ".join(o.code for o in target.options)
                    self.add(loc, f"onbekende optiecode '{code}' bij vraag '{ref}' (geldig: {valid})")
        for ref, bound in cond.limits():
            target = self.qs.question(ref)
            if target is None:
                continue
            if target.type not in BOUNDED_TYPES:
                self.add(loc, f"min/max kan alleen bij getal, schaal, zrm of datum; '{ref}' is van type '{target.type}'")
            elif (target.type == QuestionType.DATUM) != isinstance(bound, str) or not _valid_bound(target, bound):
                what = "een datum (JJJJ-MM-DD)" if target.type == QuestionType.DATUM else "een getal"
                self.add(loc, f"grens '{bound}' bij vraag '{ref}' moet {what} zijn")
        if len(self.problems) == before and not _satisfiable(cond, self.qs):
            self.add(loc, "deze voorwaarde kan nooit waar zijn; de vraag wordt nooit gesteld")

    def _check_mapping(self, question: Question, q_loc: Loc) -> None:
        if self.framework is None:
            return
        for m_index, mapping in enumerate(question.indicators):
            m_loc: Loc = (*q_loc, "indicators", m_index)
            indicator = self.framework.indicator(mapping.indicator)
            if indicator is None:
                numbers = [i.number for i in self.framework.indicators()]
                self.add((*m_loc, "indicator"), f"onbekende indicator {mapping.indicator} (bestaan: {min(numbers)}-{max(numbers)})")
                continue
            if mapping.aspect is not None and mapping.aspect not in {a.id for a in indicator.aspects}:
                valid = ", ".join(a.id for a in indicator.aspects)
                self.add((*m_loc, "aspect"), f"onbekend aspect '{mapping.aspect}' bij indicator {mapping.indicator} (geldig: {valid})")

    def _check_finishable(self, question: Question, q_loc: Loc) -> None:
        c = question.constraint
        if c is None:
            return
        if c.pattern is not None:
            if question.type != QuestionType.OPEN:
                self.add((*q_loc, "constraint", "pattern"), "pattern kan alleen bij een open vraag")
                return
            try:
                re.compile(c.pattern)
            except re.error as exc:
                self.add((*q_loc, "constraint", "pattern"), f"geen geldige reguliere expressie ({exc})")
                return
        low, high = c.min, c.max
        if question.type in (QuestionType.GETAL, QuestionType.SCHAAL, QuestionType.OPEN):
            bad_type = [v for v in (low, high) if v is not None and not isinstance(v, int | float)]
            if bad_type:
                self.add((*q_loc, "constraint"), f"min en max moeten getallen zijn bij type '{question.type}'")
                return
        if question.type == QuestionType.DATUM:
            from datetime import date

            for bound in (low, high):
                if bound is not None and bound != TODAY:
                    try:
                        date.fromisoformat(str(bound))
                    except ValueError:
                        self.add((*q_loc, "constraint"), f"'{bound}' is geen datum; schrijf JJJJ-MM-DD")
                        return
        # "vandaag" moves with the calendar, so it cannot be compared with a fixed date here.
        if low is not None and high is not None and str(low) != str(high) and TODAY not in (low, high):
            if (low > high) if isinstance(low, int | float) and isinstance(high, int | float) else str(low) > str(high):
                impact = (
                    "geen route kan deze vragenlijst afronden (verplichte vraag)"
                    if question.required and not c.soft
                    else "geen enkel antwoord is geldig"
                )
                self.add((*q_loc, "constraint"), f"min ({low}) is groter dan max ({high}): {impact}")


BOUNDED_TYPES = frozenset({QuestionType.GETAL, QuestionType.SCHAAL, QuestionType.ZRM, QuestionType.DATUM})


def _valid_bound(question: Question, bound: Any) -> bool:
    if question.type != QuestionType.DATUM:
        return isinstance(bound, int | float) and not isinstance(bound, bool)
    from datetime import date

    try:
        date.fromisoformat(str(bound))
    except ValueError:
        return False
    return True


def _satisfiable(cond: Condition, qs: QuestionSet) -> bool:
    """Whether some combination of earlier answers makes `cond` true (bounded search)."""
    from interviewer.core.routing import evaluate

    refs = sorted({ref for ref, _ in cond.referenced()})
    choices: list[list[Any]] = []
    for ref in refs:
        question = qs.question(ref)
        if question is None:
            return True
        values: list[Any] = [None]
        if question.type == QuestionType.MEERKEUZE:
            values += [[o.code] for o in question.options]
        elif question.options:
            values += [o.code for o in question.options]
        else:
            # A bound satisfies its own inclusive min/max; "x" stands for any other answer.
            values += [bound for name, bound in cond.limits() if name == ref] or ["x"]
        choices.append(values)
    combos = itertools.product(*choices)
    for combo in itertools.islice(combos, 20000):
        answers = {ref: value for ref, value in zip(refs, combo, strict=True) if value is not None}
        if evaluate(cond, answers):
            return True
    return False


def check_rules(rules: RuleSet, catalog: Catalog, source: Source) -> list[Problem]:
    """Beslisregels must name known aspects, and key questions that exist with such options."""
    problems: list[Problem] = []

    def add(loc: Loc, message: str) -> None:
        problems.append(Problem(str(source.path), source.line_of(loc), field_label(source.data, loc), message))

    framework = catalog.frameworks.get(rules.framework)
    if framework is None:
        known = ", ".join(catalog.frameworks) or "geen"
        add(("framework",), f"onbekend toezichtkader '{rules.framework}' (bekend: {known})")
        return problems
    aspects = {a.id for i in framework.indicators() for a in i.aspects}
    numbers = {i.number for i in framework.indicators()}
    for number in rules.indicator_names:
        if number not in numbers:
            add(("indicator_names", number), f"onbekende indicator {number}")
    for aspect_id, rule in rules.aspects.items():
        if aspect_id not in aspects:
            add(("aspects", aspect_id), f"onbekend aspect '{aspect_id}' (geldig: {', '.join(sorted(aspects))})")
        for k_index, key in enumerate(rule.key_questions):
            for r_index, ref in enumerate(key.any_of):
                loc: Loc = ("aspects", aspect_id, "key_questions", k_index, "any_of", r_index)
                message = _ref_problem(ref.questionset, ref.question, ref.option, catalog)
                if message:
                    add(loc, message)
        for o_index, option_rule in enumerate(rule.option_rules):
            for message in _option_rule_problems(option_rule, catalog):
                add(("aspects", aspect_id, "option_rules", o_index), message)
    return problems


def _option_rule_problems(rule: OptionRule, catalog: Catalog) -> list[str]:
    """An option rule must read a meerkeuze question with those options, and known conditions."""
    problems = [m for code in rule.codes() if (m := _ref_problem(rule.questionset, rule.question, code, catalog))]
    qs = catalog.questionsets.get(rule.questionset)
    question = qs.question(rule.question) if qs else None
    if question is not None and question.type is not QuestionType.MEERKEUZE:
        problems.append(f"optieregel '{rule.label}': vraag '{rule.question}' is geen meerkeuzevraag")
    for extra in rule.also:
        for code in extra.when.in_:
            message = _ref_problem(extra.when.questionset, extra.when.question, code, catalog)
            if message:
                problems.append(message)
    return list(dict.fromkeys(problems))


def _ref_problem(qs_id: str, question_id: str, option: str | None, catalog: Catalog) -> str | None:
    if not catalog.questionsets:
        return None  # checked on its own: the vragenlijsten are checked when loaded together
    qs = catalog.questionsets.get(qs_id)
    if qs is None:
        return f"onbekende vragenlijst '{qs_id}' (bekend: {', '.join(sorted(catalog.questionsets))})"
    question = qs.question(question_id)
    if question is None:
        return f"vragenlijst '{qs_id}' heeft geen vraag '{question_id}'"
    if option is not None and question.option(option) is None:
        valid = ", ".join(o.code for o in question.options) or "geen"
        return f"vraag '{question_id}' heeft geen optie '{option}' (geldig: {valid})"
    return None
