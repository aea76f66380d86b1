"""Writing the planned clients: client rows with languages, cards and occupations,
agreement periods, self-assessments, survey answers and quick contacts."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from duunikulma_tui.domain.codes import ASSESSMENT_DIMENSIONS, SURVEY_STATEMENT
from duunikulma_tui.services.demo.context import BATCH, Context
from duunikulma_tui.services.demo.people import EMPLOYED, Period, Person
from duunikulma_tui.services.demo.pools import (CARD_CHOICE, CARD_YEARS, SKILLS, Choice, mobile,
                                                slug)

# Ammattiluokitus 2010 codes ship (when they do) in this file: code,level,name_fi,name_en.
OCCUPATIONS_FILE = Path(__file__).resolve().parents[2] / "domain" / "data" / "occupations_2010.csv"

DIGITAL = Choice([("none", 8), ("basic", 35), ("good", 40), ("advanced", 17)])
_DIGITAL_SCORE = {"none": 2, "basic": 4, "good": 6, "advanced": 8}
LICENCES = Choice([("", 22), ("B", 58), ("B,BE", 6), ("B,C1", 3), ("B,C,CE", 4), ("A,B", 4),
                   ("AM", 3)])
WORK_WISH = Choice([("full_time", 45), ("part_time", 20), ("shift", 12), ("flexible", 15),
                    ("seasonal", 8)])
TRAVEL = Choice([(10, 15), (20, 20), (30, 25), (50, 25), (80, 10), (100, 5)])
RATING = Choice([(5, 46), (4, 34), (3, 13), (2, 5), (1, 2)])
RATING_DIGITAL = Choice([(5, 36), (4, 35), (3, 17), (2, 8), (1, 4)])
OTHER_LEVEL = Choice([("fluent", 15), ("good", 45), ("basic", 40)])
CLIENT_NOTES = ("Toivoo osa-aikatyötä.", "Kiinnostunut alanvaihdosta.",
                "Tarvitsee tukea digiasioinnissa.", "Ei omaa autoa, kulkee linja-autolla.",
                "Kiinnostunut yrittäjyydestä.", "Toivoo työtä läheltä kotia.")
EMAIL_DOMAINS = ("example.com", "example.net", "example.org")

QC_CHANNEL = Choice([("desk", 55), ("phone", 25), ("outreach", 15), ("chat_email", 5)])
QC_SERVICE = Choice([("digital_advice", 40), ("service_guidance", 35),
                     ("job_search_coaching", 10), ("other", 15)])
QC_GENDER = Choice([("woman", 45), ("man", 45), ("not_told", 8), ("other", 2)])
QC_AGE = Choice([("under_25", 22), ("25_29", 13), ("30_54", 40), ("55_plus", 25)])
QC_NOTES = ("Autettu Kela-hakemuksessa.", "Neuvottu Oma asiointi -palvelun käytössä.",
            "Tulostettu ja päivitetty CV.", "Ohjattu työllisyysalueen palveluihin.",
            "Autettu vahvan tunnistautumisen kanssa.", "Kerrottu Duunikulman palveluista.",
            "Neuvottu työpaikkahaussa.")


def load_occupation_codes(path: Path | None = None) -> list[str]:
    """Level-4 codes of Ammattiluokitus 2010 from the bundled file; [] when it is absent.

    Codes are never invented: without the file, demo rows leave occupations out.
    """
    path = path or OCCUPATIONS_FILE
    if not path.is_file():
        return []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return [fields[0].strip() for fields in csv.reader(lines)
            if len(fields) >= 2 and fields[1].strip() == "4"]


def _client_row(ctx: Context, person: Person) -> dict:
    rng = ctx.rng
    row = ctx.new_row(person.created, person.minute, person.staff.id)
    row["id"] = person.id
    street = f"{rng.choice(ctx.pools.streets)} {rng.randint(1, 60)}"
    if person.place.name in ("Kuopio", "Iisalmi") and rng.random() < 0.6:
        street += f" {rng.choice('ABC')} {rng.randint(1, 30)}"
    email = None
    if rng.random() < 0.85:
        tail = str(rng.randint(1, 99)) if rng.random() < 0.3 else ""
        email = f"{slug(person.first)}.{slug(person.last)}{tail}@{rng.choice(EMAIL_DOMAINS)}"
    first = person.periods[0].start if person.periods else None
    consent = first or (person.created if rng.random() < 0.6 else None)
    person.digital = DIGITAL(rng)
    if (person.created - person.birth).days > 55 * 365 and person.digital == "advanced":
        person.digital = "good"
    disability = rng.random()
    row.update(
        status=person.status, first_name=person.first, last_name=person.last,
        identity_code=person.code, birth_date=person.birth.isoformat(),
        birth_year=person.birth.year, gender=person.gender, native_language=person.lang,
        municipality=person.place.name, street_address=street,
        postal_code=rng.choice(person.place.postal), post_office=person.place.name,
        phone=mobile(rng) if rng.random() < 0.96 else None, email=email,
        responsible_staff_id=person.staff.id,
        consent_processing_on=consent.isoformat() if consent else None,
        consent_share_employers_on=(consent.isoformat() if consent and rng.random() < 0.7
                                    else None),
        disability=1 if disability < 0.08 else 0 if disability < 0.93 else None,
        foreign_background=person.foreign, digital_skills=person.digital,
        skills=json.dumps(rng.sample(SKILLS, rng.randint(1, 4)), ensure_ascii=False),
        driving_licences=LICENCES(rng), working_time_wish=WORK_WISH(rng),
        max_travel_km=TRAVEL(rng), outside_service_model=int(rng.random() < 0.04),
        note=rng.choice(CLIENT_NOTES) if rng.random() < 0.1 else None)
    return row


def _languages(ctx: Context, person: Person, rows: list) -> None:
    rng = ctx.rng

    def add(language: str, level: str) -> None:
        row = ctx.new_row(person.created, person.minute, person.staff.id)
        row.update(client_id=person.id, language=language, level=level)
        rows.append(row)

    add(person.lang, "native")
    if person.lang != "fi":
        add("fi", OTHER_LEVEL(rng) if person.lang != "sv" else "fluent")
    if person.lang != "en" and rng.random() < 0.5:
        add("en", OTHER_LEVEL(rng))
    if person.lang == "fi" and rng.random() < 0.3:
        add("sv", "basic")


def _cards(ctx: Context, person: Person, rows: list) -> None:
    rng = ctx.rng
    cards = {}
    anchor = person.periods[0].start if person.periods else person.created
    for _ in range(rng.choice((0, 0, 0, 0, 0, 1, 1, 1, 2, 3))):
        card = CARD_CHOICE(rng)
        years = CARD_YEARS[card]
        got = anchor - dt.timedelta(days=rng.randint(30, 2000))
        # Some have expired: the desk sees which ones need renewing.
        cards[card] = (got + dt.timedelta(days=365 * years)).isoformat() if years else None
    cards.update(person.cards)  # cards earned in card trainings during the service
    for card in sorted(cards):
        row = ctx.new_row(person.created, person.minute, person.staff.id)
        row.update(client_id=person.id, card=card, expires_on=cards[card])
        rows.append(row)


def write_clients(ctx: Context, persons: list[Person], occupations: list[str],
                  preferred: list[str]) -> None:
    """Write client rows with their languages, cards and sought occupations, in batches.

    `preferred` are occupation codes of the demo job titles found in the
    classification; clients mostly seek those so that matching finds pairs.
    """
    rng = ctx.rng
    clients, languages, cards, wanted = [], [], [], []
    for n, person in enumerate(persons, 1):
        clients.append(_client_row(ctx, person))
        _languages(ctx, person, languages)
        _cards(ctx, person, cards)
        if occupations and rng.random() < 0.7:
            pool = preferred if preferred and rng.random() < 0.8 else occupations
            for code in sorted(set(rng.choices(pool, k=rng.randint(1, 2)))):
                row = ctx.new_row(person.created, person.minute, person.staff.id)
                row.update(client_id=person.id, occupation_code=code)
                wanted.append(row)
        if n % (BATCH // 2) == 0 or n == len(persons):
            ctx.writer.write("client", clients)
            ctx.writer.write("client_language", languages)
            ctx.writer.write("client_card", cards)
            ctx.writer.write("client_occupation", wanted)
            clients, languages, cards, wanted = [], [], [], []


def _assessment(ctx: Context, period: Period, phase: str, base: dict[str, int] | None) -> dict:
    rng, person = ctx.rng, period.person
    day = period.start if phase == "start" else period.end
    row = ctx.new_row(day, person.minute, person.staff.id)
    row.update(client_id=person.id, period_id=period.id, phase=phase, assessed_on=day.isoformat())
    if base is None:
        means = {"work_ability": 6.5, "job_search_skills": 5.0,
                 "digital_skills": _DIGITAL_SCORE[person.digital], "everyday_life": 6.5,
                 "confidence": 5.5}
        values = {k: round(rng.gauss(means[k], 1.7)) for k in ASSESSMENT_DIMENSIONS}
    else:
        # Modest change on average, more for those who found work.
        gain = 1.3 if period.outcome in EMPLOYED else 0.7
        values = {k: base[k] + round(rng.gauss(gain, 1.2)) for k in ASSESSMENT_DIMENSIONS}
    row.update({k: min(10, max(1, v)) for k, v in values.items()})
    return row


def write_periods(ctx: Context, periods: list[Period]) -> None:
    """Write agreement periods, then self-assessments at start and exit, then surveys."""
    rng = ctx.rng
    rows = []
    for n, period in enumerate(periods, 1):
        person = period.person
        row = ctx.new_row(period.start, person.minute, person.staff.id)
        row["id"] = period.id
        row.update(client_id=person.id, start_date=period.start.isoformat(),
                   end_date=period.end.isoformat() if period.end else None,
                   labour_status=period.labour,
                   unemployed_since=(period.unemployed_since.isoformat()
                                     if period.unemployed_since else None),
                   job_search_start=(period.job_search_start.isoformat()
                                     if period.job_search_start else None),
                   education_level=period.education, exit_outcome=period.outcome,
                   employment_over_3_months=period.over3, exit_note=period.note)
        rows.append(row)
        if len(rows) >= BATCH or n == len(periods):
            ctx.writer.write("agreement_period", rows)
            rows = []
    assessments, answers = [], []
    for n, period in enumerate(periods, 1):
        if rng.random() < 0.95:
            start = _assessment(ctx, period, "start", None)
            assessments.append(start)
            if period.end is not None and rng.random() < 0.8:
                assessments.append(_assessment(ctx, period, "exit", start))
        _survey(ctx, period, answers)
        if len(assessments) >= BATCH or n == len(periods):
            ctx.writer.write("self_assessment", assessments)
            assessments = []
    for start in range(0, len(answers), BATCH):
        ctx.writer.write("survey_answer", answers[start:start + BATCH])


def _survey(ctx: Context, period: Period, rows: list) -> None:
    rng, person = ctx.rng, period.person
    if period.end is not None:
        if rng.random() >= 0.45:
            return
        day = period.end
    else:
        # Some active clients answer midway, so recent weeks have answers too.
        if rng.random() >= 0.15 or period.i0 >= ctx.today_i:
            return
        day = ctx.cal.days[rng.randint(period.i0, ctx.today_i)]
    statements = (list(SURVEY_STATEMENT) if rng.random() < 0.6
                  else rng.sample(SURVEY_STATEMENT, rng.randint(3, 4)))
    # Answers are anonymous unless the client chose to sign them.
    client_id = person.id if rng.random() < 0.15 else None
    for statement in statements:
        row = ctx.new_row(day, person.minute, person.staff.id)
        rating = RATING_DIGITAL(rng) if statement == "digital_easy" else RATING(rng)
        row.update(client_id=client_id, answered_on=day.isoformat(), statement=statement,
                   rating=rating)
        rows.append(row)


def _age_group(person: Person, day: dt.date) -> str:
    birth = person.birth
    age = day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
    return "under_25" if age < 25 else "25_29" if age < 30 else "30_54" if age < 55 else "55_plus"


def write_quick_contacts(ctx: Context, persons: list[Person]) -> None:
    """Write people served without agreement (~0.5 per client); a few became clients."""
    rng, cal = ctx.rng, ctx.cal
    staff = ctx.by_duty("guidance", "coach", "digi")
    joiners = [p for p in persons if p.periods and p.periods[0].i0 > 5]
    rows = []
    count = round(ctx.spec.clients * 0.5)
    for n in range(count):
        promoted = rng.choice(joiners) if joiners and rng.random() < 0.06 else None
        if promoted is not None:
            first = promoted.periods[0]
            day_i = max(0, cal.on_or_before(first.start - dt.timedelta(days=rng.randint(5, 45))))
        else:
            day_i = rng.randint(0, ctx.today_i)
        day = cal.days[day_i]
        minute = rng.randrange(480, 950)
        member = rng.choice(staff)
        row = ctx.new_row(day, minute, member.id)
        service = QC_SERVICE(rng)
        name = None
        if promoted is not None:
            name = f"{promoted.first} {promoted.last}"
        elif rng.random() < 0.4:
            name = rng.choice(ctx.pools.women if rng.random() < 0.5 else ctx.pools.men)
        row.update(contact_date=day.isoformat(),
                   contact_time=f"{minute // 60:02d}:{minute % 60:02d}",
                   staff_id=member.id, channel=QC_CHANNEL(rng), service_type=service,
                   minutes=rng.choice((5, 10, 15, 15, 20, 30, 30, 45, 60)), name=name,
                   gender=QC_GENDER(rng) if promoted is None else promoted.gender,
                   age_group=QC_AGE(rng) if promoted is None else _age_group(promoted, day),
                   note=rng.choice(QC_NOTES) if rng.random() < 0.6 else None,
                   promoted_client_id=promoted.id if promoted is not None else None)
        rows.append(row)
        if len(rows) >= BATCH or n == count - 1:
            ctx.writer.write("quick_contact", rows)
            rows = []
