"""`interviewer export rapport|bewijs|data`: the Word rapportage and its bewijsoverzicht per
gemeente, and the data files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from interviewer.cli.common import UserError, db_option, open_store
from interviewer.cli.demo import load_shipped_catalog

if TYPE_CHECKING:
    from interviewer.core.catalog import Catalog
    from interviewer.core.store import Store

STUDY_HELP = "Titel of id van het onderzoek (nodig als de database er meer dan één heeft)."


@click.group()
def export() -> None:
    """Exporteer de rapportage en het bewijsoverzicht (Word) of de gegevens (CSV/JSON)."""


@export.command()
@click.option("--gemeente", "gemeente_name", metavar="NAAM", help="Alleen deze gemeente (standaard: alle).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Map (standaard: exports/), of een .docx-bestand bij --gemeente.")
@click.option("--template", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Word-sjabloon met de huisstijl (standaard: het meegeleverde sjabloon).")
@click.option("--onderzoek", "study", metavar="TITEL", help=STUDY_HELP)
@db_option
def rapport(gemeente_name: str | None, output: Path | None, template: Path | None,
            study: str | None, db: Path | None) -> None:
    """Schrijf per gemeente een conceptrapportage in de opbouw van het Venlo-rapport, met
    daarnaast het bewijsoverzicht (het werkdocument met het bewijs)."""
    from interviewer.core.report import (
        ExportError,
        TemplateError,
        export_report_and_bewijs,
        open_template,
    )
    from interviewer.paths import exports_dir

    catalog = load_shipped_catalog()
    store = open_store(db)
    try:
        study_row = pick_study(store, study)
        gemeenten = pick_gemeenten(store, study_row["id"], gemeente_name)
        target = output if output is not None else exports_dir()
        try:
            open_template(template)  # a wrong template fails before anything is written
            if gemeente_name and target.suffix.lower() == ".docx":
                paths = export_report_and_bewijs(store, catalog, gemeenten[0]["id"], target,
                                                 template=template)
            else:
                paths = _export_with_progress(store, catalog, gemeenten, target, template)
        except (TemplateError, ExportError) as exc:
            raise UserError(str(exc)) from None
    finally:
        store.close()
    for path in paths:
        click.echo(str(path))


def _export_with_progress(store: Store, catalog: Catalog, gemeenten: list[dict[str, Any]],
                          folder: Path, template: Path | None) -> list[Path]:
    """One report per gemeente, with a progress bar on stderr so stdout lists only the files."""
    from interviewer.core.report import export_report_and_bewijs

    paths = []
    with click.progressbar(gemeenten, label="Rapportages", file=sys.stderr, show_pos=True,
                           item_show_func=lambda g: g["name"] if g else None) as bar:
        for gemeente in bar:
            paths += export_report_and_bewijs(store, catalog, gemeente["id"], folder, template=template)
    return paths


@export.command()
@click.option("--gemeente", "gemeente_name", metavar="NAAM", help="Alleen deze gemeente (standaard: alle).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Map (standaard: exports/), of een .docx-bestand bij --gemeente.")
@click.option("--onderzoek", "study", metavar="TITEL", help=STUDY_HELP)
@db_option
def bewijs(gemeente_name: str | None, output: Path | None, study: str | None, db: Path | None) -> None:
    """Schrijf per gemeente alleen het bewijsoverzicht: per indicator en aspect het oordeel per
    casus en het bewijs, als werkdocument naast de rapportage."""
    from interviewer.core.report import ExportError, export_bewijs
    from interviewer.paths import exports_dir

    catalog = load_shipped_catalog()
    store = open_store(db)
    try:
        study_row = pick_study(store, study)
        gemeenten = pick_gemeenten(store, study_row["id"], gemeente_name)
        target = output if output is not None else exports_dir()
        if target.suffix.lower() == ".docx" and len(gemeenten) > 1:
            raise UserError("een .docx-bestand kan alleen bij --gemeente; geef anders een map op")
        try:
            paths = [export_bewijs(store, catalog, g["id"], target) for g in gemeenten]
        except ExportError as exc:
            raise UserError(str(exc)) from None
    finally:
        store.close()
    for path in paths:
        click.echo(str(path))


@export.command()
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Map voor answers/judgements/findings .csv en .json (standaard: exports/).")
@click.option("--onderzoek", "study", metavar="TITEL", help="Alleen dit onderzoek (standaard: alle).")
@db_option
def data(output: Path | None, study: str | None, db: Path | None) -> None:
    """Schrijf antwoorden, oordelen en bevindingen als CSV en JSON."""
    from interviewer.core.export_data import DataExportError, export_data
    from interviewer.paths import exports_dir

    catalog = load_shipped_catalog()
    store = open_store(db)
    try:
        study_id = pick_study(store, study)["id"] if study else None
        try:
            paths = export_data(store, catalog, output or exports_dir(), study_id)
        except DataExportError as exc:
            raise UserError(str(exc)) from None
    finally:
        store.close()
    for path in paths:
        click.echo(str(path))


def pick_study(store: Store, wanted: str | None) -> dict[str, Any]:
    """The study named by title or id; without a name, the only study there is."""
    studies = store.studies()
    if not studies:
        raise UserError("de database bevat nog geen onderzoek; laad een voorbeeld met 'interviewer demo'")
    if wanted:
        match = [s for s in studies if s["id"] == wanted or s["title"].casefold() == wanted.casefold()]
        if not match:
            raise UserError(f"onderzoek '{wanted}' niet gevonden; kies uit: {_titles(studies)}")
        return match[0]
    if len(studies) > 1:
        raise UserError(f"de database bevat {len(studies)} onderzoeken; kies er een met --onderzoek: "
                        f"{_titles(studies)}")
    return studies[0]


def pick_gemeenten(store: Store, study_id: str, wanted: str | None) -> list[dict[str, Any]]:
    gemeenten = store.gemeenten(study_id)
    if not gemeenten:
        raise UserError("dit onderzoek heeft nog geen gemeenten")
    if wanted is None:
        return gemeenten
    match = [g for g in gemeenten if g["name"].casefold() == wanted.casefold()]
    if not match:
        names = ", ".join(g["name"] for g in gemeenten)
        raise UserError(f"gemeente '{wanted}' hoort niet bij dit onderzoek; kies uit: {names}")
    return match


def _titles(studies: list[dict[str, Any]]) -> str:
    return "; ".join(f"'{s['title']}'" for s in studies)


COMMANDS = [export]
