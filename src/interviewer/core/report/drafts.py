"""Concept sentences for 'Wat gaat goed' / 'Wat moet beter', from the per-aspect judgements.

The wording is data (rapportzinnen.yaml, Dutch, reviewable like the vragenlijsten); this
module only chooses which sentences apply and fills in the counts in words, the way the
report writes them: "In vier van de vijf onderzochte casussen ontbreekt ...".
"""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from interviewer.core.report.aspects import AspectCount
from interviewer.core.scoring import Evidence

PHRASES_FILE = Path(__file__).with_name("rapportzinnen.yaml")
PLACEHOLDERS = frozenset({"deel", "aantal", "totaal"})
NUMBER_WORDS = ("nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen",
                "tien", "elf", "twaalf")
UNIT_WORDS = {"casus": ("casus", "casussen"), "organisatie": ("organisatie", "organisaties")}


class PhrasesError(Exception):
    """The sentences file cannot be used; the Dutch message names the file and the problem."""


@dataclass(frozen=True)
class Phrase:
    heading: str
    text: str


@dataclass(frozen=True)
class AspectPhrases:
    goed: Phrase
    beter: Phrase
    example: str | None = None


@dataclass(frozen=True)
class DraftItem:
    kind: str
    """'goed' or 'beter'."""
    aspect: str
    heading: str
    text: str
    count: int = 0
    """Units that gave this item (positief for goed, negatief for beter)."""
    against: int = 0
    """Units judged the other way."""

    @property
    def clear(self) -> bool:
        """Goed without any negatief unit, or beter in at least as many units as goed."""
        return self.against == 0 if self.kind == "goed" else self.count >= self.against

    def as_phrase(self) -> str:
        """The heading inside a sentence: first letter lower case unless it is an abbreviation."""
        heading = self.heading
        if len(heading) > 1 and heading[0].isupper() and heading[1].islower():
            heading = heading[0].lower() + heading[1:]
        return heading.replace("eén", "één")


