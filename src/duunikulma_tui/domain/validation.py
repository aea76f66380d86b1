"""Checking and normalising what people type into forms. Pure: no I/O.

Every function takes the raw text and a `field` name, returns the normalised
value, or raises `FieldError` whose `code` has a message in catalog/validation.
Blank input raises code "required"; wrap a call in `optional()` for fields
that may be left empty.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import TypeVar

from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, ValidationError
from stdnum.fi import hetu, ytunnus

from duunikulma_tui.domain.errors import FieldError

T = TypeVar("T")

# Century signs of the henkilötunnus; stdnum checks validity, this only dates it.
_CENTURY = {"+": 1800, **dict.fromkeys("-YXWVU", 1900), **dict.fromkeys("ABCDEF", 2000)}
_HETU_SHAPE = re.compile(r"[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Y]")

PHONE_MAX_DIGITS = 15  # E.164
_FI_NATIONAL_MIN, _FI_NATIONAL_MAX = 5, 12  # ITU numbering plan for +358
EMAIL_MAX_LENGTH = 254
MONEY_MAX_CENTS = 10_000_000 * 100

# Bidi embeddings/overrides/isolates can make stored text display reversed.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Joiners belong inside words in e.g. Persian and Indic names.
_JOINERS = frozenset("\u200c\u200d")
_NAME_PUNCTUATION = frozenset(" -'\u2019.")


def optional(fn: Callable[..., T], value: object, **kw: object) -> T | None:
    """None for blank input (None or only whitespace), otherwise `fn(value, **kw)`."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return fn(value, **kw)


def _required(value: object, field: str) -> str:
    text = "" if value is None else str(value).strip()
    if not text:
        raise FieldError(field, "required")
    return text


def _is_control(char: str, allowed: str = "") -> bool:
    if char in allowed:
        return False
    return unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS


# --- identity codes ---------------------------------------------------------


def identity_code(value: str, field: str = "identity_code") -> str:
    """A Finnish henkilötunnus, checked by stdnum, as upper-case '131052-308T'."""
    code = hetu.compact(_required(value, field))
    try:
        return hetu.validate(code)
    except InvalidChecksum:
        raise FieldError(field, "hetu_checksum") from None
    except InvalidComponent:
        # stdnum raises the same error for an impossible date and a reserved
        # individual number; tell the user which one it is.
        code_name = "hetu_individual" if _hetu_date(code) else "hetu_date"
        raise FieldError(field, code_name) from None
    except InvalidFormat:
        if _HETU_SHAPE.fullmatch(code) is None:
            raise FieldError(field, "hetu_format") from None
        # Right shape but refused by stdnum's stricter pattern: an impossible
        # day or month digit, or a letter never used as a check character.
        raise FieldError(field, "hetu_date" if _hetu_date(code) is None else "hetu_checksum") from None
    except ValidationError:
        raise FieldError(field, "hetu_invalid") from None


def _hetu_date(code: str) -> dt.date | None:
    try:
        year = _CENTURY[code[6]] + int(code[4:6])
        return dt.date(year, int(code[2:4]), int(code[0:2]))
    except (KeyError, ValueError, IndexError):
        return None


def birth_date_from_identity_code(code: str) -> dt.date:
    """The date of birth written in a valid henkilötunnus."""
    birth = _hetu_date(identity_code(code))
    assert birth is not None  # identity_code() has already checked the date
    return birth


def check_birth_date_matches(code: str, birth_date: dt.date | None, field: str = "birth_date") -> None:
    """Refuse a birth date that differs from the one in the henkilötunnus."""
    if birth_date is None:
        return
    expected = birth_date_from_identity_code(code)
    if birth_date != expected:
        raise FieldError(field, "birth_date_mismatch", {"expected": expected})


def mask_identity_code(code: str) -> str:
    """'131052-***T': date, century sign and check character; the rest hidden."""
    compact = hetu.compact(code or "")
    if not _HETU_SHAPE.fullmatch(compact):
        return "*" * 11  # never echo back a malformed code
    return f"{compact[:7]}***{compact[10]}"


def business_id(value: str, field: str = "business_id") -> str:
    """A Finnish Y-tunnus, checked by stdnum, as '1234567-8'."""
    text = _required(value, field)
    try:
        return ytunnus.format(ytunnus.validate(text))
    except InvalidChecksum:
        raise FieldError(field, "business_id_checksum") from None
    except ValidationError:
        raise FieldError(field, "business_id_format") from None


# --- contact details ---------------------------------------------------------

_PHONE_SEPARATORS = re.compile(r"[\s\-().\/]")


