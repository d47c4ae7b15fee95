"""The README's XLSForm section, generated from the importer's own tables so it cannot drift."""

from __future__ import annotations

from interviewer.core.xlsform.context import WHY_COLUMN
from interviewer.core.xlsform.types import SUPPORTED, WHY_SKIPPED

BEGIN = "<!-- xlsform:begin (gegenereerd door interviewer.core.xlsform.summary; test_xlsform controleert) -->"
END = "<!-- xlsform:end -->"

REFUSED = [
    "het bestand is geen leesbaar .xlsx-, .xlsm- of .xls-bestand, of een kolom staat twee keer in de kopregel",
    "het werkblad survey ontbreekt of heeft geen rijen onder de kopregel",
    "een voorwaarde (relevant) hangt af van een overgeslagen rij, bijvoorbeeld een calculate: "
    "zonder die rij verandert de betekenis",
    "een voorwaarde verwijst naar een vraag die niet eerder in survey staat",
    "de rol van de respondent ontbreekt (geen --rol, geen source in settings) of is onbekend",
    "er blijft geen enkele vraag over",
    "onze eigen kolommen zijn onleesbaar (indicator, aspect, polarity, score_polarity, scale_labels, "
    "zrm buiten 1-5), of de controle van de vragenlijst (zoals `scripts/run check`) vindt een fout",
]
SKIPPED_ROWS = [
    *WHY_SKIPPED.values(),
    "een vraag waarvan de voorwaarde niet om te zetten is (tekst vergelijken met iets anders dan een "
    "optiecode, `>` of `<` bij een decimaal getal, twee vragen met elkaar, andere functies)",
    "een keuzevraag met een onbekende lijst of met minder dan twee opties",
    "een vraag zonder name, of zonder label en hint; een alleen-lezen vraag (read_only); een notitie "
    "met een voorwaarde",
    "een optie zonder list_name of name, of een dubbele optie",
]
NOT_TAKEN = [
    *(f"{column}: {why}" for column, why in WHY_COLUMN.items()),
    "constraint die niet om te zetten is (een grens die naar een andere vraag verwijst, regex op een "
    "andere vraag, not(selected(...))): "
    "de vraag blijft, zonder die controle",
    "required als voorwaarde: behandeld als niet verplicht",
    "een berekende default (met ${...} of een functie)",
    "teksten in andere talen dan de gekozen taal (één melding per formulier)",
    "elke andere gevulde kolom",
]


def readme_section() -> str:
    lines = [
        BEGIN,
        "### XLSForm",
        "",
        "`scripts/run import-xlsform BESTAND [--rol ROL]` leest een XLSForm (.xlsx, .xlsm of .xls) met",
        "de lezer van pyxform, de referentie-implementatie van XLSForm: aliassen (`relevance`,",
        "`bind::relevant`, `caption`, oude typenamen als `select one from`, `string`, `int`) en",
        "taalkolommen (`label::English (en)`, `label:English`) werken zoals in ODK. Teksten komen uit",
        "de Nederlandse kolommen; zonder die uit de standaardtaal van het formulier (dat wordt één",
        "keer gemeld). Zonder rol in settings vraagt de opdracht erom, of geef `--rol` mee.",
        "",
        "Wat niet past, wordt per rij overgeslagen met één melding (blad, rij, kolom, waarom);",
        "een kolom die niet wordt overgenomen, wordt één keer gemeld met alle rijen.",
        "",
        "Ondersteund:",
        "",
        "| XLSForm | wordt |",
        "| --- | --- |",
        *(f"| `{kind}` | {becomes} |" for kind, becomes in SUPPORTED.items()),
        "| `relevant` | routering: `=`, `!=`, `selected()`, `''` (wel/niet beantwoord), `>`/`>=`/`<`/`<=` "
        "op optiecodes, getallen en `date('...')` (grenzen min/max), `count-selected()`/`string-length()` "
        "`> 0` of `= 0` (wel/niet beantwoord), `../naam` als `${naam}`, met and, or, not() |",
        "| `constraint` | grenzen (`. >= 0 and . <= 10`, `date('...')`, `today()`, `string-length(.)`) "
        "en `regex(., '...')` bij tekst (`pattern`) |",
        "| `required`, `hint`, `guidance_hint`, `constraint_message` | overgenomen |",
        "| `default` | als toelichting (\"Standaardantwoord in het formulier: ...\") |",
        "",
        "Overgeslagen (de rij, met een melding):",
        "",
        *(f"- {why}" for why in SKIPPED_ROWS),
        "",
        "Niet overgenomen (de cel, met een melding per kolom):",
        "",
        *(f"- {why}" for why in NOT_TAKEN),
        "",
        "Geweigerd (er wordt niets geschreven):",
        "",
        *(f"- {why}" for why in REFUSED),
        "",
        "`scripts/run export-xlsform` schrijft de weg terug; elke export is een geldige XLSForm voor",
        "pyxform (getest).",
        END,
    ]
    return "\n".join(lines)
