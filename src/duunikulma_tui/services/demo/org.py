"""Demo staff, employers with their contacts, and purchased-service providers."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from duunikulma_tui.services.demo.context import Context, StaffMember
from duunikulma_tui.services.demo.pools import (ASSOCIATION_NAMES, COMPANY_NAMES, CONTACT_ROLES,
                                                PLACE_CHOICE, PLACES, PROVIDER_NAMES,
                                                PURCHASED_SERVICES, Place, business_id,
                                                landline, mobile, slug)

# The team of the default demo; larger demos repeat the desk duties.
_TEAM = (("coordinator", "coordinator", "Projektikoordinaattori"),
         ("desk_worker", "guidance", "Palveluohjaaja"),
         ("desk_worker", "guidance", "Palveluohjaaja"),
         ("desk_worker", "coach", "Työvalmentaja"),
         ("desk_worker", "digi", "Digineuvoja"))
_MORE = (("desk_worker", "guidance", "Palveluohjaaja"), ("desk_worker", "coach", "Työvalmentaja"),
         ("desk_worker", "guidance", "Palveluohjaaja"), ("desk_worker", "digi", "Digineuvoja"))
# Clients per staff member before the demo adds staff (300 clients -> 5 staff).
CLIENTS_PER_STAFF = 60


@dataclass
class Employer:
    """What the rest of the generator needs to know about an employer."""

    id: str
    name: str
    kind: str
    industry: str
    place: Place


def make_staff(ctx: Context) -> None:
    """Create the team (about 5 people) and write the staff rows."""
    rng, pools = ctx.rng, ctx.pools
    count = max(5, math.ceil(ctx.spec.clients / CLIENTS_PER_STAFF))
    rows = []
    day = ctx.start - dt.timedelta(days=7)
    for i in range(count):
        role, duty, title = _TEAM[i] if i < len(_TEAM) else _MORE[(i - len(_TEAM)) % len(_MORE)]
        first = rng.choice(pools.women if rng.random() < 0.6 else pools.men)
        last = rng.choice(pools.last)
        row = ctx.new_row(day, 480 + i % 480, None)
        member = StaffMember(row["id"], first, last, role, title, duty)
        ctx.staff.append(member)
        # The coordinator set the team up, so every staff row is theirs.
        row["updated_by"] = ctx.staff[0].id
        row.update(first_name=first, last_name=last, role=role, title=title,
                   email=f"{slug(first)}.{slug(last)}@duunikulma.example", phone=mobile(rng),
                   active=1)
        rows.append(row)
    ctx.writer.write("staff", rows)


def _fill(pattern: str, place: Place, ctx: Context) -> str:
    last = ctx.pools.last
    return pattern.format(g=place.genitive, p=place.name, s=ctx.rng.choice(last),
                          s2=ctx.rng.choice(last))


def _unique_business_id(ctx: Context, used: set[str]) -> str:
    while True:
        code = business_id(ctx.rng.randrange(100_000, 3_400_000))
        if code and code not in used:
            used.add(code)
            return code


def make_employers(ctx: Context, used_ids: set[str]) -> list[Employer]:
    """Create and write employers (companies, associations, municipalities) and their contacts."""
    rng, pools = ctx.rng, ctx.pools
    names: set[str] = set()
    councils = list(PLACES)
    employers, rows, contacts = [], [], []
    for _ in range(ctx.spec.employers):
        place = PLACE_CHOICE(rng)
        draw = rng.random()
        if draw < 0.06 and councils:
            place = councils.pop(0)
            kind, name, industry = "municipality", place.council, "O"
        else:
            kind = "association" if draw < 0.18 else "company"
            name, industry = "", "C"
            for attempt in range(30):
                if kind == "association":
                    pattern, industry = rng.choice(ASSOCIATION_NAMES)
                elif attempt < 20 and rng.random() < 0.85:
                    pattern, industry = rng.choice(COMPANY_NAMES)
                else:
                    pattern, industry = rng.choice(pools.companies), rng.choice("CFGHN")
                name = _fill(pattern, place, ctx)
                if name not in names:
                    break
            else:
                name = f"{rng.choice(pools.last)} {rng.choice(pools.last)} Oy"
        names.add(name)
        staff = rng.choice(ctx.by_duty("coordinator", "coach"))
        day = ctx.cal.days[rng.randint(0, ctx.today_i // 2)]
        row = ctx.new_row(day, ctx.office_minute(), staff.id)
        domain = f"{slug(name.split(' Oy')[0].split(' ry')[0])[:30] or 'yritys'}.example"
        row.update(business_id=_unique_business_id(ctx, used_ids), name=name, industry=industry,
                   kind=kind, municipality=place.name,
                   street_address=f"{rng.choice(pools.streets)} {rng.randint(1, 40)}",
                   postal_code=rng.choice(place.postal), phone=landline(rng),
                   email=f"info@{domain}", note=None)
        rows.append(row)
        employers.append(Employer(row["id"], name, kind, industry, place))
        for _ in range(1 if rng.random() < 0.6 else 2):
            first = rng.choice(pools.women if rng.random() < 0.5 else pools.men)
            last = rng.choice(pools.last)
            contact = ctx.new_row(day, ctx.office_minute(), staff.id)
            contact.update(employer_id=row["id"], name=f"{first} {last}",
                           role=rng.choice(CONTACT_ROLES), phone=mobile(rng),
                           email=f"{slug(first)}.{slug(last)}@{domain}")
            contacts.append(contact)
    ctx.writer.write("employer", rows)
    ctx.writer.write("employer_contact", contacts)
    return employers


def make_providers(ctx: Context, used_ids: set[str], count: int = 7) -> list[str]:
    """Create and write the purchased-service providers; returns their ids."""
    rng = ctx.rng
    patterns = list(PROVIDER_NAMES)
    rng.shuffle(patterns)
    coordinator = ctx.by_duty("coordinator")[0]
    rows = []
    for i in range(count):
        place = PLACE_CHOICE(rng)
        name = _fill(patterns[i % len(patterns)], place, ctx)
        row = ctx.new_row(ctx.cal.days[rng.randint(0, min(20, ctx.today_i))], 600 + i,
                          coordinator.id)
        services = rng.sample(PURCHASED_SERVICES, 2)
        row.update(business_id=_unique_business_id(ctx, used_ids), name=name,
                   municipality=place.name, phone=landline(rng),
                   email=f"info@{slug(name.split(' Oy')[0])[:30]}.example",
                   note=f"Palvelut: {services[0].lower()}, {services[1].lower()}")
        rows.append(row)
    ctx.writer.write("provider", rows)
    return [r["id"] for r in rows]