def phone(value: str, field: str = "phone") -> str:
    """A phone number as '+358401234567'; Finnish national forms get +358."""
    text = _required(value, field)
    # \s without re.ASCII: pasted numbers often carry no-break spaces.
    if re.search(r"[^0-9+\s\-().\/]", text):
        raise FieldError(field, "phone_characters")
    raw = _PHONE_SEPARATORS.sub("", text)
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    if "+" in raw[1:] or raw in ("", "+") or raw.startswith("+0"):
        raise FieldError(field, "phone_format")
    if raw.startswith("+358"):
        national = raw[4:]
        # "+358 (0)40 ..." keeps the trunk zero people often write.
        national = national[1:] if national.startswith("0") else national
    elif raw.startswith("0"):
        national = raw[1:]
    elif raw.startswith("+"):
        digits = len(raw) - 1
        if digits < 7:
            raise FieldError(field, "phone_too_short")
        if digits > PHONE_MAX_DIGITS:
            raise FieldError(field, "phone_too_long", {"maximum": PHONE_MAX_DIGITS})
        return raw
    else:
        raise FieldError(field, "phone_format")
    if national.startswith("0"):
        raise FieldError(field, "phone_format")
    if len(national) < _FI_NATIONAL_MIN:
        raise FieldError(field, "phone_too_short")
    if len(national) > _FI_NATIONAL_MAX:
        raise FieldError(field, "phone_too_long", {"maximum": PHONE_MAX_DIGITS})
    return "+358" + national


_EMAIL_FORBIDDEN = re.compile(r'[<>()\[\],;:"\\]')
_DOMAIN_LABEL = re.compile(r"[^\W_](?:[\w-]*[^\W_])?")


def email(value: str, field: str = "email") -> str:
    """An email address, trimmed, with its domain in lower case."""
    text = unicodedata.normalize("NFC", _required(value, field))
    if len(text) > EMAIL_MAX_LENGTH:
        raise FieldError(field, "email_too_long", {"maximum": EMAIL_MAX_LENGTH})
    if "@" not in text:
        raise FieldError(field, "email_missing_at")
    if any(ch.isspace() for ch in text):
        raise FieldError(field, "email_spaces")
    local, _, domain = text.rpartition("@")
    if "@" in local or not local or _EMAIL_FORBIDDEN.search(text) or any(map(_is_control, text)):
        raise FieldError(field, "email_format")
    if local.startswith(".") or local.endswith(".") or ".." in local:
        raise FieldError(field, "email_format")
    if "." not in domain:
        raise FieldError(field, "email_domain")
    if not all(_DOMAIN_LABEL.fullmatch(label) for label in domain.split(".")):
        raise FieldError(field, "email_format")
    return f"{local}@{domain.lower()}"


def postal_code(value: str, field: str = "postal_code") -> str:
    """A Finnish postal code: exactly five digits."""
    text = _required(value, field)
    if not re.fullmatch(r"[0-9]{5}", text):
        raise FieldError(field, "postal_code")
    return text


# --- names and free text -----------------------------------------------------


def person_name(value: str, field: str = "first_name", max_length: int = 100) -> str:
    """A name in any script: NFC, trimmed, inner whitespace collapsed to one space."""
    text = unicodedata.normalize("NFC", _required(value, field))
    # Ordinary line breaks and tabs collapse like spaces; other controls are refused.
    if any(_is_control(ch, allowed="\t\n\r\v\f") for ch in text):
        raise FieldError(field, "control_characters")
    text = " ".join(text.split())
    if len(text) > max_length:
        raise FieldError(field, "too_long", {"max_length": max_length, "length": len(text)})
    in_word = False  # marks and joiners may only follow a letter
    for ch in text:
        kind = unicodedata.category(ch)[0]
        if kind == "L":
            in_word = True
        elif (kind == "M" or ch in _JOINERS) and in_word:
            continue
        elif ch in _NAME_PUNCTUATION:
            in_word = False
        else:
            raise FieldError(field, "name_characters")
    if not any(unicodedata.category(ch)[0] == "L" for ch in text):
        raise FieldError(field, "name_no_letters")
    return text


def free_text(value: str, field: str = "note", max_length: int = 2000, multiline: bool = True) -> str:
    """Free text, trimmed and NFC; line breaks and tabs only when multiline."""
    raw = "" if value is None else str(value)
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _required(text, field)
    if not multiline and any(ch in "\n\t" for ch in text):
        raise FieldError(field, "line_breaks")
    if any(_is_control(ch, allowed="\n\t") for ch in text):
        raise FieldError(field, "control_characters")
    if len(text) > max_length:
        raise FieldError(field, "too_long", {"max_length": max_length, "length": len(text)})
    return text


