"""The intake's domain rules and its sequence of steps, each asked as a Question so the chat
can reuse the answer editors. The intake screen renders; this decides and stores.

Order: gemeente, rol (which picks the vragenlijst), casus (only for sets on casus level),
organisatie (from the gemeente's known list, or a new one with its role; not for clients
and jongeren), respondentcode, toestemming. Nothing is written before the consent answer:
a refusal stores only the refusal (`Store.record_refusal`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interviewer.core.catalog import Catalog
from interviewer.core.models import Option, Question, QuestionSet, QuestionType
from interviewer.core.store import Store

NEW = "nieuw"
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,15}$")
CODE_HELP = ("Gebruik een code, geen naam: letters, cijfers en streepjes, 2 tot 16 tekens "
             "met minstens één cijfer, bijvoorbeeld G03-D07-R4A.")

ORGANISATION_ROLES: dict[str, str] = {
    "regisseur": "Regisseur (wijkteam, buurtteam of toegang)",
    "partner": "Netwerkpartner (zorgaanbieder, school, politie, ...)",
    "veilig_thuis": "Veilig Thuis",
    "gemeente": "Gemeente",
}
"""Roles of an organisation; only regisseur teams are judged under indicator 11."""
REGISSEUR = "regisseur"

NO_ORGANISATION = frozenset({"geen", "nvt", "n.v.t.", "niet van toepassing", "-", "onbekend", "nee"})
"""What an inspector types for 'no organisation'; never stored as one."""

WITHOUT_ORGANISATION = frozenset({"client", "jeugdige"})
"""Sources whose respondents are people, not employees: the intake asks no organisation."""

DEFAULT_ROLE = {"casusregisseur": REGISSEUR, "supervisor": REGISSEUR, "dossier": REGISSEUR,
                "netwerkpartner": "partner", "veilig_thuis": "veilig_thuis", "gemeente": "gemeente"}
"""The role a new organisation most likely has, by the vragenlijst's source."""

CONSENT_YES = "ja"


def normalise_code(text: str) -> tuple[str, str | None]:
    """A respondent or casus code in capitals, and a Dutch error when it could be a name.

    Lower case is accepted and normalised (g01-d01-r1a -> G01-D01-R1A): codes are typed fast
    during an interview, and two spellings of one code must not become two respondents.
    """
    code = text.strip().upper()
    if CODE_RE.fullmatch(code) and any(c.isdigit() for c in code):
        return code, None
    return code, f"'{text.strip()}' is geen geldige code. {CODE_HELP}"


def check_code(text: str) -> str | None:
    """Dutch error for a respondent or casus code that could be a name, else None."""
    return normalise_code(text)[1]


def consent_given(raw: str) -> bool:
    """Only an explicit 'ja' is consent; anything else records a refusal."""
    return raw.strip().lower() == CONSENT_YES


def is_no_organisation(name: str | None) -> bool:
    """Whether `name` means 'no organisation' (empty, 'geen', 'n.v.t.', ...)."""
    return name is None or name.strip().lower() in NO_ORGANISATION


def check_organisation_name(name: str) -> str | None:
    """Dutch error for a new organisation's name, else None."""
    if is_no_organisation(name):
        return (f"'{name.strip()}' is geen organisatie. Kies een organisatie uit de lijst of typ de naam "
                "van de organisatie waar de respondent werkt.")
    if len(name.strip()) > 80:
        return "Die naam is te lang; gebruik hoogstens 80 tekens."
    return None


def asks_organisation(qs: QuestionSet | None) -> bool:
    return qs is None or qs.source not in WITHOUT_ORGANISATION


def regisseur_organisations(store: Store, gemeente_id: str) -> list[str] | None:
    """Names of the gemeente's regisseur organisations; None when the gemeente has no known list yet."""
    known = store.organisations(gemeente_id)
    if not known:
        return None
    return [str(o["name"]) for o in known if o["role"] == REGISSEUR]


def organisation_choices(store: Store, catalog: Catalog, gemeente_id: str) -> dict[str, str]:
    """Name -> role of the organisations the intake offers: the gemeente's known list, plus the
    organisations typed in its interviews before the list existed (role from the vragenlijst),
    so an older study needs no retyping. 'geen' and the like are never offered."""
    choices = {str(o["name"]): str(o["role"]) for o in store.organisations(gemeente_id)}
    sources = {qs.id: qs.source for qs in catalog.questionsets.values()}
    rows = store.conn.execute(
        "SELECT organisation, questionset_id FROM interview WHERE gemeente_id = ? AND status != 'geweigerd' "
        "AND organisation IS NOT NULL AND organisation != '' ORDER BY started_at", [gemeente_id])
    for name, qs_id in rows:
        if not is_no_organisation(name) and name not in choices:
            choices[name] = DEFAULT_ROLE.get(sources.get(qs_id, ""), "partner")
    return dict(sorted(choices.items(), key=lambda item: item[0].casefold()))


