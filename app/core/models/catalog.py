"""The model catalog: what each model is, where its weights come from, how to feed it.

The built-in entries live in ``data/builtin_models.json`` (generated from torchvision's
weights metadata by :mod:`app.core.architectures.torchvision_catalog`, so nothing is
retyped) and use the same format as a user catalog file, which extends or overrides them::

    {"models": [{"id": "b0", "weights_url": "http://127.0.0.1:8000/b0.pth", "sha256": "…"},
                {"id": "birds", "arch": "efficientnet_b3", "weights_url": "file:///…",
                 "sha256": "…", "labels": "birds.txt"}]}

It is long because a user's catalog is untrusted input, and every field is checked here
as it is read.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from app.core.errors import CatalogError, UnknownModelError, os_reason
from app.core.files import FileRefused, read_regular
from app.i18n import translate

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
BUILTIN_FILE = DATA_DIR / "builtin_models.json"
IMAGENET_LABELS_FILE = DATA_DIR / "imagenet_classes.txt"
CATALOG_ENV_VAR = "EFFNET_CATALOG"
MIRROR_ENV_VAR = "EFFNET_WEIGHTS_URL"
IMAGENET = "imagenet"
PACKAGE_SCHEME = "package"
URL_SCHEMES = ("https", "http", "file", PACKAGE_SCHEME)
INTERPOLATIONS = ("nearest", "bilinear", "bicubic")
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
# Architectures the app can build although no built-in model uses them.
EXTRA_ARCHITECTURES = tuple(f"efficientnet_lite{n}" for n in range(1, 5))
FULL_DIGEST_LENGTH = 64
_HEX_DIGEST = re.compile(r"[0-9a-f]{8,64}")
_MODEL_ID = re.compile(r"[A-Za-z0-9][\w.-]{0,63}")
MAX_CATALOG_BYTES = 16 * 2**20  # a catalog or labels file; real ones are kilobytes
MAX_INPUT_SIZE = 2048  # pixels of resize/crop: B7 uses 600, anything far above is a typo
MAX_LABELS = 100_000
MAX_TEXT = 200  # characters of a name, family, licence or label
# Names the cache uses for itself (its ONNX folder, partial and set-aside downloads).
RESERVED_FILE_NAMES = {"onnx"}
RESERVED_FILE_SUFFIXES = (".part", ".corrupt")
_UNSAFE_FILE_CHARACTERS = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


@dataclass(frozen=True)
class Preprocessing:
    """Resize the short side to ``resize``, centre-crop ``crop``², scale to [0, 1], normalise."""

    resize: int
    crop: int
    interpolation: str = "bilinear"
    mean: tuple[float, float, float] = IMAGENET_MEAN
    std: tuple[float, float, float] = IMAGENET_STD


@dataclass(frozen=True)
class WeightsSource:
    """Where a weights file comes from and how to know it is the right one.

    ``url`` is https, http, file, or ``package:<module>/<path>`` for a file that an
    installed Python package ships. ``sha256`` is the full digest or a prefix of at least
    8 hex digits (torchvision publishes such prefixes in its file names).
    """

    url: str
    file_name: str
    sha256: str
    size_bytes: int | None = None
    mirrored: bool = False  # ``url`` is a mirror's, not the catalog's own address

    @property
    def is_packaged(self) -> bool:
        return self.url.startswith(PACKAGE_SCHEME + ":")

    @property
    def has_full_digest(self) -> bool:
        return len(self.sha256) == FULL_DIGEST_LENGTH


@dataclass(frozen=True)
class LinearHead:
    """A label set's head on a catalog model's pooled features (see
    :mod:`app.core.models.label_sets`): logits = features · weightsᵀ + bias, divided by
    ``temperature`` before the softmax."""

    backbone: ModelSpec
    weights: np.ndarray = field(repr=False)  # (labels, features) float32
    bias: np.ndarray = field(repr=False)  # (labels,) float32
    temperature: float
    digest: str  # tells two heads apart (answers are stored under it)


@dataclass(frozen=True)
class ModelSpec:
    id: str
    name: str
    family: str
    arch: str
    weights: WeightsSource
    preprocessing: Preprocessing
    labels: tuple[str, ...] = field(repr=False)
    params: int | None = None
    gflops: float | None = None
    top1: float | None = None
    top5: float | None = None
    licence: str = ""
    aliases: tuple[str, ...] = ()
    builtin: bool = True
    head: LinearHead | None = field(default=None, compare=False, repr=False)  # a label set

    @property
    def num_classes(self) -> int:
        return len(self.labels)

    @property
    def input_size(self) -> int:
        return self.preprocessing.crop


class Catalog:
    """An ordered, read-only set of :class:`ModelSpec`, looked up by id or alias."""

    def __init__(self, specs: Iterable[ModelSpec]) -> None:
        self._specs: dict[str, ModelSpec] = {spec.id: spec for spec in specs}
        self._label_set_files: dict[tuple[Path, int, int], ModelSpec] = {}
        self._aliases = {
            alias.lower(): spec.id for spec in self._specs.values() for alias in spec.aliases
        }

    def __iter__(self) -> Iterator[ModelSpec]:
        return iter(self._specs.values())

    def __len__(self) -> int:
        return len(self._specs)

    def __contains__(self, model_id: object) -> bool:
        return isinstance(model_id, str) and self._resolve(model_id) is not None

    def ids(self) -> list[str]:
        return list(self._specs)

    def models(self) -> list[ModelSpec]:
        """The catalog's networks, without the label sets that sit on them."""
        return [spec for spec in self._specs.values() if spec.head is None]

    def get(self, model_id: str) -> ModelSpec:
        """The model with this id or alias, or the label set in the ``.effnet`` file that
        ``model_id`` names."""
        if model_id.strip().lower().endswith(".effnet"):
            path = Path(model_id.strip()).expanduser()
            if path.exists() or self._resolve(model_id) is None:
                return self._label_set(path)
        resolved = self._resolve(model_id)
        if resolved is None:
            raise UnknownModelError(
                translate("Errors", "unknown model '{model_id}'; choose one of: {models}").format(
                    model_id=model_id, models=", ".join(self._specs)
                )
            )
        return self._specs[resolved]

    def _label_set(self, path: Path) -> ModelSpec:
        """A label set file, read once while it stays unchanged; from then on its id (its
        file name) names it too, so the engine finds it again by id."""
        from app.core.models.label_sets import label_set_spec, read_label_set  # uses Catalog

        try:
            status = path.stat()
            key = (path.resolve(), status.st_mtime_ns, status.st_size)
        except OSError:
            key = None
        if key is not None and key in self._label_set_files:
            return self._label_set_files[key]
        spec = label_set_spec(read_label_set(path), self, path)
        if key is not None:
            self._label_set_files[key] = spec
        self._specs[spec.id] = spec
        return spec

    def with_specs(self, specs: Iterable[ModelSpec]) -> Catalog:
        """This catalog and ``specs`` (label sets installed by name), which come last."""
        return Catalog([*self._specs.values(), *specs])

    def _resolve(self, model_id: str) -> str | None:
        key = model_id.strip().lower()
        if key in self._specs:
            return key
        return self._aliases.get(key)

    @classmethod
    def load(
        cls, user_file: Path | str | None = None, environ: Mapping[str, str] | None = None
    ) -> Catalog:
        """The built-in catalog, with the mirror and a user catalog file applied.

        ``user_file`` defaults to ``$EFFNET_CATALOG``; ``$EFFNET_WEIGHTS_URL`` replaces the
        location (but not the file name) of every built-in download URL.
        """
        env = os.environ if environ is None else environ
        specs = {spec.id: spec for spec in builtin_specs()}
        mirror = env.get(MIRROR_ENV_VAR)
        if mirror:
            specs = {key: _with_mirror(spec, mirror) for key, spec in specs.items()}
        user_file = user_file or env.get(CATALOG_ENV_VAR)
        if user_file:
            path = Path(user_file).expanduser()
            allowed = architectures()
            for entry in _read_entries(path):
                spec = _parse_entry(entry, specs, source=path, allowed_archs=allowed)
                specs[spec.id] = spec
        return cls(specs.values())


