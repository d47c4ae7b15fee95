"""Benchmark: import-xlsform on every form of the test corpus, against pyxform's own conversion.

Usage: .venv/bin/python scripts/bench_xlsform.py [--runs 3]

For each form in tests/data/xlsforms we time `import_xlsform` (reading with pyxform, mapping,
and the catalog check of the result) and, as the baseline in the same run, pyxform's
conversion of the same file to an XForm (without ODK Validate). A form pyxform refuses has
no baseline. One more case: a form whose sheet claims the size A1:AMJ1048576 (Excel's
maximum), which must still read only the used cells. Best of `--runs`. The goal is every
import under 2 s; the last line is `ratio <slowest ours / its baseline>`.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

from interviewer.core.xlsform import XlsformError, import_xlsform
from interviewer.paths import vragenlijsten_dir

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "xlsforms"


def best(func: Callable[[], object], runs: int) -> float | None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            func()
        except XlsformError:
            pass
        except Exception:  # noqa: BLE001 - pyxform refuses some corpus forms; then no baseline
            return None
        times.append(time.perf_counter() - start)
    return min(times)


def ours(path: Path) -> Callable[[], object]:
    return lambda: import_xlsform(path, vragenlijsten_dir(), role="client")


def pyxform(path: Path) -> Callable[[], object]:
    from pyxform.xls2xform import convert

    def run() -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return convert(xlsform=str(path), validate=False, pretty_print=False)

    return run


def claimed_huge(source: Path, folder: Path) -> Path:
    """A copy of `source` whose survey sheet claims Excel's full size."""
    target = folder / "groot.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:AMJ1048576"', data)
            dst.writestr(item, data)
    return target


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    forms = sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in (".xls", ".xlsx", ".xlsm"))
    with tempfile.TemporaryDirectory() as tmp:
        huge = claimed_huge(CORPUS / "example_xls" / "xlsform_spec_test.xlsx", Path(tmp))
        rows: list[tuple[str, float, float | None]] = []
        for path in [*forms, huge]:
            mine = best(ours(path), args.runs)
            assert mine is not None
            rows.append((path.name, mine, best(pyxform(path), args.runs)))
    slowest = max(rows, key=lambda r: r[1])
    with_base = [r for r in rows if r[2]]
    worst = max(with_base, key=lambda r: r[1] / (r[2] or 1))
    print(f"formulieren: {len(rows)} (waarvan 1 met een opgegeven bladgrootte A1:AMJ1048576)")
    print(f"groot geclaimd blad: {rows[-1][1]:.3f} s (pyxform {rows[-1][2] or 0:.3f} s)")
    print(f"traagste import: {slowest[0]} {slowest[1]:.3f} s; boven 2 s: {sum(1 for r in rows if r[1] > 2)}")
    print(f"totaal: ons {sum(r[1] for r in rows):.2f} s, pyxform {sum(r[2] or 0 for r in with_base):.2f} s")
    print(f"grootste verhouding: {worst[0]} {worst[1]:.3f} s tegen {worst[2]:.3f} s")
    print(f"ratio {slowest[1] / (slowest[2] or slowest[1]):.2f}")


if __name__ == "__main__":
    main()
