"""Benchmark: the rapportage of one gemeente in a study of 50 gemeenten, against bare python-docx.

Usage: .venv/bin/python scripts/bench_export.py [--gemeenten 50] [--runs 5]

The study is the demo study with its gemeenten cloned (new ids and codes, same answers) until
there are 50. We time `export_report` for a gemeente without written findings (the heavier
case: the draft needs the scoring for its concept text) and for the gemeente with findings.
The baseline builds, in the same run, a document with the same paragraphs (text and style)
and the same tables (shape and cell text) with python-docx directly and saves it. Best of
`--runs`. The last line is `ratio <ours / baseline>` for the heavier case; the goal is <= 2.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
from docx.document import Document

from interviewer.core.catalog import Catalog, load_catalog_or_raise
from interviewer.core.demo import load_demo
from interviewer.core.report import build_report, export_report
from interviewer.core.report.template import DEFAULT_TEMPLATE
from interviewer.core.store import Store, new_id
from interviewer.paths import vragenlijsten_dir


def make_study(catalog: Catalog, gemeenten: int) -> tuple[Store, str]:
    store = Store.memory()
    study_id = load_demo(store, catalog)
    sources = store.gemeenten(study_id)
    with store.transaction():
        for number in range(len(sources) + 1, gemeenten + 1):
            clone_gemeente(store, sources[number % len(sources)], number)
    return store, study_id


def clone_gemeente(store: Store, source: dict[str, Any], number: int) -> None:
    db = store.db
    gemeente_id = new_id()
    db.table("gemeente").insert({**source, "id": gemeente_id, "name": f"Gemeente {number:02d}"})
    casus_map = {None: None}
    for casus in store.casussen(source["id"]):
        casus_map[casus["id"]] = new_id()
        suffix = casus["code"].split("-", 1)[1]
        db.table("casus").insert({**casus, "id": casus_map[casus["id"]], "gemeente_id": gemeente_id,
                                  "code": f"G{number}-{suffix}"})
    for interview in db.table("interview").rows_where("gemeente_id = ?", [source["id"]]):
        interview_id = new_id()
        code = interview["respondent_code"]
        db.table("interview").insert({
            **interview, "id": interview_id, "gemeente_id": gemeente_id,
            "casus_id": casus_map[interview["casus_id"]],
            "respondent_code": f"G{number}-{code.split('-', 1)[1]}" if code else None})
        answers = [{**a, "id": new_id(), "interview_id": interview_id}
                   for a in db.table("answer").rows_where("interview_id = ?", [interview["id"]])]
        db.table("answer").insert_all(answers)
    findings = [{**f, "id": new_id(), "gemeente_id": gemeente_id}
                for f in db.table("finding").rows_where("gemeente_id = ?", [source["id"]])]
    db.table("finding").insert_all(findings)


Block = tuple[str, Any]
"""("p", (text, style name)) or ("tbl", rows of cell texts)."""


def blocks_of(document: Document) -> list[Block]:
    """The document's shape, read once so the baseline's timing is python-docx writing only."""
    paragraphs = {p._p: p for p in document.paragraphs}
    tables = {t._tbl: t for t in document.tables}
    out: list[Block] = []
    for block in document.element.body.iterchildren():
        if block in paragraphs:
            paragraph = paragraphs[block]
            out.append(("p", (paragraph.text, paragraph.style.name)))
        elif block in tables:
            out.append(("tbl", [[c.text for c in row.cells] for row in tables[block].rows]))
    return out


def baseline(blocks: list[Block], target: Path) -> None:
    """python-docx alone: the same paragraphs and table cells, no data, no logic."""
    document = docx.Document(str(DEFAULT_TEMPLATE))
    for kind, content in blocks:
        if kind == "p":
            document.add_paragraph(content[0], style=content[1])
        else:
            table = document.add_table(rows=len(content), cols=len(content[0]))
            for row, texts in zip(table.rows, content, strict=True):
                for cell, text in zip(row.cells, texts, strict=True):
                    cell.text = text
    document.save(str(target))


def best(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(store: Store, catalog: Catalog, gemeente: dict[str, Any], runs: int, folder: Path) -> float:
    shape = build_report(store, catalog, gemeente["id"])
    paragraphs = len(shape.paragraphs)
    cells = sum(len(r.cells) for t in shape.tables for r in t.rows)
    ours = best(runs, lambda: export_report(store, catalog, gemeente["id"], folder / "ours"))
    blocks = blocks_of(shape)
    bare = best(runs, lambda: baseline(blocks, folder / "bare.docx"))
    has_findings = store.db.table("finding").count_where("gemeente_id = ?", [gemeente["id"]]) > 0
    kind = "met bevindingen" if has_findings else "zonder bevindingen (concept uit scoring)"
    print(f"{gemeente['name']} {kind}: {paragraphs} alinea's, {cells} tabelcellen")
    print(f"  export_report {ours * 1000:.0f} ms, python-docx kaal {bare * 1000:.0f} ms, "
          f"verhouding {ours / bare:.2f}")
    return ours / bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gemeenten", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    catalog = load_catalog_or_raise([vragenlijsten_dir()])
    start = time.perf_counter()
    store, study_id = make_study(catalog, args.gemeenten)
    answers = store.db.table("answer").count
    print(f"onderzoek met {len(store.gemeenten(study_id))} gemeenten, {answers} antwoorden "
          f"({time.perf_counter() - start:.1f} s)")
    gemeenten = store.gemeenten(study_id)
    with_findings = {r["gemeente_id"] for r in store.db.table("finding").rows}
    draft = next(g for g in gemeenten if g["id"] not in with_findings)
    written = next(g for g in gemeenten if g["id"] in with_findings)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measure(store, catalog, written, args.runs, folder)
        ratio = measure(store, catalog, draft, args.runs, folder)
    print(json.dumps({"gemeenten": len(gemeenten), "answers": answers}))
    print(f"ratio {ratio:.2f}")


if __name__ == "__main__":
    main()
