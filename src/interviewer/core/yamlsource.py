"""Read a YAML file into plain data plus a map from data path to line number.

Every problem the catalog reports names a file and a line; PyYAML's node tree has the
marks, so we build the data from nodes ourselves and remember where each value started.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 5_000_000
MAX_DEPTH = 60
MAX_NODES = 200_000
"""Aliases (*a) can multiply a small file into billions of values; the shipped files have ~10,000."""

TOO_DEEP = f"te diep genest (meer dan {MAX_DEPTH} niveaus)"
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One located problem in a file, printed as one Dutch line."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class Source:
    """The data of one YAML file and the line of every path in it."""

    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int | None:
        """The line of the deepest known prefix of `loc` (a missing key: its parent)."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None


class SourceError(Exception):
    """The file cannot be read as YAML data; carries the located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_source(path: Path, display: str | None = None) -> Source:
    """Read and parse `path`. Raises SourceError with a located Dutch message."""
    name = display or str(path)

    def fail(message: str, line: int | None = None) -> SourceError:
        return SourceError(Problem(name, line, "", message))

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise fail("bestand bestaat niet; controleer het pad") from None
    except IsADirectoryError:
        raise fail("is een map, geen bestand") from None
    except OSError as exc:
        raise fail(f"kan niet gelezen worden ({exc.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise fail(f"bestand is te groot ({len(raw)} bytes; maximaal {MAX_BYTES})")
    if b"\x00" in raw:
        raise fail("is een binair bestand, geen YAML-tekst", raw[: raw.index(b"\x00")].count(b"\n") + 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail("is geen UTF-8-tekst; sla het bestand op als UTF-8", line) from None
    if not text.strip():
        raise fail("bestand is leeg; verwacht een toezichtkader of vragenlijst", 1)
    try:
        node = _compose(text)
    except (RecursionError, yaml.YAMLError) as exc:
        # A document nested too deeply is reported by whichever layer trips first: libyaml's
        # own limit (a ScannerError since PyYAML 6.0.4), Python's recursion limit in the pure
        # composer, or our builder's bound below. The inspector gets one message for all three.
        if _is_nesting_error(exc):
            raise fail(TOO_DEEP, _line_of_excess_depth(text)) from None
        if isinstance(exc, yaml.MarkedYAMLError):
            mark = exc.problem_mark or exc.context_mark
            yaml_line = mark.line + 1 if mark else None
            raise fail(f"YAML-syntaxfout: {exc.problem or 'onleesbare YAML'}", yaml_line) from None
        raise fail(f"YAML-syntaxfout: {exc}") from None
    if node is None:
        raise fail("bestand bevat alleen commentaar; verwacht een toezichtkader of vragenlijst", 1)
    source = Source(path=path, data=None)
    builder = _Builder(name, source.lines)
    source.data = builder.build(node, ())
    return source


def _compose(text: str) -> yaml.Node | None:
    # libyaml composes about ten times faster; the nodes carry the same line marks.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _is_nesting_error(exc: BaseException) -> bool:
    """True when the YAML library gave up because the document is nested too deeply."""
    if isinstance(exc, RecursionError):
        return True
    problem = getattr(exc, "problem", None) or str(exc)
    return "nesting depth" in problem or "recursion" in problem


def _line_of_excess_depth(text: str) -> int | None:
    """The line where nesting first exceeds MAX_DEPTH, found without recursion.

    The pure-Python parser emits events iteratively, so walking them and counting open
    collections locates the culprit whatever limit stopped the composer.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH and event.start_mark is not None:
                    return int(event.start_mark.line) + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except (RecursionError, yaml.YAMLError):
        return None
    return None


class _Builder:
    """Turns a composed node tree into data, recording lines and rejecting odd input."""

    def __init__(self, name: str, lines: dict[Loc, int]) -> None:
        self.name = name
        self.lines = lines
        self.constructor = yaml.SafeLoader("")
        self.nodes = 0

    def _fail(self, node: yaml.Node, message: str, loc: Loc) -> SourceError:
        return SourceError(Problem(self.name, node.start_mark.line + 1, _loc_text(loc), message))

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if len(loc) > MAX_DEPTH:
            raise self._fail(node, TOO_DEEP, loc)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self._fail(node, f"te veel waarden (meer dan {MAX_NODES}); "
                                   "gebruik geen herhaalde verwijzingen met & en *", loc)
        self.lines[loc] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self._fail(key_node, "een sleutel moet een eenvoudige tekst zijn", loc)
                key = self._scalar(key_node, loc)
                if not isinstance(key, str | int):
                    key = str(key)
                if key in out:
                    raise self._fail(key_node, f"sleutel '{key}' komt twee keer voor", loc)
                out[key] = self.build(value_node, (*loc, key))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, loc)

    def _scalar(self, node: yaml.Node, loc: Loc) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise self._fail(node, f"ongeldige waarde: {exc}", loc) from None
        except (ValueError, TypeError, OverflowError):
            # Explicit tags such as `!!int abc` or 5,000-digit numbers fail outside YAMLError.
            shown = str(node.value)[:40]
            raise self._fail(node, f"ongeldige waarde '{shown}': past niet bij het type", loc) from None


def _loc_text(loc: Loc) -> str:
    return ".".join(str(p) for p in loc)
