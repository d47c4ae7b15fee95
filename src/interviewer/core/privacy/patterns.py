"""Identifiers with a fixed shape: e-mail, BSN, phone number, postcode, birth date, licence plate.

Each function returns (kind, start, end) triples; overlaps are resolved by the caller.
"""

from __future__ import annotations

import re

Found = list[tuple[str, int, int]]

# Bounded and anchored at the start of a word: the unbounded form took seconds on a long
# word without '@' (every start position scanned to the word's end).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}(?![\w-])")


def emails(text: str) -> Found:
    return [("e-mail", *m.span()) for m in _EMAIL.finditer(text)]


# --------------------------------------------------------------------------- BSN

# Nine digits, written together or in groups of two to four separated by one space, dot
# or hyphen: 123456782, 123 456 782, 1234.56.782, 12.34.56.782, 1112-22-333.
_NINE_DIGITS = re.compile(r"(?<![\d.,/-])(?:\d{9}|\d{2,4}(?:[ .-]\d{2,4}){1,3})(?!\d|[,./-]\d)")
_BSN_CONTEXT = re.compile(r"\b(?:bsn|burgerservicenummer|sofi-?nummer|sofinr)\b\W{0,3}(?:\w+\W+){0,4}$",
                          re.IGNORECASE)


def bsns(text: str) -> Found:
    """Nine-digit numbers that pass the elfproef, and any nine-digit number right after
    'BSN' (a BSN with a typing error is still somebody's BSN, or nearly)."""
    from stdnum.nl import bsn

    found = []
    for m in _NINE_DIGITS.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) != 9 or len({c for c in m.group() if not c.isdigit()}) > 1:
            continue
        if bsn.is_valid(digits) or _BSN_CONTEXT.search(text, 0, m.start()):
            found.append(("bsn", *m.span()))
    return found


# --------------------------------------------------------------------------- phone numbers

_SERVICE_NUMBER = re.compile(r"^\(?0(?:800|900|90[69])\b")
# A Dutch number as typed: 0 and nine digits, or +31 / 0031 and nine digits, with spaces,
# hyphens, dots or brackets anywhere. phonenumbers alone skips numbers in ranges not (yet)
# issued, such as 06-9...; a mistyped number still identifies someone.
_DATE_INSIDE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}")
"""'01-09-2008 12.00 uur' has ten digits and a leading 0 too (phonenumbers takes it for one)."""
_DUTCH_NUMBER = re.compile(r"(?<![\w+])(?:\+31|0031|\(?0(?=[1-9]))[\d ()./-]{8,16}(?<=\d)(?![\d-])")


def phones(text: str) -> Found:
    """Dutch and international numbers (phonenumbers, Google's libphonenumber); free and
    paid service numbers (0800, 0900) belong to organisations, not persons."""
    import phonenumbers

    found = [("telefoon", m.start, m.end) for m in phonenumbers.PhoneNumberMatcher(text, "NL")
             if not _SERVICE_NUMBER.match(m.raw_string) and not _DATE_INSIDE.search(m.raw_string)]
    for m in _DUTCH_NUMBER.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        national = digits[2:] if digits.startswith("31") else digits[4:] if digits.startswith("0031") else digits[1:]
        if len(national) == 9 and not _SERVICE_NUMBER.match(m.group()) and not _DATE_INSIDE.search(m.group()):
            found.append(("telefoon", *m.span()))
    return found


# --------------------------------------------------------------------------- postcodes

# deduce's rule: upper case with or without a space, lower case only without one ('5911ab');
# 'SA', 'SD', 'SS' are not issued.
_POSTCODE = re.compile(r"\b[1-9]\d{3}(?: ?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})\b")


def postcodes(text: str) -> Found:
    return [("postcode", *m.span()) for m in _POSTCODE.finditer(text)]


# --------------------------------------------------------------------------- birth dates

_MONTHS = (r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
           r"december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec")
_DATE = (rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:(?:19|20)\d{{2}}|'\d{{2}})|(?:19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}}|"
         rf"\d{{1,2}}\s+(?:{_MONTHS})\.?\s+(?:(?:19|20)\d{{2}}|'\d{{2}}))")
_BIRTH_WORD = r"(?:geboren|geb\.?|geboortedatum|geb\.? ?datum|jarig|verjaardag)"
_BIRTH_BEFORE = re.compile(rf"\b{_BIRTH_WORD}[^\d.;\n]{{0,25}}?(?<![\d-])({_DATE})(?!\d)", re.IGNORECASE)
_BIRTH_AFTER = re.compile(rf"(?<![\d-])({_DATE})(?!\d)[^\d.;\n]{{0,20}}?\bgeboren\b", re.IGNORECASE)


def birth_dates(text: str) -> Found:
    """Dates with 'geboren' (or 'geb.', 'geboortedatum', 'jarig') before them, or 'geboren'
    shortly after them ('is op 12-08-1990 geboren'). Other dates are process dates."""
    spans = {m.span(1) for m in _BIRTH_BEFORE.finditer(text)} | {m.span(1) for m in _BIRTH_AFTER.finditer(text)}
    return [("geboortedatum", s, e) for s, e in spans]


# --------------------------------------------------------------------------- licence plates

# The RDW's side codes since 1951 (L = letter, D = digit), written with hyphens.
_SIDE_CODES = ("LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D",
               "D-LLL-DD", "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D")


def _side_code(code: str, letter: str) -> str:
    return "".join({"L": letter, "D": r"\d", "-": "-"}[c] for c in code)


_PLATE = re.compile(r"(?<![\w-])(?:" + "|".join(
    _side_code(c, letter) for c in _SIDE_CODES for letter in ("[A-Z]", "[a-z]")) + r")(?![\w-])")
_PLATE_CONTEXT = re.compile(r"\bkenteken\w*\W{1,3}([A-Za-z0-9]{6})\b", re.IGNORECASE)


def plates(text: str) -> Found:
    """Dutch licence plates: a side code with hyphens (one letter case throughout), or six
    letters and digits right after 'kenteken'."""
    found = [("kenteken", *m.span()) for m in _PLATE.finditer(text) if not m.group().replace("-", "").isdigit()]
    for m in _PLATE_CONTEXT.finditer(text):
        plate = m.group(1)
        if any(c.isdigit() for c in plate) and any(c.isalpha() for c in plate):
            found.append(("kenteken", *m.span(1)))
    return found
