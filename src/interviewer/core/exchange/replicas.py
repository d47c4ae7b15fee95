"""The laptops this database has heard from, and when."""

from __future__ import annotations

from dataclasses import dataclass

from interviewer.core.store import Store


@dataclass(frozen=True)
class Replica:
    id: str
    label: str
    is_self: bool
    entries: int
    """How far this database has that laptop's work (its sequence number)."""
    last_at: str | None
    """When that laptop wrote its newest entry we have (by its own clock)."""
    heard_at: str | None
    """When we last merged new work from it (by our clock)."""


def replicas(store: Store) -> list[Replica]:
    rows = store.conn.execute(
        "SELECT id, label, self, last_rseq, last_at, heard_at FROM replica ORDER BY self DESC, label, id").fetchall()
    return [Replica(str(r[0]), str(r[1] or ""), bool(r[2]), int(r[3] or 0), r[4], r[5]) for r in rows]


def labels(store: Store) -> dict[str, str]:
    """Replica id -> a name for people: the laptop's label, with its id's start when two share one."""
    known = replicas(store)
    counts: dict[str, int] = {}
    for replica in known:
        counts[replica.label] = counts.get(replica.label, 0) + 1
    return {r.id: (r.label if counts[r.label] == 1 and r.label else f"{r.label or 'laptop'} ({r.id[:8]})")
            for r in known}
