"""Tests for domain/validation.py and its message catalog."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum.fi import hetu, ytunnus

from duunikulma_tui.domain import validation as v
from duunikulma_tui.domain.catalog import validation as catalog
from duunikulma_tui.domain.errors import FieldError
from duunikulma_tui.domain.i18n import format_money, placeholders

CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
TODAY = dt.date(2026, 6, 15)


def refused(fn, *args, **kwargs) -> FieldError:
    """Call fn, expect a FieldError, and hand it back for inspection."""
    with pytest.raises(FieldError) as info:
        fn(*args, **kwargs)
    return info.value


# --- henkilötunnus -----------------------------------------------------------

# One genuinely valid code per century sign in use since 2023, with its birth date.
VALID_HETU = [
    ("150385+1230", dt.date(1885, 3, 15)),
    ("131052-308T", dt.date(1952, 10, 13)),  # the published example
    ("010199Y234J", dt.date(1999, 1, 1)),
    ("290296X3457", dt.date(1996, 2, 29)),
    ("311299W456X", dt.date(1999, 12, 31)),
    ("010150V567M", dt.date(1950, 1, 1)),
    ("241275U678C", dt.date(1975, 12, 24)),
    ("010100A002H", dt.date(2000, 1, 1)),
    ("290224B1113", dt.date(2024, 2, 29)),
    ("311221C2228", dt.date(2021, 12, 31)),
    ("010105D333F", dt.date(2005, 1, 1)),
    ("150612E444X", dt.date(2012, 6, 15)),
    ("300623F5551", dt.date(2023, 6, 30)),
]


def test_every_century_sign_has_a_vector():
    assert {code[6] for code, _ in VALID_HETU} == set("+-YXWVUABCDEF")


@pytest.mark.parametrize("code,_birth", VALID_HETU)
def test_vectors_are_genuinely_valid(code, _birth):
    # Independent of stdnum: the check character is DDMMYYNNN mod 31.
    assert code[10] == CHECK_CHARS[int(code[:6] + code[7:10]) % 31]
    assert hetu.is_valid(code)


@pytest.mark.parametrize("code,birth", VALID_HETU)
def test_identity_code_accepts_every_century_sign(code, birth):
    assert v.identity_code(code) == code
    assert v.identity_code(f"  {code.lower()} ") == code
    assert v.birth_date_from_identity_code(code) == birth


@pytest.mark.parametrize(
    "value,code",
    [
        ("131052-308U", "hetu_checksum"),
        ("131052-308G", "hetu_checksum"),  # G is never a check character
        ("310252-308Y", "hetu_date"),  # 31 February
        ("310290-1234", "hetu_date"),
        ("290201A1234", "hetu_date"),  # 2001 was no leap year
        ("321052-308T", "hetu_date"),
        ("134052-308T", "hetu_date"),
        ("131052-0007", "hetu_individual"),
        ("131052-9001", "hetu_individual"),  # temporary identifiers are refused
        ("131052308T", "hetu_format"),
        ("131052-308", "hetu_format"),
        ("13105-2308T", "hetu_format"),
        ("131052Z308T", "hetu_format"),
        ("131052 - 308T", "hetu_format"),
        ("abc", "hetu_format"),
        ("   ", "required"),
    ],
)
def test_identity_code_refusals(value, code):
    assert refused(v.identity_code, value).code == code


def test_identity_code_error_names_the_field():
    assert refused(v.identity_code, "x", field="guardian_id").field == "guardian_id"


def test_identity_code_other_stdnum_refusal_is_general(monkeypatch):
    from stdnum.exceptions import ValidationError

    def refuse(_number):
        raise ValidationError()

    monkeypatch.setattr(v.hetu, "validate", refuse)
    assert refused(v.identity_code, "131052-308T").code == "hetu_invalid"


def test_birth_date_check():
    v.check_birth_date_matches("131052-308T", dt.date(1952, 10, 13))
    v.check_birth_date_matches("131052-308T", None)
    err = refused(v.check_birth_date_matches, "131052-308T", dt.date(1952, 10, 14))
    assert (err.field, err.code, err.params) == ("birth_date", "birth_date_mismatch",
                                                 {"expected": dt.date(1952, 10, 13)})
    assert "13.10.1952" in err.message("fi")
    assert "13 Oct 1952" in err.message("en")
    # Same day and month, other century: the sign decides.
    assert refused(v.check_birth_date_matches, "150385+1230", dt.date(1985, 3, 15)).code == "birth_date_mismatch"


def test_birth_date_from_invalid_code_refuses():
    assert refused(v.birth_date_from_identity_code, "131052-308U").code == "hetu_checksum"


@pytest.mark.parametrize(
    "code,masked",
    [
        ("131052-308T", "131052-***T"),
        (" 010100a002h ", "010100A***H"),
        ("150385+1230", "150385+***0"),
        ("garbage", "***********"),
        ("", "***********"),
    ],
)
def test_mask_identity_code(code, masked):
    assert v.mask_identity_code(code) == masked


# --- Y-tunnus ------------------------------------------------------------------

VALID_BUSINESS_IDS = ["0737546-2", "2077474-0", "0112038-9", "1572860-0", "0201256-6"]


@pytest.mark.parametrize("value", VALID_BUSINESS_IDS)
def test_business_id_valid(value):
    assert ytunnus.is_valid(value)
    assert v.business_id(value) == value
    assert v.business_id(" " + value.replace("-", "") + " ") == value


@pytest.mark.parametrize(
    "value,code",
    [
        ("2004245-4", "business_id_checksum"),  # looks plausible, but the check digit is 1
        ("0737546-3", "business_id_checksum"),
        ("0737546", "business_id_format"),
        ("07375462-1", "business_id_format"),
        ("0737S46-2", "business_id_format"),
        ("", "required"),
    ],
)
def test_business_id_refusals(value, code):
    assert refused(v.business_id, value).code == code


# --- phone ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value,expected",
    [
        ("040 123 4567", "+358401234567"),
        ("040-1234567", "+358401234567"),
        ("+358 40 123 4567", "+358401234567"),
        ("00358401234567", "+358401234567"),
        ("+358 (0)40 123 4567", "+358401234567"),
        ("(017) 123 4567", "+358171234567"),
        ("0171234567", "+358171234567"),
        ("040\u00a0123\u00a04567", "+358401234567"),
        ("09 310 1691", "+35893101691"),
        ("+46 8 123 456 78", "+46812345678"),
        ("0046 8 123 456 78", "+46812345678"),
        ("+1 (212) 555-0100", "+12125550100"),
    ],
)
def test_phone_normalised(value, expected):
    assert v.phone(value) == expected


@pytest.mark.parametrize(
    "value,code",
    [
        ("040 CALL ME", "phone_characters"),
        ("040#123", "phone_characters"),
        ("040 12", "phone_too_short"),
        ("+46 123", "phone_too_short"),
        ("040 1234 5678 9012", "phone_too_long"),
        ("+46 1234 5678 9012 34", "phone_too_long"),
        ("401234567", "phone_format"),
        ("040+1234567", "phone_format"),
        ("+", "phone_format"),
        ("+0401234567", "phone_format"),
        ("+358 00 123 4567", "phone_format"),
        ("()", "phone_format"),
        ("", "required"),
    ],
)
def test_phone_refusals(value, code):
    assert refused(v.phone, value).code == code


def test_phone_too_long_names_the_limit():
    err = refused(v.phone, "+46 1234 5678 9012 34")
    assert "15" in err.message("fi") and "15" in err.message("en")


_phone_prefix = st.sampled_from(["0", "+358", "00358", "+358 (0)", "+46", "0046", "+1", "+"])
_phone_sep = st.sampled_from(["", " ", "-", " ", "."])


@given(_phone_prefix, st.lists(st.text("0123456789", min_size=1, max_size=4), min_size=1, max_size=5), _phone_sep)
def test_phone_normalisation_is_idempotent(prefix, groups, sep):
    try:
        once = v.phone(prefix + sep.join(groups))
    except FieldError:
        assume(False)
    assert v.phone(once) == once
    assert once.startswith("+") and once[1:].isdigit()


@given(st.text(max_size=30))
def test_phone_any_text_refused_cleanly_or_idempotent(text):
    try:
        once = v.phone(text)
    except FieldError:
        return
    assert v.phone(once) == once


# --- email and postal code -------------------------------------------------------------


@pytest.mark.parametrize(
    "value,expected",
    [
        ("matti.meikalainen@example.fi", "matti.meikalainen@example.fi"),
        ("  Matti.Meikalainen@Example.FI ", "Matti.Meikalainen@example.fi"),
        ("anna+työ@kunta.fi", "anna+työ@kunta.fi"),
        ("x@sub.domain-1.example.com", "x@sub.domain-1.example.com"),
        ("äiti@Äänekoski.fi", "äiti@äänekoski.fi"),
    ],
)
def test_email_valid(value, expected):
    assert v.email(value) == expected


@pytest.mark.parametrize(
    "value,code",
    [
        ("matti.example.fi", "email_missing_at"),
        ("matti @example.fi", "email_spaces"),
        ("matti@exa mple.fi", "email_spaces"),
        ("matti@example", "email_domain"),
        ("matti@", "email_domain"),
        ("@example.fi", "email_format"),
        ("a@b@example.fi", "email_format"),
        ("matti@example..fi", "email_format"),
        ("matti@-example.fi", "email_format"),
        (".matti@example.fi", "email_format"),
        ("mat..ti@example.fi", "email_format"),
        ("matti<x>@example.fi", "email_format"),
        ("matti\x00@example.fi", "email_format"),
        ("a" * 250 + "@example.fi", "email_too_long"),
        (" ", "required"),
    ],
)
def test_email_refusals(value, code):
    assert refused(v.email, value).code == code


@pytest.mark.parametrize("value", ["72100", " 00100 ", "99999"])
def test_postal_code_valid(value):
    assert v.postal_code(value) == value.strip()


@pytest.mark.parametrize("value", ["7210", "721000", "72 100", "FI-72100", "7210a", "٧٢١٠٠"])
def test_postal_code_refused(value):
    err = refused(v.postal_code, value)
    assert err.code == "postal_code"
    assert err.message("fi") == "Anna postinumero viitenä numerona, esim. 72100."


# --- names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value,expected",
    [
        ("Äijälä", "Äijälä"),
        ("A\u0308ija\u0308la\u0308", "Äijälä"),  # decomposed input comes back NFC
        ("Ánde Čuđe", "Ánde Čuđe"),
        ("Đŋšŧž ĐŊŠŦŽ áč", "Đŋšŧž ĐŊŠŦŽ áč"),
        ("O'Brien", "O'Brien"),
        ("O’Brien", "O’Brien"),
        ("Virtanen-Korhonen", "Virtanen-Korhonen"),
        ("  Mäkinen  ", "Mäkinen"),
        ("Anna \t Maria\nLiisa", "Anna Maria Liisa"),
        ("J. R. R. Tolkien", "J. R. R. Tolkien"),
        ("Иван Петров", "Иван Петров"),
        ("محمد", "محمد"),
        ("王小明", "王小明"),
        ("अनिल कुमार", "अनिल कुमार"),  # vowel signs are combining marks
        ("نرگس\u200cسادات", "نرگس\u200cسادات"),  # zero-width non-joiner inside a word
    ],
)
def test_person_name_accepted(value, expected):
    assert v.person_name(value) == expected


@pytest.mark.parametrize(
    "value,code",
    [
        ("", "required"),
        ("   ", "required"),
        ("Matti\x00", "control_characters"),
        ("Matti\x1b[31m", "control_characters"),
        ("\u202eMatti", "control_characters"),
        ("Matti 😀", "name_characters"),
        ("Robert'); DROP TABLE client;--", "name_characters"),
        ("Matti 2", "name_characters"),
        ("=HYPERLINK()", "name_characters"),
        ("Matti_Meikäläinen", "name_characters"),
        ("\u0308Matti", "name_characters"),  # a combining mark with no letter to sit on
        ("-- .", "name_no_letters"),
    ],
)
def test_person_name_refused(value, code):
    assert refused(v.person_name, value).code == code


def test_person_name_too_long_names_the_limit():
    err = refused(v.person_name, "a" * 10_000, field="last_name")
    assert (err.field, err.code) == ("last_name", "too_long")
    assert err.params == {"max_length": 100, "length": 10_000}
    assert "100" in err.message("fi") and "100" in err.message("en")
    assert v.person_name("a" * 100) == "a" * 100
    assert refused(v.person_name, "Anna Maria", max_length=5).code == "too_long"


_letters = st.characters(categories=("Lu", "Ll", "Lo"), max_codepoint=0xFFFF)
_blank = st.text(st.sampled_from([" ", "\t", "\n", "\u00a0", "\u3000"]), max_size=3)


@given(_blank, st.lists(st.text(_letters, min_size=1, max_size=12), min_size=1, max_size=5), _blank)
def test_person_name_accepts_letters_of_any_script(before, words, after):
    result = v.person_name(before + " ".join(words) + after)
    assert result == unicodedata.normalize("NFC", " ".join(words))
    assert result == result.strip()
    assert unicodedata.is_normalized("NFC", result)


@given(st.text(max_size=120))
def test_person_name_never_fails_unexpectedly(text):
    try:
        result = v.person_name(text)
    except FieldError:
        return
    assert v.person_name(result) == result


# --- free text -----------------------------------------------------------------------


def test_free_text():
    assert v.free_text("  Soitti.\r\nSopi ajan.\t(klo 9)  ") == "Soitti.\nSopi ajan.\t(klo 9)"
    assert v.free_text("Cafe\u0301 😀") == "Café 😀"
    assert refused(v.free_text, "rivi\nrivi", multiline=False).code == "line_breaks"
    assert refused(v.free_text, "a\tb", multiline=False).code == "line_breaks"
    assert refused(v.free_text, "piip\x07").code == "control_characters"
    assert refused(v.free_text, "x" * 2001).code == "too_long"
    assert v.free_text("x" * 2000) == "x" * 2000
    err = refused(v.free_text, "x" * 51, field="street", max_length=50, multiline=False)
    assert (err.field, err.params) == ("street", {"max_length": 50, "length": 51})
    assert refused(v.free_text, " \n ").code == "required"


def test_optional():
    assert v.optional(v.phone, "") is None
    assert v.optional(v.phone, "   ") is None
    assert v.optional(v.phone, None) is None
    assert v.optional(v.phone, "040 123 4567") == "+358401234567"
    assert v.optional(v.free_text, "x", field="street", multiline=False) == "x"
    assert refused(v.optional, v.postal_code, "1234", field="zip").field == "zip"


# --- dates and times --------------------------------------------------------------------


@pytest.mark.parametrize(
    "value,expected",
    [
        ("23.11.2026", dt.date(2026, 11, 23)),
        ("1.2.2026", dt.date(2026, 2, 1)),
        (" 01.02.2026 ", dt.date(2026, 2, 1)),
        ("23.11.26", dt.date(2026, 11, 23)),
        ("1.1.27", dt.date(2027, 1, 1)),  # within a year ahead: this century
        ("1.1.28", dt.date(1928, 1, 1)),
        ("15.3.85", dt.date(1985, 3, 15)),
        ("1.1.00", dt.date(2000, 1, 1)),
        ("2026-11-23", dt.date(2026, 11, 23)),
        ("29.2.2024", dt.date(2024, 2, 29)),
    ],
)
def test_parse_date(value, expected):
    assert v.parse_date(value, today=TODAY) == expected


@pytest.mark.parametrize(
    "value,code",
    [
        ("31.2.2026", "no_such_date"),
        ("29.2.2025", "no_such_date"),
        ("2026-13-01", "no_such_date"),
        ("0.1.2026", "no_such_date"),
        ("23/11/2026", "date_format"),
        ("23.11", "date_format"),
        ("23.11.202", "date_format"),
        ("huomenna", "date_format"),
        ("", "required"),
    ],
)
def test_parse_date_refused(value, code):
    assert refused(v.parse_date, value, today=TODAY).code == code


def test_no_such_date_message_repeats_the_input():
    err = refused(v.parse_date, "31.2.2026", field="birth_date")
    assert err.field == "birth_date"
    assert err.message("fi") == "Päivämäärää 31.2.2026 ei ole olemassa."
    assert err.message("en") == "There is no such date as 31.2.2026."


def test_parse_date_future_and_earliest():
    assert v.parse_date("15.6.2026", allow_future=False, today=TODAY) == TODAY
    assert refused(v.parse_date, "16.6.2026", allow_future=False, today=TODAY).code == "future_date"
    earliest = dt.date(1900, 1, 1)
    assert v.parse_date("1.1.1900", earliest=earliest, today=TODAY) == earliest
    err = refused(v.parse_date, "31.12.1899", earliest=earliest, today=TODAY)
    assert err.code == "date_too_early"
    assert "1.1.1900" in err.message("fi") and "1 Jan 1900" in err.message("en")


def test_parse_date_today_defaults_to_the_real_day():
    assert refused(v.parse_date, (dt.date.today() + dt.timedelta(days=1)).isoformat(),
                   allow_future=False).code == "future_date"


@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_parse_date_round_trips(day):
    assert v.parse_date(f"{day.day}.{day.month}.{day.year}", today=TODAY) == day
    assert v.parse_date(day.isoformat(), today=TODAY) == day


@pytest.mark.parametrize(
    "value,expected",
    [
        ("9.30", dt.time(9, 30)),
        ("09.30", dt.time(9, 30)),
        ("09:30", dt.time(9, 30)),
        ("930", dt.time(9, 30)),
        ("0930", dt.time(9, 30)),
        ("9", dt.time(9, 0)),
        ("0.00", dt.time(0, 0)),
        ("23.59", dt.time(23, 59)),
        (" 16:05 ", dt.time(16, 5)),
    ],
)
def test_parse_time(value, expected):
    assert v.parse_time(value) == expected


@pytest.mark.parametrize(
    "value,code",
    [
        ("24.00", "no_such_time"),
        ("9.60", "no_such_time"),
        ("2400", "no_such_time"),
        ("25", "no_such_time"),
        ("9.5", "time_format"),
        ("9-30", "time_format"),
        ("klo 9", "time_format"),
        ("12345", "time_format"),
        ("", "required"),
    ],
)
def test_parse_time_refused(value, code):
    assert refused(v.parse_time, value).code == code


# --- money and numbers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value,cents",
    [
        ("1234", 123400),
        ("1 234,50", 123450),
        ("1234.5", 123450),
        ("1\u00a0234,50 €", 123450),
        ("1\u202f234,50\u00a0€", 123450),
        ("12,5 €", 1250),
        ("€12.50", 1250),
        ("12,50 e", 1250),
        ("0,05", 5),
        (",5", 50),
        ("1,234.56", 123456),
        ("1.234,56", 123456),
        ("€1,234,567.00", 123456700),
        ("10 000 000", 1_000_000_000),
        ("0", 0),
    ],
)
def test_parse_money(value, cents):
    assert v.parse_money(value) == cents


@pytest.mark.parametrize(
    "value,code",
    [
        ("12,345", "money_decimals"),
        ("1.999", "money_decimals"),
        ("abc", "money_format"),
        ("12 34", "money_format"),
        ("1.2.3", "money_format"),
        ("12,5,0", "money_format"),
        ("€", "money_format"),
        (",", "money_format"),
        ("--5", "money_format"),
        ("5 $", "money_format"),
        ("-5", "money_negative"),
        ("−12,50 €", "money_negative"),
        ("10 000 000,01", "money_too_large"),
        ("99999999999", "money_too_large"),
        ("", "required"),
    ],
)
def test_parse_money_refused(value, code):
    assert refused(v.parse_money, value).code == code


def test_parse_money_negative_when_allowed():
    assert v.parse_money("-12,50 €", allow_negative=True) == -1250
    assert v.parse_money("€-12.50", allow_negative=True) == -1250
    assert refused(v.parse_money, "-10 000 001", allow_negative=True).code == "money_too_large"


def _finnish_money(cents: int) -> str:
    euros, rest = divmod(cents, 100)
    return f"{euros:,}".replace(",", " ") + f",{rest:02d}"


@given(st.integers(min_value=0, max_value=v.MONEY_MAX_CENTS))
def test_parse_money_round_trips(cents):
    assert v.parse_money(_finnish_money(cents)) == cents
    assert v.parse_money(format_money(cents, "fi")) == cents
    assert v.parse_money(format_money(cents, "en")) == cents


@pytest.mark.parametrize("value,expected", [("7", 7), (" 10 ", 10), ("1", 1), (5, 5), ("+3", 3)])
def test_score(value, expected):
    assert v.score_1_to_10(value, field="wellbeing") == expected


@pytest.mark.parametrize(
    "value,code",
    [("0", "number_range"), ("11", "number_range"), (11, "number_range"), ("7,5", "whole_number"),
     ("seven", "whole_number"), (True, "whole_number"), ("", "required")],
)
def test_score_refused(value, code):
    assert refused(v.score_1_to_10, value).code == code


def test_number_range_names_the_bounds():
    err = refused(v.parse_int, "-3", "children", minimum=0, maximum=20)
    assert err.field == "children"
    assert err.message("fi") == "Anna luku väliltä 0–20."
    assert err.message("en") == "Enter a number from 0 to 20."
    assert v.parse_int("\u22123", "delta", minimum=-5, maximum=5) == -3


# --- the catalog ---------------------------------------------------------------------------

# One way to trigger each error code.
TRIGGERS = [
    (v.identity_code, ("131052-308",), {}),
    (v.identity_code, ("310252-308Y",), {}),
    (v.identity_code, ("131052-308U",), {}),
    (v.identity_code, ("131052-0007",), {}),
    (v.check_birth_date_matches, ("131052-308T", dt.date(2000, 1, 1)), {}),
    (v.business_id, ("0737546",), {}),
    (v.business_id, ("0737546-3",), {}),
    (v.phone, ("abc",), {}),
    (v.phone, ("401234567",), {}),
    (v.phone, ("040",), {}),
    (v.phone, ("+1234567890123456",), {}),
    (v.email, ("a",), {}),
    (v.email, ("a@b@c.fi",), {}),
    (v.email, ("a b@c.fi",), {}),
    (v.email, ("a@b",), {}),
    (v.email, ("a" * 300,), {}),
    (v.postal_code, ("1",), {}),
    (v.person_name, ("",), {}),
    (v.person_name, ("a" * 101,), {}),
    (v.person_name, ("a\x00",), {}),
    (v.person_name, ("a1",), {}),
    (v.person_name, ("-",), {}),
    (v.free_text, ("a\nb",), {"multiline": False}),
    (v.parse_date, ("x",), {}),
    (v.parse_date, ("31.2.2026",), {}),
    (v.parse_date, ("1.1.2100",), {"allow_future": False}),
    (v.parse_date, ("1.1.1800",), {"earliest": dt.date(1900, 1, 1)}),
    (v.parse_time, ("x",), {}),
    (v.parse_time, ("24",), {}),
    (v.parse_money, ("x",), {}),
    (v.parse_money, ("1,234",), {}),
    (v.parse_money, ("-1",), {}),
    (v.parse_money, ("1e9",), {}),
    (v.parse_money, ("100 000 000",), {}),
    (v.parse_int, ("1.5", "n"), {"minimum": 0, "maximum": 9}),
    (v.parse_int, ("10", "n"), {"minimum": 0, "maximum": 9}),
]


def _triggered() -> list[FieldError]:
    return [refused(fn, *args, **kwargs) for fn, args, kwargs in TRIGGERS]


def test_every_error_has_a_message_in_both_languages():
    errors = _triggered() + [FieldError("identity_code", "hetu_invalid")]
    for err in errors:
        for lang in ("fi", "en"):
            text = err.message(lang)
            assert not text.startswith("error."), (err.code, lang)
            assert "{" not in text, (err.code, lang, text)  # every placeholder was filled


def test_every_catalog_message_is_used():
    codes = {err.code for err in _triggered()} | {"hetu_invalid"}
    assert {f"error.{code}" for code in codes} == set(catalog.FI)


def test_catalog_languages_agree():
    assert set(catalog.FI) == set(catalog.EN)
    assert all(key.startswith("error.") for key in catalog.FI)
    for key, text in catalog.FI.items():
        assert placeholders(text) == placeholders(catalog.EN[key]), key
