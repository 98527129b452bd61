"""The one de-identification step for text that leaves the regio team.

Every shared text (toelichtingen in the anonymised workbook, CSV and factsheet, the regio's own question texts,
its duiding, the indicator texts, the regional plan as a file) passes `clean` or `find` here. Replaced:

- gemeente names, however typed (`analysis/anonymise.py`): [gemeente], never undone;
- the regio's own words to leave out: [weggelaten];
- persons, with or without a title ("Mevrouw Jansen", "wethouder Van der Meer", "Piet de Boer"): [persoon];
- addresses (street and number, postcode): [adres]; other places (a village, a wijk): [plaats];
- e-mail addresses [e-mail], phone numbers [telefoon], BSNs [bsn], other long numbers (dossiers) [nummer],
  links [link], and a date of birth [geboortedatum].

Kept: the institutions and roles of the domain (`KEPT`: Veilig Thuis, GI, Raad voor de Kinderbescherming,
wijkteam, the begrippen of the kader) and the words the regio chose to keep. A replacement that runs into a
kept word is cut back to the part before or after it ("Mevrouw Jansen van Veilig Thuis": only "Mevrouw Jansen").

Persons and places are found by deduce (de-identification of Dutch text, its name, place and street lists);
its lookup structures are built once, when the app is installed (`python -m analysis.deidentify --build`,
called by scripts/start and scripts/test), with only the lists used here, so loading them takes a tenth of a
second and about 60 MB. Contact details and BSNs are found by the same patterns as the upload guard
(`domain/personal_data.py`) and by deduce's.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from enum import StrEnum
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from analysis import deduce_lists
from analysis.anonymise import find_names
from domain.personal_data import EMAIL, PHONE, bsn_spans


class Kind(StrEnum):
    GEMEENTE = "gemeente"
    WOORD = "weggelaten"
    PERSOON = "persoon"
    ADRES = "adres"
    PLAATS = "plaats"
    EMAIL = "e-mail"
    TELEFOON = "telefoon"
    BSN = "bsn"
    NUMMER = "nummer"
    GEBOORTEDATUM = "geboortedatum"
    LINK = "link"

    @property
    def placeholder(self) -> str:
        return f"[{self.value}]"

    @property
    def why(self) -> str:
        """Why it is replaced, in plain Dutch."""
        return _WHY[self]

    @property
    def may_keep(self) -> bool:
        """Whether the regio may keep such a word: never a gemeente name or a BSN."""
        return self not in (Kind.GEMEENTE, Kind.BSN)


_WHY = {
    Kind.GEMEENTE: "naam van een gemeente",
    Kind.WOORD: "woord dat de regio weglaat",
    Kind.PERSOON: "lijkt de naam van een persoon",
    Kind.ADRES: "lijkt een adres",
    Kind.PLAATS: "lijkt een plaats of wijk",
    Kind.EMAIL: "e-mailadres",
    Kind.TELEFOON: "telefoonnummer",
    Kind.BSN: "burgerservicenummer",
    Kind.NUMMER: "lang nummer (bijvoorbeeld van een dossier)",
    Kind.GEBOORTEDATUM: "geboortedatum",
    Kind.LINK: "link naar een webpagina",
}

# Institutions, roles and terms of the domain: never replaced (besides the regio's own kept words).
KEPT = (
    "Veilig Thuis", "VT", "GI", "gecertificeerde instelling", "gecertificeerde instellingen",
    "Raad voor de Kinderbescherming", "RvdK", "Jeugdbescherming", "Jeugdbescherming Brabant",
    "Jeugdbescherming Noord", "Jeugdbescherming west", "Jeugdbescherming Gelderland", "William Schrikker Stichting",
    "William Schrikker Groep", "WSS", "Leger des Heils", "Leger des Heils Jeugdbescherming & Reclassering", "Augeo",
    "Augeo Foundation", "Movisie", "Nederlands Jeugdinstituut", "NJi", "VNG", "Vereniging van Nederlandse Gemeenten",
    "Rijksoverheid", "Ministerie van VWS", "Ministerie van JenV", "Inspectie Gezondheidszorg en Jeugd", "IGJ",
    "Zorg- en Veiligheidshuis", "Zorg en Veiligheidshuis", "ZVH", "Veiligheidshuis", "GGD", "GGZ", "CJG",
    "Centrum voor Jeugd en Gezin", "JGZ", "Jeugdgezondheidszorg", "Politie", "OM", "Openbaar Ministerie",
    "Reclassering", "Reclassering Nederland", "Blijf Groep", "Kadera", "Fier", "Moviera", "Arosa", "Sterk Huis",
    "Kompaan en De Bocht", "Samen Veilig", "Samen Veilig Midden-Nederland", "Safegroup", "Veilig Verder",
    "Stichting Jeugdteams", "Lokaal Team", "MDA++", "MDA", "Multidisciplinaire Aanpak", "Radar", "Radarwerk",
    "Signs of Safety", "Verwijsindex", "Meldcode", "meldcode", "Wet verplichte meldcode", "Toekomstscenario",
    "Toekomstscenario Kind- en Gezinsbescherming", "Tijdelijk Huisverbod", "huisverbod", "Jeugdwet", "Wmo",
    "Wet Maatschappelijke Ondersteuning", "AVG", "Participatiewet", "Kwaliteitskader", "Werken aan veiligheid",
    "kwaliteitskader Werken aan veiligheid", "Handreiking", "wijkteam", "sociaal wijkteam", "Sociaal Wijkteam",
    "jeugdteam", "Jeugdteam", "buurtteam", "Buurtteam", "gebiedsteam", "Gebiedsteam", "toegangsteam",
    "wethouder", "burgemeester", "college", "gemeenteraad", "B&W", "aandachtsfunctionaris", "gedragswetenschapper",
    "casusregisseur", "jeugdprofessional", "regiehouder", "procesregisseur", "Zorg voor Jeugd", "Praktijkteam",
    "Expertteam", "Regionaal Expertteam", "Beschermingstafel", "ZSM", "Top X", "Triage", "Jeugdarts",
    "Huisarts", "huisarts", "POH", "Verwey-Jonker Instituut", "Verwey-Jonker",
    "Oranje Huis", "de Raad", "Team Jeugd", "Team Zorg", "Jeugd en Gezin",
)  # fmt: skip

_INTERFIX = (
    r"(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Ii]n\s+['’]t|['’]t|[Vv]an\s+de[rn]?|[Vv]an\s+['’]t|"
    r"[Ll]e|[Ll]a|[Dd]a|[Dd]i|[Ee]l|[Aa]l|[Bb]in)"
)
_TITLE = (
    r"(?:[Ww]ethouder|[Bb]urgemeester|[Mm]evrouw|[Mm]evr\.?|[Mm]w\.?|[Mm]eneer|[Dd]hr\.?|[Dd]e\s+heer|[Hh]r\.?|"
    r"[Mm]r\.?|[Dd]r\.?|[Ii]r\.?|[Dd]rs\.?|[Pp]rof\.?|[Jj]uf|[Mm]eester|[Cc]ollega|[Zz]uster|[Oo]ma|[Oo]pa|"
    r"[Mm]oeder|[Vv]ader|[Gg]ezin|[Ff]amilie|[Ff]am\.?|[Cc]li[eë]nte?|[Jj]ongere|[Mm]eisje|[Jj]ongen|[Zz]oon|"
    r"[Dd]ochter|[Bb]roer(?:tje)?|[Zz]us(?:je)?|[Kk]ind)"
)
_NAME_WORD = r"[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)?"
# A title followed by a name: "wethouder Van der Meer", "mevr. El Amrani", "dhr. De Vries".
_TITLED = re.compile(rf"(?<!\w){_TITLE}\s+((?:{_INTERFIX}\s+)*(?:[A-Z]\.\s*)*{_NAME_WORD}(?:\s+{_NAME_WORD})?)")
# A place named as such: "de wijk Kanaleneiland", "in het dorp Achterveld", "kern Lage Zwaluwe".
_PLACE = re.compile(
    r"(?<!\w)(?:[Ww]ijk|[Ww]oonwijk|[Bb]uurt|[Dd]orp|[Kk]ern|[Ss]tadsdeel|[Ww]oonplaats|[Pp]laats|[Bb]uurtschap|"
    rf"[Gg]ehucht|[Ww]ijken)\s+({_NAME_WORD}(?:[\s-]+{_NAME_WORD})?)"
)
_POSTCODE = re.compile(r"(?<!\w)[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?!\w)")
_STREET = re.compile(
    r"(?<!\w)[A-Z][\w.'’-]*(?:straat|laan|weg|plein|singel|gracht|kade|dijk|dreef|hof|park|pad|steeg|markt|"
    r"baan|plantsoen|wal|erf|veld|ring|allee|boulevard|kanaal|burg|vest)\s+\d{1,4}(?:\s?[a-zA-Z](?!\w))?(?:-\d+)?"
)
_BIRTH = re.compile(
    r"(?i)(?:geboren(?:\s+op)?|geb\.?|geboortedatum:?|geb\.?datum:?)\s+"
    r"(\d{1,2}[-/. ]\d{1,2}[-/. ]\d{2,4}|\d{1,2}\s+[a-z]+\.?\s+\d{4})"
)
_DOSSIER = re.compile(
    r"(?i)(?:(?:dossier|zaak|cli[eë]nt|registratie|melding|kenmerk|ref)(?:nummer|nr\.?)?|nummer|nr\.?|no\.?):?\s*#?\s*"
    r"([A-Z]{0,3}[-/]?\d[\d/-]{4,}\d)"
)
_SERVICE_LINE = re.compile(r"^(?:\+31|0031|0)[\s-]?(?:800|900|906|909)")  # free or paid service lines: no person
_LONG_NUMBER = re.compile(r"(?<![\w.,-])\d{7,}(?![\w.,])")
_URL = re.compile(r"(?i)(?<![\w@])(?:https?://|www\.)[^\s<>()\"']+[^\s<>()\"'.,;:!?]")
_NOT_NAMES = {
    "jeugd", "zorg", "welzijn", "onderwijs", "sociaal", "domein", "veiligheid", "financien", "financiën", "wmo",
    "gezondheid", "participatie", "armoede", "wonen", "volksgezondheid", "team", "teams", "gemeente", "regio",
    "de", "het", "een", "van", "en", "ook", "wil", "heeft", "is", "was", "zei", "gaf", "belt", "mailt",
}  # fmt: skip
_JOINERS = {"van", "de", "der", "den", "het", "bij", "en", "met", "uit", "te", "ter", "ten", "voor", "in", "op", "'t"}

_LEADING = {"bij", "en", "met", "uit", "voor", "in", "op"}  # never the start of a name ("van" may be)


class Replacement(BaseModel):
    """One piece of a text that is replaced, as typed."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    original: str
    kind: Kind


