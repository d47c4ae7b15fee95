"""The inspector's decisions: final judgements, findings and the nazorg date, all journaled.

Each change is one transaction holding the row change and its journal event (old and new
value), like answers, so the review survives a restart and every decision can be traced.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from interviewer.core.journal import stable_id
from interviewer.core.models import Indicator
from interviewer.core.scoring.judge import VALUES, Suggestion, derive
from interviewer.core.scoring.summary import Cell, Evidence
from interviewer.core.store import Store, new_id, now

FINDING_KINDS: dict[str, str] = {
    "goed": "Wat gaat goed",
    "beter": "Wat moet beter",
    "goed_voorbeeld": "Goed voorbeeld",
    "conclusie": "Conclusie",
    "aanbeveling": "Aanbeveling",
    "toegang": "Toegang tot zorg (inleiding)",
}
THEMED_KINDS = frozenset({"goed", "beter"})


class ReviewError(ValueError):
    """Input the inspector must correct; the message is Dutch."""


# --------------------------------------------------------------------------- judgements


def save_judgement(store: Store, *, study_id: str, gemeente_id: str, indicator: int, level: str,
                   unit: str, final: str, motivation: str, suggestion: Suggestion | None = None) -> str:
    """Record the inspector's final judgement for one unit (casus, organisatie or gemeente).

    Raises:
        ReviewError: unknown value or an empty motivation.
    """
    if final not in VALUES:
        raise ReviewError(f"Kies positief, negatief of niet te beoordelen (niet '{final}').")
    motivation = motivation.strip()
    if not motivation:
        raise ReviewError("Geef een motivering: een oordeel zonder motivering wordt niet opgeslagen.")
    casus_id = unit if level == "casus" else None
    organisation = unit if level == "organisatie" else None
    new = {"final": final, "motivation": motivation,
           "suggested": suggestion.value if suggestion else None,
           "reasons": json.dumps(list(suggestion.reasons) if suggestion else [], ensure_ascii=False)}
    with store.transaction():
        # Read under the write lock: read first, two windows both found no judgement and
        # both inserted one.
        existing = _judgement_row(store, gemeente_id, indicator, casus_id, organisation)
        old = {k: existing[k] for k in new} if existing else None
        if old == new:
            return str(existing["id"]) if existing else ""
        if existing:
            judgement_id = str(existing["id"])
            store.journal.update("judgement", judgement_id, new)
        else:
            judgement_id = stable_id("judgement", gemeente_id, indicator, None, casus_id, organisation)
            store.journal.insert("judgement", {
                "id": judgement_id, "study_id": study_id, "gemeente_id": gemeente_id, "casus_id": casus_id,
                "organisation": organisation, "indicator": indicator, "aspect": None, **new,
                "updated_at": now()})
    return judgement_id


def _judgement_row(store: Store, gemeente_id: str, indicator: int, casus_id: str | None,
                   organisation: str | None) -> dict[str, Any] | None:
    rows = store.db.execute(
        "SELECT * FROM judgement WHERE gemeente_id = ? AND indicator = ? AND aspect IS NULL "
        "AND casus_id IS ? AND organisation IS ?", [gemeente_id, indicator, casus_id, organisation])
    columns = [d[0] for d in rows.description]
    row = rows.fetchone()
    return dict(zip(columns, row, strict=True)) if row else None


def save_aspect_judgement(store: Store, *, study_id: str, gemeente_id: str, indicator: int, aspect: str,
                          level: str, unit: str, final: str | None, motivation: str = "",
                          suggestion: Suggestion | None = None) -> str | None:
    """Record (or with final None withdraw) the inspector's decision on one aspect of a unit.

    The report reasons per aspect (operationalisering), so the inspector decides per aspect and
    the indicator follows by the toezichtkader's rule (scoring.derive). Confirming the suggestion
    needs no motivation; deviating from it does, because then the suggestion's reasons no
    longer explain the decision.

    Returns:
        The judgement row id, or None when a decision was withdrawn (or there was none).

    Raises:
        ReviewError: unknown value, or a deviation from the suggestion without motivation.
    """
    if final is not None and final not in VALUES:
        raise ReviewError(f"Kies positief, negatief of niet te beoordelen (niet '{final}').")
    motivation = motivation.strip()
    if final is not None and suggestion is not None and final != suggestion.value and not motivation:
        raise ReviewError(f"Aspect {aspect}: het oordeel wijkt af van het voorstel ({suggestion.value}); "
                          "geef een toelichting.")
    casus_id = unit if level == "casus" else None
    organisation = unit if level == "organisatie" else None
    new = None if final is None else {
        "final": final, "motivation": motivation or None,
        "suggested": suggestion.value if suggestion else None,
        "reasons": json.dumps(list(suggestion.reasons) if suggestion else [], ensure_ascii=False)}
    with store.transaction():
        # Read inside the transaction: two windows deciding the same aspect must not both insert.
        existing = _aspect_row(store, gemeente_id, indicator, aspect, casus_id, organisation)
        old = {k: existing[k] for k in ("final", "motivation", "suggested", "reasons")} if existing else None
        if old == new:
            return str(existing["id"]) if existing else None
        if new is None:
            assert existing is not None
            store.journal.delete("judgement", str(existing["id"]))
            return None
        if existing:
            judgement_id = str(existing["id"])
            store.journal.update("judgement", judgement_id, new)
        else:
            judgement_id = stable_id("judgement", gemeente_id, indicator, aspect, casus_id, organisation)
            store.journal.insert("judgement", {
                "id": judgement_id, "study_id": study_id, "gemeente_id": gemeente_id, "casus_id": casus_id,
                "organisation": organisation, "indicator": indicator, "aspect": aspect, **new,
                "updated_at": now()})
    return judgement_id


def _aspect_row(store: Store, gemeente_id: str, indicator: int, aspect: str, casus_id: str | None,
                organisation: str | None) -> dict[str, Any] | None:
    rows = store.db.execute(
        "SELECT * FROM judgement WHERE gemeente_id = ? AND indicator = ? AND aspect = ? "
        "AND casus_id IS ? AND organisation IS ?", [gemeente_id, indicator, aspect, casus_id, organisation])
    columns = [d[0] for d in rows.description]
    row = rows.fetchone()
    return dict(zip(columns, row, strict=True)) if row else None


@dataclass(frozen=True)
class CellDecision:
    """What the judgement dialog sends: aspect decisions and the indicator judgement of one cell."""

    aspects: dict[str, tuple[str | None, str]]
    """Aspect id -> (final or None to withdraw, motivation), for the aspects shown."""
    final: str
    """The indicator judgement chosen."""
    motivation: str = ""


def save_cell_decision(store: Store, *, study_id: str, gemeente_id: str, indicator: Indicator, cell: Cell,
                       decision: CellDecision) -> None:
    """Save a cell's aspect decisions and, where needed, its indicator judgement, all or nothing.

    The indicator follows from the decided aspects by the toezichtkader's rule; the inspector's
    own indicator judgement is saved when a motivation is given. Choosing a value the aspects
    do not give (an override), or judging without any aspect decision, needs that motivation.

    Raises:
        ReviewError: a Dutch message; nothing is saved then.
    """
    suggestions = dict(cell.aspects)
    decided = {**cell.aspect_finals}
    for aspect, (final, motivation) in decision.aspects.items():
        if final is None:
            decided.pop(aspect, None)
        else:
            decided[aspect] = (final, motivation)
    derived = derive(indicator, cell.aspects, decided) if decided else None
    explain = bool(decision.motivation.strip())
    follows = derived is not None and decision.final == derived.value
    unchanged = cell.final is not None and decision.final == cell.final and not cell.overrides
    if not (explain or follows or unchanged):
        if derived is not None:
            raise ReviewError(f"Het oordeel wijkt af van wat de aspecten geven ({derived.value}); "
                              "geef een toelichting.")
        raise ReviewError("Geef een motivering: een oordeel zonder motivering wordt niet opgeslagen.")
    with store.transaction():
        for aspect, (final, motivation) in decision.aspects.items():
            save_aspect_judgement(store, study_id=study_id, gemeente_id=gemeente_id, indicator=cell.indicator,
                                  aspect=aspect, level=cell.level, unit=cell.unit, final=final,
                                  motivation=motivation, suggestion=suggestions.get(aspect))
        if explain:
            save_judgement(store, study_id=study_id, gemeente_id=gemeente_id, indicator=cell.indicator,
                           level=cell.level, unit=cell.unit, final=decision.final, motivation=decision.motivation,
                           suggestion=cell.suggestion)


def tag_evidence(store: Store, item: Evidence, polarity: str | None) -> None:
    """Give an open answer its polarity for the aspect of this evidence item (None clears it).

    The review side of the interview's Ctrl+R: a remark nobody tagged counts for nothing, and
    one that supports one aspect and contradicts another is tagged per aspect. Closed answers
    take their polarity from the vragenlijst and are refused here.

    Raises:
        ReviewError: not an answered open question, or not +, -, 0.
    """
    if not item.taggable or item.aspect is None:
        raise ReviewError("Alleen een beantwoorde open vraag krijgt een polariteit van u; een gesloten antwoord "
                          "volgt de vragenlijst.")
    if polarity not in ("+", "-", "0", None):
        raise ReviewError(f"Kies +, − of 0 (niet '{polarity}').")
    store.save_aspect_polarities(item.interview_id, item.question_id, {item.aspect: polarity})


# --------------------------------------------------------------------------- findings


@dataclass
class Finding:
    gemeente_id: str
    kind: str
    text: str
    heading: str = ""
    theme: str | None = None
    indicators: list[int] = field(default_factory=list)
    evidence: list[dict[str, str]] = field(default_factory=list)
    """Links to evidence items: {"interview_id": ..., "question_id": ...}."""
    position: int = 0
    id: str = ""

    @property
    def kind_label(self) -> str:
        return FINDING_KINDS.get(self.kind, self.kind)


def validate_finding(finding: Finding, themes: set[str] | None = None) -> None:
    if finding.kind not in FINDING_KINDS:
        raise ReviewError(f"Onbekend soort bevinding '{finding.kind}'.")
    if finding.kind in THEMED_KINDS:
        if not finding.theme or (themes is not None and finding.theme not in themes):
            raise ReviewError("Kies het thema waar deze bevinding bij hoort.")
        if not finding.heading.strip():
            raise ReviewError("Geef de bevinding een kop.")
    if not finding.text.strip():
        raise ReviewError("De tekst van de bevinding mag niet leeg zijn.")


def _columns(finding: Finding) -> dict[str, Any]:
    return {"gemeente_id": finding.gemeente_id, "theme": finding.theme if finding.kind in THEMED_KINDS else None,
            "kind": finding.kind, "heading": finding.heading.strip(), "text": finding.text.strip(),
            "indicators": json.dumps(sorted(set(finding.indicators))),
            "evidence": json.dumps(finding.evidence, ensure_ascii=False), "position": finding.position}


def _snapshot(columns: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in columns.items() if k != "gemeente_id"}


def save_finding(store: Store, finding: Finding, themes: set[str] | None = None) -> str:
    """Insert (no id) or update a finding; a new one goes to the end of its kind."""
    validate_finding(finding, themes)
    table = store.db.table("finding")
    existing = dict(table.get(finding.id)) if finding.id and table.count_where("id = ?", [finding.id]) else None
    if existing is None:
        finding.position = _next_position(store, finding.gemeente_id, finding.kind)
    columns = _columns(finding)
    old = _snapshot({k: existing[k] for k in columns}) if existing else None
    if old == _snapshot(columns):
        return finding.id
    finding_id = finding.id or new_id()
    if existing:
        store.journal.update("finding", finding_id, columns)
    else:
        store.journal.insert("finding", {"id": finding_id, **columns, "updated_at": now()})
    finding.id = finding_id
    return finding_id


def delete_finding(store: Store, finding_id: str) -> None:
    store.journal.delete("finding", finding_id)


def move_finding(store: Store, finding_id: str, delta: int) -> None:
    """Swap a finding with its neighbour of the same kind (and theme): the numbering of aanbevelingen."""
    current = next(f for f in _all(store) if f.id == finding_id)
    siblings = [f for f in findings(store, current.gemeente_id)
                if f.kind == current.kind and f.theme == current.theme]
    index = next(i for i, f in enumerate(siblings) if f.id == finding_id)
    target = index + delta
    if not 0 <= target < len(siblings):
        return
    other = siblings[target]
    with store.transaction():
        for item, position in ((current, other.position), (other, current.position)):
            store.journal.update("finding", item.id, {"position": position}, action="verplaats")


def _next_position(store: Store, gemeente_id: str, kind: str) -> int:
    row = store.db.execute("SELECT MAX(position) FROM finding WHERE gemeente_id = ? AND kind = ?",
                           [gemeente_id, kind]).fetchone()
    return int(row[0]) + 1 if row and row[0] is not None else 1


def _row_to_finding(row: dict[str, Any]) -> Finding:
    return Finding(gemeente_id=row["gemeente_id"], kind=row["kind"], text=row["text"] or "",
                   heading=row["heading"] or "", theme=row["theme"],
                   indicators=json.loads(row["indicators"] or "[]"),
                   evidence=json.loads(row["evidence"] or "[]"), position=row["position"] or 0, id=row["id"])


def _all(store: Store) -> list[Finding]:
    return [_row_to_finding(dict(r)) for r in store.db.table("finding").rows]


def findings(store: Store, gemeente_id: str) -> list[Finding]:
    """Findings of a gemeente in report order: by kind, theme, then position."""
    order = list(FINDING_KINDS)
    rows = store.db.table("finding").rows_where("gemeente_id = ?", [gemeente_id])
    items = [_row_to_finding(dict(r)) for r in rows]
    return sorted(items, key=lambda f: (order.index(f.kind) if f.kind in order else 99, f.theme or "", f.position))


def finding_dict(finding: Finding) -> dict[str, Any]:
    return asdict(finding)


# --------------------------------------------------------------------------- nazorg


def parse_dutch_date(raw: str) -> str:
    """dd-mm-jjjj (or ISO) to an ISO date; ReviewError with a Dutch message otherwise."""
    text = raw.strip()
    for sep in ("-", "/", "."):
        parts = text.split(sep)
        if len(parts) == 3 and len(parts[2]) == 4:
            try:
                return date(int(parts[2]), int(parts[1]), int(parts[0])).isoformat()
            except ValueError:
                break
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ReviewError(f"'{text}' is geen geldige datum. Typ dd-mm-jjjj, bijvoorbeeld 01-07-2020.") from None


def set_nazorg_date(store: Store, gemeente_id: str, raw: str) -> str | None:
    """Set (or with empty input clear) the date by which the gemeente reports its improvements."""
    value = parse_dutch_date(raw) if raw.strip() else None
    old = store.gemeente(gemeente_id).get("nazorg_date")
    if old == value:
        return value
    store.journal.update("gemeente", gemeente_id, {"nazorg_date": value}, action="nazorg")
    return value
