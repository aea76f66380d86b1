"""Turning a pydantic ValidationError back into the FieldErrors the forms show.

The checked field types and the model validators raise FieldError (or
FormErrors for several cross-field errors); pydantic keeps the exception in
the error's ctx, so it comes back unchanged. Errors pydantic finds itself
(a missing field, a value outside a code list, text where a number belongs)
get the catalog code that the forms use for the same mistake.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from duunikulma_tui.domain.errors import FieldError, FormErrors

# pydantic error type -> catalog code under `error.`.
_TYPE_CODES = {
    "missing": "required",
    "string_too_short": "required",
    "literal_error": "choose_from_list",
    "enum": "choose_from_list",
    "bool_type": "choose_from_list",
    "bool_parsing": "choose_from_list",
    "int_type": "whole_number",
    "int_parsing": "whole_number",
    "int_from_float": "whole_number",
    "int_parsing_size": "whole_number",
    "date_type": "date_format",
    "date_parsing": "date_format",
    "date_from_datetime_parsing": "date_format",
    "date_from_datetime_inexact": "date_format",
    "datetime_type": "date_format",
    "datetime_parsing": "date_format",
    "datetime_from_date_parsing": "date_format",
    "time_type": "time_format",
    "time_parsing": "time_format",
}

# No catalog message fits an error that only a programming mistake can cause
# (a dict where a list belongs, an unknown field); the key shows as it is.
FALLBACK_CODE = "invalid_value"


def _field_of(loc: tuple[Any, ...]) -> str:
    # loc is (field,) or (field, index) for a list item; () for the whole model.
    return loc[0] if loc and isinstance(loc[0], str) else "__all__"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _translate(error: Any) -> list[FieldError]:
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, FormErrors):
        return list(cause.errors)
    if isinstance(cause, FieldError):
        return [cause]
    field = _field_of(tuple(error.get("loc", ())))
    kind = error.get("type", "")
    if kind == "string_too_long":
        ctx = error.get("ctx") or {}
        value = error.get("input")
        length = len(value) if isinstance(value, str) else ctx.get("max_length")
        return [FieldError(field, "too_long", {"max_length": ctx.get("max_length"),
                                               "length": length})]
    if kind in _TYPE_CODES and _TYPE_CODES[kind] != "required" and _blank(error.get("input")):
        # A type error on empty input reads better as "this is required".
        return [FieldError(field, "required")]
    if kind not in _TYPE_CODES and _blank(error.get("input")) and kind.endswith("_type"):
        return [FieldError(field, "required")]
    return [FieldError(field, _TYPE_CODES.get(kind, FALLBACK_CODE))]


def to_form_errors(exc: ValidationError) -> FormErrors:
    """The refused fields of `exc` as FormErrors, in pydantic's order.

    Messages come from the catalogs through FieldError.message(), so
    `to_form_errors(exc).by_field()` is what a form shows beside its fields.
    """
    found: list[FieldError] = []
    for error in exc.errors():
        found.extend(_translate(error))
    return FormErrors(found)
