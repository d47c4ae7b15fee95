"""A record's state from the set of its journal entries, the same whatever order they came in.

For every field, the *heads* are the entries that changed it and that no other entry on that
field had seen (an entry has seen another of its own replica with a lower rseq, and another
replica's up to its base). One head: that is the value. Several heads with different values:
a conflict; both values are kept (they are in the journal) and the review screen shows them.
Until an inspector resolves it, the record shows the value of the head written last by the
clock of its laptop (any fixed rule would do: it only decides what is shown meanwhile).

A delete changes every field and the record's existence. An edit made without having seen a
delete is therefore concurrent with it on the edited field: a conflict, and the record stays
deleted (no resurrection) until the inspector decides.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from interviewer.core.journal import EXISTS, load_value


class _Deleted:
    def __repr__(self) -> str:
        return "DELETED"


DELETED: Any = _Deleted()
"""The value a delete gives every field."""


@dataclass(frozen=True)
class Entry:
    """What the fold needs of a journal entry."""

    id: str
    replica: str
    rseq: int
    at: str
    fields: tuple[str, ...]
    old: Any
    new: Any
    base: dict[str, int] = field(default_factory=dict)
    action: str = ""

    def has_seen(self, other: Entry) -> bool:
        if self.replica == other.replica:
            return other.rseq < self.rseq
        return self.base.get(other.replica, 0) >= other.rseq

    def value(self, name: str) -> Any:
        """What this entry sets `name` to (DELETED for a delete); KeyError when it does not."""
        if name == EXISTS:
            return self.new is not None
        if self.new is None:
            return DELETED
        if isinstance(self.new, dict):
            # A field the entry lists but its new value lacks was removed (e.g. an aspect tag).
            return self.new.get(name)
        raise KeyError(name)

    @property
    def order(self) -> tuple[str, str, int]:
        return (self.at, self.replica, self.rseq)


@dataclass
class Fold:
    exists: bool | None = None
    """None: no entry created or deleted the record (it predates the journal)."""
    values: dict[str, Any] = field(default_factory=dict)
    conflicts: dict[str, list[Entry]] = field(default_factory=dict)
    """Field -> the concurrent heads with different values, oldest first."""


def fold(entries: Iterable[Entry]) -> Fold:
    """The state the entries give a record, independent of their order."""
    entries = list(entries)
    if len({e.replica for e in entries}) <= 1:
        return _fold_one_replica(entries)
    by_field: dict[str, list[Entry]] = {}
    for entry in entries:
        for name in entry.fields:
            by_field.setdefault(name, []).append(entry)
    result = Fold()
    for name, touching in sorted(by_field.items()):
        heads = [e for e in touching if not any(o is not e and o.has_seen(e) for o in touching)]
        valued = [(e, _value_or_missing(e, name)) for e in heads]
        valued = [(e, v) for e, v in valued if v is not _MISSING]
        if not valued:
            continue
        valued.sort(key=lambda pair: pair[0].order)
        shown = valued[-1][1]
        if name == EXISTS:
            # A delete among the heads keeps the record deleted: never resurrect by merging.
            result.exists = all(v for _, v in valued)
        else:
            result.values[name] = shown
        if len({_key(v) for _, v in valued}) > 1:
            result.conflicts[name] = [e for e, _ in valued]
    return result


def _fold_one_replica(entries: list[Entry]) -> Fold:
    """All entries from one laptop (most records): each saw the ones before it, so the last wins."""
    return fold_in_order((e.fields, e.new) for e in sorted(entries, key=lambda e: e.rseq))


def fold_in_order(steps: Iterable[tuple[tuple[str, ...], Any]]) -> Fold:
    """The state of (fields, new value) steps each of which saw the ones before it: the last wins.

    Entry.value inlined (the same rules): a merge runs this once per answer, also straight
    from journal rows without building an Entry.
    """
    result = Fold()
    values = result.values
    for fields, new in steps:
        for name in fields:
            if name == EXISTS:
                result.exists = new is not None
            elif new is None:
                values[name] = DELETED
            elif isinstance(new, dict):
                values[name] = new.get(name)
    return result


_MISSING: Any = object()


def _value_or_missing(entry: Entry, name: str) -> Any:
    try:
        return entry.value(name)
    except KeyError:
        return _MISSING


def _key(value: Any) -> str:
    if value is DELETED:
        return "\x00deleted"
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def entry_from_row(row: dict[str, Any], bases: dict[str, dict[str, int]]) -> Entry:
    """An Entry from a journal row (old and new still JSON text)."""
    return Entry(
        id=str(row["id"]), replica=str(row["replica"]), rseq=int(row["rseq"]), at=str(row["at"] or ""),
        fields=tuple(str(row["field"]).split(",")) if row["field"] else (),
        old=load_value(row["old"]), new=load_value(row["new"]),
        base=bases.get(str(row["base"]), {}) if row["base"] else {}, action=str(row["action"] or ""),
    )


