"""``effnet models`` and ``effnet weights …``: the catalog and the weights cache."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app import paths
from app.cli.terminal import ProgressLine, format_megabytes, format_table
from app.core.errors import EffnetError, HttpStatusError, OfflineError, TlsError
from app.core.inference.onnx_cache import OnnxCache
from app.core.models.catalog import Catalog, ModelSpec
from app.core.models.label_sets import SUFFIX, install, installed
from app.core.weights.store import WeightsState, WeightsStatus, WeightsStore, unverified_notice
from app.i18n import translate


def register(commands: Any) -> None:
    models = commands.add_parser("models", help=translate("Cli", "list the models in the catalog"))
    models.add_argument("--json", action="store_true", help=translate("Cli", "print JSON"))
    models.set_defaults(run=run_models)
    label_sets = models.add_subparsers(dest="action", metavar="ACTION")
    add = label_sets.add_parser(
        "add",
        help=translate(
            "Cli", "keep a label set (.effnet) so --model finds it by its name from anywhere"
        ),
    )
    add.add_argument("file", type=Path, metavar="FILE.effnet")
    add.set_defaults(run=run_models_add)
    forget = label_sets.add_parser(
        "remove", help=translate("Cli", "remove a label set kept by 'models add'")
    )
    forget.add_argument("id", metavar="NAME.effnet")
    forget.set_defaults(run=run_models_remove)

    weights = commands.add_parser("weights", help=translate("Cli", "manage downloaded weights"))
    actions = weights.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list", help=translate("Cli", "each model's weights file and its state")
    )
    listing.add_argument("--json", action="store_true", help=translate("Cli", "print JSON"))
    listing.set_defaults(run=run_weights_list)
    fetch = actions.add_parser(
        "download", help=translate("Cli", "download (and verify) weights now")
    )
    fetch.add_argument("ids", nargs="+", metavar="ID")
    fetch.set_defaults(run=run_weights_download)
    importing = actions.add_parser(
        "import", help=translate("Cli", "add a weights file you downloaded yourself")
    )
    importing.add_argument("id", metavar="ID")
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.set_defaults(run=run_weights_import)
    remove = actions.add_parser("remove", help=translate("Cli", "delete downloaded weights"))
    remove.add_argument("ids", nargs="+", metavar="ID")
    remove.set_defaults(run=run_weights_remove)
    where = actions.add_parser("path", help=translate("Cli", "print the cache folder"))
    where.set_defaults(run=run_weights_path)


def load_catalog(args: argparse.Namespace) -> Catalog:
    """The catalog (a user's file applied) with the label sets kept by ``models add``."""
    return installed(Catalog.load(args.catalog), paths.label_sets_dir(), warn)


def run_models_add(args: argparse.Namespace) -> int:
    spec = install(args.file.expanduser(), Catalog.load(args.catalog), paths.label_sets_dir())
    print(translate("Teach", "{id}: kept; use it anywhere with --model {id}").format(id=spec.id))
    return 0


def run_models_remove(args: argparse.Namespace) -> int:
    name = args.id.strip().lower()
    kept = paths.label_sets_dir() / name
    if not name.endswith(SUFFIX) or "/" in name or not kept.is_file():
        warn(translate("Errors", "no label set {id} is kept").format(id=args.id))
        return 1
    kept.unlink()
    print(translate("Teach", "{id}: removed").format(id=name))
    return 0


def open_store() -> WeightsStore:
    return WeightsStore(paths.cache_dir())


def open_onnx_cache() -> OnnxCache:
    return OnnxCache(paths.cache_dir())


def status_json(status: WeightsStatus, onnx: Path | None) -> dict[str, Any]:
    return {
        "id": status.model_id,
        "file": status.file_name,
        "path": str(status.path),
        "state": status.state.value,
        "ready": status.ready,
        "size_bytes": status.size_bytes,
        "partial_bytes": status.partial_bytes,
        "onnx": None if onnx is None else str(onnx),
    }


def model_json(spec: ModelSpec, status: WeightsStatus) -> dict[str, Any]:
    return {
        "id": spec.id,
        "name": spec.name,
        "family": spec.family,
        "arch": spec.arch,
        "input_size": spec.input_size,
        "params": spec.params,
        "gflops": spec.gflops,
        "top1": spec.top1,
        "top5": spec.top5,
        "classes": spec.num_classes,
        "weights_size_bytes": spec.weights.size_bytes,
        "weights_ready": status.ready,
        "weights_state": status.state.value,
        "licence": spec.licence,
    }


def _figure(value: float | int | None, template: str) -> str:
    return "-" if value is None else template.format(value)


def run_models(args: argparse.Namespace) -> int:
    catalog, store = load_catalog(args), open_store()
    entries = [(spec, store.status(spec)) for spec in catalog]  # a label set: its model's
    if args.json:
        print(json.dumps({"models": [model_json(s, st) for s, st in entries]}, indent=2))
        return 0
    rows = [
        [
            spec.id,
            spec.name,
            f"{spec.input_size}px",
            _figure(spec.params and spec.params / 1e6, "{:.1f}M"),
            _figure(spec.gflops, "{:.2f}"),
            _figure(spec.top1, "{:.1f}%"),
            format_megabytes(spec.weights.size_bytes),
            _state_word(status),
        ]
        for spec, status in entries
    ]
    headers = [
        translate("Cli", "id"),
        translate("Cli", "name"),
        translate("Cli", "input"),
        translate("Cli", "params"),
        translate("Cli", "GFLOPs"),
        translate("Cli", "top-1"),
        translate("Cli", "weights"),
        translate("Cli", "state"),
    ]
    print(format_table(headers, rows, right={2, 3, 4, 5, 6}))
    return 0


def _state_word(status: WeightsStatus) -> str:
    """ "ready", or why not: "missing", "partial", "unverified" (usable, but see README)."""
    ready = status.ready and status.state is not WeightsState.UNVERIFIED
    return "ready" if ready else status.state.value


def run_weights_list(args: argparse.Namespace) -> int:
    catalog, store, onnx = load_catalog(args), open_store(), open_onnx_cache()
    models = catalog.models()  # label sets have no weights of their own
    statuses = [store.status(spec) for spec in models]
    exported = [onnx.find(spec, verify=False) for spec in models]
    if args.json:
        weights = [status_json(st, path) for st, path in zip(statuses, exported, strict=True)]
        print(json.dumps({"cache_dir": str(store.cache_dir), "weights": weights}, indent=2))
        return 0
    rows = [
        [
            st.model_id,
            st.file_name,
            format_megabytes(st.size_bytes),
            st.state.value
            + (f" ({format_megabytes(st.partial_bytes)})" if st.partial_bytes else ""),
            "ready" if path else "-",
        ]
        for st, path in zip(statuses, exported, strict=True)
    ]
    headers = [
        translate("Cli", "id"),
        translate("Cli", "file"),
        translate("Cli", "size"),
        translate("Cli", "state"),
        translate("Cli", "onnx"),
    ]
    print(format_table(headers, rows, right={2}))
    return 0


def import_hint(spec: ModelSpec) -> str:
    """How to install the weights without this computer's connection."""
    return translate(
        "Errors",
        "Fetch {file} from {url} on a computer with internet, then install it here with: "
        "effnet weights import {id} {file}",
    ).format(file=spec.weights.file_name, url=spec.weights.url, id=spec.id)


def run_weights_download(args: argparse.Namespace) -> int:
    catalog, store = load_catalog(args), open_store()
    specs = [catalog.get(model_id) for model_id in args.ids]
    failures = 0
    for spec in specs:
        line = ProgressLine(spec.id)
        try:
            path = store.ensure(spec, progress=line, notice=warn)
        except EffnetError as error:
            line.finish()
            hint = isinstance(error, OfflineError | HttpStatusError | TlsError)
            print(f"effnet: {spec.id}: {error}" + (f". {import_hint(spec)}" if hint else ""),
                  file=sys.stderr)  # fmt: skip
            failures += 1
            continue
        line.finish()
        print(f"{spec.id}: {path}")
    return 1 if failures else 0


def run_weights_import(args: argparse.Namespace) -> int:
    catalog, store = load_catalog(args), open_store()
    spec = catalog.get(args.id)
    path = store.import_file(spec, args.file.expanduser())
    print(f"{spec.id}: imported as {path}")
    if store.status(spec).state is WeightsState.UNVERIFIED:
        warn(unverified_notice(spec))
    return 0


def run_weights_remove(args: argparse.Namespace) -> int:
    catalog, store, onnx = load_catalog(args), open_store(), open_onnx_cache()
    for spec in [catalog.get(model_id) for model_id in args.ids]:
        removed = onnx.remove(spec) | store.remove(spec)
        print(f"{spec.id}: {'removed' if removed else 'nothing to remove'}")
    return 0


def run_weights_path(args: argparse.Namespace) -> int:
    print(paths.cache_dir())
    return 0


def warn(message: str) -> None:
    print(f"effnet: {message}", file=sys.stderr)
