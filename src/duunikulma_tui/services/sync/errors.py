"""The one error type of sync: a code that names a catalog message."""

from __future__ import annotations

# Every code, in the order an import meets them; each has `bundle.err.<code>`
# in the catalogs and a test of its own. Nothing is written when one is raised.
CODES = (
    "unreadable", "empty", "too_large", "not_bundle", "truncated", "damaged",
    "wrong_recipient", "newer_format", "malformed", "unknown_signer", "signer_removed",
    "edited_manifest", "bad_signature", "records_altered", "newer_schema", "own_bundle",
    "clock_ahead", "gap", "seq_clash", "missing_row", "rejected_record",
    # Outside imports: exports, peers, conflicts.
    "no_peers", "unknown_peer", "bad_week", "not_writable", "peer_file_invalid",
    "peer_is_self", "conflict_not_found", "conflict_resolved", "bad_choice",
)


class BundleError(Exception):
    """A sync operation was refused; `code` is a key under `bundle.err.`."""

    def __init__(self, code: str, **params: object):
        if code not in CODES:
            raise ValueError(f"unknown sync error code {code!r}")
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def key(self) -> str:
        """The catalog key of the message."""
        return f"bundle.err.{self.code}"
