"""This machine's key pairs and the public-key files peers exchange.

Two pairs, made on first use: an X25519 pair (age) that bundles are
encrypted to, and an Ed25519 pair that signs this machine's manifests.
The private halves live in local_meta of the database file, which is
owner-only (0600): they belong to the device id stored beside them, so a
key file that travels or gets lost separately can never pair with the
wrong identity, and a backup of the file restores both together.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from duunikulma_tui.services.desk import Desk
from duunikulma_tui.services.sync.errors import BundleError
from duunikulma_tui.store import Store, records

META_AGE = "sync.age_identity"
META_SIGN = "sync.sign_key"
PEER_FILE_FORMAT = 1
ROLES = ("desk", "coordinator")


def b64(data: bytes) -> str:
    """Standard base64 text."""
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    """Decode strict base64; raises ValueError on anything else."""
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError("not base64") from exc


def public_bytes(key: Ed25519PrivateKey) -> bytes:
    """The raw 32 bytes of a signing key's public half."""
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def verifier(sign_key: str) -> Ed25519PublicKey:
    """A public signing key from its base64 text; raises ValueError when malformed."""
    raw = unb64(sign_key)
    if len(raw) != 32:
        raise ValueError("an Ed25519 key is 32 bytes")
    return Ed25519PublicKey.from_public_bytes(raw)


def fingerprint(sign_key: str, age_recipient: str) -> str:
    """Short text to compare aloud when keys are exchanged: 'ABCD-EF01-2345-6789-ABCD'."""
    digest = hashlib.sha256(f"{sign_key}\n{age_recipient}".encode()).hexdigest().upper()[:20]
    return "-".join(digest[i:i + 4] for i in range(0, 20, 4))


@dataclass(frozen=True)
class KeyPair:
    """This machine's private keys."""

    identity: pyrage.x25519.Identity
    signer: Ed25519PrivateKey

    @property
    def age_recipient(self) -> str:
        """The public age key, 'age1...'."""
        return str(self.identity.to_public())

    @property
    def sign_key(self) -> str:
        """The public signing key, base64."""
        return b64(public_bytes(self.signer))


@dataclass(frozen=True)
class PeerCard:
    """What a machine tells others about itself: who it is and its public keys."""

    device_id: str
    name: str
    role: str
    age_recipient: str
    sign_key: str

    @property
    def fingerprint(self) -> str:
        """See `fingerprint`."""
        return fingerprint(self.sign_key, self.age_recipient)

    def body(self) -> dict:
        """The signed part of a peer file."""
        return {"duunikulma_peer": PEER_FILE_FORMAT, "device": self.device_id,
                "name": self.name, "role": self.role, "age": self.age_recipient,
                "ed25519": self.sign_key}


def ensure_keys(store: Store) -> KeyPair:
    """This machine's keys, made and stored on first use."""
    age_secret, sign_secret = store.meta_get(META_AGE), store.meta_get(META_SIGN)
    if age_secret and sign_secret:
        return KeyPair(pyrage.x25519.Identity.from_str(age_secret),
                       Ed25519PrivateKey.from_private_bytes(unb64(sign_secret)))
    identity, signer = pyrage.x25519.Identity.generate(), Ed25519PrivateKey.generate()
    install_keys(store, str(identity), b64(signer.private_bytes_raw()))
    return KeyPair(identity, signer)


def install_keys(store: Store, age_secret: str, sign_secret: str) -> None:
    """Store given private keys (a test fixture, or a machine's keys moved by hand)."""
    pyrage.x25519.Identity.from_str(age_secret)
    Ed25519PrivateKey.from_private_bytes(unb64(sign_secret))
    with store.transaction():
        store.meta_set(META_AGE, age_secret)
        store.meta_set(META_SIGN, sign_secret)


def own_card(desk: Desk) -> PeerCard:
    """This machine's public card (making the keys on first use)."""
    keys = ensure_keys(desk.store)
    row = desk.store.query("SELECT name, role FROM device WHERE id = ?", (desk.store.device_id,))
    name, role = (row[0]["name"], row[0]["role"]) if row else ("", "desk")
    return PeerCard(desk.store.device_id, name, role, keys.age_recipient, keys.sign_key)


def set_role(desk: Desk, role: str) -> None:
    """Say whether this machine is a desk or the coordinator (travels to peers)."""
    if role not in ROLES:
        raise BundleError("bad_choice", choice=role)
    records.update(desk.store, "device", desk.store.device_id, {"role": role}, desk.operator_id)


def set_name(desk: Desk, name: str) -> None:
    """Rename this machine as peers and bundles show it (travels to peers)."""
    name = " ".join((name or "").split())
    if not name or len(name) > 60:
        raise BundleError("bad_choice", choice=name)
    records.update(desk.store, "device", desk.store.device_id, {"name": name}, desk.operator_id)


def _canonical(body: dict) -> bytes:
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def peer_file_text(desk: Desk) -> str:
    """This machine's public-key file: JSON, self-signed so damage in transit shows."""
    card = own_card(desk)
    body = card.body()
    signature = ensure_keys(desk.store).signer.sign(_canonical(body))
    return json.dumps({**body, "signature": b64(signature)}, indent=2, ensure_ascii=False) + "\n"


def write_peer_file(desk: Desk, path: Path) -> Path:
    """Write the public-key file (not secret: it can go by e-mail)."""
    text = peer_file_text(desk)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BundleError("not_writable", path=str(path)) from exc
    return path


def parse_peer_file(raw: bytes, path: str = "") -> PeerCard:
    """Read a peer's public-key file; BundleError('peer_file_invalid') when it is not one."""
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("duunikulma_peer") != PEER_FILE_FORMAT:
            raise ValueError("not a peer file")
        card = PeerCard(*(data[k] for k in ("device", "name", "role", "age", "ed25519")))
        if not all(isinstance(v, str) and v for v in vars(card).values()):
            raise ValueError("empty or non-text field")
        if card.role not in ROLES:
            raise ValueError("role")
        pyrage.x25519.Recipient.from_str(card.age_recipient)
        verifier(card.sign_key).verify(unb64(data["signature"]), _canonical(card.body()))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, InvalidSignature,
            pyrage.RecipientError) as exc:
        raise BundleError("peer_file_invalid", path=path) from exc
    return card
