"""`interviewer bundle` and `interviewer merge`: one study, many laptops."""

from __future__ import annotations

from pathlib import Path

import click

from interviewer.cli.common import UserError, db_option, resolve_db, resolve_passphrase
from interviewer.core.store import Store, StoreError


@click.command("bundle")
@db_option
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), default=None,
              help="Bestand of map voor de bundel (standaard: de huidige map, met een naam die de laptop noemt).")
def bundle(db: Path | None, output: Path | None) -> None:
    """Schrijf een bundel: al het werk dat deze database kent, voor een andere laptop.

    Versleuteld met de wachtzin van de database als die versleuteld is; alleen leesbaar voor jou.
    """
    from interviewer.core.exchange.bundle import BundleError, write_bundle

    store, passphrase = _open(db)
    try:
        path, manifest = write_bundle(store, output or Path.cwd(), passphrase=passphrase)
    except BundleError as exc:
        raise UserError(str(exc)) from None
    finally:
        store.close()
    click.echo(f"bundel geschreven: {path}")
    click.echo(f"  laptop {manifest.label} ({manifest.replica[:8]}), eigen regels {manifest.rseq_from}"
               f"-{manifest.rseq_to}, {manifest.entries} regels in totaal, keten eindigt op {manifest.head[:12]}")
    click.echo(f"  schemaversie {manifest.schema_version}, sha256 {manifest.sha256}")


@click.command("merge")
@db_option
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def merge(db: Path | None, files: tuple[Path, ...]) -> None:
    """Voeg bundels van andere laptops samen met deze database.

    Elke bundel helemaal of niet; twee keer dezelfde bundel verandert niets. Een beschadigde,
    afgekapte of gewijzigde bundel wordt geweigerd en de database blijft zoals hij was.
    """
    from interviewer.core.exchange.merge import MergeError, merge_bundle
    from interviewer.core.exchange.replicas import labels

    store, passphrase = _open(db)
    refused = []
    try:
        for path in files:
            try:
                report = merge_bundle(store, path, passphrase=passphrase)
            except MergeError as exc:
                refused.append(str(exc))
                click.echo(f"geweigerd: {exc}", err=True)
                continue
            for line in report.lines(labels(store)):
                click.echo(line)
    finally:
        store.close()
    if refused:
        rest = "de andere zijn samengevoegd" if len(refused) < len(files) else "er is niets samengevoegd"
        raise UserError(f"{len(refused)} van {len(files)} bundels geweigerd; {rest}")


def _open(db: Path | None) -> tuple[Store, str | None]:
    """The store and, when encrypted, its passphrase: bundles are encrypted with it too."""
    path = resolve_db(db)
    passphrase = resolve_passphrase(path)
    try:
        return Store.open(path, passphrase=passphrase), passphrase
    except StoreError as exc:
        raise UserError(str(exc)) from None


COMMANDS = [bundle, merge]
