"""The base class of every record model, the bookkeeping model and cross-field helpers.

A model holds a table's business fields only. The bookkeeping columns every
synced table shares (id, timestamps, version, HLC stamp, soft delete) are the
store's business, so they live apart in `RecordMeta`; `Record` pairs the two
when a caller needs both.
"""

from __future__ import annotations

import datetime as dt
from typing import Generic, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from duunikulma_tui.domain.errors import FieldError, FormErrors
from duunikulma_tui.domain.models.fields import Id, Moment, OptId


class DomainModel(BaseModel):
    """Base of the record models: immutable, and unknown fields are refused.

    Frozen, because `model_copy(update=...)` and attribute assignment would
    skip validation; build a changed record with `model_validate` instead.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")


class RecordMeta(BaseModel):
    """The bookkeeping columns shared by every synced table (set by store/records.py)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Id
    created_at: Moment
    updated_at: Moment
    updated_by: OptId = None
    origin_device: Id
    version: int = Field(default=1, ge=1)
    hlc: str
    deleted: bool = False


BOOKKEEPING: tuple[str, ...] = tuple(RecordMeta.model_fields)
"""Names of the bookkeeping columns, in schema order."""

M = TypeVar("M", bound=DomainModel)


class Record(BaseModel, Generic[M]):
    """One stored row: its bookkeeping and its business fields, kept apart."""

    model_config = ConfigDict(frozen=True)

    meta: RecordMeta
    data: M


def raise_if_any(errors: list[FieldError]) -> None:
    """Refuse a record with every cross-field error found, not just the first.

    FormErrors is a ValueError, so pydantic wraps it and `to_form_errors`
    unpacks it again into its field errors.
    """
    if errors:
        raise FormErrors(errors)


def check_order(errors: list[FieldError], start: Optional[dt.date], end: Optional[dt.date],
                end_field: str = "end_date") -> None:
    """Note an error on `end_field` when it falls before `start` (both given)."""
    if start is not None and end is not None and end < start:
        # date_too_early names the earliest allowed day, which is the start.
        errors.append(FieldError(end_field, "date_too_early", {"earliest": start}))