@cache
def imagenet_labels() -> tuple[str, ...]:
    return tuple(IMAGENET_LABELS_FILE.read_text(encoding="utf-8").splitlines())


@cache
def builtin_specs() -> tuple[ModelSpec, ...]:
    known: dict[str, ModelSpec] = {}
    for entry in _read_entries(BUILTIN_FILE):
        spec = _parse_entry(entry, known, source=BUILTIN_FILE, allowed_archs=None)
        known[spec.id] = spec
    return tuple(known.values())


def architectures() -> tuple[str, ...]:
    """Every architecture a catalog entry may name."""
    builtin = (spec.arch for spec in builtin_specs())
    return tuple(dict.fromkeys([*builtin, *EXTRA_ARCHITECTURES]))


def _with_mirror(spec: ModelSpec, mirror: str) -> ModelSpec:
    url = urlsplit(spec.weights.url)
    if url.scheme not in ("http", "https"):
        return spec
    base = mirror if mirror.endswith("/") else mirror + "/"
    new_url = base + url.path.rsplit("/", 1)[-1]
    return replace(spec, weights=replace(spec.weights, url=new_url, mirrored=True))


def _read_entries(path: Path) -> list[dict[str, Any]]:
    try:
        text = read_regular(path, MAX_CATALOG_BYTES).decode("utf-8")
        document = json.loads(text, parse_constant=refuse_constant)
    except FileRefused as error:
        raise CatalogError(
            translate("Errors", "{error}: a catalog must be a JSON file").format(error=error)
        ) from None
    except FileNotFoundError:
        raise CatalogError(
            translate("Errors", "{path}: catalog file not found").format(path=path)
        ) from None
    except OSError as error:
        raise CatalogError(
            translate("Errors", "{path}: cannot read the catalog ({strerror})").format(
                path=path, strerror=os_reason(error)
            )
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CatalogError(
            translate("Errors", "{path}: not valid JSON ({error})").format(path=path, error=error)
        ) from None
    except NonFiniteNumberError as error:
        raise CatalogError(
            translate("Errors", "{path}: {error} is not a number JSON allows").format(
                path=path, error=error
            )
        ) from None
    except RecursionError:
        raise CatalogError(
            translate("Errors", "{path}: the JSON is nested too deeply to be a catalog").format(
                path=path
            )
        ) from None
    models = document.get("models") if isinstance(document, dict) else None
    if not isinstance(models, list) or not all(isinstance(m, dict) for m in models):
        raise CatalogError(
            translate("Errors", '{path}: expected {{"models": [{{…}}, …]}}').format(path=path)
        )
    return models


class NonFiniteNumberError(ValueError):
    pass


def refuse_constant(name: str) -> None:
    """NaN and Infinity are not JSON; Python's reader accepts them unless told not to."""
    raise NonFiniteNumberError(name)


_MISSING = object()


class _EntryReader:
    """Typed access to one catalog entry, with errors that name the file, model and field."""

    def __init__(self, entry: Mapping[str, Any], source: Path, model_id: str) -> None:
        self.entry = entry
        self.source = source
        self.where = f"{source}: model '{model_id}'"

    def error(self, key: str, message: str) -> CatalogError:
        return CatalogError(
            translate("Errors", "{where}, field '{key}': {message}").format(
                where=self.where, key=key, message=message
            )
        )

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
        """The field's value checked against ``kind``, or ``default`` when it is absent.

        An explicit null is an error, not "absent": it would otherwise slip past as None.
        """
        value = self.entry.get(key, _MISSING)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, kind):
            names = (
                kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            )
            raise self.error(key, f"expected {names}, got {json.dumps(value)[:60]}")
        if isinstance(value, str) and ("\x00" in value or len(value) > 4096):
            raise self.error(key, "not a usable text (a NUL character, or far too long)")
        return value

    def text(self, key: str, default: str) -> str:
        value: str = self.get(key, str, default)
        if value is not default and (not value.strip() or len(value) > MAX_TEXT):
            raise self.error(key, f"must be 1 to {MAX_TEXT} characters")
        return value

    def positive_int(self, key: str, default: int | None, most: int | None = None) -> int | None:
        value = self.get(key, int, default)
        if value is not None and value <= 0:
            raise self.error(key, "must be a positive whole number")
        if value is not None and most is not None and value > most:
            raise self.error(key, f"must be at most {most}")
        return value

    def number(
        self, key: str, default: float | None, low: float, high: float | None = None
    ) -> float | None:
        value = self.get(key, (int, float), default)
        if value is None or value is default:
            return value
        if not math.isfinite(value) or value < low or (high is not None and value > high):
            upper = f" and {high}" if high is not None else ""
            raise self.error(key, f"must be a number between {low}{upper or ' and up'}")
        return float(value) if isinstance(value, float) else value

    def triple(self, key: str, default: tuple[float, float, float]) -> tuple[float, float, float]:
        value = self.get(key, list, default)
        if value is default:
            return default
        if len(value) != 3 or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
            for v in value
        ):
            raise self.error(key, "expected three numbers, one per colour channel")
        if key == "std" and any(v <= 0 for v in value):
            raise self.error(key, "must be positive")
        return (float(value[0]), float(value[1]), float(value[2]))

    def aliases(self, default: tuple[str, ...]) -> tuple[str, ...]:
        value = self.get("aliases", list, list(default))
        if not all(isinstance(alias, str) and _MODEL_ID.fullmatch(alias) for alias in value):
            raise self.error("aliases", "expected a list of names (letters, digits, . _ -)")
        return tuple(value)


