"""XLSForm `relevant` and `constraint` expressions <-> our structured Condition/Constraint.

A small tokenizer and recursive-descent parser; nothing is ever eval'ed. Only the subset
that maps onto our model is accepted; anything else raises ExprError with a Dutch message.

relevant:    or    := and ('or' and)*
             and   := unary ('and' unary)*
             unary := 'not' '(' or ')' | '(' or ')' | selected | compare
             selected := 'selected' '(' ${q} ',' literal ')'
             compare  := ${q} ('=' | '!=' | '>' | '>=' | '<' | '<=') literal

constraint:  bound ('and' bound)*, bound := subject ('>=' | '<=' | '>' | '<') value,
             subject := '.' | 'string-length' '(' '.' ')', value := number | 'text' | date('...')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from interviewer.core.models import TODAY, Condition, Constraint

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<var>\$\{[^}]*\})
    | (?P<path>(?:\.\./)+[A-Za-z_][A-Za-z0-9_.-]*|/[A-Za-z_][A-Za-z0-9_.-]*(?:/[A-Za-z_][A-Za-z0-9_.-]*)+)
    | (?P<str>'[^']*'|"[^"]*")
    | (?P<num>-?\d+(?:\.\d+)?)
    | (?P<op>!=|>=|<=|=|>|<)
    | (?P<punct>[(),])
    | (?P<name>[A-Za-z_][A-Za-z0-9_:-]*)
    | (?P<dot>\.)
    )""",
    re.VERBOSE,
)


class ExprError(ValueError):
    """The expression cannot be mapped; the message is Dutch and user-facing."""


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    pos: int


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if match is None or match.lastgroup is None:
            start = pos + len(text[pos:]) - len(text[pos:].lstrip())
            raise ExprError(f"onverwacht teken bij '{text[start:start + 10]}' (positie {start + 1})")
        if match.lastgroup == "path":
            # An XPath to a question (../naam, /formulier/groep/naam) names it like ${naam}.
            name = match.group("path").rsplit("/", 1)[1]
            tokens.append(Token("var", "${" + name + "}", match.start("path")))
        else:
            tokens.append(Token(match.lastgroup, match.group(match.lastgroup), match.start(match.lastgroup)))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0

    def peek(self, offset: int = 0) -> Token | None:
        j = self.i + offset
        return self.tokens[j] if j < len(self.tokens) else None

    def take(self, kind: str | None = None, text: str | None = None) -> Token:
        token = self.peek()
        if token is None:
            raise ExprError("de expressie houdt onverwacht op")
        if (kind and token.kind != kind) or (text and token.text != text):
            wanted = f"'{text}'" if text else _KIND_NAMES.get(kind or "", kind or "")
            raise ExprError(f"verwacht {wanted} bij '{token.text}' (positie {token.pos + 1})")
        self.i += 1
        return token

    def at(self, kind: str, text: str | None = None) -> bool:
        token = self.peek()
        return token is not None and token.kind == kind and (text is None or token.text == text)

    def end(self) -> None:
        token = self.peek()
        if token is not None:
            raise ExprError(f"onverwacht '{token.text}' (positie {token.pos + 1})")


_KIND_NAMES = {
    "var": "een vraag als ${naam}", "str": "een tekst tussen aanhalingstekens", "op": "een vergelijking",
    "num": "een getal", "dot": "'.' (het antwoord zelf)", "name": "een functie of and/or",
}


# --------------------------------------------------------------------------- relevant

Node = tuple[Any, ...]
"""('in', q, code, how) | ('cmp', q, op, literal) | ('answered', q, bool) | ('and'|'or', [nodes])
| ('not', node)."""


