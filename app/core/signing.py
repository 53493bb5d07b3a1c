"""Signatures on the records kept beside cached files, with a key of this user's.

A record (a file's digest, where the file came from, which weights an optimised graph was
built from) is only worth what its writer is: a cache can be copied, shared or carried on
a USB stick, and anyone can write a record into it. Records are signed (HMAC-SHA256) with
a random key kept in the user's configuration folder, outside every cache, so a record
verifies only if this user's own app wrote it; any other is ignored, and the file is
hashed or made again as if it had none. Where the key cannot be kept (a read-only home),
each process makes its own: records then hold for that process alone.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import threading
import uuid
from collections.abc import Mapping
from pathlib import Path

from app.core.files import read_regular
from app.paths import signing_key_path

log = logging.getLogger(__name__)
KEY_BYTES = 32
_keys: dict[Path, bytes] = {}
_lock = threading.Lock()


def sign(fields: Mapping[str, object]) -> str:
    """The signature of ``fields`` (JSON values) under this user's key."""
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(_key(), payload, hashlib.sha256).hexdigest()


def verify(fields: Mapping[str, object], signature: object) -> bool:
    return isinstance(signature, str) and hmac.compare_digest(sign(fields), signature)


def _key() -> bytes:
    path = signing_key_path()
    with _lock:
        key = _keys.get(path)
        if key is None:
            key = _keys[path] = _load_or_create(path)
        return key


def _load_or_create(path: Path) -> bytes:
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as error:
        log.warning(
            "cannot use the signing key %s (%s); records hold for this run only", path, error
        )
        return secrets.token_bytes(KEY_BYTES)
    key = secrets.token_bytes(KEY_BYTES)
    staging = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(key)
            stream.flush()
            os.fsync(stream.fileno())
        os.link(staging, path)  # appears whole, and only if no other process was first
    except FileExistsError:
        return _read_key(path)
    except OSError as error:
        log.warning("cannot keep a signing key in %s (%s); records hold for this run only",
                    path.parent, error)  # fmt: skip
    finally:
        staging.unlink(missing_ok=True)
    return key


def _read_key(path: Path) -> bytes:
    key = read_regular(path, KEY_BYTES)
    if len(key) != KEY_BYTES:
        raise ValueError(f"{len(key)} bytes, not {KEY_BYTES}")
    return key
