"""The one check every text passes on its way out of the tool (Word draft, bewijsoverzicht,
CSV/JSON): known casus and respondent codes replaced, then the shared privacy scan.

The rules of the scan live in `privacy.scan_text`; this module only decides what is allowed
(the study's own gemeenten, organisations and places) and applies the replacements, so every
export uses exactly the same check as the warning during an interview.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from interviewer.core import privacy

if TYPE_CHECKING:
    from interviewer.core.store import Store

REDACTED = "[geanonimiseerd]"

PUBLIC_NAMES = (
    "Toezicht Sociaal Domein", "Veilig Thuis", "Inspectie Gezondheidszorg en Jeugd",
    "Inspectie van het Onderwijs", "Inspectie Justitie en Veiligheid", "Nederlandse Arbeidsinspectie",
    "Inspectie Sociale Zaken en Werkgelegenheid", "info@toezichtsociaaldomein.nl",
)
"""Names and the public address of institutions: never personal data (Bijlage 2 gives the
address for questions about the method)."""


class Scrubber:
    """Replaces known codes (case-insensitive), then what the privacy scan flags.

    `allowed` names (gemeenten, organisations, places of the study) are never flagged. Results
    are cached per text: a report repeats many texts (headings, labels, the toezichtkader).
    """

    def __init__(self, codes: Iterable[str] = (), allowed: Iterable[str] = (), *,
                 scan: bool = True) -> None:
        unique = sorted({c.strip() for c in codes if c and c.strip()}, key=len, reverse=True)
        # Longest first, so a respondent code is replaced whole rather than leaving its suffix;
        # no right-hand boundary: over-scrubbing a longer token is the safe side.
        self._pattern = (
            re.compile("(?<![0-9A-Za-z])(?:" + "|".join(map(re.escape, unique)) + ")", re.IGNORECASE)
            if unique else None
        )
        names = {a.strip() for a in (*PUBLIC_NAMES, *allowed) if a and a.strip()}
        self._allowed = tuple((name, name.casefold()) for name in sorted(names))
        self._scan = scan
        self._cache: dict[str, str] = {}
        self.replaced = 0
        """How many privacy hits were replaced so far (codes not counted)."""

    def codes_only(self, text: str) -> str:
        """Known codes replaced, without the privacy scan: for the toezichtkader's own text in
        Bijlage 1, which is shipped, reviewed data that nobody types during a study (and
        tests/core/test_report_drafts.py shows it raises no hit)."""
        if not text or self._pattern is None:
            return text
        return self._pattern.sub(REDACTED, text)

    def __call__(self, text: str) -> str:
        if not text:
            return text
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        out = self._pattern.sub(REDACTED, text) if self._pattern is not None else text
        if self._scan:
            # Only the allowed names the text contains: a study's list runs to hundreds and the
            # scan matches each one it is given against the text.
            folded = out.casefold()
            present = [name for name, key in self._allowed if key in folded]
            hits = privacy.scan_text(out, present)
            if hits:
                self.replaced += len(hits)
                out = privacy.replace_hits(out, hits)
        self._cache[text] = out
        return out


def allowed_names(store: Store, study_id: str | None = None) -> set[str]:
    """Names that may appear in exported text: gemeenten, organisations, region and place."""
    where, params = ("WHERE s.id = ?", [study_id]) if study_id else ("", [])
    rows = store.db.execute(
        f"SELECT g.name, s.region, s.place FROM study s LEFT JOIN gemeente g ON g.study_id = s.id {where}",
        params).fetchall()
    names = {str(v) for row in rows for v in row if v}
    org_where = "WHERE study_id = ?" if study_id else ""
    names |= {str(r[0]) for r in store.db.execute(
        f"SELECT DISTINCT organisation FROM interview {org_where}", params).fetchall() if r[0]}
    return names


def study_codes(store: Store, study_id: str) -> list[str]:
    """Every casus and respondent code of a study: none of them may reach a report."""
    rows = store.db.execute(
        "SELECT c.code FROM casus c JOIN gemeente g ON g.id = c.gemeente_id WHERE g.study_id = ? "
        "UNION SELECT respondent_code FROM interview WHERE study_id = ? AND respondent_code IS NOT NULL",
        [study_id, study_id]).fetchall()
    return [str(r[0]) for r in rows if r[0]]