class _RelevantParser(_Parser):
    def parse(self) -> Node:
        if not self.tokens:
            raise ExprError("lege voorwaarde")
        node = self.or_expr()
        self.end()
        return node

    def or_expr(self) -> Node:
        parts = [self.and_expr()]
        while self.at("name", "or"):
            self.take()
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else ("or", parts)

    def and_expr(self) -> Node:
        parts = [self.unary()]
        while self.at("name", "and"):
            self.take()
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else ("and", parts)

    def unary(self) -> Node:
        token = self.peek()
        if token is None:
            raise ExprError("de expressie houdt onverwacht op")
        if token.kind == "punct" and token.text == "(":
            self.take()
            node = self.or_expr()
            self.take("punct", ")")
            return node
        if token.kind == "name":
            return self.call(token)
        if token.kind == "var":
            return self.compare()
        raise ExprError(f"verwacht een vergelijking bij '{token.text}' (positie {token.pos + 1})")

    def call(self, token: Token) -> Node:
        self.take()
        following = self.peek()
        if following is None or following.text != "(":
            raise ExprError(f"onbekend woord '{token.text}' (positie {token.pos + 1})")
        if token.text in ("count-selected", "string-length"):
            return self.counted(token.text)
        if token.text not in ("not", "selected"):
            raise ExprError(f"functie '{token.text}' wordt niet ondersteund")
        self.take("punct", "(")
        if token.text == "not":
            inner = self.or_expr()
            self.take("punct", ")")
            return ("not", inner)
        name = _var_name(self.take("var"))
        self.take("punct", ",")
        code = _literal(self.take_literal())
        self.take("punct", ")")
        if not code:
            raise ExprError("selected() met een lege code")
        return ("in", name, code, "selected")

    def counted(self, function: str) -> Node:
        """count-selected(${q}) > 0 and string-length(${q}) > 0 say: answered (or, = 0, not)."""
        self.take("punct", "(")
        name = _var_name(self.take("var"))
        self.take("punct", ")")
        op = self.take("op").text
        number = self.take("num").text
        if (op, number) in ((">", "0"), (">=", "1"), ("!=", "0")):
            return ("answered", name, True)
        if (op, number) in (("=", "0"), ("<", "1"), ("<=", "0")):
            return ("answered", name, False)
        raise ExprError(f"{function}() {op} {number} wordt niet ondersteund; alleen > 0 (beantwoord) of = 0")

    def take_literal(self) -> Token:
        token = self.peek()
        if token is not None and token.kind in ("str", "num"):
            self.i += 1
            return token
        return self.take("str")

    def compare(self) -> Node:
        name = _var_name(self.take("var"))
        op = self.take("op")
        if self.at("var"):
            other = self.take("var").text
            raise ExprError(f"een vergelijking tussen twee vragen (${{{name}}} en {other}) kan niet; alleen met een vaste waarde")
        if self.at("name", "date"):
            # date('2020-01-01'): a bound on a datum question, resolved by the importer.
            self.take()
            self.take("punct", "(")
            day = _literal(self.take("str"))
            self.take("punct", ")")
            return ("cmp", name, op.text, day, "date")
        code = _literal(self.take_literal())
        if op.text not in ("=", "!="):
            # Resolved against the options of the question by the importer.
            return ("cmp", name, op.text, code, "num" if self.tokens[self.i - 1].kind == "num" else "str")
        if code == "":
            return ("answered", name, op.text == "!=")
        node: Node = ("in", name, code, "=")
        return node if op.text == "=" else ("not", node)


def _var_name(token: Token) -> str:
    name = token.text[2:-1].strip()
    if not name:
        raise ExprError("lege verwijzing ${}")
    return name


def _literal(token: Token) -> str:
    return token.text[1:-1] if token.kind == "str" else token.text


def parse_relevant(text: str) -> Node:
    """Parse an XLSForm relevant expression into a node tree (see Node)."""
    return _RelevantParser(text).parse()


def references(node: Node) -> list[tuple[str, str]]:
    """(question name, how it is compared: '=', 'selected' or 'answered') for every leaf."""
    if node[0] == "in":
        return [(node[1], node[3])]
    if node[0] == "cmp":
        return [(node[1], node[2])]
    if node[0] == "answered":
        return [(node[1], "answered")]
    if node[0] == "not":
        return references(node[1])
    return [ref for child in node[1] for ref in references(child)]