class Words(BaseModel):
    """The word lists a regio steers the step with."""

    model_config = ConfigDict(frozen=True)

    names: tuple[str, ...] = ()  # gemeente names
    remove: tuple[str, ...] = ()  # the regio's own words to leave out
    keep: tuple[str, ...] = ()  # the regio's words to keep (besides KEPT)


# --- the step --------------------------------------------------------------------------------


def clean(text: str, words: Words) -> str:
    """`text` with every replacement made."""
    return apply(text, find(text, words))


def apply(text: str, replacements: Iterable[Replacement]) -> str:
    for r in sorted(replacements, key=lambda r: r.start, reverse=True):
        text = text[: r.start] + r.kind.placeholder + text[r.end :]
    return text


def find(text: str, words: Words) -> tuple[Replacement, ...]:
    """What in `text` is replaced, in order, without overlaps."""
    if not text or not text.strip():
        return ()
    return _find(text, words)


@lru_cache(maxsize=50_000)
def _find(text: str, words: Words) -> tuple[Replacement, ...]:
    chosen: list[tuple[int, int, Kind]] = []
    kept = find_names(text, (*KEPT, *words.keep))

    def take(start: int, end: int, kind: Kind, capital: bool = True) -> None:
        """Replace start..end, or the parts of it that nothing else replaces yet."""
        for piece in _outside(start, end, [(s, e) for s, e, _ in chosen]):
            piece = _trim(text, *piece)
            named = kind is not Kind.PERSOON or not capital or _name_like(text[piece[0] : piece[1]])
            if piece[1] > piece[0] and named:
                chosen.append((*piece, kind))

    contact = _contact(text)
    for start, end, kind in contact:  # whole, before a gemeente name inside an address is masked
        if not (kind.may_keep and any(ks <= start and end <= ke for ks, ke in kept)):
            take(start, end, kind)
    for start, end in find_names(text, words.names):
        take(start, end, Kind.GEMEENTE)
    for start, end in find_names(text, words.remove):
        take(start, end, Kind.WOORD)
    for start, end, kind in [*_patterns(text), *_deduce(text)]:
        for piece in _outside(start, end, kept):
            take(*piece, kind)
    for start, end, kind in _lowercase_names(text):
        for piece in _outside(start, end, kept):
            take(*piece, kind, capital=False)
    return tuple(
        Replacement(start=s, end=e, original=text[s:e], kind=k) for s, e, k in sorted(chosen, key=lambda c: c[0])
    )