_KNOWN_FIELDS = {
    "id", "name", "family", "arch", "aliases", "weights_url", "file_name", "sha256",
    "size_bytes", "resize", "crop", "interpolation", "mean", "std", "labels", "params",
    "gflops", "top1", "top5", "licence",
}  # fmt: skip


def _parse_entry(
    entry: Mapping[str, Any],
    known: Mapping[str, ModelSpec],
    source: Path,
    allowed_archs: tuple[str, ...] | None,
) -> ModelSpec:
    raw_id = entry.get("id")
    if not isinstance(raw_id, str) or not _MODEL_ID.fullmatch(raw_id):
        raise CatalogError(
            translate(
                "Errors", "{source}: every model needs an 'id' (up to 64 letters, digits, . _ -)"
            ).format(source=source)
        )
    model_id = raw_id.lower()
    read = _EntryReader(entry, source, model_id)
    unknown = sorted(set(entry) - _KNOWN_FIELDS)
    if unknown:
        raise read.error(
            unknown[0], f"unknown field; known fields: {', '.join(sorted(_KNOWN_FIELDS))}"
        )
    base = known.get(model_id)
    if base is None:
        for key in ("arch", "weights_url", "sha256"):
            if key not in entry:
                raise read.error(key, "required for a new model")

    arch = read.get("arch", str, base.arch if base else None)
    if allowed_archs is not None and arch not in allowed_archs:
        choices = ", ".join(allowed_archs)
        raise read.error("arch", f"unknown architecture '{arch}'; one of: {choices}")

    weights = _parse_weights(read, base.weights if base else None, "weights_url" in entry)
    preprocessing = _parse_preprocessing(read, base.preprocessing if base else None)
    labels = _parse_labels(read, source, base.labels if base else None)
    same_arch = base is not None and base.arch == arch and base.num_classes == len(labels)

    def inherited(key: str) -> Any:
        return getattr(base, key) if same_arch else None

    return ModelSpec(
        id=model_id,
        name=read.text("name", base.name if base else raw_id),
        family=read.text("family", base.family if base else "Your catalog"),
        arch=arch,
        weights=weights,
        preprocessing=preprocessing,
        labels=labels,
        params=read.positive_int("params", inherited("params")),
        gflops=read.number("gflops", inherited("gflops"), 0),
        top1=read.number("top1", inherited("top1"), 0, 100),
        top5=read.number("top5", inherited("top5"), 0, 100),
        licence=read.text("licence", base.licence if base else ""),
        aliases=read.aliases(base.aliases if base else ()),
        builtin=source == BUILTIN_FILE,
    )