@dataclass
class Step:
    key: str
    question: Question
    preface: list[tuple[str, str]] = field(default_factory=list)
    """(title, text) the assistant shows before the question: the intro and consent script."""
    single_line: bool = True


@dataclass
class IntakeFlow:
    """The answers so far and which step comes next."""

    store: Store
    catalog: Catalog
    study_id: str
    values: dict[str, str] = field(default_factory=dict)
    done: list[str] = field(default_factory=list)
    """Keys of answered steps, for going back one step."""
    interview_id: str | None = None
    refused: bool = False

    @property
    def questionset(self) -> QuestionSet | None:
        qs_id = self.values.get("rol")
        return self.catalog.questionsets.get(qs_id) if qs_id else None

    def step(self) -> Step | None:
        """The next unanswered step, or None when the intake is over."""
        for key in self._keys():
            if key not in self.values:
                return STEPS[key](self)
        return None

    def _keys(self) -> list[str]:
        keys = ["gemeente"]
        if self.values.get("gemeente") == NEW:
            keys.append("gemeente_naam")
        keys.append("rol")
        qs = self.questionset
        if qs is None or qs.level == "casus":
            keys.append("casus")
            if self.values.get("casus") == NEW:
                keys.append("casus_code")
        if asks_organisation(qs):
            keys.append("organisatie")
            if self.values.get("organisatie") == NEW:
                keys += ["organisatie_naam", "organisatie_rol"]
        return [*keys, "respondent", "toestemming"]

    def answer(self, key: str, raw: str) -> str | None:
        """Record an answer to step `key`; a Dutch error when it is refused."""
        raw = raw.strip()
        if not raw:
            return "Geef een antwoord."
        if key in ("respondent", "casus_code"):
            raw, error = normalise_code(raw)
            if error:
                return error
        if key == "organisatie_naam" and (error := check_organisation_name(raw)):
            return error
        self.values[key] = raw
        self.done.append(key)
        if key == "toestemming":
            self._finish(consent_given(raw))
        return None

    def back(self) -> bool:
        if not self.done:
            return False
        self.values.pop(self.done.pop())
        return True

    def _finish(self, consent: bool) -> None:
        qs = self.questionset
        assert qs is not None
        gemeente_id = self._gemeente_id()
        if not consent:
            self.refused = True
            self.store.record_refusal(study_id=self.study_id, gemeente_id=gemeente_id,
                                      role=qs.role, questionset_id=qs.id,
                                      questionset_version=qs.version)
            return
        self.interview_id = self.store.create_interview(
            study_id=self.study_id, gemeente_id=gemeente_id, casus_id=self._casus_id(gemeente_id),
            role=qs.role, questionset_id=qs.id, questionset_version=qs.version,
            organisation=self._organisation(gemeente_id), respondent_code=self.values["respondent"],
            consent_text=f"{qs.intro}\n\n{qs.consent}")

    def _gemeente_id(self) -> str:
        if self.values["gemeente"] == NEW:
            return self.store.add_gemeente(self.study_id, self.values["gemeente_naam"])
        return self.values["gemeente"]

    def _casus_id(self, gemeente_id: str) -> str | None:
        casus = self.values.get("casus")
        if casus is None:
            return None
        return self.store.add_casus(gemeente_id, self.values["casus_code"]) if casus == NEW else casus

    def _organisation(self, gemeente_id: str) -> str:
        chosen = self.values.get("organisatie")
        if chosen is None:
            return ""
        # Organisations typed before the gemeente had a list join it now, all at once, with the
        # roles they were offered with: once a list exists, only its regisseurs count for 11.
        for name, role in organisation_choices(self.store, self.catalog, gemeente_id).items():
            self.store.add_organisation(gemeente_id, name, role)
        if chosen == NEW:
            name = self.values["organisatie_naam"]
            self.store.add_organisation(gemeente_id, name, self.values["organisatie_rol"])
            return name
        return chosen


