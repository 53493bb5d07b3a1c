"""A label set: the user's own labels, learned from example photos on top of a catalog
model (its pooled features, frozen), kept in one small ``.effnet`` file.

The file is JSON, never a pickle: the labels, the model it was taught on (id and full
weights sha256), the linear head (weights and bias as little-endian float32, base64), the
temperature that calibrates its probabilities, the training summary and the app version.
Such files are handed around, so reading one checks every field, its size and its numbers
(finite, the right shapes for the model) before anything uses it, and any fault is one
:class:`LabelSetError` naming the file.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from app.core.errors import CatalogError, os_reason
from app.core.files import FileRefused, read_regular, save_bytes
from app.core.models.catalog import Catalog, LinearHead, ModelSpec, refuse_constant
from app.i18n import translate

SUFFIX = ".effnet"
FORMAT = "effnet-label-set"
VERSION = 1
MAX_FILE_BYTES = 64 * 1024**2  # 1,000 labels × 2,560 features as base64 is 14 MB
MAX_LABELS = 1000
MAX_LABEL_LENGTH = 64
MAX_TEMPERATURE = 100.0
# A label names a folder when photos are sorted by it: no separators, no control
# characters, nothing a file system treats specially.
_BAD_LABEL = re.compile(r"[\x00-\x1f\x7f/\\]|^\s|\s$|^\.{1,2}$")
_SUMMARY_NUMBERS = ("accuracy", "regularisation")


class LabelSetError(CatalogError):
    """A label set file that cannot be used, said in one line."""


@dataclass(frozen=True)
class TrainingSummary:
    """How the head was taught and how it did on photos it had not learned from."""

    photos: tuple[int, ...]  # per label
    accuracy: float  # cross-validated, all photos
    label_accuracy: tuple[float, ...]  # per label (recall)
    folds: int
    augment: bool
    regularisation: float

    def to_json(self) -> dict[str, Any]:
        return {
            "photos": list(self.photos), "accuracy": self.accuracy,
            "label_accuracy": list(self.label_accuracy), "folds": self.folds,
            "augment": self.augment, "regularisation": self.regularisation,
        }  # fmt: skip


@dataclass(frozen=True)
class LabelSet:
    labels: tuple[str, ...]
    backbone_id: str
    backbone_sha256: str
    weights: np.ndarray = field(repr=False)  # (labels, features) float32
    bias: np.ndarray = field(repr=False)  # (labels,) float32
    temperature: float
    summary: TrainingSummary
    app_version: str

    def to_bytes(self) -> bytes:
        document = {
            "format": FORMAT,
            "version": VERSION,
            "labels": list(self.labels),
            "model": {"id": self.backbone_id, "weights_sha256": self.backbone_sha256},
            "head": {
                "features": int(self.weights.shape[1]),
                "weights": _encode(self.weights),
                "bias": _encode(self.bias),
                "temperature": self.temperature,
            },
            "training": self.summary.to_json(),
            "app_version": self.app_version,
        }
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")

    @property
    def digest(self) -> str:
        """What tells two heads apart (answers are stored under it)."""
        hashed = hashlib.sha256(self.weights.tobytes() + self.bias.tobytes())
        hashed.update(repr((self.labels, self.temperature)).encode())
        return hashed.hexdigest()[:16]


def is_label_set(model: str) -> bool:
    return model.strip().lower().endswith(SUFFIX)


def install(path: Path, catalog: Catalog, folder: Path) -> ModelSpec:
    """Check the label set in ``path`` against ``catalog`` and keep a copy in ``folder``
    under its id, so ``--model <id>`` finds it from anywhere."""
    data = _read(path)
    spec = label_set_spec(parse_label_set(data, path), catalog, path)
    folder.mkdir(parents=True, exist_ok=True)
    save_bytes(folder / spec.id, data)
    return spec


def installed(catalog: Catalog, folder: Path, warn: Callable[[str], None]) -> Catalog:
    """``catalog`` with the label sets kept in ``folder``; one that cannot be used (its
    model gone, the file damaged) is said through ``warn`` and left out."""
    if not folder.is_dir():
        return catalog
    specs = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        try:
            specs.append(label_set_spec(read_label_set(path), catalog, path))
        except LabelSetError as error:
            warn(str(error))
    return catalog.with_specs(specs)


def read_label_set(path: Path) -> LabelSet:
    """The label set in ``path``, every field checked; LabelSetError otherwise."""
    return parse_label_set(_read(path), path)


def _read(path: Path) -> bytes:
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise _error(path, translate("Errors", "file not found")) from None
    except FileRefused as error:
        raise _error(path, str(error)) from None
    except OSError as error:
        raise _error(path, os_reason(error)) from None


def parse_label_set(data: bytes, source: Path) -> LabelSet:
    try:
        document = json.loads(data.decode("utf-8"), parse_constant=refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _error(source, translate("Errors", "not a label set file")) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _error(source, translate("Errors", "not a label set file"))
    if document.get("version") != VERSION:
        raise _error(source, translate("Errors", "made by a newer version of the app"))
    read = _Reader(document, source)
    labels = _labels(read.get("labels", list), source)
    model = read.get("model", dict)
    head = read.get("head", dict)
    backbone_id = _Reader(model, source).text("id", 64)
    sha256 = _Reader(model, source).text("weights_sha256", 64)
    if not re.fullmatch(r"[0-9a-f]{8,64}", sha256):
        raise _error(source, translate("Errors", "the model's weights digest is not a sha256"))
    head_read = _Reader(head, source)
    features = head_read.number("features", int, 1, 8192)
    weights = _decode(head_read.text("weights", MAX_FILE_BYTES), (len(labels), features), source)
    bias = _decode(head_read.text("bias", MAX_FILE_BYTES), (len(labels),), source)
    temperature = head_read.number("temperature", float, 1e-3, MAX_TEMPERATURE)
    summary = _summary(read.get("training", dict), len(labels), source)
    version = read.text("app_version", 64)
    return LabelSet(labels, backbone_id, sha256, weights, bias, temperature, summary, version)


def label_set_spec(label_set: LabelSet, catalog: Catalog, source: Path) -> ModelSpec:
    """The catalog entry a label set answers as: its model's, with its own labels and head.

    Refused when the model is not in the catalog or has other weights than those it was
    taught on (the features would differ, and so would every answer)."""
    try:
        backbone = catalog.get(label_set.backbone_id)
    except CatalogError:
        raise _error(
            source,
            translate("Errors", "it was taught on {model}, which this app does not have").format(
                model=label_set.backbone_id
            ),
        ) from None
    if backbone.weights.sha256 != label_set.backbone_sha256:
        raise _error(
            source,
            translate("Errors", "it was taught on other weights of {model}").format(
                model=backbone.name
            ),
        )
    head = LinearHead(
        backbone, label_set.weights, label_set.bias, label_set.temperature, label_set.digest
    )
    name = translate("Models", "My labels: {labels} — from {model}").format(
        labels=" · ".join(label_set.labels), model=backbone.name
    )
    return replace(
        backbone, id=_model_id(source), name=name, family="label set", labels=label_set.labels,
        top1=None, top5=None, aliases=(), builtin=False, head=head,
    )  # fmt: skip


def _model_id(source: Path) -> str:
    """The file's name, as ``--model`` takes it: ``receipts.effnet``."""
    stem = re.sub(r"[^a-z0-9._-]+", "-", source.stem.lower()).strip("-.") or "labels"
    return stem[: 64 - len(SUFFIX)] + SUFFIX


