"""Which language the texts are taken from: Dutch first, else the form's default language.

pyxform groups `label::English (en)`, `label:English` and `LABEL::EN` under the language
name; a column without language has the key 'default' (or the settings' default_language).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol

from interviewer.core.xlsform.sheets import DEFAULT, DUTCH, Row, SheetProblem, Workbook

TEXT_PATHS = (("label",), ("hint",), ("guidance_hint",), ("bind", "jr:constraintMsg"), ("bind", "jr:requiredMsg"))
"""Translatable texts; media columns are not taken whatever their language."""


class _Warner(Protocol):
    def warn(self, row: Row | None, column: str | None, message: str, sheet: str = "survey") -> None: ...


def _name(language: str) -> str:
    return "de kolommen zonder taal" if language == DEFAULT else f"'{language}'"


@dataclass
class Languages:
    chosen: str
    notes: list[SheetProblem] = field(default_factory=list)
    """Said once per form: which language was taken and which were left."""

    @classmethod
    def choose(cls, workbook: Workbook) -> Languages:
        labels: Counter[str] = Counter()
        order: dict[str, None] = {}
        beside: Counter[str] = Counter()
        """Language -> cells that have a text in another language on the same row too."""
        for row in [*workbook.survey, *workbook.choices]:
            for path in TEXT_PATHS:
                value = row.value(*path)
                keys = [k for k, v in value.items() if v] if isinstance(value, dict) else [DEFAULT] if value else []
                if len(keys) > 1:
                    beside.update(keys)
                for key in keys:
                    order.setdefault(key, None)
                    if path == ("label",):
                        labels[key] += 1
        languages = list(order)
        if not languages:
            return cls(DEFAULT)
        dutch = [lang for lang in languages if lang != DEFAULT and DUTCH.search(lang)]
        default = workbook.settings.get("default_language") if workbook.settings else ""
        notes: list[SheetProblem] = []
        if dutch:
            chosen = dutch[0]
        elif default and default in languages:
            chosen = default
            notes.append(SheetProblem("settings", None, "default_language", f"geen Nederlandse teksten; de standaardtaal van het formulier, '{default}', is genomen"))
        else:
            # The language with the most labels; the untagged column wins a tie.
            chosen = max(languages, key=lambda lang: (labels[lang], lang == DEFAULT))
            if languages != [DEFAULT]:
                notes.append(SheetProblem("survey", None, "label", f"geen Nederlandse teksten; {_name(chosen)} genomen (de meeste labels)"))
        # An untagged text only fills in where the chosen language has none: left only when
        # it stands beside a text in the chosen language.
        left = [_name(lang) for lang in languages if lang != chosen and (lang != DEFAULT or beside[DEFAULT])]
        if left:
            notes.append(SheetProblem("survey", None, "label", f"teksten in andere talen niet overgenomen: {', '.join(left)}"))
        return cls(chosen, notes)

    def text(self, ctx: _Warner, row: Row, *path: str) -> str:
        """The text at `path` in the chosen language; another language (with a warning) if empty."""
        value: Any = row.value(*path)
        if value is None:
            return ""
        if not isinstance(value, dict):
            return str(value).strip()
        text = str(value.get(self.chosen) or "").strip()
        if text:
            return text
        for language, other in value.items():
            if other and str(other).strip():
                column = f"{path[-1]}::{self.chosen}" if self.chosen != DEFAULT else path[-1]
                ctx.warn(row, column, f"leeg; de tekst uit {_name(language)} is genomen", sheet=row.sheet)
                return str(other).strip()
        return ""
