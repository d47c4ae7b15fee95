"""scripts/crash_test.py end to end, briefly: the real app in a pty, killed twice."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_crash_script_loses_nothing_in_two_runs() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "crash_test.py"), "--runs", "2", "--seed", "3"],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    last = result.stdout.strip().splitlines()[-1]
    runs, checked, lost = re.fullmatch(r"(\d+) runs, (\d+) answers checked, (\d+) answers lost", last).groups()  # type: ignore[union-attr]
    assert (int(runs), int(lost)) == (2, 0), result.stdout + result.stderr
    assert int(checked) >= 2, result.stdout + result.stderr  # a run that checked nothing fails
    assert result.returncode == 0, result.stdout + result.stderr