def label_problem(label: str) -> str | None:
    """Why ``label`` cannot be a label (it names a folder when photos are sorted), or None."""
    if not 1 <= len(label) <= MAX_LABEL_LENGTH:
        return translate("Errors", "a label is text of 1 to 64 characters")
    if _BAD_LABEL.search(label):
        return translate("Errors", "the label {label} cannot name a folder").format(
            label=json.dumps(label, ensure_ascii=False)
        )
    return None


def _labels(raw: list[Any], source: Path) -> tuple[str, ...]:
    if not 2 <= len(raw) <= MAX_LABELS:
        raise _error(
            source,
            translate("Errors", "a label set has between 2 and {most} labels").format(
                most=MAX_LABELS
            ),
        )
    labels = []
    for label in raw:
        problem = (
            label_problem(label)
            if isinstance(label, str)
            else translate("Errors", "a label is text of 1 to 64 characters")
        )
        if problem:
            raise _error(source, problem)
        labels.append(label)
    if len({label.casefold() for label in labels}) != len(labels):
        raise _error(source, translate("Errors", "two labels have the same name"))
    return tuple(labels)


def _summary(raw: dict[str, Any], count: int, source: Path) -> TrainingSummary:
    read = _Reader(raw, source)
    photos = read.get("photos", list)
    per_label = read.get("label_accuracy", list)
    if len(photos) != count or len(per_label) != count:
        raise _error(source, translate("Errors", "its training summary does not fit its labels"))
    if not all(isinstance(n, int) and not isinstance(n, bool) and 0 <= n < 10**9 for n in photos):
        raise _error(source, translate("Errors", "its training summary does not fit its labels"))
    if not all(_fraction(value) for value in per_label):
        raise _error(source, translate("Errors", "its training summary does not fit its labels"))
    numbers = {name: read.number(name, float, 0.0, 1e6) for name in _SUMMARY_NUMBERS}
    if numbers["accuracy"] > 1:
        raise _error(source, translate("Errors", "its training summary does not fit its labels"))
    augment = read.get("augment", bool)
    folds = read.number("folds", int, 0, 100)
    return TrainingSummary(
        tuple(photos), numbers["accuracy"], tuple(float(v) for v in per_label), folds,
        augment, numbers["regularisation"],
    )  # fmt: skip


