"""Person names, by deduce's rules on deduce's lists, in any letter case.

deduce finds a name from a title ('mevrouw Bakker'), an initial ('J. Pietersen'), a known
first name, or an interfix before a known surname ('van Dijk'), and extends it with the
name-like words around it. The same rules are applied here to a `Lexicon`, with two changes
for notes typed during an interview:

- Case: deduce only knows capitalised names. Inspectors typing fast write 'jan de vries':
  a word in lower case (or in all capitals) counts when the lists say so (a first name that
  is not a common word, a listed surname after a first name or title).
- Places and organisations: a capitalised run that names a place ('Horst aan de Maas') or
  an organisation ('Veiligheidshuis Limburg', 'Sterk Huis') is not a name, unless a title
  says it is ('mevrouw Horst').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer.core.privacy.lexicon import Lexicon, fold

Found = list[tuple[str, int, int]]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|'t\b")

OWN_COMMON = frozenset({
    "veilig", "thuis", "wijkteam", "gemeente", "jeugd", "zorg", "politie", "school", "team",
    # Dutch words that are also in deduce's first-name list and begin sentences in notes.
    "ken", "mag", "kan", "wil", "zal", "ben", "hoop", "roos", "vos", "mees", "bas", "els",
    "zoon", "vader", "moeder", "tante", "oom", "oma", "opa",
})
"""Words never taken for a name on their own; with a surname they still are ('Els de Groot')."""

ORGANISATION_WORDS = (
    "thuis", "huis", "team", "groep", "college", "stichting", "school", "centrum", "zorg",
    "raad", "bureau", "politie", "reclassering", "praktijk", "ziekenhuis", "kliniek", "jeugd",
    "gemeente", "corporatie", "wonen", "instelling", "ggz", "ggd", "heils", "beraad", "overleg",
    "psychiatrie", "opvang", "welzijn", "netwerk", "dienst", "loket", "punt", "kinderbescherming",
)
"""A capitalised run containing a word that ends in one of these names an organisation."""


BASIC_TITLES = frozenset({"mevrouw", "mevr", "mw", "meneer", "mijnheer", "dhr", "de heer", "dr",
                          "fam", "familie"})
BASIC_INTERFIXES = frozenset({"van", "de", "der", "den", "van der", "van den", "van de", "ter", "ten"})
"""Always known, also when deduce's lists are missing (a broken install): titled names are
then still found."""


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    cf: str
    cased: bool
    """Whether its capital letter means something: not in an all-capitals word or text."""

    @property
    def capital(self) -> bool:
        return self.cased and self.text[0].isupper()

    @property
    def initial(self) -> bool:
        return len(self.text) == 1 and self.text.isupper()


def find_names(text: str, lexicon: Lexicon) -> Found:
    return _NameFinder(text, lexicon).names()


class _NameFinder:
    def __init__(self, text: str, lexicon: Lexicon) -> None:
        self.text = text
        self.lex = lexicon
        shouting = sum(c.isupper() for c in text) > 2 * sum(c.islower() for c in text)
        self.tokens = [
            _Token(m.group(), m.start(), m.end(), fold(m.group()),
                   cased=not shouting and not (len(m.group()) > 1 and m.group().isupper()))
            for m in _WORD.finditer(text)
        ]
        self.titles = lexicon.titles | BASIC_TITLES
        self.interfixes = lexicon.interfixes | BASIC_INTERFIXES
        self.blocked = self._places_and_organisations()

    # ------------------------------------------------------------------ token relations

    def gap(self, i: int) -> str:
        """The text between token i-1 and token i."""
        return self.text[self.tokens[i - 1].end:self.tokens[i].start]

    def joined(self, i: int) -> bool:
        """Whether token i continues the name that token i-1 is part of."""
        if i <= 0 or i >= len(self.tokens):
            return False
        gap = self.gap(i)
        if gap in ("-", "") or (gap.strip(" \t") == "" and gap):
            return True
        # 'J. Pietersen', 'J.P. de Vries', 'Dhr. Kaya'
        return gap.strip(" \t") == "." and (self.tokens[i - 1].initial or self.tokens[i - 1].cf in self.titles)

    def sentence_start(self, i: int) -> bool:
        if i == 0:
            return not self.text[:self.tokens[0].start].strip(" \t\"'(")
        gap = self.gap(i)
        return any(c in gap for c in ".!?:;\n") and not self.joined(i)

    def interfix_end(self, i: int) -> int:
        """Index after the longest interfix ('van der', 'el') starting at token i, else i."""
        for size in (3, 2, 1):
            j = i + size
            if j > len(self.tokens) or not all(self.joined(k) for k in range(i + 1, j)):
                continue
            if " ".join(t.cf for t in self.tokens[i:j]) in self.interfixes:
                return j
        return i

    # ------------------------------------------------------------------ what counts as a surname

    def surname_end(self, i: int, *, after_interfix_any: bool) -> int | None:
        """Index after a surname starting at token i ('Bakker', 'van den Berg',
        'Hendriks-de Boer', 'de vries'), or None.

        `after_interfix_any`: after an interfix, accept any lower-case word that is not a
        common word ('fatima el amrani': 'amrani' is on no list)."""
        if i >= len(self.tokens):
            return None
        k = self.interfix_end(i)
        has_interfix = k > i
        if k >= len(self.tokens) or (has_interfix and not self.joined(k)):
            return None
        t, lex = self.tokens[k], self.lex
        listed = t.cf in lex.surnames or (has_interfix and t.cf in lex.interfix_surnames)
        if t.capital:
            ok = len(t.text) >= 2 and (listed or t.cf not in lex.common_words)
        else:
            ok = listed or (has_interfix and after_interfix_any and len(t.cf) >= 3
                            and t.cf not in lex.common_words and t.cf not in lex.first_names)
        if not ok or t.cf in OWN_COMMON or (t.initial and not has_interfix):
            return None
        end = k + 1
        while end < len(self.tokens):
            gap = self.gap(end)
            if gap == "-" and self.tokens[end].initial and self.text[self.tokens[end].end:][:1] == "-":
                end += 1  # 'Tjon-A-Fat'
                continue
            # Double surnames: 'Hendriks-de Boer', 'Smit-Jansen'; and a listed surname after a
            # name ('Jan-Willem Brouwers'), as deduce extends a name to the right.
            if gap == "-" or (gap == " " and self.tokens[end].capital and self.tokens[end].cf in lex.surnames
                              and self.tokens[end].cf not in lex.common_words and not self.blocked[end]):
                more = self.surname_end(end, after_interfix_any=after_interfix_any)
                if more is not None:
                    end = more
                    continue
            break
        return end

    # ------------------------------------------------------------------ the rules

    def names(self) -> Found:
        spans: list[tuple[int, int]] = []
        for i in range(len(self.tokens)):
            spans += self._after_title(i)
            if self.blocked[i]:
                continue
            spans += self._from_first_name(i) + self._after_initials(i) + self._interfix_surname(i)
            spans += self._surname_alone(i)
        return [("naam", self.tokens[a].start, self.tokens[b - 1].end) for a, b in spans]

    def _title_end(self, i: int) -> int:
        """Index after a title at token i ('mevrouw', 'dhr.', 'de heer'), else i."""
        tokens = self.tokens
        if i + 1 < len(tokens) and self.joined(i + 1) and f"{tokens[i].cf} {tokens[i + 1].cf}" in self.titles:
            return i + 2
        return i + 1 if tokens[i].cf in self.titles else i

    def _after_title(self, i: int) -> list[tuple[int, int]]:
        start = self._title_end(i)
        if start == i or not self.joined(start):
            return []
        name_start = start
        while start < len(self.tokens) and self.tokens[start].initial and self.joined(start + 1):
            start += 1
        end = self.surname_end(start, after_interfix_any=False)
        if end is None or (self.interfix_end(start) == start and self._is_not_a_name_after_title(start)):
            return []
        return [(name_start, end)]

    def _is_not_a_name_after_title(self, i: int) -> bool:
        """'mevrouw van het wijkteam', 'meneer is': function words follow titles too."""
        return self.tokens[i].cf in _TITLE_FOLLOWERS

    def _from_first_name(self, i: int) -> list[tuple[int, int]]:
        t, lex = self.tokens[i], self.lex
        if t.cf not in lex.first_names or len(t.cf) < 2:
            return []
        nxt = i + 1 if self.joined(i + 1) else None
        end = self.surname_end(nxt, after_interfix_any=True) if nxt is not None else None
        if end is not None and not all(self.blocked[k] for k in range(i + 1, end)):
            return [(i, end)]
        if t.cf in OWN_COMMON:
            return []
        if not t.capital and not self._person_context(i):
            return []
        return [(i, i + 1)]

    def _person_context(self, i: int) -> bool:
        """Whether the words around a lower-case first name say it is a person: 'zoon daan',
        'gesprek met fatima', 'ahmed belde'. Many first names are words too ('koos', 'max')."""
        before = self.tokens[i - 1].cf if i > 0 and self.joined(i) else None
        after = self.tokens[i + 1].cf if self.joined(i + 1) else None
        if before in _PERSON_BEFORE or after in _PERSON_AFTER:
            return True
        # 'ahmed en yasmine': two first names joined by 'en' vouch for each other.
        if after == "en" and i + 2 < len(self.tokens) and self.tokens[i + 2].cf in self.lex.first_names:
            return True
        return before == "en" and i >= 2 and self.tokens[i - 2].cf in self.lex.first_names

    def _after_initials(self, i: int) -> list[tuple[int, int]]:
        """'J. Pietersen', 'R. van der Linden': capitals only, as deduce does."""
        if not self.tokens[i].initial or (i > 0 and self.tokens[i - 1].initial and self.joined(i)):
            return []
        j = i
        while j < len(self.tokens) and self.tokens[j].initial and self.text[self.tokens[j].end:self.tokens[j].end + 1] == ".":
            j += 1
        if j == i or not self.joined(j):
            return []
        end = self.surname_end(j, after_interfix_any=False)
        return [(i, end)] if end is not None and self.tokens[end - 1].capital else []

    def _interfix_surname(self, i: int) -> list[tuple[int, int]]:
        """'van den Berg', 'de Wit': an interfix before a capitalised listed surname."""
        k = self.interfix_end(i)
        if k == i or k >= len(self.tokens) or not self.joined(k):
            return []
        if i > 0 and self.joined(i) and self.tokens[i - 1].capital:
            return []  # 'Laan van Meerdervoort', 'Vincent van Gogh' is found from its first name
        t = self.tokens[k]
        if t.capital and t.cf in self.lex.interfix_surnames and not self.blocked[k]:
            end = self.surname_end(i, after_interfix_any=False)
            return [(i, end)] if end is not None else []
        return []

    def _surname_alone(self, i: int) -> list[tuple[int, int]]:
        """A capitalised listed surname inside a sentence ('wijkagent Dekker')."""
        t = self.tokens[i]
        if not t.capital or t.cf not in self.lex.surnames or t.cf in self.lex.common_words:
            return []
        if self.sentence_start(i) or t.cf in OWN_COMMON:
            return []
        return [(i, i + 1)]

    # ------------------------------------------------------------------ places and organisations

    def _places_and_organisations(self) -> list[bool]:
        """Per token: whether it is part of a place name or an organisation's name."""
        blocked = [False] * len(self.tokens)
        self._block_places(blocked)
        self._block_organisations(blocked)
        return blocked

    def _block_places(self, blocked: list[bool]) -> None:
        tokens = self.tokens
        for i in range(len(tokens)):
            if not tokens[i].capital:
                continue
            for size in (5, 4, 3, 2, 1):
                j = i + size
                if j > len(tokens) or not all(self.joined(k) for k in range(i + 1, j)):
                    continue
                phrase = fold(self.text[tokens[i].start:tokens[j - 1].end])
                if phrase in self.lex.places or phrase.replace("-", " ") in self.lex.places:
                    for k in range(i, j):
                        blocked[k] = True
                    break

    def _block_organisations(self, blocked: list[bool]) -> None:
        tokens = self.tokens
        i = 0
        while i < len(tokens):
            j = i
            while j < len(tokens) and tokens[j].capital and (j == i or self.joined(j)):
                j += 1
            if j > i and any(t.cf.endswith(ORGANISATION_WORDS) for t in tokens[i:j]):
                for k in range(i, j):
                    blocked[k] = True
            i = max(j, i + 1)


