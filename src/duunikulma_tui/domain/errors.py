"""Validation errors that name their field and translate late.

A `FieldError` carries a message key and parameters, not a finished sentence,
so the same error reads right in Finnish and English and beside the field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from duunikulma_tui.domain.i18n import format_date, t


@dataclass
class FieldError(ValueError):
    """One field's value was refused. `code` names a catalog key under `error.`."""

    field: str
    code: str
    params: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(f"{self.field}: {self.code}")

    def message(self, lang: str | None = None) -> str:
        """The message alone, in the UI language, for showing under the field."""
        # Dates read the way the UI writes them everywhere else (1.3.2026).
        params = {k: format_date(v, lang) if isinstance(v, dt.date) else v
                  for k, v in self.params.items()}
        return t(f"error.{self.code}", lang, **params)

    def full_message(self, lang: str | None = None) -> str:
        """The message with the field's name in front, for one-line CLI output."""
        return f"{t(f'field.{self.field}', lang)}: {self.message(lang)}"


class FormErrors(ValueError):
    """Several fields refused at once; nothing was saved."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = errors

    def by_field(self, lang: str | None = None) -> dict[str, str]:
        """Messages keyed by field name (the first error of each field)."""
        out: dict[str, str] = {}
        for err in self.errors:
            out.setdefault(err.field, err.message(lang))
        return out
