"""Fictional Dutch texts for the demo study: open answers, remarks and written findings.

Everything here is invented. The texts follow the tone of the Venlo report and of notes an
inspector would type during an interview; they name no persons, no dossier numbers and no
real organisations, so the demo can be shown and exported freely.
"""

from __future__ import annotations

from typing import Final

# --------------------------------------------------------------------------- open answers

PROFESSIONAL: Final[dict[int, dict[str, list[str]]]] = {
    1: {
        "+": [
            "We kregen het onderzoeksverslag digitaal binnen en hebben daarna samen met Veilig "
            "Thuis een eerste huisbezoek gedaan. De veiligheidsvoorwaarden stonden erin.",
            "Warme overdracht aan tafel met de onderzoeker van Veilig Thuis en de moeder; het "
            "overdrachtsformulier zit in het dossier.",
        ],
        "-": [
            "De overdracht ging telefonisch. Een verslag hebben we pas weken later opgevraagd en "
            "de veiligheidsvoorwaarden ontbraken daarin.",
            "Mondeling overgedragen door Veilig Thuis; ik moest zelf uitzoeken welke hulp al "
            "betrokken was.",
        ],
    },
    2: {
        "+": [
            "Bij de start hebben we de veiligheid ingeschat met de vaste veiligheidsvragen en dat "
            "in het multidisciplinair overleg besproken. De conclusie staat in het plan.",
            "Als ik twijfel bel ik de onderzoeker van Veilig Thuis; dat is afgesproken en werkt "
            "goed. Na drie maanden belde Veilig Thuis zelf voor de monitoring.",
        ],
        "-": [
            "Een echte risicotaxatie is niet gedaan, het was meer een gevoel. Er is geen "
            "afgewogen conclusie vastgelegd.",
            "Van monitoring door Veilig Thuis heb ik niets gemerkt. Toen het gezin afhaakte heb "
            "ik niet teruggemeld.",
        ],
    },
    3: {
        "+": [
            "Het veiligheidsplan is samen met het gezin, de school en de oma gemaakt en iedereen "
            "heeft een kopie gekregen.",
        ],
        "-": [
            "Er zijn wel afspraken gemaakt, maar die staan niet in een veiligheidsplan en de "
            "school weet er niets van.",
        ],
    },
    4: {
        "+": ["De doelen zijn concreet: wie doet wat en wanneer staat in het plan, en het gezin "
              "weet dat ik de regie heb."],
        "-": ["Wie de regie heeft is niet helder; de jeugdhulpaanbieder en het wijkteam denken "
              "allebei dat de ander het doet."],
    },
    5: {
        "+": [
            "We hebben met de zelfredzaamheidsmatrix alle leefgebieden doorgelopen; de schulden "
            "bleken de grootste stressfactor en daar is als eerste hulp op gezet.",
            "De hulpvraag hebben we samen met de ouders geformuleerd, in hun eigen woorden.",
        ],
        "-": [
            "We hebben vooral naar de opvoedvragen gekeken. Financiën en huisvesting zijn niet "
            "uitgevraagd omdat de ouders daar geen hulp voor vroegen.",
        ],
    },
    6: {
        "+": ["Er is één gezinsplan waar de deelplannen van de jeugdhulp en de ggz op aansluiten."],
        "-": ["Iedere organisatie werkt met een eigen plan; de dossiers van de gezinsleden zijn "
              "niet aan elkaar gekoppeld."],
    },
    7: {
        "+": ["Met het toestemmingsformulier is vastgelegd welke informatie we met wie delen en "
              "waarom."],
        "-": ["Informatie wordt vooral mondeling gedeeld en niet vastgelegd; niet iedereen krijgt "
              "het verslag van het overleg."],
    },
    8: {
        "+": ["Toen de vader terugviel hebben we de hulp binnen een week samen met het gezin "
              "bijgesteld."],
        "-": ["De doelen zijn sinds de start niet meer bekeken, ook niet toen de situatie thuis "
              "veranderde."],
    },
    9: {
        "+": ["Elk kwartaal evalueren we met het gezin en de betrokken partners; de ouders vullen "
              "vooraf een korte vragenlijst in."],
        "-": ["Evalueren gebeurt alleen als de indicatie afloopt. Het gezin wordt daar meestal "
              "niet bij betrokken."],
    },
    10: {
        "+": ["Bij de evaluatie leggen we de risico-inschatting van nu naast die van de start."],
        "-": ["Of het veiliger is geworden, bespreken we wel, maar we vergelijken het niet met de "
              "inschatting aan het begin."],
    },
    11: {
        "+": ["Twee keer per jaar bespreken we de resultaten van de cliënttevredenheid en de "
              "knelpunten in het team, en daar volgen verbeteracties uit."],
        "-": ["We hebben geen zicht op wat de hulp oplevert; er is geen vaste manier om "
              "resultaten te verzamelen."],
    },
    12: {
        "+": ["Het netwerkoverleg huiselijk geweld evalueert jaarlijks de samenwerkingsafspraken "
              "met Veilig Thuis; vorig jaar is de overdracht daardoor aangepast."],
        "-": ["De samenwerkingsafspraken zijn ooit opgesteld, maar ze zijn niet bij iedereen "
              "bekend en nooit geëvalueerd."],
    },
}

