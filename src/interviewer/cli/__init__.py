"""The `interviewer` command. Without a subcommand it opens the TUI.

Subcommands live in their own modules, listed in `SUBCOMMANDS` and imported only when
used, so opening the app does not pay for every subcommand's imports.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from interviewer.cli.common import UserError, db_option, encrypted_option, open_store
from interviewer.core.store import StoreError

SUBCOMMANDS = {
    "bundle": "exchange",
    "merge": "exchange",
    "activiteit": "activiteit",
    "check": "check",
    "demo": "demo",
    "export": "export",
    "import-xlsform": "xlsform",
    "inspecties": "activiteit",
    "export-xlsform": "xlsform",
    "purge": "purge",
}
"""Command name -> module in interviewer.cli that defines it in `COMMANDS`."""


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when it is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = SUBCOMMANDS.get(cmd_name)
        if module_name is None:
            return None
        module = importlib.import_module(f"interviewer.cli.{module_name}")
        commands = {command.name: command for command in module.COMMANDS}
        return commands.get(cmd_name)


@click.group(cls=LazyGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@encrypted_option
@click.version_option(package_name="interviewer", message="interviewer %(version)s")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, encrypted: bool) -> None:
    """Interviewassistent voor Toezicht Sociaal Domein. Zonder opdracht opent de app."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    ctx.obj["encrypted"] = encrypted
    if ctx.invoked_subcommand is None:
        from interviewer.cli.tui import open_tui

        open_tui(db)


def main() -> None:
    """Console entry point: user errors become one Dutch line and exit code 1."""
    try:
        cli.main(standalone_mode=False)
    except UserError as exc:
        click.echo(f"fout: {exc}", err=True)
        sys.exit(1)
    except StoreError as exc:  # e.g. a damaged row met halfway through an export
        click.echo(f"fout: {exc}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("afgebroken", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)


__all__ = ["cli", "main", "open_store", "UserError"]
