"""The model catalog: what each model is, where its weights come from, how to feed it.

The built-in entries live in ``data/builtin_models.json`` (generated from torchvision's
weights metadata by :mod:`app.core.torchvision_catalog`, so nothing is retyped) and use the
same format as a user catalog file, which extends or overrides them::

    {"models": [{"id": "b0", "weights_url": "http://127.0.0.1:8000/b0.pth", "sha256": "…"},
                {"id": "birds", "arch": "efficientnet_b3", "weights_url": "file:///…",
                 "sha256": "…", "labels": "birds.txt"}]}
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from app.core.errors import CatalogError, UnknownModelError

DATA_DIR = Path(__file__).parent / "data"
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
_HEX_DIGEST = re.compile(r"[0-9a-f]{8,64}")


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

    @property
    def is_packaged(self) -> bool:
        return self.url.startswith(PACKAGE_SCHEME + ":")


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

    def get(self, model_id: str) -> ModelSpec:
        resolved = self._resolve(model_id)
        if resolved is None:
            raise UnknownModelError(
                f"unknown model '{model_id}'; choose one of: {', '.join(self._specs)}"
            )
        return self._specs[resolved]

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
    return replace(spec, weights=replace(spec.weights, url=new_url))


def _read_entries(path: Path) -> list[dict[str, Any]]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogError(f"{path}: catalog file not found") from None
    except OSError as error:
        raise CatalogError(f"{path}: cannot read the catalog ({error.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CatalogError(f"{path}: not valid JSON ({error})") from None
    models = document.get("models") if isinstance(document, dict) else None
    if not isinstance(models, list) or not all(isinstance(m, dict) for m in models):
        raise CatalogError(f'{path}: expected {{"models": [{{…}}, …]}}')
    return models


class _EntryReader:
    """Typed access to one catalog entry, with errors that name the file, model and field."""

    def __init__(self, entry: Mapping[str, Any], source: Path, model_id: str) -> None:
        self.entry = entry
        self.where = f"{source}: model '{model_id}'"

    def error(self, key: str, message: str) -> CatalogError:
        return CatalogError(f"{self.where}, field '{key}': {message}")

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
        value = self.entry.get(key, default)
        if value is None or value is default:
            return value
        if isinstance(value, bool) or not isinstance(value, kind):
            names = (
                kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            )
            raise self.error(key, f"expected {names}, got {json.dumps(value)}")
        return value

    def positive_int(self, key: str, default: int | None) -> int | None:
        value = self.get(key, int, default)
        if value is not None and value <= 0:
            raise self.error(key, "must be a positive whole number")
        return value

    def triple(self, key: str, default: tuple[float, float, float]) -> tuple[float, float, float]:
        value = self.get(key, list, default)
        if value is default:
            return default
        if len(value) != 3 or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in value
        ):
            raise self.error(key, "expected three numbers, one per colour channel")
        if key == "std" and any(v <= 0 for v in value):
            raise self.error(key, "must be positive")
        return (float(value[0]), float(value[1]), float(value[2]))


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
    if not isinstance(raw_id, str) or not re.fullmatch(r"[A-Za-z0-9][\w.-]*", raw_id):
        raise CatalogError(f"{source}: every model needs an 'id' (letters, digits, . _ -)")
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

    def figure(key: str, kind: type | tuple[type, ...]) -> Any:
        inherited = getattr(base, key) if same_arch else None
        return read.get(key, kind, inherited)

    return ModelSpec(
        id=model_id,
        name=read.get("name", str, base.name if base else raw_id),
        family=read.get("family", str, base.family if base else "Your catalog"),
        arch=arch,
        weights=weights,
        preprocessing=preprocessing,
        labels=labels,
        params=figure("params", int),
        gflops=figure("gflops", (int, float)),
        top1=figure("top1", (int, float)),
        top5=figure("top5", (int, float)),
        licence=read.get("licence", str, base.licence if base else ""),
        aliases=tuple(read.get("aliases", list, list(base.aliases) if base else [])),
        builtin=source == BUILTIN_FILE,
    )


def _parse_weights(read: _EntryReader, base: WeightsSource | None, new_url: bool) -> WeightsSource:
    url = read.get("weights_url", str, base.url if base else None)
    parts = urlsplit(url)
    if parts.scheme not in URL_SCHEMES:
        raise read.error("weights_url", f"scheme must be one of {', '.join(URL_SCHEMES[:3])}")
    if parts.scheme in ("http", "https") and not parts.netloc:
        raise read.error("weights_url", "the URL has no host")
    sha256 = read.get("sha256", str, base.sha256 if base else None).lower()
    if not _HEX_DIGEST.fullmatch(sha256):
        raise read.error("sha256", "expected the hex digest (64 digits, or a prefix of at least 8)")
    default_name = base.file_name if base and not new_url else None
    file_name = read.get("file_name", str, default_name) or _file_name_from_url(url)
    if not file_name or "/" in file_name or "\\" in file_name or file_name.startswith("."):
        raise read.error("file_name", f"not a usable file name: '{file_name}'")
    default_size = base.size_bytes if base and not new_url else None
    return WeightsSource(
        url=url, file_name=file_name, sha256=sha256,
        size_bytes=read.positive_int("size_bytes", default_size),
    )  # fmt: skip


def _file_name_from_url(url: str) -> str:
    path = urlsplit(url).path
    return path.rsplit("/", 1)[-1]


def _parse_preprocessing(read: _EntryReader, base: Preprocessing | None) -> Preprocessing:
    crop = read.positive_int("crop", base.crop if base else 224)
    resize = read.positive_int("resize", base.resize if base else crop)
    assert crop is not None and resize is not None
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
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    except (OSError, UnicodeDecodeError) as error:
        raise read.error("labels", f"cannot read {path} ({error})") from None
    labels = tuple(line for line in lines if line)
    if len(labels) < 2:
        raise read.error("labels", f"{path} must list at least two labels, one per line")
    return labels