def _parse_weights(read: _EntryReader, base: WeightsSource | None, new_url: bool) -> WeightsSource:
    url = read.get("weights_url", str, base.url if base else None)
    if url is None:
        raise read.error("weights_url", "required for a new model")
    _check_url(read, url)
    sha256 = read.get("sha256", str, base.sha256 if base else None)
    if sha256 is None or not _HEX_DIGEST.fullmatch(sha256.lower()):
        raise read.error("sha256", "expected the hex digest (64 digits, or a prefix of at least 8)")
    default_name = base.file_name if base and not new_url else None
    file_name = read.get("file_name", str, default_name) or _file_name_from_url(url)
    problem = _file_name_problem(file_name)
    if problem:
        shown = json.dumps(file_name)[:80]
        raise read.error("file_name", f"not a usable file name {shown}: {problem}")
    default_size = base.size_bytes if base and not new_url else None
    return WeightsSource(
        url=url, file_name=file_name, sha256=sha256.lower(),
        size_bytes=read.positive_int("size_bytes", default_size),
    )  # fmt: skip


def _check_url(read: _EntryReader, url: str) -> None:
    if len(url) > 2048 or any(ord(c) < 0x21 or c == "\x7f" for c in url):
        raise read.error("weights_url", "not a URL (spaces, control characters, or too long)")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsing the port is what raises for a bad one
    except ValueError as error:
        raise read.error("weights_url", f"not a valid URL ({error})") from None
    if parts.scheme not in URL_SCHEMES:
        raise read.error("weights_url", f"scheme must be one of {', '.join(URL_SCHEMES[:3])}")
    if parts.scheme == PACKAGE_SCHEME and read.source != BUILTIN_FILE:
        raise read.error("weights_url", "package: URLs are for the built-in catalog only")
    if parts.scheme in ("http", "https") and not parts.hostname:
        raise read.error("weights_url", "the URL has no host")