_TITLE_FOLLOWERS = frozenset({
    "is", "was", "heeft", "had", "gaf", "zei", "vertelde", "wil", "wilde", "kon", "kan", "zal",
    "en", "of", "die", "dat", "de", "het", "een", "van", "met", "op", "in", "uit", "aan", "bij",
})

_PERSON_BEFORE = frozenset({
    "met", "aan", "bij", "voor", "door", "dat", "van", "volgens", "sprak", "belde", "mailde",
    "zoon", "dochter", "moeder", "vader", "broer", "zus", "zusje", "broertje", "oma", "opa",
    "tante", "oom", "neef", "nicht", "partner", "ex", "vriend", "vriendin", "cliënt", "client",
    "jongere", "kind", "baby", "leerkracht", "juf", "meester", "mentor", "begeleider", "coach",
    "gezinscoach", "gezinsvoogd", "casusregisseur", "regisseur", "wijkagent", "huisarts",
    "stiefvader", "stiefmoeder", "pleegvader", "pleegmoeder", "pleegkind", "buurman", "buurvrouw",
})
_PERSON_AFTER = frozenset({
    "is", "was", "heeft", "had", "zei", "zegt", "vertelde", "vertelt", "belde", "belt", "wil",
    "wilde", "gaf", "geeft", "woont", "woonde", "zit", "zat", "gaat", "ging", "kwam", "komt",
    "kreeg", "krijgt", "wordt", "werd", "moet", "mag", "kan", "kon", "zal", "zou", "wist", "weet",
    "mailde", "sprak", "liet", "durft", "durfde", "voelt", "voelde", "logeert", "verblijft",
})
