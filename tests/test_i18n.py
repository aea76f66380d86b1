"""Catalogs are complete in both languages; formats follow Finnish conventions."""

from __future__ import annotations

import datetime as dt

import pytest

from duunikulma_tui.domain import codes
from duunikulma_tui.domain.i18n import (catalogs, format_date, format_money, format_time,
                                        placeholders, set_language, t)


def test_finnish_and_english_have_the_same_keys_and_placeholders():
    fi, en = catalogs()["fi"], catalogs()["en"]
    assert fi.keys() == en.keys()
    for key in fi:
        assert placeholders(fi[key]) == placeholders(en[key]), key
        assert fi[key].strip() and en[key].strip(), key


def test_every_code_value_has_a_name_in_both_languages():
    for name, values in codes.ALL_LISTS.items():
        for value in values:
            for lang in ("fi", "en"):
                assert t(f"code.{name}.{value}", lang) != f"code.{name}.{value}"


def test_language_switch():
    assert t("area.today") == "Tänään"
    set_language("en")
    assert t("area.today") == "Today"
    with pytest.raises(ValueError):
        set_language("sv")


def test_finnish_formats():
    day = dt.date(2026, 3, 5)
    assert format_date(day) == "5.3.2026"
    assert format_time(dt.time(9, 5)) == "09.05"
    assert format_money(123456) == "1\u00a0234,56\u00a0€"
    assert format_date(day, "en") == "5 Mar 2026"
    assert format_time(dt.time(9, 5), "en") == "09:05"
    assert format_money(-50, "en") == "-€0.50"
