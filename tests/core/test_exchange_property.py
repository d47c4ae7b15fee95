"""Random edits on three or four laptops, exchanged in random orders: they always converge.

A small model runs beside the stores: it knows which edits each laptop had seen when it
made one (exchanging bundles passes that knowledge on), so it can tell which edits of one
field were concurrent without looking at the stores' own logic. After the random run every
laptop exchanges with every other: all must hold the same answers, judgements, findings and
entries; no entry written anywhere may be missing; a field has a conflict exactly when the
model's last concurrent edits of it disagree.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from interviewer.core.answers import AnswerRecord, AnswerStatus
from interviewer.core.exchange.bundle import write_bundle
from interviewer.core.exchange.merge import MergeError, merge_bundle
from interviewer.core.integrity import check_database
from interviewer.core.review import save_judgement
from interviewer.core.store import Store

FRAMEWORK = "lokaal-netwerk-na-veilig-thuis"
QUESTIONS = ("q1", "q2")
INDICATORS = (1, 2)
VALUES = ("positief", "negatief", "niet te beoordelen")


@dataclass
class Edit:
    id: int
    value: object
    seen: frozenset[int]


@dataclass
class Model:
    known: list[set[int]]
    edits: dict[tuple[str, ...], list[Edit]] = field(default_factory=dict)
    counter: int = 0

    def edit(self, laptop: int, key: tuple[str, ...], value: object) -> None:
        self.counter += 1
        self.edits.setdefault(key, []).append(Edit(self.counter, value, frozenset(self.known[laptop])))
        self.known[laptop].add(self.counter)

    def exchange(self, source: int, target: int) -> None:
        self.known[target] |= self.known[source]

    def conflicted(self) -> set[tuple[str, ...]]:
        result = set()
        for key, edits in self.edits.items():
            heads = [e for e in edits if not any(e.id in o.seen for o in edits if o is not e)]
            if len({repr(e.value) for e in heads}) > 1:
                result.add(key)
        return result


class Team:
    def __init__(self, size: int, folder: Path) -> None:
        self.folder = folder
        self.stores = [Store.memory(actor=f"inspecteur{n}") for n in range(size)]
        first = self.stores[0]
        self.study = first.create_study("Onderzoek", "Limburg", FRAMEWORK)
        self.gemeente = first.add_gemeente(self.study, "Venlo")
        self.interviews = [first.create_interview(
            study_id=self.study, gemeente_id=self.gemeente, casus_id=None, role="casusregisseur",
            questionset_id="casusregisseur", questionset_version=1, organisation="Wijkteam",
            respondent_code=f"G1-D0{n}-R1", consent_text="Akkoord?") for n in range(2)]
        self.finding = "f1"
        first.journal.insert("finding", {"id": "f1", "gemeente_id": self.gemeente, "kind": "conclusie",
                                         "heading": "", "text": "begin", "position": 1})
        self.bundles = 0
        for other in range(1, size):
            self.exchange(0, other)
        self.written: set[str] = set()
        self.note_entries()

    def bundle(self, source: int) -> Path:
        self.bundles += 1
        path, _ = write_bundle(self.stores[source], self.folder / f"{self.bundles}.bundel")
        return path

    def exchange(self, source: int, target: int) -> None:
        merge_bundle(self.stores[target], self.bundle(source))

    def note_entries(self) -> None:
        for store in self.stores:
            self.written |= {str(r[0]) for r in store.conn.execute("SELECT id FROM journal")}

    def wrote(self, laptop: int, action: object) -> bool:
        """Apply `action` on a laptop; True when it journaled something (a real change)."""
        store = self.stores[laptop]
        before = store.journal.head().rseq
        action_kind, target, value = action  # type: ignore[misc]
        if action_kind == "answer":
            interview, question = target
            store.save_answer(self.interviews[interview], AnswerRecord(
                question_id=question, status=AnswerStatus.BEANTWOORD, value=value), cursor=None)
        elif action_kind == "judgement":
            save_judgement(store, study_id=self.study, gemeente_id=self.gemeente, indicator=target,
                           level="gemeente", unit="", final=value, motivation=f"omdat {value}")
        elif action_kind == "delete":
            try:
                store.journal.delete("finding", self.finding)
            except KeyError:
                return False  # already deleted here
        else:
            try:
                store.journal.update("finding", self.finding, {"text": value})
            except KeyError:
                return False  # deleted here: nothing to edit
        return store.journal.head().rseq > before


def _state(store: Store) -> dict[str, object]:
    def rows(sql: str) -> list[tuple[object, ...]]:
        return sorted(tuple(r) for r in store.conn.execute(sql).fetchall())

    return {
        "answers": rows("SELECT interview_id, question_id, value, status FROM answer"),
        "judgements": rows("SELECT id, indicator, final, motivation FROM judgement"),
        "findings": rows("SELECT id, text FROM finding"),
        "conflicts": rows("SELECT entity, entity_id, interview_id, field FROM journal_conflict"),
        "entries": rows("SELECT id, hash FROM journal"),
    }


def _conflicted_keys(team: Team, store: Store) -> set[tuple[str, ...]]:
    keys: set[tuple[str, ...]] = set()
    for entity, entity_id, interview_id, _ in store.conn.execute(
            "SELECT entity, entity_id, interview_id, field FROM journal_conflict"):
        if entity == "answer":
            keys.add(("answer", str(team.interviews.index(interview_id)), entity_id))
        elif entity == "judgement":
            indicator = store.db.table("judgement").get(entity_id)["indicator"]
            keys.add(("judgement", str(indicator)))
        else:
            keys.add(("finding",))
    return keys


laptop_index = st.integers(min_value=0, max_value=3)
actions = st.one_of(
    st.tuples(st.just("answer"), st.tuples(st.integers(0, 1), st.sampled_from(QUESTIONS)), st.integers(0, 2)),
    st.tuples(st.just("judgement"), st.sampled_from(INDICATORS), st.sampled_from(VALUES)),
    st.tuples(st.just("finding"), st.none(), st.sampled_from(("tekst a", "tekst b", "tekst c"))),
    st.tuples(st.just("delete"), st.none(), st.just("verwijderd")),
)
edits = st.tuples(st.just("edit"), laptop_index, actions)
# Edits outnumber exchanges, so laptops often edit the same field before hearing of each other.
steps = st.lists(st.one_of(
    edits, edits, edits,
    st.tuples(st.just("exchange"), laptop_index, laptop_index),
    st.tuples(st.just("twice"), laptop_index, laptop_index),
), min_size=1, max_size=30)


def _model_key(action: object) -> tuple[str, ...]:
    kind, target, _ = action  # type: ignore[misc]
    if kind == "answer":
        return ("answer", str(target[0]), target[1])
    if kind == "judgement":
        return ("judgement", str(target))
    return ("finding",)  # an edit of its text, or its deletion (which changes every field)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(size=st.integers(min_value=3, max_value=4), plan=steps, order=st.randoms(use_true_random=False))
def test_random_edits_and_merge_orders_converge(size: int, plan: list[tuple[object, ...]], order: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        team = Team(size, Path(folder))
        model = Model(known=[set() for _ in range(size)])
        for step in plan:
            kind, first, second = step
            a, b = int(first) % size, (int(second) % size if kind != "edit" else 0)  # type: ignore[call-overload]
            if kind == "edit":
                if team.wrote(a, second):
                    model.edit(a, _model_key(second), second[2])  # type: ignore[index]
            elif a != b:
                path = team.bundle(a)
                merge_bundle(team.stores[b], path)
                model.exchange(a, b)
                if kind == "twice":
                    before = _state(team.stores[b])
                    report = merge_bundle(team.stores[b], path)
                    assert report.new == 0 and _state(team.stores[b]) == before
            team.note_entries()
        # Everyone sends to everyone, in a random order, until nothing new arrives.
        pairs = [(s, t) for s in range(size) for t in range(size) if s != t]
        for _ in range(2):
            order.shuffle(pairs)  # type: ignore[attr-defined]
            for source, target in pairs:
                team.exchange(source, target)
                model.exchange(source, target)
        states = [_state(store) for store in team.stores]
        assert all(state == states[0] for state in states[1:])
        held = {str(r[0]) for r in team.stores[0].conn.execute("SELECT id FROM journal")}
        assert team.written <= held, "an entry written somewhere was lost"
        expected = model.conflicted()
        event(f"fields in conflict: {min(len(expected), 3)}{'+' if len(expected) >= 3 else ''}")
        assert _conflicted_keys(team, team.stores[0]) == expected
        for store in team.stores:
            assert check_database(store) == []


@settings(max_examples=15, deadline=None)
@given(cut=st.floats(min_value=0.0, max_value=0.999), flip=st.integers(min_value=0))
def test_a_truncated_or_damaged_bundle_is_refused_or_harmless(cut: float, flip: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        team = Team(3, Path(folder))
        team.wrote(1, ("answer", (0, "q1"), 2))
        good = team.bundle(1)
        data = good.read_bytes()
        target = team.stores[2]
        before = _state(target)
        truncated = Path(folder) / "kort.bundel"
        truncated.write_bytes(data[: int(len(data) * cut)])
        try:
            merge_bundle(target, truncated)
        except MergeError:
            pass
        else:
            raise AssertionError("a truncated bundle was merged")
        assert _state(target) == before
        damaged = Path(folder) / "kapot.bundel"
        position = flip % len(data)
        damaged.write_bytes(data[:position] + bytes([data[position] ^ 0x5A]) + data[position + 1:])
        try:
            merge_bundle(target, damaged)
        except MergeError:
            assert _state(target) == before
            return
        # The flipped byte was in unused space: then the merge equals merging the good bundle.
        merged = _state(target)
        clean = team.stores[0]
        merge_bundle(clean, good)
        assert merged["answers"] == _state(clean)["answers"]
