"""`bundle verify`: what a bundle holds, checked like an import but never applied."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from duunikulma_tui.services.desk import Desk
from duunikulma_tui.services.sync.importer import device_name
from duunikulma_tui.services.sync.reader import open_bundle
from duunikulma_tui.store.sync_state import watermark


@dataclass(frozen=True)
class OriginRange:
    """The changes of one origin machine in a bundle."""

    origin: str
    name: str
    after: int
    upto: int
    have: int

    @property
    def new_here(self) -> int:
        """How many of them this machine does not hold yet."""
        return max(0, self.upto - max(self.have, self.after))

    @property
    def gap(self) -> bool:
        """True when an earlier bundle must be imported first."""
        return self.have < self.after


@dataclass(frozen=True)
class BundleInfo:
    """A bundle's manifest, in words, with what importing it would do here."""

    path: Path
    size: int
    format: int
    schema: int
    bundle_id: str
    kind: str
    week: str | None
    created_at: str
    sender: str
    sender_device: str
    recipients: tuple[str, ...]
    changes: int
    origins: tuple[OriginRange, ...]
    own: bool

    @property
    def new_here(self) -> int:
        """Changes this machine would apply."""
        return sum(o.new_here for o in self.origins)

    @property
    def gap(self) -> bool:
        """Whether an earlier bundle is missing."""
        return any(o.gap for o in self.origins)


def verify_bundle(desk: Desk, path: Path) -> BundleInfo:
    """Decrypt and check a bundle (BundleError as for import) and describe it."""
    opened = open_bundle(desk, Path(path))
    m = opened.manifest
    def name(origin: str) -> str:
        # The sender's own device row may only be arriving in this very bundle.
        return opened.sender_name if origin == opened.sender_id else device_name(desk, origin)

    origins = tuple(OriginRange(o, name(o), r["after"], r["upto"], watermark(desk.store, o))
                    for o, r in sorted(m["ranges"].items()))
    return BundleInfo(opened.path, opened.size, m["format"], m["schema"], m["bundle_id"],
                      m["kind"], m["week"], m["created_at"], opened.sender_name,
                      m["sender"]["device"], tuple(r["name"] for r in m["recipients"]),
                      m["records"]["count"], origins, opened.own)
