"""`interviewer activiteit` and `interviewer inspecties`: what the report states about the study.

Study activities (documentenanalyse, reflectiebijeenkomst) appear in Bijlage 2; the study's
inspectorates on the title page and in the Inleiding's footnote.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from interviewer.cli.common import UserError, db_option, open_store
from interviewer.cli.export import STUDY_HELP, pick_gemeenten, pick_study


@click.group()
def activiteit() -> None:
    """Leg onderzoeksactiviteiten vast (documentenanalyse, reflectiebijeenkomst) voor bijlage 2."""


@activiteit.command("toevoegen")
@click.option("--soort", required=True, type=click.Choice(["documentenanalyse", "reflectiebijeenkomst", "overig"]),
              help="Soort activiteit.")
@click.option("--datum", metavar="JJJJ-MM-DD", default=None, help="Datum van de activiteit.")
@click.option("--omschrijving", default="", help="Wat is bestudeerd, of wie waren aanwezig.")
@click.option("--gemeente", "gemeente_name", metavar="NAAM", default=None,
              help="Alleen voor deze gemeente (standaard: het hele onderzoek).")
@click.option("--onderzoek", "study", metavar="TITEL", help=STUDY_HELP)
@db_option
def toevoegen(soort: str, datum: str | None, omschrijving: str, gemeente_name: str | None,
              study: str | None, db: Path | None) -> None:
    """Voeg een activiteit toe; bijlage 2 van de rapportage noemt haar."""
    from interviewer.core.study_info import StudyInfoError, add_activity

    on = _date(datum)
    store = open_store(db)
    try:
        study_row = pick_study(store, study)
        gemeente_id = pick_gemeenten(store, study_row["id"], gemeente_name)[0]["id"] if gemeente_name else None
        try:
            activity_id = add_activity(store, study_row["id"], soort, on=on, description=omschrijving,
                                       gemeente_id=gemeente_id)
        except StudyInfoError as exc:
            raise UserError(str(exc)) from None
    finally:
        store.close()
    click.echo(activity_id)


@activiteit.command("lijst")
@click.option("--onderzoek", "study", metavar="TITEL", help=STUDY_HELP)
@db_option
def lijst(study: str | None, db: Path | None) -> None:
    """Toon de vastgelegde activiteiten van het onderzoek."""
    from interviewer.core.study_info import activities

    store = open_store(db)
    try:
        study_row = pick_study(store, study)
        names = {g["id"]: g["name"] for g in store.gemeenten(study_row["id"])}
        found = activities(store, study_row["id"])
    finally:
        store.close()
    if not found:
        click.echo("Nog geen activiteiten vastgelegd.")
    for item in found:
        where = names.get(item.gemeente_id or "", "hele onderzoek")
        when = item.on.isoformat() if item.on else "zonder datum"
        click.echo(f"{item.id}  {item.kind_label}  {when}  {where}  {item.description}")


@activiteit.command("verwijderen")
@click.argument("activity_id", metavar="ID")
@db_option
def verwijderen(activity_id: str, db: Path | None) -> None:
    """Verwijder een activiteit (het id staat in 'activiteit lijst')."""
    from interviewer.core.study_info import delete_activity

    store = open_store(db)
    try:
        if not delete_activity(store, activity_id):
            raise UserError(f"activiteit '{activity_id}' niet gevonden; zie 'interviewer activiteit lijst'")
    finally:
        store.close()
    click.echo("verwijderd")


@click.command()
@click.argument("namen", nargs=-1, metavar="[NAAM]...")
@click.option("--standaard", is_flag=True, help="Terug naar de huidige namen van de inspecties.")
@click.option("--onderzoek", "study", metavar="TITEL", help=STUDY_HELP)
@db_option
def inspecties(namen: tuple[str, ...], standaard: bool, study: str | None, db: Path | None) -> None:
    """Toon of zet de inspecties van het onderzoek (titelpagina en voetnoot van de inleiding).

    Bijvoorbeeld voor een onderzoek uit 2019: interviewer inspecties "Inspectie Gezondheidszorg en
    Jeugd" "Inspectie van het Onderwijs" "Inspectie Justitie en Veiligheid" "Inspectie Sociale
    Zaken en Werkgelegenheid"
    """
    from interviewer.core.study_info import inspecties as current
    from interviewer.core.study_info import set_inspecties

    store = open_store(db)
    try:
        study_row = pick_study(store, study)
        if namen or standaard:
            names = set_inspecties(store, study_row["id"], [] if standaard else list(namen))
        else:
            names = current(study_row)
    finally:
        store.close()
    for name in names:
        click.echo(name)


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"datum '{text}' is geen geldige datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2019-05-20") from None


COMMANDS = [activiteit, inspecties]