def _file_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a file in the cache (portable, and clear of the cache's own)."""
    if not name or len(name) > 120:
        return "1 to 120 characters"
    if _UNSAFE_FILE_CHARACTERS.search(name):
        return 'no control characters, slashes or any of < > : " | ? *'
    if name.startswith(".") or name.endswith((" ", ".")):
        return "may not start with a dot or end with a dot or space"
    if name.lower() in RESERVED_FILE_NAMES or name.lower().endswith(RESERVED_FILE_SUFFIXES):
        return "the cache uses that name for itself"
    return None


def _file_name_from_url(url: str) -> str:
    path = urlsplit(url).path
    return path.rsplit("/", 1)[-1]


def _parse_preprocessing(read: _EntryReader, base: Preprocessing | None) -> Preprocessing:
    crop = read.positive_int("crop", base.crop if base else 224, MAX_INPUT_SIZE) or 224
    resize = read.positive_int("resize", base.resize if base else crop, MAX_INPUT_SIZE) or crop
    if resize < crop:
        raise read.error("resize", f"must be at least the crop size ({crop})")
    interpolation = read.get("interpolation", str, base.interpolation if base else "bilinear")
    if interpolation not in INTERPOLATIONS:
        raise read.error("interpolation", f"one of {', '.join(INTERPOLATIONS)}")
    return Preprocessing(
        resize=resize,
        crop=crop,
        interpolation=interpolation,
        mean=read.triple("mean", base.mean if base else IMAGENET_MEAN),
        std=read.triple("std", base.std if base else IMAGENET_STD),
    )


def _parse_labels(
    read: _EntryReader, source: Path, base: tuple[str, ...] | None
) -> tuple[str, ...]:
    value = read.get("labels", str, None)
    if value is None:
        return base if base is not None else imagenet_labels()
    if value == IMAGENET:
        return imagenet_labels()
    path = Path(value).expanduser()
    if not path.is_absolute():
        path = source.parent / path
    try:
        text = read_regular(path, MAX_CATALOG_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = str(error) if isinstance(error, FileRefused) else f"cannot read {path} ({error})"
        raise read.error("labels", reason) from None
    labels = tuple(line.strip() for line in text.splitlines() if line.strip())
    if not 2 <= len(labels) <= MAX_LABELS:
        raise read.error("labels", f"{path} must list 2 to {MAX_LABELS} labels, one per line")
    if any(len(label) > MAX_TEXT for label in labels):
        raise read.error("labels", f"{path} has a label longer than {MAX_TEXT} characters")
    return labels
