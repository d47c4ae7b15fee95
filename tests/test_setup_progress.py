"""scripts/run shows progress on a fresh machine: one numbered line per package from pip's log."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "_pip_progress.awk"

PIP_LOG = """\
Looking in indexes: https://pypi.org/simple
Ignoring numpy: markers 'python_full_version >= "3.12"' don't match your environment
Processing /opt/wheels/annotated_types-0.8.0-py3-none-any.whl (from -r requirements/app.txt (line 1))
Collecting click==8.5.1 (from -r requirements/app.txt (line 7))
  Downloading click-8.5.1-py3-none-any.whl (98 kB)
Requirement already satisfied: pip==26.3 in ./.venv/lib/python3.11/site-packages
Installing collected packages: click, annotated-types
ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE.
"""


@pytest.mark.skipif(shutil.which("awk") is None, reason="awk is part of every POSIX system")
def test_each_package_gets_a_numbered_line_and_errors_pass_through() -> None:
    out = subprocess.run(["awk", "-v", "total=4", "-f", str(SCRIPT)], input=PIP_LOG,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert out == [
        "  [2/4] annotated_types-0.8.0",
        "  [3/4] click==8.5.1",
        "  [4/4] pip==26.3",
        "  Uitpakken en installeren (duurt even)...",
        "ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE.",
    ]


def test_setup_uses_the_progress_filter_and_prepares_name_lists_in_the_background() -> None:
    setup = (SCRIPT.parent / "_setup.sh").read_text(encoding="utf-8")
    assert '-f "$ROOT/scripts/_pip_progress.awk"' in setup
    # The app may start before the optional name lists are ready: the install is stamped
    # first and the lexicon build runs detached, its output in a log.
    assert setup.index('touch "$STAMP"') < setup.index("--build-lexicon")
    assert '>"$VENV/lexicon.log" 2>&1 </dev/null &' in setup