CLIENT: Final[dict[int, dict[str, list[str]]]] = {
    1: {
        "+": ["De mevrouw van Veilig Thuis kwam samen met mijn nieuwe hulpverlener. Toen hoefde "
              "ik niet alles opnieuw te vertellen."],
        "-": ["Ik moest mijn verhaal weer helemaal opnieuw vertellen. Niemand wist wat Veilig "
              "Thuis had gedaan."],
    },
    5: {
        "+": ["Ze vroegen ook naar het geld en naar mijn moeder die helpt. Dat vond ik fijn."],
        "-": ["Ik snap niet goed waarom ze er zijn. Ze praten vooral met mijn moeder."],
    },
    9: {
        "+": ["We kijken elke paar maanden samen of het beter gaat. Ze vragen wat ik ervan vind."],
        "-": ["Er is nooit gevraagd wat ik van de hulp vind. Ze praten over mij, niet met mij."],
    },
}

DOSSIER: Final[dict[str, list[str]]] = {
    "+": [
        "Vastgelegd in het dossier, met datum, betrokkenen en de gemaakte afspraken.",
        "Terug te vinden in het plan van aanpak; de onderbouwing is navolgbaar.",
    ],
    "-": [
        "Niet terug te vinden in het dossier.",
        "Alleen een korte notitie in het journaal, zonder onderbouwing of conclusie.",
    ],
}
"""Notes of the inspector reading a dossier: observations, not words of a respondent."""

BY_QUESTION: Final[dict[str, list[str]]] = {
    "goede_voorbeelden": [
        "De korte lijnen met Veilig Thuis: je belt en er wordt meegedacht.",
        "Het gezamenlijke eerste huisbezoek; het gezin ziet dat we samenwerken.",
        "Het toestemmingsformulier maakt het gesprek over informatie delen makkelijker.",
    ],
    "goed_gegaan": [
        "Dat ik altijd kan bellen als het niet goed gaat.",
        "Dat ze ook aan de kinderen hebben gedacht.",
    ],
    "verbeterpunten": [
        "Een vast format voor de schriftelijke overdracht, met de veiligheidsvoorwaarden erin.",
        "Duidelijke afspraken over wie de regie heeft als er meerdere organisaties zijn.",
        "Evalueren met het hele netwerk, niet ieder voor zich.",
    ],
    "beter_kunnen": [
        "Minder wisselingen van hulpverlener.",
        "Dat ze vertellen wat er met mijn informatie gebeurt.",
    ],
    "tegen_hulpverleners": [
        "Luister eerst naar mij voordat jullie iets besluiten.",
        "Het is goed dat ik nu iemand heb bij wie ik terecht kan.",
    ],
    "hulp_nu": ["Er komt iemand van het wijkteam en de kinderen hebben hulp via school."],
    "waarom_hulp": ["Omdat er thuis veel ruzie was. Nu gaat het wat beter."],
    "inrichting_toegang": [
        "Er is een sociaal wijkteam voor enkelvoudige vragen en een specialistisch team voor "
        "complexe casuïstiek, waaronder alle overdrachten van Veilig Thuis.",
    ],
    "organisatie_werkwijze": [
        "Het team werkt met vaste casusregisseurs en een gedragswetenschapper die bij elke "
        "casus van Veilig Thuis meekijkt.",
    ],
}

GENERIC: Final[list[str]] = [
    "Dat is wisselend; het hangt erg af van de betrokken collega.",
    "Daar zijn afspraken over, maar in de praktijk lukt het niet altijd.",
]

REMARKS: Final[list[str]] = [
    "Respondent twijfelde; navragen bij de gedragswetenschapper.",
    "Document opgevraagd, nog niet ontvangen.",
    "Bevestigd in het dossier.",
    "Antwoord gaat over de organisatie in het algemeen, niet over deze casus.",
    "Respondent is pas kort bij de casus betrokken.",
]

# --------------------------------------------------------------------------- findings

FindingSpec = tuple[str, str, list[int], str, str]
"""(theme id, kind goed/beter, indicators, heading, text)."""

