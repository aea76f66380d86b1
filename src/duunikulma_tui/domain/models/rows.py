"""Converting between SQLite row dicts and record models.

SQLite keeps dates as 'YYYY-MM-DD' text, clock times as 'HH:MM', moments as
ids.utc_stamp text, booleans as 0/1, lists and rule data as JSON text and
driving licences as comma-separated text. How a column is stored follows
from the model field's type, so no table needs its own converter.
"""

from __future__ import annotations

import datetime as dt
import json
import types
from functools import cache
from typing import Any, Mapping, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from duunikulma_tui.domain.ids import utc_stamp
from duunikulma_tui.domain.models.base import DomainModel, Record, RecordMeta
from duunikulma_tui.domain.models.fields import CommaText

B = TypeVar("B", bound=BaseModel)
M = TypeVar("M", bound=DomainModel)

# How a column is stored; None means the value is stored as it is.
_DATE, _TIME, _MOMENT, _BOOL, _JSON, _COMMA = "date", "time", "moment", "bool", "json", "comma"


def _storage(field: FieldInfo) -> str | None:
    annotation = field.annotation
    if get_origin(annotation) in (Union, types.UnionType):
        # Optional[X]: the stored form is X's; None stays NULL.
        annotation = next(a for a in get_args(annotation) if a is not type(None))
    if any(isinstance(m, CommaText) for m in field.metadata):
        return _COMMA
    origin = get_origin(annotation) or annotation
    if origin in (list, dict):
        return _JSON
    # datetime before date: it is a date subclass.
    for kind, typ in ((_MOMENT, dt.datetime), (_DATE, dt.date), (_TIME, dt.time), (_BOOL, bool)):
        if annotation is typ:
            return kind
    return None


@cache
def storage_kinds(model_cls: type[BaseModel]) -> dict[str, str | None]:
    """Field name -> how that column is stored, for one model class."""
    return {name: _storage(field) for name, field in model_cls.model_fields.items()}


def _from_sql(kind: str | None, value: Any) -> Any:
    if value is None or kind is None:
        return value
    try:
        if kind == _DATE and isinstance(value, str):
            return dt.date.fromisoformat(value)
        if kind == _TIME and isinstance(value, str):
            return dt.time.fromisoformat(value)
        if kind == _MOMENT and isinstance(value, str):
            return dt.datetime.fromisoformat(value)
        if kind == _JSON and isinstance(value, str):
            return json.loads(value)
    except ValueError:
        # Leave damaged text as it is: validation then names the field.
        return value
    if kind == _BOOL and isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
        return bool(value)
    if kind == _COMMA and isinstance(value, str):
        return [part for part in value.split(",") if part]
    return value


def _to_sql(kind: str | None, value: Any) -> Any:
    if value is None or kind is None:
        return value
    if kind == _DATE:
        return value.isoformat()
    if kind == _TIME:
        return value.isoformat(timespec="minutes")
    if kind == _MOMENT:
        return utc_stamp(value)
    if kind == _BOOL:
        return int(value)
    if kind == _JSON:
        # ensure_ascii=False keeps 'trukin ajo' and 'hygieniapassi' readable in the file.
        return json.dumps(value, ensure_ascii=False)
    if kind == _COMMA:
        return ",".join(value)
    return value


def row_to_model(model_cls: type[B], row: Mapping[str, Any], *, validate: bool = True) -> B:
    """A model from a SQLite row dict (a `SELECT *` row or just the business columns).

    Columns the model lacks (bookkeeping, joined extras) are ignored. With
    validate=False the row is trusted and only converted, for rows the
    validators would refuse today but must still be shown (old or erased data).
    Raises pydantic.ValidationError when a validated row is refused.
    """
    kinds = storage_kinds(model_cls)
    data = {name: _from_sql(kind, row[name]) for name, kind in kinds.items() if name in row}
    if validate:
        return model_cls.model_validate(data)
    return model_cls.model_construct(**data)


def model_to_row(model: BaseModel) -> dict[str, Any]:
    """The model's columns as SQLite values, ready for store.records.insert/update."""
    kinds = storage_kinds(type(model))
    return {name: _to_sql(kind, getattr(model, name)) for name, kind in kinds.items()}


def column_value(model_cls: type[BaseModel], name: str, value: Any) -> Any:
    """One field's value in the form its column stores it."""
    return _to_sql(storage_kinds(model_cls)[name], value)


def meta_from_row(row: Mapping[str, Any]) -> RecordMeta:
    """The bookkeeping of a `SELECT *` row."""
    return row_to_model(RecordMeta, row)


def record_from_row(model_cls: type[M], row: Mapping[str, Any], *,
                    validate: bool = True) -> Record[M]:
    """A `SELECT *` row as bookkeeping plus business model."""
    return Record[model_cls](meta=meta_from_row(row),  # type: ignore[valid-type]
                             data=row_to_model(model_cls, row, validate=validate))
