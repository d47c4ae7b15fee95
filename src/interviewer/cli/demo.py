"""`interviewer demo`: load the fictional demo study into the database in use."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from interviewer.cli.common import UserError, db_option, open_store

if TYPE_CHECKING:
    from interviewer.core.catalog import Catalog


def load_shipped_catalog() -> Catalog:
    """The shipped toezichtkader and vragenlijsten, or a Dutch error listing what is wrong."""
    from interviewer.core.catalog import CatalogError, load_catalog_or_raise
    from interviewer.paths import vragenlijsten_dir

    try:
        return load_catalog_or_raise([vragenlijsten_dir()])
    except CatalogError as exc:
        raise UserError(f"de vragenlijsten bevatten fouten; voer 'interviewer check' uit\n{exc}") from None


@click.command()
@db_option
@click.option("--venlo", is_flag=True,
              help="Laad in plaats daarvan de reconstructie van het Venlo-rapport (vijf casussen, elke rol).")
def demo(db: Path | None, venlo: bool) -> None:
    """Laad een fictief voorbeeldonderzoek (drie gemeenten, casussen, interviews, bevindingen)."""
    from interviewer.core.demo import find_demo, load_demo
    from interviewer.core.venlo_reconstructie import find_venlo, load_venlo

    catalog = load_shipped_catalog()
    store = open_store(db)
    find, load = (find_venlo, load_venlo) if venlo else (find_demo, load_demo)
    try:
        existed = find(store) is not None
        study_id = load(store, catalog)
        study = store.study(study_id)
        gemeenten = store.gemeenten(study_id)
        interviews = [i for i in store.interviews(study_id) if i["consent"]]
    finally:
        store.close()
    if existed:
        click.echo(f"Het demo-onderzoek '{study['title']}' staat al in de database; er is niets toegevoegd.")
        return
    names = ", ".join(g["name"] for g in gemeenten)
    click.echo(f"Demo-onderzoek geladen: '{study['title']}' ({study['region']}).")
    click.echo(f"Gemeenten: {names}; {len(interviews)} interviews en dossierstudies.")
    click.echo("Exporteer de rapportage met: interviewer export rapport")


COMMANDS = [demo]