def number_word(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def share(level: str, count: int, total: int) -> str:
    """'vier van de vijf onderzochte casussen', 'alle drie onderzochte casussen', ..."""
    one, many = UNIT_WORDS.get(level, ("casus", "casussen"))
    if total == 1:
        return f"de onderzochte {one}"
    if count == total:
        return f"beide onderzochte {many}" if total == 2 else f"alle {number_word(total)} onderzochte {many}"
    return f"{number_word(count)} van de {number_word(total)} onderzochte {many}"


@dataclass(frozen=True)
class QuestionPhrase:
    """Good practice one question shows, also where its aspect as a whole must improve."""

    question: str
    aspect: str
    heading: str | None
    text: str | None
    role: str | None
    """The source the sentence names; drafted only when that role may be attributed."""
    example: str | None


@cache
def _raw(path: Path) -> dict[str, object]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PhrasesError(f"{path}: kan de rapportzinnen niet lezen ({exc})") from None
    if not isinstance(raw, dict) or raw.get("soort") != "rapportzinnen" or not isinstance(raw.get("aspecten"), dict):
        raise PhrasesError(f"{path}: verwacht 'soort: rapportzinnen' met een lijst 'aspecten'")
    return raw


@cache
def load_question_phrases(path: Path = PHRASES_FILE) -> dict[str, QuestionPhrase]:
    """Question id -> its good-practice sentence. Raises PhrasesError with a Dutch message."""
    entries = _raw(path).get("vragen") or {}
    if not isinstance(entries, dict):
        raise PhrasesError(f"{path}: 'vragen' moet een lijst per vraag zijn")
    out = {}
    for question, entry in entries.items():
        try:
            phrase = QuestionPhrase(str(question), str(entry["aspect"]), _text(entry.get("kop")),
                                    _text(entry.get("tekst")), entry.get("rol"), _text(entry.get("voorbeeld")))
        except (KeyError, TypeError, ValueError) as exc:
            raise PhrasesError(f"{path}: vraag {question}: {exc}") from None
        if (phrase.heading is None) != (phrase.text is None) or not (phrase.text or phrase.example):
            raise PhrasesError(f"{path}: vraag {question}: geef 'kop' en 'tekst' samen, of een 'voorbeeld'")
        out[str(question)] = phrase
    return out


@cache
def load_phrases(path: Path = PHRASES_FILE) -> dict[str, AspectPhrases]:
    """Aspect id -> its sentences. Raises PhrasesError with a Dutch message."""
    raw = _raw(path)
    assert isinstance(raw["aspecten"], dict)
    out = {}
    for aspect, entry in raw["aspecten"].items():
        try:
            out[str(aspect)] = AspectPhrases(_phrase(entry["goed"]), _phrase(entry["beter"]),
                                             _text(entry.get("voorbeeld")))
        except (KeyError, TypeError, ValueError) as exc:
            raise PhrasesError(f"{path}: aspect {aspect}: {exc}") from None
    return out


def _phrase(entry: dict[str, str]) -> Phrase:
    heading, text = _text(entry["kop"]), _text(entry["tekst"])
    if not heading or not text:
        raise ValueError("'kop' en 'tekst' mogen niet leeg zijn")
    return Phrase(heading, text)


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    unknown = {name for _, name, _, _ in string.Formatter().parse(text) if name} - PLACEHOLDERS
    if unknown:
        raise ValueError(f"onbekende invulplek {', '.join(sorted(unknown))} in '{text}'")
    return text


def fill(text: str, level: str, count: int, total: int) -> str:
    filled = text.format(deel=share(level, count, total), aantal=number_word(count),
                         totaal=number_word(total))
    return filled[0].upper() + filled[1:]


def draft_items(counts: list[AspectCount], phrases: dict[str, AspectPhrases]) -> list[DraftItem]:
    """Goed when most judged units are positief, beter when any is negatief (both can apply)."""
    items = []
    for count in counts:
        entry = phrases.get(count.aspect.id) or _generic(count)
        if count.positief > count.negatief:
            items.append(DraftItem("goed", count.aspect.id, entry.goed.heading,
                                   fill(entry.goed.text, count.level, count.positief, count.total),
                                   count.positief, count.negatief))
        if count.negatief:
            items.append(DraftItem("beter", count.aspect.id, entry.beter.heading,
                                   fill(entry.beter.text, count.level, count.negatief, count.total),
                                   count.negatief, count.positief))
    return items


def examples(counts: list[AspectCount], phrases: dict[str, AspectPhrases]) -> list[str]:
    """Candidate goede voorbeelden: aspects that go well in (almost) every unit judged."""
    out = []
    for count in counts:
        entry = phrases.get(count.aspect.id)
        if entry is None or entry.example is None or not count.positief:
            continue
        if count.negatief == 0 or count.positief >= count.total - 1 and count.positief > count.negatief:
            out.append(entry.example)
    return out


def _generic(count: AspectCount) -> AspectPhrases:
    """An aspect without sentences in the file (a house toezichtkader): plain but truthful."""
    title = count.aspect.title
    deel = "{deel}" if count.level != "gemeente" else "de gemeente"
    return AspectPhrases(
        Phrase(title, f"In {deel} is positief beoordeeld op: {title.lower()}."),
        Phrase(title, f"In {deel} is niet voldaan aan: {title.lower()}."),
    )


@dataclass
class Draft:
    """Everything the report drafts for one gemeente: points per aspect and example lines."""

    counts: list[AspectCount]
    items: list[DraftItem]
    examples: list[str]

    def main_points(self, kind: str, limit: int | None = None) -> list[DraftItem]:
        """The clear items of one kind, most units first: for the conclusie and aanbevelingen."""
        chosen = [item for item in self.items if item.kind == kind and item.clear]
        chosen.sort(key=lambda item: (-(item.count - item.against), -item.count))
        return chosen[:limit] if limit is not None else chosen

    def for_indicators(self, numbers: list[int]) -> list[DraftItem]:
        """Items of these indicators' aspects, in the order of the numbers given."""
        of = {c.aspect.id: c.indicator.number for c in self.counts}
        rank = {n: i for i, n in enumerate(numbers)}
        chosen = [item for item in self.items if of.get(item.aspect) in rank]
        return sorted(chosen, key=lambda item: rank[of[item.aspect]])


def make_draft(counts: list[AspectCount], evidence: Sequence[Evidence] = (),
               attributable: Callable[[str], bool] = lambda source: False,
               phrases: dict[str, AspectPhrases] | None = None) -> Draft:
    chosen = load_phrases() if phrases is None else phrases
    items = draft_items(counts, chosen)
    good = practice_items(counts, evidence, attributable, {i.aspect for i in items if i.kind == "goed"})
    return Draft(counts, items + good, examples(counts, chosen) + practice_examples(evidence))


def practice_items(counts: list[AspectCount], evidence: Sequence[Evidence], attributable: Callable[[str], bool],
                   already: set[str]) -> list[DraftItem]:
    """'Wat gaat goed' from questions whose positive answers show good practice (per casus)."""
    totals = {c.aspect.id: c.total for c in counts if c.level == "casus"}
    items = []
    for phrase in load_question_phrases().values():
        if phrase.text is None or phrase.heading is None or phrase.aspect in already or phrase.aspect not in totals:
            continue
        if phrase.role is not None and not attributable(phrase.role):
            continue
        casussen = {e.casus_id for e in evidence if e.question_id == phrase.question and e.polarity == "+"
                    and e.casus_id and (phrase.role is None or e.source == phrase.role)}
        if casussen:
            items.append(DraftItem("goed", phrase.aspect, phrase.heading,
                                   fill(phrase.text, "casus", len(casussen), totals[phrase.aspect]),
                                   len(casussen), 0))
    return items


def practice_examples(evidence: Sequence[Evidence]) -> list[str]:
    """Goede voorbeelden from questions with at least one positive answer."""
    positive = {e.question_id for e in evidence if e.polarity == "+"}
    return [p.example for p in load_question_phrases().values() if p.example and p.question in positive]
