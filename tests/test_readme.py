"""Every command the README shows works as written after the first `scripts/run`.

`interviewer` is only on PATH inside the activated virtual environment, so the README writes
commands as `scripts/run SUBCOMMAND ...`; this checks that each names a real subcommand and
that no bare `interviewer SUBCOMMAND` is left. The XLSForm block is generated elsewhere
(test_xlsform checks it) and not counted here.
"""

from __future__ import annotations

import re
from pathlib import Path

from interviewer.cli import SUBCOMMANDS

README = Path(__file__).resolve().parents[1] / "README.md"


def _readme_outside_generated_blocks() -> str:
    text = README.read_text(encoding="utf-8")
    return re.sub(r"<!-- xlsform:begin.*?<!-- xlsform:end -->", "", text, flags=re.S)


def _commands(text: str) -> list[str]:
    """Commands in backticks and in code blocks that start with scripts/run or interviewer."""
    spans = re.findall(r"`([^`\n]+)`", text)
    blocks = "\n".join(re.findall(r"```\n(.*?)```", text, flags=re.S)).splitlines()
    lines = [re.sub(r"^[A-Z_]+=\S+ ", "", line.strip()) for line in [*spans, *blocks]]
    return [line for line in lines if re.match(r"(scripts/run|interviewer)( |$)", line)]


def test_every_readme_command_uses_scripts_run_and_a_real_subcommand() -> None:
    commands = _commands(_readme_outside_generated_blocks())
    bare = [c for c in commands if c.startswith("interviewer ")]  # the name alone is no command
    assert bare == [], f"schrijf 'scripts/run ...' (interviewer staat niet op PATH): {bare}"
    unknown = []
    for command in commands:
        words = command.split("#")[0].split()[1:]
        # Skip global options (--db PATH, --versleuteld) to reach the subcommand.
        while words and words[0].startswith("-"):
            words = words[2:] if words[0] == "--db" else words[1:]
        if words and words[0] not in SUBCOMMANDS:
            unknown.append(command)
    assert unknown == []
    assert len(commands) >= 10  # the command table is there and was read
