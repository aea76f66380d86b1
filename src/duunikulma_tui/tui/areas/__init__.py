"""One widget per area of the app, in the order of the F-keys."""

from __future__ import annotations

AREAS: tuple[tuple[str, str], ...] = (
    ("today", "f2"),
    ("clients", "f3"),
    ("appointments", "f4"),
    ("jobs", "f5"),
    ("employers", "f6"),
    ("indicators", "f7"),
    ("sync", "f8"),
)
