"""The `interviewer` command. Without a subcommand it opens the TUI.

Subcommands live in their own modules and are registered in `COMMANDS`; they import
their heavy dependencies lazily so `interviewer --help` and start-up stay fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from interviewer.cli.common import UserError, db_option, encrypted_option, open_store


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
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


def _register() -> None:
    from interviewer.cli import check

    cli.add_command(check.check)
    for module_name in ("tui", "demo", "export", "xlsform", "purge"):
        try:
            module = __import__(f"interviewer.cli.{module_name}", fromlist=["COMMANDS"])
        except ModuleNotFoundError as exc:
            if exc.name != f"interviewer.cli.{module_name}":
                raise
            continue
        for command in getattr(module, "COMMANDS", []):
            cli.add_command(command)


_register()


def main() -> None:
    """Console entry point: user errors become one Dutch line and exit code 1."""
    try:
        cli.main(standalone_mode=False)
    except UserError as exc:
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