def to_condition(node: Node) -> Condition:
    """The structured condition for a node tree.

    An `or` of plain code comparisons on one question becomes one `in` list: that is how
    the exporter writes `in` lists, so the round trip keeps them.
    """
    kind = node[0]
    if kind == "cmp":
        bound = node[3] if node[4] != "num" else float(node[3]) if "." in node[3] else int(node[3])
        if node[2] in (">", "<"):
            raise ExprError(f"'{node[2]}' zonder het type van ${{{node[1]}}}")
        return Condition.model_validate({"vraag": node[1], ("min" if node[2] == ">=" else "max"): bound})
    if kind == "in":
        return Condition.model_validate({"vraag": node[1], "in": [node[2]]})
    if kind == "answered":
        return Condition.model_validate({"vraag": node[1], "answered": node[2]})
    if kind == "not":
        return Condition.model_validate({"not": to_condition(node[1])})
    children: list[Node] = node[1]
    if kind == "or" and all(c[0] == "in" for c in children) and len({c[1] for c in children}) == 1:
        codes = list(dict.fromkeys(c[2] for c in children))
        return Condition.model_validate({"vraag": children[0][1], "in": codes})
    key = "all" if kind == "and" else "any"
    return Condition.model_validate({key: [to_condition(c) for c in children]})


def write_relevant(cond: Condition, multiple: set[str]) -> str:
    """The XLSForm expression for `cond`; `multiple` names the select_multiple questions."""
    return _write(cond, multiple, nested=False)


def _write(cond: Condition, multiple: set[str], nested: bool) -> str:
    if cond.vraag is not None:
        ref = "${" + cond.vraag + "}"
        if cond.answered is not None:
            return f"{ref} != ''" if cond.answered else f"{ref} = ''"
        if cond.min is not None or cond.max is not None:
            bounds = [f"{ref} {op} {_bound_text(value)}" for op, value in ((">=", cond.min), ("<=", cond.max))
                      if value is not None]
            text = " and ".join(bounds)
            return f"({text})" if nested and len(bounds) > 1 else text
        codes = cond.in_ or []
        if cond.vraag in multiple:
            parts = [f"selected({ref}, {_quote(c)})" for c in codes]
        else:
            parts = [f"{ref} = {_quote(c)}" for c in codes]
        text = " or ".join(parts)
        return f"({text})" if nested and len(parts) > 1 else text
    if cond.not_ is not None:
        return f"not({_write(cond.not_, multiple, nested=False)})"
    children, word = (cond.all, "and") if cond.all is not None else (cond.any or [], "or")
    text = f" {word} ".join(_write(c, multiple, nested=True) for c in children)
    return f"({text})" if nested else text


def _bound_text(value: Any) -> str:
    if isinstance(value, str):
        return f"date('{value}')"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _quote(code: str) -> str:
    return f"'{code}'"


# --------------------------------------------------------------------------- constraint

NUMERIC, DATE, LENGTH = "numeric", "date", "length"


def parse_constraint(text: str, kind: str, integral: bool) -> tuple[Any, Any]:
    """(min, max) from an and-chain of bounds on `.` or string-length(.).

    Args:
        kind: NUMERIC for integer/decimal/range, DATE for date, LENGTH for text.
        integral: whether a strict bound can be made inclusive by adding one (not decimal).
    """
    parser = _Parser(text)
    if not parser.tokens:
        raise ExprError("lege constraint")
    low: Any = None
    high: Any = None
    while True:
        op, value = _bound(parser, kind)
        if op in (">", "<") and not integral:
            raise ExprError(f"'{op}' kan bij een decimaal getal niet exact; gebruik '{op}='")
        if op in (">", ">="):
            if low is not None:
                raise ExprError("meer dan één ondergrens")
            low = _step(value, 1) if op == ">" else value
        else:
            if high is not None:
                raise ExprError("meer dan één bovengrens")
            high = _step(value, -1) if op == "<" else value
        if parser.peek() is None:
            return low, high
        if parser.at("name", "or"):
            raise ExprError("'or' wordt niet ondersteund in constraint; alleen grenzen met 'and'")
        parser.take("name", "and")


