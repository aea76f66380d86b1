"""Record ids and UTC timestamps that any machine can make offline."""

from __future__ import annotations

import datetime as dt

import ulid_transform


def new_id() -> str:
    """A new ULID as 26-character text: unique without coordination, sorts by time.

    ulid-transform (C) makes one in under a microsecond; bulk imports and the
    scale-data generator make millions.
    """
    return ulid_transform.ulid_now()


def utc_now() -> dt.datetime:
    """The current moment in UTC (aware)."""
    return dt.datetime.now(dt.timezone.utc)


def utc_stamp(moment: dt.datetime | None = None) -> str:
    """A UTC instant as ISO 8601 text with microseconds and Z, e.g. 2026-11-23T08:00:00.000000Z."""
    moment = moment or utc_now()
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_utc_stamp(text: str) -> dt.datetime:
    """The inverse of `utc_stamp`."""
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.timezone.utc)
