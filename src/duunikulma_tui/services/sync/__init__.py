"""Sync through bundle files: keys, peers, export, import, verify, conflicts.

Machines never talk over a network. A bundle is an age-encrypted file
(docs/bundle-format.md) carried by e-mail, a USB stick or a shared drive;
bundles may arrive in any order, twice or never, and each import applies all
of a bundle or nothing. Submodules are imported where used so that the CLI's
--help does not pay for cryptography.
"""
