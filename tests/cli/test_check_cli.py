"""`interviewer check`: exit codes and located Dutch messages, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "interviewer", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )


def test_shipped_vragenlijsten_pass() -> None:
    result = run("check", "vragenlijsten/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "in orde" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "bestand is leeg"),
        (b"\x00\x01\x02", "binair bestand"),
        (b"- a\n", "gevonden een lijst"),
        ("kind: vragenlijst\ntitle: cliënt\n".encode("cp1252"), "geen UTF-8"),
        (b"kind: vragenlijst\nid: [\n", "YAML-syntaxfout"),
    ],
)
def test_broken_file_exits_1_with_located_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_bytes(content)
    result = run("check", str(path))
    assert result.returncode == 1
    assert message in result.stdout
    assert f"{path}:" in result.stdout or f"{path}" in result.stdout
    assert "Traceback" not in result.stderr


def test_missing_path_and_directory(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "bestaat-niet"), str(tmp_path))
    assert result.returncode == 1
    assert "bestaat niet" in result.stdout and "geen .yaml-bestanden" in result.stdout
    assert "Traceback" not in result.stderr


def test_help_for_every_command() -> None:
    import click
    from click.testing import CliRunner

    from interviewer.cli import cli

    runner = CliRunner()
    overview = runner.invoke(cli, ["--help"])
    assert overview.exit_code == 0
    names = cli.list_commands(click.Context(cli))
    assert {"check", "demo", "export", "import-xlsform", "export-xlsform", "purge"} <= set(names)
    for name in names:
        assert name in overview.output
        assert cli.get_command(click.Context(cli), name) is not None, name
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert result.output.strip(), name