THEME_FINDINGS: Final[list[FindingSpec]] = [
    ("veiligheid", "goed", [1], "Warme overdracht",
     "Medewerkers van Veilig Thuis en het wijkteam weten elkaar te vinden. In de meeste "
     "casussen is er een persoonlijke overdracht, vaak tijdens een gezamenlijk eerste "
     "huisbezoek. Cliënten waarderen dat zij hun verhaal niet opnieuw hoeven te vertellen."),
    ("veiligheid", "beter", [1], "Schriftelijke overdracht van de veiligheidsvoorwaarden",
     "Een schriftelijke overdracht ontbreekt in een deel van de casussen, of komt pas weken "
     "later. De veiligheidsvoorwaarden komen daardoor niet eenduidig in het dossier van het "
     "wijkteam terecht. Dit laat ruimte voor interpretatie en onvolledigheid."),
    ("veiligheid", "beter", [2], "Risico-inschatting met een afgewogen conclusie",
     "Er is geen gezamenlijk afgesproken werkwijze voor het inschatten van de veiligheid. In "
     "de bestudeerde dossiers ontbreekt vaak een afgewogen conclusie. Het is nodig dat "
     "professionals hetzelfde verstaan onder veiligheid en die op een vergelijkbare manier "
     "volgen."),
    ("veiligheid", "beter", [3], "Veiligheidsplan delen met alle betrokken professionals",
     "Afspraken over veiligheid worden niet altijd vastgelegd in een veiligheidsplan en niet "
     "altijd gedeeld met het gezin en met partners zoals school en jeugdgezondheidszorg."),
    ("passende_hulp", "goed", [5], "Gebruik van de Zelfredzaamheidsmatrix",
     "Het wijkteam gebruikt de Zelfredzaamheidsmatrix en beschrijft per leefgebied de "
     "situatie van het gezin. Dat helpt om passende hulp tot stand te brengen."),
    ("passende_hulp", "beter", [5, 8], "Vastleggen van informatie over alle leefgebieden",
     "Informatie over leefgebieden wordt vooral vastgelegd als die aansluit bij de hulpvraag "
     "van het gezin. Risico's op andere leefgebieden blijven daardoor buiten beeld en worden "
     "niet gevolgd."),
    ("passende_hulp", "beter", [4, 6], "Eén plan en één regisseur",
     "Organisaties werken met eigen plannen die niet op elkaar zijn afgestemd, en het is niet "
     "altijd duidelijk wie de regie heeft. Het registratiesysteem koppelt de dossiers van "
     "gezinsleden niet aan elkaar."),
    ("passende_hulp", "goed", [7], "Toestemmingsformulier voor het delen van informatie",
     "In het toestemmingsformulier staat welke gegevens worden gedeeld, met wie en met welk "
     "doel. Zo blijft scherp of en waarom informatie wordt gedeeld."),
    ("evaluatie", "beter", [9, 10], "Evaluatie op casusniveau",
     "Casussen worden niet standaard geëvalueerd, meestal pas als een indicatie afloopt. Het "
     "gezin is niet altijd betrokken en de veiligheid wordt niet vergeleken met de situatie "
     "bij de start."),
]

GOEDE_VOORBEELDEN: Final[list[tuple[str, str]]] = [
    ("Korte lijnen", "Professionals van Veilig Thuis en het wijkteam weten elkaar snel te "
     "vinden; elkaar opzoeken of bellen helpt om snel af te stemmen."),
    ("Gezamenlijk eerste huisbezoek", "Waar Veilig Thuis en het wijkteam samen het eerste "
     "huisbezoek afleggen, start de hulp direct en hoeft het gezin zijn verhaal niet opnieuw "
     "te vertellen."),
    ("Toestemmingsformulieren", "Met het formulier is voor gezin en professionals duidelijk "
     "met welk doel welke informatie wordt opgevraagd en gedeeld."),
]

CONCLUSIE: Final[str] = (
    "In de gemeente {gemeente} werken betrokken professionals aan het herstel van veiligheid "
    "in gezinnen die na onderzoek door Veilig Thuis zijn overgedragen aan het lokale netwerk. "
    "De lijnen zijn kort en de professionals weten elkaar te vinden.\n\n"
    "Er ontbreken echter een aantal factoren die nodig zijn om veiligheid blijvend te herstellen "
    "en te borgen: een eenduidige schriftelijke overdracht met veiligheidsvoorwaarden, een "
    "gezamenlijke risico-inschatting en een veiligheidsplan dat met alle betrokkenen is "
    "gedeeld.\n\n"
    "Daarnaast ontbreken elementen voor samenhang in de hulp, zoals één plan per gezin en "
    "heldere afspraken over regie. Het is de verantwoordelijkheid van de gemeente {gemeente} om "
    "samen met de zorgaanbieders de zorg zo te organiseren dat het lokale netwerk complexe "
    "casuïstiek verantwoord kan oppakken."
)

AANBEVELINGEN: Final[list[str]] = [
    "Zorg voor een volledige overdracht vanuit Veilig Thuis: naast mondeling contact ook een "
    "schriftelijke overdracht inclusief veiligheidsvoorwaarden, en waar mogelijk een gezamenlijk "
    "huisbezoek.",
    "Zet in op een gedeelde visie op veiligheid en een afgesproken werkwijze voor de "
    "risico-inschatting.",
    "Zorg dat een veiligheidsplan wordt opgesteld en gedeeld met het gezin en alle betrokken "
    "professionals.",
    "Bevorder het werken volgens 1Gezin1Plan1Regisseur en maak formele afspraken over casus- en "
    "procesregie.",
    "Leg informatie over alle leefgebieden vast en deel die tussen betrokken professionals.",
    "Neem als gemeente de regie in het evalueren op casus-, organisatie- en netwerkniveau.",
]
