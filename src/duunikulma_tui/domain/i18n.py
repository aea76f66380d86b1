"""Message lookup and Finnish/English formatting of dates, times and money.

Every string a user sees comes from a catalog through `t()`. The language is
chosen once at start-up (`set_language`); nothing is decided at import time.
"""

from __future__ import annotations

import datetime as dt
import string

SUPPORTED_LANGUAGES = ("fi", "en")
DEFAULT_LANGUAGE = "fi"

_language = DEFAULT_LANGUAGE
_catalogs: dict[str, dict[str, str]] | None = None


class UnknownLanguage(ValueError):
    """Raised when a language code is not one of SUPPORTED_LANGUAGES."""


def set_language(lang: str) -> None:
    """Switch the UI language for everything that is rendered from now on."""
    global _language
    code = (lang or "").strip().lower()[:2]
    if code not in SUPPORTED_LANGUAGES:
        raise UnknownLanguage(lang)
    _language = code


def current_language() -> str:
    """The code of the language in use ('fi' or 'en')."""
    return _language


def catalogs() -> dict[str, dict[str, str]]:
    """All messages by language, merged from the catalog modules (loaded once)."""
    global _catalogs
    if _catalogs is None:
        from duunikulma_tui.domain.catalog import load_all

        _catalogs = load_all()
    return _catalogs


def t(key: str, lang: str | None = None, /, **params: object) -> str:
    """The message `key` in the current (or given) language, with params filled in.

    A missing key shows as the key itself so a gap is visible, never a crash;
    tests keep the catalogs complete.
    """
    table = catalogs()[lang or _language]
    text = table.get(key)
    if text is None:
        return key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def placeholders(text: str) -> set[str]:
    """The {names} a message expects; catalogs must agree across languages."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def format_date(value: dt.date | None, lang: str | None = None) -> str:
    """A date as people write it: 23.11.2026 in Finnish, 23 Nov 2026 in English."""
    if value is None:
        return "–"
    if (lang or _language) == "fi":
        return f"{value.day}.{value.month}.{value.year}"
    return f"{value.day} {value.strftime('%b')} {value.year}"


def format_short_date(value: dt.date | None, lang: str | None = None) -> str:
    """Day and month only: 23.11. in Finnish, 23 Nov in English."""
    if value is None:
        return "–"
    if (lang or _language) == "fi":
        return f"{value.day}.{value.month}."
    return f"{value.day} {value.strftime('%b')}"


def format_time(value: dt.time | None, lang: str | None = None) -> str:
    """A clock time: 09.30 in Finnish, 09:30 in English."""
    if value is None:
        return "–"
    sep = "." if (lang or _language) == "fi" else ":"
    return f"{value.hour:02d}{sep}{value.minute:02d}"


def format_weekday_date(value: dt.date, lang: str | None = None) -> str:
    """Weekday and date for headers: 'ma 23.11.2026' / 'Mon 23 Nov 2026'."""
    day = t(f"weekday.{value.isoweekday()}", lang)
    return f"{day} {format_date(value, lang)}"


def format_money(cents: int | None, lang: str | None = None) -> str:
    """Euro cents as '1 234,50 €' in Finnish and '€1,234.50' in English."""
    if cents is None:
        return "–"
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    if (lang or _language) == "fi":
        grouped = f"{euros:,}".replace(",", "\u00a0")
        return f"{sign}{grouped},{rest:02d}\u00a0€"
    return f"{sign}€{euros:,}.{rest:02d}"
