"""`interviewer import-xlsform` and `export-xlsform`: edit vragenlijsten in Excel."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import click

from interviewer.cli.common import UserError


def _write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """Write via a temporary file in the same folder, so a failure leaves no half file."""
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        raise UserError(f"kan {target} niet schrijven ({exc.strerror or exc})") from None
    finally:
        tmp.unlink(missing_ok=True)


def _interactive() -> bool:
    """Whether the role can be asked for (a person at a terminal, not a script)."""
    return sys.stdin.isatty()


def _ask_role(known: list[str]) -> str:
    # click.Choice would answer a typo in English; this says it in Dutch.
    while True:
        answer = str(click.prompt("Rol")).strip().lower()
        if answer in known:
            return answer
        click.echo(f"'{answer}' is geen bekende rol; kies uit: {', '.join(known)}.")


def _check_target(target: Path, force: bool) -> None:
    if target.exists() and not force:
        raise UserError(f"{target} bestaat al; gebruik --force om het te overschrijven")
    if not target.parent.is_dir():
        raise UserError(f"map {target.parent} bestaat niet")


@click.command("import-xlsform")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Doelbestand (standaard: FILE met .yaml).")
@click.option("--rol", "role", metavar="ROL", help="Rol van de respondent (bron), bijvoorbeeld client; anders uit settings of gevraagd.")
@click.option("--force", is_flag=True, help="Overschrijf een bestaand doelbestand.")
def import_xlsform_command(file: Path, output: Path | None, role: str | None, force: bool) -> None:
    """Zet een XLSForm (.xlsx, .xlsm of .xls) om in een vragenlijst (YAML).

    Wat niet in een vragenlijst past, wordt per rij overgeslagen en gemeld.
    """
    from interviewer.core.xlsform import RoleNeeded, XlsformError, import_xlsform, known_sources
    from interviewer.paths import vragenlijsten_dir

    known = known_sources()
    if role is not None and role.strip().lower() not in known:
        raise UserError(f"--rol {role}: onbekende rol; kies uit: {', '.join(known)}")
    target = output or file.with_suffix(".yaml")
    _check_target(target, force)
    try:
        try:
            result = import_xlsform(file, framework_dir=vragenlijsten_dir(), role=role)
        except RoleNeeded:
            if not _interactive():
                raise
            click.echo(f"{file.name} noemt geen rol van de respondent; kies uit: {', '.join(known)}.")
            role = _ask_role(known)
            result = import_xlsform(file, framework_dir=vragenlijsten_dir(), role=role)
    except XlsformError as exc:
        for problem in [*exc.warnings, *exc.problems]:
            click.echo(str(problem))
        count = len(exc.problems)
        noun = "probleem" if count == 1 else "problemen"
        raise UserError(f"{count} {noun} in {file.name}; er is niets geschreven") from None
    except (RecursionError, MemoryError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        # A form unlike any we tested may still trip the converter: one line, nothing written.
        raise UserError(
            f"{file.name} kon niet worden omgezet ({type(exc).__name__} in interviewer); er is niets geschreven"
        ) from None
    for warning in result.warnings:
        click.echo(str(warning))
    _write_atomically(target, lambda tmp: tmp.write_text(result.yaml_text, encoding="utf-8"))
    qs = result.questionset
    skipped = sum(1 for fate in result.fates.values() if fate == "overgeslagen")
    extra = f"; {skipped} rij(en) overgeslagen, zie hierboven" if skipped else ""
    click.echo(f"geschreven: {target} ({len(qs.questions())} vragen in {len(qs.sections)} secties{extra})")


@click.command("export-xlsform")
@click.argument("vragenlijst", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Doelbestand (standaard: VRAGENLIJST met .xlsx).")
@click.option("--force", is_flag=True, help="Overschrijf een bestaand doelbestand.")
def export_xlsform_command(vragenlijst: Path, output: Path | None, force: bool) -> None:
    """Zet een vragenlijst (YAML) om in een XLSForm (.xlsx) om in Excel te bewerken."""
    from interviewer.core.catalog import load_catalog
    from interviewer.core.xlsform import export_xlsform
    from interviewer.paths import vragenlijsten_dir

    target = output or vragenlijst.with_suffix(".xlsx")
    _check_target(target, force)
    catalog = load_catalog([vragenlijst], framework_fallback=vragenlijsten_dir())
    for problem in catalog.problems:
        click.echo(str(problem))
    if catalog.problems:
        raise UserError(f"{vragenlijst.name} bevat fouten; los die eerst op (zie interviewer check)")
    if len(catalog.questionsets) != 1:
        raise UserError(f"{vragenlijst.name} is geen vragenlijst")
    qs = next(iter(catalog.questionsets.values()))
    _write_atomically(target, lambda tmp: export_xlsform(qs, tmp))
    click.echo(f"geschreven: {target} ({len(qs.questions())} vragen)")


COMMANDS = [import_xlsform_command, export_xlsform_command]
