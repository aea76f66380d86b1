"""The bundle container: an age file (X25519 recipients) holding framed sections.

Outside: a standard age v1 file, so `age -d -i key.txt bundle.age` opens it.
Inside: a magic line with the container format version, then the sections
manifest, signature, records and padding, each as `<name> <length>\\n<bytes>\\n`,
then `end\\n`. The padding makes the age payload a multiple of 256 bytes, so
a file cut short is told apart from one whose bits were flipped before any
decryption is tried (age authenticates, but cannot say which happened).
"""

from __future__ import annotations

import re

import pyrage

from duunikulma_tui.services.sync.errors import BundleError

AGE_MAGIC = b"age-encryption.org/v1\n"
INNER_MAGIC = b"DUUNIKULMA-BUNDLE "
FORMAT = 1
QUANTUM = 256
SECTIONS = (b"manifest", b"signature", b"records", b"padding")
_CHUNK = 64 * 1024
_BODY_LINE = re.compile(rb"[A-Za-z0-9+/]{0,64}")
_MAC_LINE = re.compile(rb"--- [A-Za-z0-9+/]{43}")


def payload_size(plain: int) -> int:
    """Bytes of the age payload for `plain` bytes: nonce + chunks, each with a 16-byte tag."""
    chunks = max(1, -(-plain // _CHUNK))
    return 16 + plain + 16 * chunks


def _section(name: bytes, data: bytes) -> bytes:
    return name + b" " + str(len(data)).encode() + b"\n" + data + b"\n"


def frame(manifest: bytes, signature: bytes, records: bytes) -> bytes:
    """The plaintext of a bundle, padded so its age payload is a multiple of QUANTUM."""
    body = (INNER_MAGIC + str(FORMAT).encode() + b"\n" + _section(b"manifest", manifest)
            + _section(b"signature", signature) + _section(b"records", records))
    for pad in range(2 * QUANTUM + 64):
        size = len(body) + len(b"padding ") + len(str(pad)) + 1 + pad + 1 + len(b"end\n")
        if payload_size(size) % QUANTUM == 0:
            return body + _section(b"padding", b"\0" * pad) + b"end\n"
    raise AssertionError("no padding fits")  # pragma: no cover - arithmetic guarantees one


def seal(plain: bytes, recipients: list[str]) -> bytes:
    """Encrypt to every recipient's age public key ('age1...')."""
    return pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(r) for r in recipients])


def header_end(data: bytes) -> int:
    """Offset where the age payload starts; BundleError when the header is cut or bad."""
    pos = len(AGE_MAGIC)
    while True:
        nl = data.find(b"\n", pos)
        if nl < 0:
            # The file ends inside the header; text-like debris means a cut.
            raise BundleError("truncated")
        line = data[pos:nl]
        pos = nl + 1
        if line.startswith(b"--- "):
            if not _MAC_LINE.fullmatch(line):
                raise BundleError("damaged")
            return pos
        if not (line.startswith(b"-> ") or _BODY_LINE.fullmatch(line)):
            raise BundleError("damaged")


def open_sealed(data: bytes, identity: pyrage.x25519.Identity) -> bytes:
    """Check the age layer and decrypt; each failure has its own code."""
    if not data:
        raise BundleError("empty")
    if not data.startswith(AGE_MAGIC):
        raise BundleError("truncated" if AGE_MAGIC.startswith(data) else "not_bundle")
    start = header_end(data)
    if (len(data) - start) % QUANTUM:
        raise BundleError("truncated")
    try:
        return pyrage.decrypt(data, [identity])
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).lower():
            raise BundleError("wrong_recipient") from None
        raise BundleError("damaged") from None


def unframe(plain: bytes) -> dict[str, bytes]:
    """The sections of a decrypted bundle; BundleError for a newer or broken layout."""
    if not plain.startswith(INNER_MAGIC):
        raise BundleError("not_bundle")
    nl = plain.find(b"\n", len(INNER_MAGIC))
    version = plain[len(INNER_MAGIC):nl] if nl > 0 else b""
    if not version.isdigit() or len(version) > 6:
        raise BundleError("malformed", part="container")
    if int(version) > FORMAT:
        raise BundleError("newer_format", found=int(version), supported=FORMAT)
    if int(version) != FORMAT:
        raise BundleError("malformed", part="container")
    pos, out = nl + 1, {}
    for name in SECTIONS:
        end = plain.find(b"\n", pos)
        head = plain[pos:end].split(b" ") if end > 0 else []
        if len(head) != 2 or head[0] != name or not head[1].isdigit() or len(head[1]) > 12:
            raise BundleError("malformed", part=name.decode())
        size = int(head[1])
        start, stop = end + 1, end + 1 + size
        if plain[stop:stop + 1] != b"\n":
            raise BundleError("malformed", part=name.decode())
        out[name.decode()] = plain[start:stop]
        pos = stop + 1
    if plain[pos:] != b"end\n" or out["padding"].strip(b"\0"):
        raise BundleError("malformed", part="end")
    return out
