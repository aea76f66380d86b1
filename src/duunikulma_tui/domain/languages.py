"""Language names in Finnish and English from the Unicode CLDR (via Babel).

Codes are ISO 639-1 two-letter codes; the names come from CLDR's locale data
shipped in the Babel package, never typed by hand.
"""

from __future__ import annotations

from functools import lru_cache

from duunikulma_tui.domain.i18n import current_language

# The languages a Pielavesi desk meets most, offered first in pickers.
COMMON = ("fi", "sv", "en", "ru", "et", "uk", "ar", "so", "fa", "ku", "th", "vi", "sq", "se")


@lru_cache(maxsize=4)
def _names(lang: str) -> dict[str, str]:
    from babel import Locale

    return {code: name for code, name in Locale(lang).languages.items()
            if len(code) == 2 and code.isalpha()}


def language_name(code: str | None, lang: str | None = None) -> str:
    """The language's name in the UI language; the code itself when unknown."""
    if not code:
        return ""
    return _names(lang or current_language()).get(code, code)


def language_options(lang: str | None = None) -> list[tuple[str, str]]:
    """(name, code) pairs: the common ones first, then the rest by name."""
    names = _names(lang or current_language())
    first = [(names[c], c) for c in COMMON if c in names]
    rest = sorted(((n, c) for c, n in names.items() if c not in COMMON), key=lambda x: x[0].casefold())
    return first + rest


def language_code(text: str) -> str | None:
    """The code for a typed code or name in Finnish or English, or None."""
    key = text.strip().casefold()
    if not key:
        return None
    for lang in ("fi", "en"):
        names = _names(lang)
        if key in names:
            return key
        for code, name in names.items():
            if name.casefold() == key:
                return code
    return None