def _fraction(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1


class _Reader:
    def __init__(self, document: dict[str, Any], source: Path) -> None:
        self.document, self.source = document, source

    def get(self, key: str, kind: type) -> Any:
        value = self.document.get(key)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise _error(
                self.source, translate("Errors", "'{key}' is missing or wrong").format(key=key)
            )
        return value

    def text(self, key: str, longest: int) -> str:
        value = self.get(key, str)
        if not value or len(value) > longest:
            raise _error(
                self.source, translate("Errors", "'{key}' is missing or wrong").format(key=key)
            )
        return str(value)

    def number(self, key: str, kind: type, low: float, high: float) -> Any:
        value = self.document.get(key)
        allowed = int if kind is int else (int, float)
        if (
            not isinstance(value, allowed)
            or isinstance(value, bool)
            or not math.isfinite(value)
            or not low <= value <= high
        ):
            raise _error(
                self.source, translate("Errors", "'{key}' is missing or wrong").format(key=key)
            )
        return kind(value)


def _encode(values: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(values, dtype="<f4").tobytes()).decode("ascii")


def _decode(text: str, shape: tuple[int, ...], source: Path) -> np.ndarray:
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        raise _error(source, translate("Errors", "its head is not readable")) from None
    if len(raw) != 4 * math.prod(shape):
        raise _error(source, translate("Errors", "its head does not fit its labels"))
    values = np.frombuffer(raw, dtype="<f4").reshape(shape).astype(np.float32)
    if not np.isfinite(values).all() or np.abs(values).max(initial=0.0) > 1e6:
        raise _error(source, translate("Errors", "its head holds numbers that are not usable"))
    return values


def _error(source: Path, reason: str) -> LabelSetError:
    return LabelSetError(
        translate("Errors", "{path}: cannot use this label set: {reason}").format(
            path=source, reason=reason
        )
    )