def _contact(text: str) -> list[tuple[int, int, Kind]]:
    """Contact details and numbers: replaced whole (a regio keeps one only as a whole)."""
    found: list[tuple[int, int, Kind]] = []
    found += [(*m.span(), Kind.EMAIL) for m in EMAIL.finditer(text)]
    found += [(*m.span(), Kind.LINK) for m in _URL.finditer(text)]
    found += [(*m.span(1), Kind.GEBOORTEDATUM) for m in _BIRTH.finditer(text)]
    found += [(s, e, Kind.BSN) for s, e in bsn_spans(text)]
    found += [(*m.span(), Kind.TELEFOON) for m in PHONE.finditer(text) if not _SERVICE_LINE.match(m.group())]
    found += [(*m.span(1), Kind.NUMMER) for m in _DOSSIER.finditer(text)]
    return found


def _patterns(text: str) -> list[tuple[int, int, Kind]]:
    """Our own patterns for what deduce misses: numbers, addresses, places named as such, titled names."""
    found: list[tuple[int, int, Kind]] = []
    found += [(*m.span(), Kind.NUMMER) for m in _LONG_NUMBER.finditer(text)]
    found += [(*m.span(), Kind.ADRES) for m in _STREET.finditer(text)]
    found += [(*m.span(), Kind.ADRES) for m in _POSTCODE.finditer(text)]
    found += [(*m.span(1), Kind.PLAATS) for m in _PLACE.finditer(text)]
    found += [(*m.span(1), Kind.PERSOON) for m in _TITLED.finditer(text)]
    return found


