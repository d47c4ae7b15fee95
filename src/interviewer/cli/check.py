"""`interviewer check`: validate toezichtkader and vragenlijst files."""

from __future__ import annotations

from pathlib import Path

import click

from interviewer.cli.common import UserError
from interviewer.cli.dbcheck import USE_DEFAULT, verify_db


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--coverage", is_flag=True, help="Toon de dekking van indicatoren per rol en controleer de dekkingsregel.")
@click.option("--paths", "show_paths", is_flag=True, help="Simuleer alle routes door elke vragenlijst.")
@click.option("--db", "db", is_flag=False, flag_value=USE_DEFAULT, default=None, metavar="[BESTAND]",
              help="Controleer de database (integriteit, journaalketen, antwoorden); zonder BESTAND "
                   "de database van --db vóór 'check' of INTERVIEWER_DB.")
@click.option("--anker", "anchors", multiple=True, metavar="ANKER",
              help="Met --db: controleer ook dat het journaal dit anker (uit een eerdere controle of "
                   "export) nog bevat; ontbreekt het of wijkt het af, dan is het journaal ingekort of herschreven.")
def check(paths: tuple[Path, ...], coverage: bool, show_paths: bool, db: str | None,
          anchors: tuple[str, ...]) -> None:
    """Controleer vragenlijsten en het toezichtkader (bestanden of mappen), of met --db de database."""
    if anchors and db is None:
        raise UserError("--anker hoort bij --db")
    if db is not None:
        verify_db(db, anchors)
        if not paths:
            return
    from interviewer.core.catalog import load_catalog
    from interviewer.paths import vragenlijsten_dir

    targets = list(paths) or [vragenlijsten_dir()]
    catalog = load_catalog(targets, framework_fallback=vragenlijsten_dir())
    for problem in catalog.problems:
        click.echo(str(problem))
    failed = bool(catalog.problems)
    if not failed and coverage:
        from interviewer.core.coverage import coverage_report

        coverage_result = coverage_report(catalog)
        click.echo(coverage_result.text)
        failed = failed or not coverage_result.ok
    if not failed and show_paths:
        from interviewer.core.paths_sim import paths_report

        paths_result = paths_report(catalog)
        click.echo(paths_result.text)
        failed = failed or not paths_result.ok
    if failed:
        count = len(catalog.problems)
        raise UserError(f"{count} probleem gevonden" if count == 1 else f"{count} problemen gevonden" if count else "controle mislukt")
    n_sets, n_fw, n_rules = len(catalog.questionsets), len(catalog.frameworks), len(catalog.rules)
    click.echo(f"in orde: {n_sets} vragenlijst(en), {n_fw} toezichtkader(s), {n_rules} beslisregelbestand(en)")
COMMANDS = [check]
