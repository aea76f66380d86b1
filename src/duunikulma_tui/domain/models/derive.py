"""Values derived from stored fields, computed when needed and never stored twice.

Age, age groups and long-term unemployment change with the day they are
asked about, so storing them would make them wrong by tomorrow.
"""

from __future__ import annotations

import datetime as dt

from duunikulma_tui.domain import codes

UNDER_25 = "under_25"
UNDER_30 = "under_30"
AGED_55_PLUS = "55_plus"
AGE_GROUPS = (UNDER_25, UNDER_30, AGED_55_PLUS)
"""The overlapping groups reports count: ESF under 25, the project's young under 30, 55+."""

LONG_TERM_YEARS = 1
"""Long-term unemployed: unemployed continuously for at least 12 months (Statistics Finland)."""


def anniversary(start: dt.date, years: int) -> dt.date:
    """The day `years` years after `start`; 29 February falls on 1 March in common years.

    1 March, not 28 February: a full year has only passed once the 28th is
    over, which is also what comparing (month, day) in age_on gives.
    """
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return dt.date(start.year + years, 3, 1)


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Completed years of age on `day`. Raises ValueError for a day before the birth."""
    if day < birth_date:
        raise ValueError(f"{day} is before the birth date {birth_date}")
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def age_groups(birth_date: dt.date, day: dt.date) -> set[str]:
    """The report age groups a person belongs to on `day`: under_25, under_30, 55_plus.

    The groups overlap on purpose (a 24-year-old is in both young groups):
    ESF counts under 25, the project's young people are under 30.
    """
    age = age_on(birth_date, day)
    groups: set[str] = set()
    if age < 25:
        groups.add(UNDER_25)
    if age < 30:
        groups.add(UNDER_30)
    if age >= 55:
        groups.add(AGED_55_PLUS)
    return groups


def age_group_code(birth_date: dt.date, day: dt.date) -> str:
    """The one codes.AGE_GROUP bracket (as quick_contact.age_group stores) on `day`."""
    age = age_on(birth_date, day)
    if age < 25:
        code = "under_25"
    elif age < 30:
        code = "25_29"
    elif age < 55:
        code = "30_54"
    else:
        code = "55_plus"
    assert code in codes.AGE_GROUP  # the brackets are the code list's
    return code


def long_term_unemployed_from(unemployed_since: dt.date) -> dt.date:
    """The first day someone unemployed since `unemployed_since` counts as long-term unemployed."""
    return anniversary(unemployed_since, LONG_TERM_YEARS)


def is_long_term_unemployed(unemployed_since: dt.date | None, day: dt.date) -> bool:
    """True when unemployed continuously for at least 12 months on `day`.

    Unemployed since 23.11.2025 means long-term from 23.11.2026 on; no start
    date means it is not known, so not counted as long-term.
    """
    if unemployed_since is None:
        return False
    return day >= long_term_unemployed_from(unemployed_since)
