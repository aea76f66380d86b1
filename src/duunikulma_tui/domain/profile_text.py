"""Reading and writing the profile's list fields as the short text a desk types.

"englanti hyvä, ruotsi alkeet" for languages, "trukkikortti 31.12.2027,
hygieniapassi" for cards, "8344, 5322" for occupations: fast to type at the
desk, and every part is checked, with a message naming the part that fails.
"""

from __future__ import annotations

import datetime as dt
import re

from duunikulma_tui.domain import codes
from duunikulma_tui.domain.errors import FieldError
from duunikulma_tui.domain.i18n import catalogs, format_date, t
from duunikulma_tui.domain.languages import language_code, language_name
from duunikulma_tui.domain.validation import parse_date

_DATE_AT_END = re.compile(r"\s+(\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2})$")


def _parts(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,;\n]", text or "") if p.strip()]


def _code_by_name(code_list: str, values: tuple[str, ...], text: str) -> str | None:
    key = text.strip().casefold()
    for value in values:
        if key == value or any(catalogs()[lang].get(f"code.{code_list}.{value}", "").casefold() == key
                               for lang in ("fi", "en")):
            return value
    return None


def parse_languages(text: str, field: str = "languages") -> list[tuple[str, str]]:
    """[(language code, level)] from 'englanti hyvä, sv alkeet'; level defaults to basic."""
    out = []
    for part in _parts(text):
        words = part.split()
        level = _code_by_name("language_level", codes.LANGUAGE_LEVEL, words[-1]) \
            if len(words) > 1 else None
        name = " ".join(words[:-1]) if level else part
        code = language_code(name)
        if code is None:
            raise FieldError(field, "unknown_language", {"value": name})
        out.append((code, level or "basic"))
    return list(dict(out).items())


def format_languages(items: list[tuple[str, str]]) -> str:
    """The inverse of parse_languages, in the UI language."""
    return ", ".join(f"{language_name(c)} {t(f'code.language_level.{lvl}')}" for c, lvl in items)


def parse_cards(text: str, field: str = "cards") -> list[tuple[str, dt.date | None]]:
    """[(card code, expiry)] from 'trukkikortti 31.12.2027, hygieniapassi'."""
    out = []
    for part in _parts(text):
        expires = None
        match = _DATE_AT_END.search(part)
        if match:
            expires = parse_date(match.group(1), field=field)
            part = part[:match.start()]
        code = _code_by_name("card", codes.CARDS, part)
        if code is None:
            raise FieldError(field, "unknown_card", {"value": part.strip()})
        out.append((code, expires))
    return list(dict(out).items())


def format_cards(items: list[tuple[str, dt.date | None]]) -> str:
    """The inverse of parse_cards, in the UI language."""
    return ", ".join(t(f"code.card.{c}") + (f" {format_date(e, 'fi')}" if e else "")
                     for c, e in items)


def parse_occupations(text: str, known: set[str] | None, field: str = "occupations") -> list[str]:
    """Occupation codes from '8344, 5322'; each must be a unit group of the shipped list."""
    out = []
    for part in _parts(text):
        code = part.split()[0]
        if not code.isdigit() or (known is not None and code not in known):
            raise FieldError(field, "unknown_occupation", {"value": part})
        out.append(code)
    return list(dict.fromkeys(out))


def parse_skills(text: str, field: str = "skills") -> list[str]:
    """Skills as a list from comma-separated text."""
    return list(dict.fromkeys(_parts(text)))
