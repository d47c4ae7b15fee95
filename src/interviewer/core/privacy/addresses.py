"""Street addresses: a street name followed by a house number, and PO boxes.

A street is recognised by deduce's list of Dutch street names (any letter case, so
'kerkstraat 12' too) or, capitalised, by its ending ('-straat', '-laan', ...), which also
finds streets too new for the list. Only a street followed by a house number is reported:
a street name alone identifies nobody.
"""

from __future__ import annotations

import re

from interviewer.core.privacy.lexicon import Lexicon, fold

Found = list[tuple[str, int, int]]

_HOUSE_NUMBER = re.compile(r"(?<=\s)\d{1,5}(?:\s?[a-zA-Z](?![\w])|-\d{1,4}(?!\d)|\s?-?\s?(?:hs|bis)\b)?(?![\d\w])")
_WORDS_BEFORE = re.compile(r"((?:[^\W\d_][\w'.’-]*\s+){1,5})$")
_SUFFIX = re.compile(
    r"[A-Z][\w'’-]*(?:straat|laan|weg|plein|singel|gracht|kade|dijk|steeg|hof|park|dreef|pad|"
    r"markt|baan|plantsoen|erf|wal|veld|haven|kamp|ring|allee|dam|bolwerk|kwartier|boulevard)$")
_POSTBUS = re.compile(r"\b[Pp]ostbus\s+\d{1,5}\b")


def find_addresses(text: str, lexicon: Lexicon) -> Found:
    found = [("adres", *m.span()) for m in _POSTBUS.finditer(text)]
    for number in _HOUSE_NUMBER.finditer(text):
        start = _street_start(text, number.start(), lexicon)
        if start is not None:
            found.append(("adres", start, number.end()))
    return found


def _street_start(text: str, number_start: int, lexicon: Lexicon) -> int | None:
    """Where the street name that ends just before a house number begins, or None."""
    before = _WORDS_BEFORE.search(text[max(0, number_start - 80):number_start])
    if before is None:
        return None
    offset = number_start - len(before.group(1))
    words = list(re.finditer(r"\S+", before.group(1)))
    # Longest listed name first: 'Laan van Meerdervoort' rather than 'Meerdervoort'.
    for first in range(len(words)):
        phrase = fold(" ".join(w.group() for w in words[first:]).rstrip(","))
        start = offset + words[first].start()
        sentence_start = not text[:start].rstrip() or text[:start].rstrip()[-1] in ".!?:;\n"
        if phrase in lexicon.streets and _plausible(words[first].group(), phrase, first == len(words) - 1,
                                                    sentence_start, lexicon):
            rest = phrase.partition(" ")[2]
            if words[first].group().islower() and rest in lexicon.streets:
                continue  # 'op de Hazelaar 21': the street is 'Hazelaar' (also listed as 'De Hazelaar')
            return start
    last = words[-1].group().rstrip(",")
    if _SUFFIX.search(last) and not words[-1].group().endswith(","):
        # 'Prinses Beatrixstraat 17': include capitalised words before the street word.
        first = len(words) - 1
        while first > 0 and words[first - 1].group()[:1].isupper() and fold(words[first - 1].group()) not in lexicon.common_words:
            first -= 1
        return offset + words[first].start()
    return None


def _plausible(first_word: str, phrase: str, single: bool, sentence_start: bool, lexicon: Lexicon) -> bool:
    """A listed street that is also a common word ('Markt', 'Kamer', 'Week') only counts when
    it is capitalised inside a sentence: 'in week 42' is a week, 'Kamer 12' a room."""
    if single and phrase in lexicon.common_words:
        return first_word[:1].isupper() and not sentence_start
    return True