def _bound(parser: _Parser, kind: str) -> tuple[str, Any]:
    token = parser.peek()
    if token is not None and token.kind == "name" and token.text != "string-length":
        parser.take()
        raise ExprError(f"functie '{token.text}' wordt niet ondersteund")
    if kind == LENGTH:
        if not parser.at("name", "string-length"):
            raise ExprError("bij tekst kan alleen de lengte begrensd worden: string-length(.) <= 500")
        parser.take()
        parser.take("punct", "(")
        parser.take("dot")
        parser.take("punct", ")")
    else:
        if parser.at("name", "string-length"):
            raise ExprError("string-length() kan alleen bij type text")
        parser.take("dot")
    op = parser.take("op").text
    if op in ("=", "!="):
        raise ExprError(f"'{op}' wordt niet ondersteund in constraint; gebruik >=, <=, > of <")
    return op, _bound_value(parser, kind)


def _bound_value(parser: _Parser, kind: str) -> Any:
    if kind == DATE:
        if parser.at("name", "today"):
            parser.take()
            parser.take("punct", "(")
            parser.take("punct", ")")
            return TODAY
        if parser.at("name", "date"):
            parser.take()
            parser.take("punct", "(")
            text = _literal(parser.take("str"))
            parser.take("punct", ")")
        else:
            text = _literal(parser.take("str"))
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ExprError(f"'{text}' is geen datum; schrijf JJJJ-MM-DD") from None
    following = parser.peek()
    if following is not None and following.kind == "var":
        raise ExprError(f"een grens die naar een andere vraag verwijst ({following.text}) kan niet; alleen een vast getal")
    if following is not None and following.kind == "name":
        raise ExprError(f"functie '{following.text}' als grens wordt niet ondersteund; alleen een vast getal")
    token = parser.take("num")
    number = float(token.text)
    return int(number) if number.is_integer() and "." not in token.text else number


def _step(value: Any, delta: int) -> Any:
    if value == TODAY:
        raise ExprError("gebruik <= of >= met today(); < en > worden niet ondersteund")
    if isinstance(value, date):
        return value + timedelta(days=delta)
    return value + delta


def constraint_bounds(low: Any, high: Any) -> tuple[Any, Any]:
    """Bounds as the model stores them: dates as ISO text."""
    return tuple(v.isoformat() if isinstance(v, date) else v for v in (low, high))  # type: ignore[return-value]


_REGEX = re.compile(r"""regex\(\s*\.\s*,\s*(?:'([^']*)'|"([^"]*)")\s*\)""")


def split_regex(text: str) -> tuple[str | None, str]:
    """(pattern, the rest) for a constraint such as `regex(., '^[0-9]{4}$') and . != ''`."""
    found = list(_REGEX.finditer(text))
    if not found:
        return None, text
    if len(found) > 1:
        raise ExprError("meer dan één regex()")
    match = found[0]
    pattern = match.group(1) if match.group(1) is not None else match.group(2)
    rest = (text[: match.start()] + text[match.end():]).strip()
    # What is left are bounds joined with 'and'; parse_constraint reads (and refuses) them.
    return pattern, re.sub(r"^and\b|\band$", "", rest).strip()


def write_constraint(constraint: Constraint, kind: str) -> str:
    """The XLSForm constraint for the bounds and pattern of `constraint` ('' when it has none)."""
    subject = "string-length(.)" if kind == LENGTH else "."
    parts = []
    if constraint.pattern is not None:
        quote = '"' if "'" in constraint.pattern else "'"
        parts.append(f"regex(., {quote}{constraint.pattern}{quote})")
    for op, value in ((">=", constraint.min), ("<=", constraint.max)):
        if value is None:
            continue
        if kind == DATE:
            parts.append(f"{subject} {op} today()" if value == TODAY else f"{subject} {op} date('{value}')")
        elif isinstance(value, float) and value.is_integer():
            parts.append(f"{subject} {op} {int(value)}")
        else:
            parts.append(f"{subject} {op} {value}")
    return " and ".join(parts)
