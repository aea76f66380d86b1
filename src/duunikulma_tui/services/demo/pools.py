"""Names, places, words and number formats for the demo: pools made once, drawn from often.

Faker (fi_FI) is only used here, a few hundred calls at start: it makes about
3,800 people a second, far too slow for the per-row loops.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_right
from dataclasses import dataclass
from typing import Generic, Sequence, TypeVar

T = TypeVar("T")


class Choice(Generic[T]):
    """A weighted choice by one `random()` and a bisect: cheaper than `rng.choices` in hot loops."""

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.items = [item for item, _ in pairs]
        total = 0.0
        self.cum = []
        for _, weight in pairs:
            total += weight
            self.cum.append(total)
        self.total = total

    def __call__(self, rng: random.Random) -> T:
        return self.items[bisect_right(self.cum, rng.random() * self.total)]


@dataclass(frozen=True)
class Place:
    """A municipality of the service area with its genitive and postal codes."""

    name: str
    genitive: str
    weight: int
    postal: tuple[str, ...]
    council: str  # the municipality as an employer


# The service area around Pielavesi; weights say where clients live.
PLACES = (
    Place("Pielavesi", "Pielaveden", 52, ("72400",), "Pielaveden kunta"),
    Place("Keitele", "Keiteleen", 10, ("72600",), "Keiteleen kunta"),
    Place("Kiuruvesi", "Kiuruveden", 7, ("74700",), "Kiuruveden kaupunki"),
    Place("Tervo", "Tervon", 4, ("72210",), "Tervon kunta"),
    Place("Vesanto", "Vesannon", 5, ("72300",), "Vesannon kunta"),
    Place("Iisalmi", "Iisalmen", 9, ("74100", "74120", "74130"), "Iisalmen kaupunki"),
    Place("Kuopio", "Kuopion", 9, ("70100", "70110", "70200", "70300", "70500", "70600",
                                   "70800", "70820"), "Kuopion kaupunki"),
    Place("Lapinlahti", "Lapinlahden", 4, ("73100",), "Lapinlahden kunta"),
)
PLACE_CHOICE = Choice([(p, p.weight) for p in PLACES])

# Names for the few clients whose native language is not Finnish:
# (women's first names, men's first names, last names).
FOREIGN_NAMES = {
    "sv": (("Anna", "Maria", "Linnea", "Kristina", "Sofia", "Emma", "Ebba"),
           ("Erik", "Johan", "Henrik", "Oskar", "Anders", "Mikael", "Fredrik"),
           ("Lindqvist", "Nyström", "Holmberg", "Sjöberg", "Forsman", "Åberg", "Lindholm")),
    "ru": (("Olga", "Natalia", "Irina", "Svetlana", "Jelena", "Tatjana", "Anastasia"),
           ("Aleksei", "Dmitri", "Sergei", "Ivan", "Mihail", "Andrei", "Nikolai"),
           ("Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Volkov", "Morozov")),
    "et": (("Liis", "Kadri", "Tiina", "Kersti", "Maarja", "Triin", "Kaja"),
           ("Kristjan", "Mart", "Andres", "Tõnu", "Rein", "Jaan", "Priit"),
           ("Tamm", "Saar", "Sepp", "Mägi", "Kask", "Kukk", "Rebane")),
    "ar": (("Fatima", "Amina", "Zainab", "Maryam", "Noor", "Huda", "Layla"),
           ("Ahmed", "Mohammed", "Ali", "Hassan", "Omar", "Yousef", "Karim"),
           ("Al-Hassan", "Hussein", "Abdullah", "Saleh", "Haddad", "Mansour", "Khalil")),
    "so": (("Hodan", "Faadumo", "Ayaan", "Sahra", "Hibo", "Nimco", "Ifrah"),
           ("Abdi", "Mohamed", "Abdirahman", "Hassan", "Yusuf", "Ahmed", "Liban"),
           ("Ali", "Farah", "Warsame", "Jama", "Osman", "Nur", "Egal")),
    "en": (("Emily", "Sarah", "Laura", "Emma", "Olivia", "Grace", "Chloe"),
           ("James", "Daniel", "Thomas", "David", "Michael", "Jack", "Ryan"),
           ("Smith", "Taylor", "Brown", "Wilson", "Walker", "Evans", "Clarke")),
}

SKILLS = ("asiakaspalvelu", "siivous", "kassatyö", "trukin ajo", "metsätyö", "hitsaus",
          "ruoanvalmistus", "lastenhoito", "kiinteistönhoito", "varastotyö", "taulukkolaskenta",
          "rakennustyö", "maatalous", "kotihoito", "myyntityö", "kuljetus", "puusepäntyö",
          "IT-tuki", "kirjanpito", "sosiaalinen media", "hoitotyö", "koneenkäyttö",
          "karjanhoito", "metallityö", "ohjaustyö", "tarjoilu", "laitoshuolto", "puutyö",
          "ruotsin kieli", "englannin kieli")

# Job titles with what they typically need: (title, industry section, ISCO-08 /
# Ammattiluokitus 2010 unit group, cards, driving licence, skills, working time).
# The code is used only when the bundled classification file lists it.
_SAFETY, _HOT, _AID, _HYGIENE = ("occupational_safety_card", "hot_work_card", "first_aid",
                                  "hygiene_passport")
JOB_TITLES = (
    ("Sahatyöntekijä", "C", "8172", (_SAFETY,), None, ("puutyö", "trukin ajo"), "shift"),
    ("Myyjä", "G", "5223", (), None, ("asiakaspalvelu", "myyntityö"), "part_time"),
    ("Kassamyyjä", "G", "5230", (), None, ("asiakaspalvelu", "kassatyö"), "part_time"),
    ("Kotihoidon työntekijä", "Q", "5322", (_AID,), "B", ("kotihoito", "hoitotyö"), "shift"),
    ("Lähihoitaja", "Q", "5321", (_AID,), "B", ("hoitotyö",), "shift"),
    ("Siivooja", "N", "9112", (), None, ("siivous",), "part_time"),
    ("Laitoshuoltaja", "Q", "9112", (_HYGIENE,), None, ("laitoshuolto", "siivous"), "full_time"),
    ("Kiinteistönhoitaja", "L", "5153", (_SAFETY, _HOT), "B", ("kiinteistönhoito",), "full_time"),
    ("Metsäkoneenkuljettaja", "A", "8341", (_SAFETY,), "B", ("metsätyö", "koneenkäyttö"),
     "shift"),
    ("Kokki", "I", "5120", (_HYGIENE,), None, ("ruoanvalmistus",), "shift"),
    ("Tarjoilija", "I", "5131", (_HYGIENE, "alcohol_licence"), None,
     ("tarjoilu", "asiakaspalvelu"), "part_time"),
    ("Varastotyöntekijä", "H", "4321", ("forklift_card", _SAFETY), None,
     ("varastotyö", "trukin ajo"), "full_time"),
    ("Kuorma-autonkuljettaja", "H", "8332", ("road_safety_card",), "CE", ("kuljetus",),
     "full_time"),
    ("Hitsaaja", "C", "7212", (_HOT, _SAFETY), None, ("hitsaus", "metallityö"), "full_time"),
    ("Kirvesmies", "F", "7115", (_SAFETY,), "B", ("rakennustyö", "puutyö"), "full_time"),
    ("Rakennusapulainen", "F", "9313", (_SAFETY,), None, ("rakennustyö",), "seasonal"),
    ("Puuseppä", "C", "7522", (_SAFETY,), None, ("puusepäntyö",), "full_time"),
    ("Koulunkäynnin ohjaaja", "P", "5312", (_AID,), None, ("lastenhoito", "ohjaustyö"),
     "full_time"),
    ("Maatalouslomittaja", "A", "6121", (), "B", ("maatalous", "karjanhoito"), "flexible"),
    ("IT-tukihenkilö", "J", "3512", (), None, ("IT-tuki", "asiakaspalvelu"), "full_time"),
)

# Employer name patterns: (pattern, TOL 2008 section). {g} = place genitive,
# {p} = place, {s} = a surname.
COMPANY_NAMES = (
    ("{g} Saha Oy", "C"), ("{g} Puutyö Oy", "C"), ("Konepaja {s} Oy", "C"),
    ("K-Market {p}", "G"), ("Sale {p}", "G"), ("Lähikauppa {s} Ky", "G"),
    ("Autokorjaamo {s} Ky", "G"), ("Kotihoito {s} Oy", "Q"), ("Palvelukoti {s} Oy", "Q"),
    ("Rakennus {s} Oy", "F"), ("{g} Sähkö Oy", "F"), ("Kuljetus {s} Oy", "H"),
    ("{g} Kiinteistöhuolto Oy", "L"), ("Siivouspalvelu {s} Tmi", "N"), ("Ravintola {s}", "I"),
    ("Kahvila-Leipomo {s}", "I"), ("Metsäpalvelu {s} Oy", "A"), ("Maatila {s}", "A"),
    ("Tilitoimisto {s} Oy", "M"), ("{s} IT-palvelut Oy", "J"), ("Kampaamo {s}", "S"),
    ("{s} & {s2} Oy", "C"), ("{s} Ky", "F"),
)
ASSOCIATION_NAMES = (
    ("{g} 4H-yhdistys ry", "S"), ("{g} Urheilijat ry", "R"), ("{g} Yrittäjät ry", "S"),
    ("{g} Martat ry", "S"), ("{g} Nuorisoseura ry", "R"), ("{g} Eläkeläiset ry", "S"),
    ("{g} Kotiseutuyhdistys ry", "R"), ("{g} Työttömät ry", "S"),
)
PROVIDER_NAMES = (
    "Työvalmennus {s} Oy", "Uraohjaus {p} Oy", "Digitaidot {s} Tmi", "{g} Koulutuspalvelut Oy",
    "Valmennuskeskus Askel Oy", "Kuntoutuspalvelu {s} Oy", "Yrityskummit {p} ry",
    "Mentorointi {s} Ky", "Osaamiskeskus {p} Oy",
)
PURCHASED_SERVICES = ("Työhönvalmennus", "Uravalmennus", "Digitaitojen valmennus",
                      "Yrittäjyysvalmennus", "Työkyvyn arviointi", "Mentorointi",
                      "Suomen kielen työelämävalmennus")
CONTACT_ROLES = ("toimitusjohtaja", "yrittäjä", "henkilöstöpäällikkö",
                 "myymäläpäällikkö", "työnjohtaja", "palvelupäällikkö", "toiminnanjohtaja")

# Card validity in years (None = does not expire).
CARD_YEARS = {"hygiene_passport": None, "occupational_safety_card": 5, "first_aid": 3,
              "road_safety_card": 5, "hot_work_card": 5, "alcohol_licence": None,
              "forklift_card": None}
CARD_CHOICE = Choice([("hygiene_passport", 25), ("occupational_safety_card", 25), ("first_aid", 20),
                      ("road_safety_card", 8), ("hot_work_card", 8), ("alcohol_licence", 6),
                      ("forklift_card", 8)])

_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_YTUNNUS_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
_MOBILE = Choice([("40", 35), ("50", 30), ("44", 12), ("45", 10), ("41", 8), ("46", 5)])
_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e", "õ": "o", "ü": "u", " ": "",
                       "-": "", "&": "", "'": ""})


def identity_code(birth: dt.date, individual: int) -> str:
    """A Finnish personal identity code (HETU) for a birth date and individual number 2–899.

    Odd individual numbers are men's, even women's. Uses the classic century
    signs ('-' for the 1900s, 'A' for the 2000s), which every system accepts.
    """
    head = f"{birth.day:02d}{birth.month:02d}{birth.year % 100:02d}"
    sign = "-" if birth.year < 2000 else "A"
    return f"{head}{sign}{individual:03d}{_HETU_CHECK[int(f'{head}{individual:03d}') % 31]}"


def business_id(body: int) -> str | None:
    """A Finnish business ID (Y-tunnus) '1234567-8' for a 7-digit body, or None.

    Bodies whose weighted sum leaves remainder 1 have no valid check digit.
    """
    digits = f"{body:07d}"
    rest = sum(int(c) * w for c, w in zip(digits, _YTUNNUS_WEIGHTS)) % 11
    if rest == 1:
        return None
    return f"{digits}-{0 if rest == 0 else 11 - rest}"


def mobile(rng: random.Random) -> str:
    """A Finnish mobile number in the normalised +358 form, e.g. +358401234567."""
    return f"+358{_MOBILE(rng)}{rng.randrange(1_000_000, 10_000_000)}"


def landline(rng: random.Random) -> str:
    """A Savo landline (area code 017) in +358 form."""
    return f"+35817{rng.randrange(2_000_000, 9_000_000)}"


def slug(text: str) -> str:
    """Lower-case ASCII form of a name for e-mail addresses."""
    return "".join(c for c in text.lower().translate(_FOLD) if c.isalnum() or c == ".")


@dataclass
class Pools:
    """Name and street pools drawn once from Faker fi_FI with the demo seed."""

    women: list[str]
    men: list[str]
    last: list[str]
    streets: list[str]
    companies: list[str]


def make_pools(seed: int, size: int = 300) -> Pools:
    """Draw the pools; Faker's own weights make common names common."""
    from faker import Faker  # imported here: only the generator needs it

    fake = Faker("fi_FI")
    fake.seed_instance(seed)
    return Pools(
        women=[fake.first_name_female() for _ in range(size)],
        men=[fake.first_name_male() for _ in range(size)],
        last=[fake.last_name() for _ in range(size)],
        streets=sorted({fake.street_name() for _ in range(size)}),
        companies=[fake.company() for _ in range(60)],
    )
