"""Toelichtingen for the demo region: per question one text for op orde and one for not.

Written to sound like what a gemeente would note down; all fictional.
"""

from __future__ import annotations

# question number -> (toelichting when op orde, toelichting when niet op orde)
TOELICHTINGEN: dict[int, tuple[str, str]] = {
    1: (
        "Visie 'Samen veilig thuis' is in 2024 door de raad vastgesteld en geldt voor het hele sociaal domein.",
        "Er is een visie op jeugd, maar Wmo, leerplicht en OOV staan er nog niet in.",
    ),
    2: (
        "De rol van het wijkteam staat in hoofdstuk 3 en sluit aan op de regiovisie.",
        "De visie noemt het wijkteam, maar zegt niet wat het team doet. Aansluiting op de regiovisie is onduidelijk.",
    ),
    3: (
        "Opdracht staat in de subsidiebeschikking aan het wijkteam, met de vier taken.",
        "De opdracht is mondeling gegeven. Er is nog niets op papier.",
    ),
    4: (
        "Elk kwartaal een gesprek met de teamleiding over cijfers en casussen.",
        "Er is geen monitoring. We weten niet goed hoe de opdracht wordt uitgevoerd.",
    ),
    5: (
        "Alle medewerkers hebben de e-learning meldcode gevolgd; jaarlijkse opfrissessie.",
        "Nieuwe medewerkers kennen het afwegingskader nog niet goed.",
    ),
    6: (
        "Training 'bespreekbaar maken' is in 2025 door het hele team gevolgd.",
        "Professionals vinden het lastig om zorgen over geweld met ouders te bespreken.",
    ),
    7: (
        "Kennis is op peil, ook over ouderenmishandeling en eergerelateerd geweld.",
        "Weinig kennis van huwelijksdwang en vrouwelijke genitale verminking.",
    ),
    8: (
        "Twee aandachtsfunctionarissen per team, bekend bij iedereen.",
        "Er is één aandachtsfunctionaris voor drie teams; die is slecht bereikbaar.",
    ),
    9: (
        "Het team werkt met een gezinsaanpak; alle gezinsleden komen in beeld.",
        "Volwassenen en jeugd worden nog vaak apart geholpen.",
    ),
    10: (
        "Werkwijze 1Gezin1Plan1Regisseur is ingevoerd en wordt gevolgd.",
        "Bij complexe gezinnen zijn er vaak meerdere plannen naast elkaar.",
    ),
    11: (
        "Gezamenlijke visie op veiligheid is met alle partners vastgelegd.",
        "Partners denken verschillend over wanneer een gezin veilig genoeg is.",
    ),
    12: (
        "Alle partners gebruiken hetzelfde veiligheidsinstrument.",
        "Wijkteam en aanbieders gebruiken elk een eigen lijst.",
    ),
    13: (
        "De regisseur heeft mandaat en tijd; dat is in de werkafspraken geregeld.",
        "Het is niet altijd duidelijk wie de regie heeft, vooral als er meerdere hulpverleners zijn.",
    ),
    14: (
        "Scholing traumasensitief werken is gevolgd en komt terug in intervisie.",
        "Traumasensitief werken is nog geen vast onderdeel van de werkwijze.",
    ),
    15: (
        "Bij elke overdracht maken we direct een veiligheidsbeoordeling van elk gezinslid.",
        "Het beeld richt zich vaak op de kinderen; de volwassenen blijven buiten beeld.",
    ),
    16: (
        "Vaste afspraken met scholen en huisartsen over terugkoppeling.",
        "Contact met school en huisarts loopt wisselend.",
    ),
    17: (
        "Caseload is beperkt tot 15 gezinnen per professional.",
        "Caseload is te hoog; er is een vacature die al lang openstaat.",
    ),
    18: (
        "Overdrachten worden binnen een week opgepakt.",
        "Er is een wachtlijst van ongeveer vier weken.",
    ),
    19: (
        "Iedereen heeft de training geweldsdynamiek gevolgd.",
        "Alleen de aandachtsfunctionarissen hebben deze kennis.",
    ),
    20: (
        "Goede samenwerking met verslavingszorg en schuldhulp; kennis is er.",
        "Kennis van licht verstandelijke beperking is beperkt.",
    ),
    21: (
        "Jurist van de gemeente geeft twee keer per jaar een update.",
        "Weinig kennis van gezag en omgang na scheiding.",
    ),
    22: (
        "GGZ-consulent schuift elke twee weken aan bij het teamoverleg.",
        "Er is geen vaste route om de GGZ te raadplegen.",
    ),
    23: (
        "Veiligheidsbeoordeling gebeurt samen met het gezin, volgens de afspraken.",
        "De beoordeling wordt vaak zonder het gezin gedaan.",
    ),
    24: (
        "Alle drie de plannen worden gemaakt en periodiek bijgesteld.",
        "Een herstelplan wordt zelden gemaakt.",
    ),
    25: (
        "Huisbezoeken zijn standaard bij gezinnen van Veilig Thuis.",
        "Door de drukte vinden gesprekken vooral op kantoor plaats.",
    ),
    26: (
        "Systeemgerichte hulp start binnen twee weken na de overdracht.",
        "Systeemgerichte hulp start vaak pas na maanden, door wachtlijsten bij aanbieders.",
    ),
    27: (
        "Netwerkberaad wordt standaard ingezet.",
        "Het netwerk van het gezin wordt nog weinig betrokken.",
    ),
    28: (
        "Regionaal aanbod voor slachtoffers, plegers en kinderen is voldoende.",
        "Te weinig aanbod voor plegers; lange wachttijd voor kinderen.",
    ),
    29: (
        "Aanbod dekt stoppen, risico's wegnemen en herstel, ook traumabehandeling.",
        "Traumabehandeling voor kinderen is nauwelijks beschikbaar.",
    ),
    30: (
        "Samenwerkingsafspraken met Veilig Thuis zijn in 2025 vernieuwd.",
        "De afspraken met Veilig Thuis zijn verouderd en dekken nieuwe zorgen niet.",
    ),
    31: (
        "Er is een escalatieroute en elk half jaar een gezamenlijke casusevaluatie.",
        "Er is geen afspraak over wat te doen als we het oneens zijn met Veilig Thuis.",
    ),
}
