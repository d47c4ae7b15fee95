"""`interviewer purge`: delete raw interview data past the retention date (PR-9)."""

from __future__ import annotations

from pathlib import Path

import click

from interviewer.cli.common import UserError, db_option, open_store


@click.command("purge")
@db_option
@click.option("--dry-run", is_flag=True, help="Toon wat verwijderd zou worden; verwijder niets.")
@click.option("--set-retention", "retention", nargs=2, metavar="ONDERZOEK DATUM",
              help="Stel de bewaartermijn van een onderzoek in (id, begin van het id of titel; "
                   "datum JJJJ-MM-DD) en verwijder verder niets.")
@click.option("--peildatum", metavar="DATUM",
              help="Alleen met --dry-run: toon wat er op die datum (JJJJ-MM-DD) verwijderd zou worden.")
@click.option("--log", "show_log", is_flag=True, help="Toon het verwijderlogboek (alleen aantallen).")
def purge(db: Path | None, dry_run: bool, retention: tuple[str, str] | None,
          peildatum: str | None, show_log: bool) -> None:
    """Verwijder antwoorden, opmerkingen, journaal en respondentcodes van onderzoeken
    waarvan de bewaartermijn verstreken is. Oordelen en bevindingen blijven bewaard.

    Elke verwijdering komt in het verwijderlogboek: wat, wanneer en hoeveel, nooit de inhoud.
    """
    from interviewer.core import purge as core
    from interviewer.core.store import StoreError

    if peildatum and not dry_run:
        raise UserError("--peildatum kan alleen samen met --dry-run")
    # A dry run or a look at the log changes nothing: not even an empty file into a database.
    store = open_store(db, read_only=(dry_run or show_log) and not retention)
    try:
        if retention:
            study = core.set_retention(store, retention[0], core.parse_date(retention[1]))
            click.echo(f"bewaartermijn van '{study['title']}' is nu {study['retention_until']}")
            return
        if show_log:
            _print_log(core.deletion_log(store))
            return
        today = core.parse_date(peildatum) if peildatum else None
        report = core.purge(store, today, dry_run=dry_run)
        for line in report.lines():
            click.echo(line)
        if report.unfinished:
            raise UserError("het wissen is niet af; zie hierboven")
    except (core.PurgeError, StoreError) as exc:
        raise UserError(str(exc)) from None
    finally:
        store.close()


def _print_log(rows: list[dict[str, object]]) -> None:
    if not rows:
        click.echo("het verwijderlogboek is leeg")
    for row in rows:
        click.echo(f"{row['at']}  {row['actor']}  {row['study_title']} (bewaren tot {row['retention_until']}): "
                   f"{row['count']} {row['what']}")


COMMANDS = [purge]