def _keuze(qid: str, text: str, options: list[tuple[str, str]], hint: str | None = None) -> Question:
    # Constructed without validation: an intake pick may have a single option (a study
    # with no casussen yet offers only "Nieuwe casus"), which a vragenlijst may not.
    return Question.model_construct(
        id=qid, type=QuestionType.KEUZE, text=text, hint=hint, guidance=None, doorvragen=[],
        required=True, options=[Option.model_construct(code=c, label=label, polarity="0") for c, label in options],
        scale_labels={})


def _open(qid: str, text: str, hint: str | None = None) -> Question:
    return Question(id=qid, type="open", text=text, hint=hint)


def _gemeente(flow: IntakeFlow) -> Step:
    options = [(g["id"], g["name"]) for g in flow.store.gemeenten(flow.study_id)]
    return Step("gemeente", _keuze("gemeente", "In welke gemeente is dit gesprek?",
                                   [*options, (NEW, "Nieuwe gemeente toevoegen")]))


def _rol(flow: IntakeFlow) -> Step:
    sets = sorted(flow.catalog.questionsets.values(), key=lambda qs: qs.role_label)
    options = [(qs.id, qs.role_label) for qs in sets]
    return Step("rol", _keuze("rol", "Met wie is het gesprek? De rol bepaalt de vragenlijst.",
                              options))


def _casus(flow: IntakeFlow) -> Step:
    gemeente = flow.values["gemeente"]
    known = [] if gemeente == NEW else flow.store.casussen(gemeente)
    options = [(c["id"], c["code"]) for c in known]
    return Step("casus", _keuze("casus", "Over welke casus (dossier) gaat het gesprek?",
                                [*options, (NEW, "Nieuwe casus toevoegen")]))


def _casus_code(flow: IntakeFlow) -> Step:
    return Step("casus_code", _open("casus_code", "Wat is de pseudonieme code van de casus?",
                                    "Bijvoorbeeld G03-D07. Geen dossiernummer of naam."))


def _organisatie(flow: IntakeFlow) -> Step:
    gemeente = flow.values["gemeente"]
    known = {} if gemeente == NEW else organisation_choices(flow.store, flow.catalog, gemeente)
    options = [(name, f"{name} ({ORGANISATION_ROLES.get(role, role).split(' (')[0]})") for name, role in known.items()]
    text = ("Bij welke organisatie is dit dossier?" if flow.questionset and flow.questionset.source == "dossier"
            else "Bij welke organisatie werkt de respondent?")
    return Step("organisatie", _keuze("organisatie", text, [*options, (NEW, "Nieuwe organisatie toevoegen")],
                                      hint="De organisaties van deze gemeente; een nieuwe komt in de lijst."))


def _organisatie_naam(flow: IntakeFlow) -> Step:
    return Step("organisatie_naam", _open("organisatie_naam", "Hoe heet de organisatie?",
                                          "Bijvoorbeeld Wijkteam Plus of Veilig Thuis Limburg-Noord."))


def _organisatie_rol(flow: IntakeFlow) -> Step:
    qs = flow.questionset
    default = DEFAULT_ROLE.get(qs.source, "partner") if qs else "partner"
    options = sorted(ORGANISATION_ROLES.items(), key=lambda item: item[0] != default)
    return Step("organisatie_rol", _keuze(
        "organisatie_rol", "Welke rol heeft deze organisatie in het lokale netwerk?", options,
        hint="Alleen regisseurs (wijkteam, buurtteam) worden per organisatie beoordeeld (indicator 11)."))


def _respondent(flow: IntakeFlow) -> Step:
    return Step("respondent", _open("respondent", "Wat is de respondentcode?", CODE_HELP))


def _toestemming(flow: IntakeFlow) -> Step:
    qs = flow.questionset
    assert qs is not None
    question = _keuze("toestemming", "Heeft de respondent toestemming gegeven?",
                      [(CONSENT_YES, "Ja, toestemming gegeven: start het interview"),
                       ("nee", "Nee, geen toestemming: alleen de weigering vastleggen")],
                      hint="Lees eerst de introductie en het toestemmingsscript hierboven voor.")
    return Step("toestemming", question, preface=[("Introductie (voorlezen)", qs.intro),
                                                  ("Toestemming (voorlezen)", qs.consent)])


STEPS = {"gemeente": _gemeente, "gemeente_naam": lambda f: Step(
    "gemeente_naam", _open("gemeente_naam", "Hoe heet de nieuwe gemeente?")),
    "rol": _rol, "casus": _casus, "casus_code": _casus_code, "organisatie": _organisatie,
    "organisatie_naam": _organisatie_naam, "organisatie_rol": _organisatie_rol,
    "respondent": _respondent, "toestemming": _toestemming}