# --- dates, times and numbers --------------------------------------------------

_FI_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4}|[0-9]{2})")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


def parse_date(
    value: str,
    field: str = "date",
    *,
    allow_future: bool = True,
    today: dt.date | None = None,
    earliest: dt.date | None = None,
) -> dt.date:
    """A date from '23.11.2026', '1.2.26' or '2026-11-23'."""
    text = _required(value, field)
    if today is None:
        today = dt.date.today()
    if match := _FI_DATE.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
        if len(match.group(3)) == 2:
            # Two-digit years: this century unless that is more than a year ahead.
            year += 2000 if 2000 + year <= today.year + 1 else 1900
    elif match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise FieldError(field, "date_format")
    try:
        result = dt.date(year, month, day)
    except ValueError:
        raise FieldError(field, "no_such_date", {"value": text}) from None
    if not allow_future and result > today:
        raise FieldError(field, "future_date")
    if earliest is not None and result < earliest:
        raise FieldError(field, "date_too_early", {"earliest": earliest})
    return result


def parse_time(value: str, field: str = "time") -> dt.time:
    """A clock time from '9.30', '09:30', '930' or '9' (whole hour)."""
    text = _required(value, field)
    if match := re.fullmatch(r"([0-9]{1,2})[.:]([0-9]{2})", text):
        hour, minute = int(match.group(1)), int(match.group(2))
    elif re.fullmatch(r"[0-9]{3,4}", text):
        hour, minute = int(text[:-2]), int(text[-2:])
    elif re.fullmatch(r"[0-9]{1,2}", text):
        hour, minute = int(text), 0
    else:
        raise FieldError(field, "time_format")
    if hour > 23 or minute > 59:
        raise FieldError(field, "no_such_time", {"value": text})
    return dt.time(hour, minute)


_MONEY = re.compile(
    r"(?P<s1>[-\u2212]?)\s*(?:€\s*)?(?P<s2>[-\u2212]?)\s*(?P<num>[0-9.,][0-9 .,]*?)\s*(?:€|e|eur|euroa)?",
    re.IGNORECASE | re.ASCII,
)


def parse_money(value: str, field: str = "cost", *, allow_negative: bool = False) -> int:
    """Euro cents from '1 234,50 €', '1234.5', '€12.50' and the like."""
    # NFKC turns no-break and narrow no-break spaces into plain spaces.
    text = unicodedata.normalize("NFKC", _required(value, field))
    match = _MONEY.fullmatch(text)
    if match is None or (match["s1"] and match["s2"]):
        raise FieldError(field, "money_format")
    num = match["num"]
    if "," in num and "." in num:
        # Both present: the last is the decimal mark, the other groups thousands.
        decimal = "," if num.rindex(",") > num.rindex(".") else "."
        num = num.replace("." if decimal == "," else ",", " ")
    elif num.count(",") + num.count(".") > 1:
        raise FieldError(field, "money_format")
    else:
        decimal = "," if "," in num else "."
    whole, _, fraction = num.partition(decimal)
    whole_ok = re.fullmatch(r"[0-9]*|[0-9]{1,3}(?: [0-9]{3})+", whole) is not None
    if not whole_ok or not re.fullmatch(r"[0-9]*", fraction) or not (whole or fraction):
        raise FieldError(field, "money_format")
    if len(fraction) > 2:
        raise FieldError(field, "money_decimals")
    cents = int(whole.replace(" ", "") or "0") * 100 + int(fraction.ljust(2, "0"))
    if match["s1"] or match["s2"]:
        if not allow_negative:
            raise FieldError(field, "money_negative")
        cents = -cents
    if abs(cents) > MONEY_MAX_CENTS:
        raise FieldError(field, "money_too_large")
    return cents


def parse_int(value: str | int, field: str = "number", *, minimum: int, maximum: int) -> int:
    """A whole number between minimum and maximum inclusive."""
    if isinstance(value, bool):
        raise FieldError(field, "whole_number")
    if isinstance(value, int):
        number = value
    else:
        text = _required(value, field)
        if not re.fullmatch(r"[-+\u2212]?[0-9]+", text):
            raise FieldError(field, "whole_number")
        number = int(text.replace("\u2212", "-"))
    if not minimum <= number <= maximum:
        raise FieldError(field, "number_range", {"minimum": minimum, "maximum": maximum})
    return number


def score_1_to_10(value: str | int, field: str = "score") -> int:
    """A self-assessment score from 1 to 10."""
    return parse_int(value, field, minimum=1, maximum=10)