def _deduce(text: str) -> list[tuple[int, int, Kind]]:
    annotations = deduce_lists.annotate(text)
    found: list[tuple[int, int, Kind]] = []
    for a in annotations:
        kind = _DEDUCE_KINDS.get(a.tag)
        if kind is Kind.TELEFOON and _SERVICE_LINE.match(a.text):
            continue
        if kind is Kind.PLAATS and (any(ch.isdigit() for ch in a.text) or _STREET.search(a.text)):
            kind = Kind.ADRES
        if kind is Kind.PERSOON:
            found += [(start, end, Kind.PERSOON) for start, end in _person_pieces(text, a.start_char, a.end_char)]
        elif kind is not None:
            found.append((a.start_char, a.end_char, kind))
    return sorted(found, key=lambda f: (f[0], -f[1]))


_SENTENCE_END = re.compile(r"[.;:!?]\s+(?=\S)|\n")


def _person_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Deduce runs a name on over a sentence end ("Bel Piet de Boer. Link") and takes an imperative at the start
    of a sentence with it: split at sentence ends, and leave a first word that is no first name when a first
    name follows ("Bel Piet" is Piet)."""
    pieces, at = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        if text[m.start()] == "." and re.fullmatch(r"[A-Z]", text[max(at, m.start() - 1) : m.start()]):
            continue  # an initial: "J. de Vries"
        pieces.append((at, m.start()))
        at = m.end()
    pieces.append((at, end))
    kept = []
    for s, e in pieces:
        words = list(re.finditer(r"\S+", text[s:e]))
        sentence_start = s == 0 or re.search(r"[.;:!?]\s*$|^\s*$", text[:s]) is not None
        if (
            len(words) > 1
            and sentence_start
            and words[0].group().casefold() not in deduce_lists.first_names()
            and words[1].group().strip(".,").casefold() in deduce_lists.first_names()
        ):
            s += words[1].start()
        kept.append((s, e))
    return kept


_CUE = re.compile(
    r"(?i)(?<!\w)(?:met|door|aan|voor|bij|en|collega|mevrouw|meneer|belt|mailt|appt|zegt|vraagt|volgens)\s+"
    r"([a-zà-ÿ]{3,})(?!\w)(?!\.?\s*\d)"  # "voor jan 2025" is a month
)


def _lowercase_names(text: str) -> list[tuple[int, int, Kind]]:
    """A first name typed in lower case after a word that points to a person ("overleg met jan"); not a
    word of the language that is also a name ("wil", "lot") or a month ("voor jan 2025")."""
    found = []
    for m in _CUE.finditer(text):
        word = m.group(1)
        if word in deduce_lists.first_names() and not deduce_lists.common(word):
            found.append((*m.span(1), Kind.PERSOON))
    return found


_DEDUCE_KINDS = {
    "persoon": Kind.PERSOON,
    "patient": Kind.PERSOON,
    "locatie": Kind.PLAATS,
    "emailadres": Kind.EMAIL,
    "telefoonnummer": Kind.TELEFOON,
    "bsn": Kind.BSN,
    "id": Kind.NUMMER,
    "url": Kind.LINK,
}  # dates, ages and institutions stay: a date of a meeting is no personal detail (a birth date is, above)


def _outside(start: int, end: int, kept: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of start..end that do not overlap a kept word."""
    pieces = [(start, end)]
    for ks, ke in kept:
        pieces = [p for s, e in pieces for p in ((s, min(e, ks)), (max(s, ke), e)) if p[1] > p[0]]
    return pieces


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without spaces, punctuation or joining words ("van", "bij") at either end."""
    while True:
        piece = text[start:end]
        stripped = piece.strip(" \t\n,;:()[]\"'“”‘’-–/")
        if not stripped:
            return start, start
        start += piece.index(stripped)
        end = start + len(stripped)
        words = stripped.split()
        if len(words) > 1 and words[-1].casefold() in _JOINERS:
            end = start + stripped.rstrip().rfind(words[-1])
            continue
        if len(words) > 1 and words[0].casefold() in _LEADING and not words[1][:1].isupper():
            start += len(words[0])
            continue
        return start, end


def _name_like(piece: str) -> bool:
    """A person's name has a word with a capital that is not a title or a word of the work (deduce also takes
    'van' or an initial alone; 'wethouder Jeugd' names a portfolio)."""
    words = [w.strip(".,;:()") for w in piece.split()]
    return any(
        w[:1].isupper() and len(w) > 1 and not re.fullmatch(_TITLE, w) and w.casefold() not in _NOT_NAMES for w in words
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Prepare or try the de-identification of shared text.")
    parser.add_argument("--build", action="store_true", help="build deduce's lookup structures (once per install)")
    parser.add_argument("text", nargs="*", help="a text to de-identify")
    args = parser.parse_args()
    if args.build:
        print(f"deduce lookup structures: {deduce_lists.build()}")
    if args.text:
        print(clean(" ".join(args.text), Words()))


if __name__ == "__main__":
    main()
