"""ONNX files and OpenVINO's compiled models of catalog models in the cache, made once and
reused.

A built-in architecture gets ONNX Runtime's own optimised form of its graph template
filled with the weights (see :mod:`app.core.architectures.graphs`): made at its first use, no torch
needed, and saved for this ONNX Runtime version and this machine (the weight layout it
picks is specific to the CPU), with its tensors in a ``.data`` file beside it. Later
starts load it without optimising again and without reading the weights file: for B7 a
fraction of a second and one copy of the weights in memory, where optimising holds three.
OpenVINO's compiled model of the same graph is kept the same way, as one ``.blob`` file
for this OpenVINO version and this machine (:mod:`app.core.inference.openvino_runner`).

Another architecture (Lite1-4 in a user catalog) is exported with torch in a child
process, and kept only if ONNX Runtime and PyTorch agree on a real photo (max abs logit
difference ≤ 1e-4).

A file is named after the model, its weights' digest and what made it, so new weights,
a new runtime or another machine make a new file; its record holds the file's digest
(and its ``.data`` file's) and the full digest of the weights it was built from, signed
with this user's key (:mod:`app.core.signing`): a graph and record copied in with a shared
cache are not this user's, so they are made again, never trusted. The record is written
before the file takes its final name, so a file without a record is never one being made;
such a file, or one whose digest no longer matches (hashed once per process, as weights
are), is stale and deleted.

This module is long because making, checking, saving and retiring a file are one
transaction and read best together.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import multiprocessing.process
import platform
import shutil
import signal
import threading
import uuid
from collections.abc import Callable, Iterator
from functools import cache
from importlib import metadata
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar

import numpy as np

from app.core.architectures.graphs import GRAPH_VERSION, OPSET, has_template
from app.core.cancel import CancelToken
from app.core.errors import EffnetError, ModelLoadError
from app.core.inference.openvino_runner import OpenVinoRunner
from app.core.inference.runners import OnnxRunner, Runner
from app.core.models.catalog import ModelSpec
from app.core.weights.records import DigestRecords, sha256_file
from app.i18n import translate

log = logging.getLogger(__name__)
R = TypeVar("R", bound=Runner)
PARITY_TOLERANCE = 1e-4
FOLDER = "onnx"


class ExportError(EffnetError):
    """The model could not be exported, or the export disagrees with PyTorch."""


def exporter_tag() -> str:
    """Which exporter made a file; read without importing torch."""
    return f"torch{_version('torch').split('+')[0]}-opset{OPSET}-g{GRAPH_VERSION}"


@cache
def machine_tag() -> str:
    """This CPU's kind and instruction sets, hashed: what an engine compiles for."""
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        flags = next(
            line for line in cpuinfo.splitlines() if line.startswith(("flags", "Features"))
        )
    except (OSError, StopIteration):
        flags = platform.processor()
    return hashlib.sha256(f"{platform.machine()} {flags}".encode()).hexdigest()[:8]


@cache
def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def optimiser_tag() -> str:
    """Which ONNX Runtime, on which CPU, optimised a file; read without loading either."""
    return f"ort{_version('onnxruntime')}-{machine_tag()}-g{GRAPH_VERSION}"


def compiler_tag() -> str:
    """Which OpenVINO, on which CPU, compiled a model; read without loading either."""
    return f"ov{_version('openvino')}-{machine_tag()}-g{GRAPH_VERSION}"


class OnnxCache:
    """ONNX files in ``<cache>/onnx``: optimised from templates, or exported with torch."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = Path(cache_dir)
        self.folder = self.cache_dir / FOLDER
        self.records = DigestRecords(self.folder / ".checks")

    def path_for(self, spec: ModelSpec) -> Path:
        """Where the model's ONNX file is: optimised (built-in architectures) or exported."""
        return self._optimised_path(spec) if has_template(spec.arch) else self.exported_path(spec)

    def _optimised_path(self, spec: ModelSpec) -> Path:
        return self.folder / f"{spec.id}-{spec.weights.sha256[:16]}-{optimiser_tag()}.onnx"

    def exported_path(self, spec: ModelSpec) -> Path:
        return self.folder / f"{spec.id}-{spec.weights.sha256[:16]}-{exporter_tag()}.onnx"

    def find(self, spec: ModelSpec, *, verify: bool = True) -> Path | None:
        """A checked ONNX file for ``spec`` in the cache, if there is one.

        ``verify`` hashes the cached file (once per process) before it is trusted; listings
        pass False and trust its record.
        """
        return self._checked(self.path_for(spec), spec, verify)

    def _checked(self, path: Path, spec: ModelSpec, verify: bool) -> Path | None:
        """``path`` if it is there and intact; a damaged or foreign file is deleted."""
        if path.is_file():
            if self._intact(path, spec, verify):
                return path
            log.warning("%s changed since it was checked; it is made again", path.name)
            self._delete(path)
        return None

    def _intact(self, path: Path, spec: ModelSpec, verify: bool) -> bool:
        record = self.records.record(path)  # signed by this user's app, or None
        if record is None or not str(record.get("weights_sha256", "")).startswith(
            spec.weights.sha256
        ):
            return False
        data = path.with_suffix(".data")
        if "data_sha256" in record and not data.is_file():
            return False
        if not verify:
            return True
        if "data_sha256" in record and self.records.digest(data) != record["data_sha256"]:
            return False
        return self.records.digest(path) == record["sha256"]

    def templated_runner(
        self, spec: ModelSpec, weights: Callable[[], Path], threads: int
    ) -> OnnxRunner:
        """A built-in architecture on ONNX Runtime: from the saved optimised file when there
        is one (no weights needed), else optimised now from ``weights()`` and saved."""
        saved = self.find(spec)
        if saved is not None:
            try:
                return OnnxRunner(saved, threads, optimized=True)
            except Exception as error:  # made by something else than it claims: make anew
                log.warning("cannot load %s (%s); it is made again", saved.name, error)
                self._delete(saved)
        return self.optimise(spec, weights(), threads)

    def optimise(self, spec: ModelSpec, weights: Path, threads: int) -> OnnxRunner:
        """A runner for a built-in architecture from its template and ``weights``, saving
        ONNX Runtime's optimised form for the next start (where the cache is writable)."""

        def build(staged: Path | None) -> OnnxRunner:
            return OnnxRunner.from_template(spec.arch, weights, threads, staged)

        return self._keeping(spec, self._optimised_path(spec), weights, build)

    def compiled_path(self, spec: ModelSpec) -> Path:
        return self.folder / f"{spec.id}-{spec.weights.sha256[:16]}-{compiler_tag()}.blob"

    def find_compiled(self, spec: ModelSpec) -> Path | None:
        """A checked compiled OpenVINO model for ``spec`` in the cache, if there is one."""
        return self._checked(self.compiled_path(spec), spec, verify=True)

    def openvino_runner(
        self, spec: ModelSpec, weights: Callable[[], Path], threads: int
    ) -> OpenVinoRunner:
        """A built-in architecture on OpenVINO: imported from the compiled model saved
        earlier (no weights needed), else compiled now from ``weights()`` and saved."""
        target = self.compiled_path(spec)
        saved = self.find_compiled(spec)
        if saved is not None:
            try:
                return OpenVinoRunner.imported(saved, threads)
            except Exception as error:  # made by another OpenVINO than it claims: make anew
                log.warning("cannot load %s (%s); it is made again", saved.name, error)
                self._delete(saved)
        source = weights()

        def build(staged: Path | None) -> OpenVinoRunner:
            runner = OpenVinoRunner.from_template(spec.arch, source, threads)
            if staged is not None:
                runner.export(staged)
            return runner

        return self._keeping(spec, target, source, build)

    def _keeping(
        self, spec: ModelSpec, target: Path, weights: Path, build: Callable[[Path | None], R]
    ) -> R:
        """``build(staged)``: a runner made from ``weights``, its file saved as ``staged``
        (with any ``.data`` file beside it); kept as ``target``, under a record, where the
        cache is writable. ``build(None)`` saves nothing."""
        try:
            staging = self.folder / f".{uuid.uuid4().hex}.build"
            staging.mkdir(parents=True)
        except OSError:
            return build(None)  # a read-only cache
        try:
            staged = staging / target.name
            try:
                runner = build(staged)
            except ModelLoadError:
                raise
            except Exception as error:  # saving failed (a full disk): run without keeping it
                log.warning("cannot keep %s (%s)", target.name, error)
                return build(None)
            data = staged.with_suffix(".data")
            beside = {"data_sha256": sha256_file(data)} if data.is_file() else {}
            self.records.write(
                staged, sha256_file(staged), name=target.name,
                weights_sha256=self.records.digest(weights), **beside,
            )  # fmt: skip
            if beside:
                data.replace(target.with_suffix(".data"))
            staged.replace(target)
        except OSError as error:
            log.warning("cannot keep %s (%s)", target.name, error)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return runner

    def files(self, spec: ModelSpec) -> list[Path]:
        """Every file made of the model in the cache (any weights or engine version)."""
        if not self.folder.is_dir():
            return []
        made = self.folder.glob(f"{spec.id}-*")
        return sorted(path for path in made if path.suffix in (".onnx", ".blob"))

    def disk_bytes(self, spec: ModelSpec) -> int:
        """What the files made of the model take on disk, their ``.data`` files included."""
        return sum(
            part.stat().st_size
            for path in self.files(spec)
            for part in (path, path.with_suffix(".data"))
            if part.is_file()
        )

    def remove(self, spec: ModelSpec) -> bool:
        files = self.files(spec)
        for path in files:
            self._delete(path)
        return bool(files)

    def remove_partials(self) -> None:
        for partial in self.folder.glob(".*.part") if self.folder.is_dir() else ():
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
        for build in self.folder.glob(".*.build") if self.folder.is_dir() else ():
            shutil.rmtree(build, ignore_errors=True)

    def _delete(self, path: Path) -> None:
        for file in (path, path.with_suffix(".data")):
            with contextlib.suppress(FileNotFoundError):
                file.unlink()
        self.records.forget(path)

    def export(self, spec: ModelSpec, weights: Path, sample: np.ndarray) -> Path:
        """Export ``spec`` with ``weights``, keep it only if it agrees with PyTorch on
        ``sample`` (a preprocessed real photo, shape (1, 3, H, W))."""
        import warnings

        import torch

        from app.core.architectures.graph_export import export_explainable
        from app.core.architectures.torch_models import load_model

        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.exported_path(spec)
        staging = self.folder / f".{target.name}.{uuid.uuid4().hex}.part"
        try:
            model = load_model(spec.arch, spec.num_classes, weights).to(
                memory_format=torch.contiguous_format
            )
            example = torch.from_numpy(sample)
            with warnings.catch_warnings(), torch.inference_mode():
                warnings.simplefilter("ignore")
                reference = model(example).numpy()
            export_explainable(model, example, staging)
            exported = OnnxRunner(staging, threads=1).logits(sample)
            difference = float(np.abs(exported - reference).max())
            if not difference <= PARITY_TOLERANCE:
                raise ExportError(
                    translate(
                        "Errors",
                        ("the ONNX export of {name} disagrees with PyTorch by {difference:.2e}"),
                    ).format(name=spec.name, difference=difference)
                )
            self.records.write(
                staging, sha256_file(staging), name=target.name,
                weights_sha256=self.records.digest(weights),
            )  # fmt: skip
            staging.replace(target)
        except ExportError:
            raise
        except Exception as error:
            raise ExportError(
                translate("Errors", "exporting {name} to ONNX failed: {error}").format(
                    name=spec.name, error=error
                )
            ) from error
        finally:
            with contextlib.suppress(FileNotFoundError):
                staging.unlink()
        log.info("exported %s (max logit difference %.1e)", target.name, difference)
        return target


def export_random(spec: ModelSpec, path: Path) -> None:
    """Export ``spec`` with random weights (speed-only timing: the values do not matter)."""
    import torch

    from app.core.architectures.graph_export import export_explainable
    from app.core.architectures.torch_models import build_model

    model = build_model(spec.arch, spec.num_classes).eval()
    export_explainable(model, torch.zeros(1, 3, spec.input_size, spec.input_size), path)


EXPORT_TIMEOUT = 900.0  # seconds; B7 takes about a minute on two cores


class BackgroundExporter:
    """Exports models in a child process, one at a time per model, so nobody waits for it.

    A process rather than a thread: an export cannot be interrupted, and a thread still in
    torch when the app quits would abort the interpreter; a child process is simply
    stopped. The child ignores Ctrl+C (the parent decides when it ends), gets the sample
    photo through a file (so starting it never blocks on a pipe), and is stopped after
    ``timeout`` seconds. A model whose background export failed is not tried again in this
    session (the reason is logged) and stays on PyTorch.
    """

    def __init__(self, store: OnnxCache, timeout: float = EXPORT_TIMEOUT) -> None:
        self.store = store
        self.timeout = timeout
        self._lock = threading.Lock()
        self._pending: dict[str, tuple[multiprocessing.process.BaseProcess, threading.Thread]] = {}
        self._failed: dict[str, str] = {}

    def failure(self, spec: ModelSpec) -> str | None:
        return self._failed.get(spec.id)

    def request(self, spec: ModelSpec, weights: Path, sample: np.ndarray) -> bool:
        """Start exporting ``spec`` unless it is exported, under way or failed before."""
        with self._lock:
            if spec.id in self._pending or spec.id in self._failed or self.store.find(spec):
                return False
            self.store.folder.mkdir(parents=True, exist_ok=True)
            sample_file = self.store.folder / f".{spec.id}.{uuid.uuid4().hex}.sample.part"
            with sample_file.open("wb") as stream:
                np.save(stream, sample, allow_pickle=False)
            receiver, sender = _SPAWN.Pipe(duplex=False)
            process = _SPAWN.Process(
                target=_export_in_child, args=(self.store, spec, weights, sample_file, sender),
                name=f"onnx-export-{spec.id}", daemon=True,
            )  # fmt: skip
            with _terminal_interrupts_ignored():
                process.start()
            sender.close()
            watcher = threading.Thread(
                target=self._watch, args=(spec, process, receiver, sample_file), daemon=True
            )
            self._pending[spec.id] = (process, watcher)
        watcher.start()
        return True

    def export_now(
        self, spec: ModelSpec, weights: Path, sample: np.ndarray, token: CancelToken
    ) -> Path:
        """Export ``spec`` in the child process and wait for it; cancelling ``token`` stops
        the child at once. Raises :class:`ExportError` with the child's reason."""
        self._failed.pop(spec.id, None)  # asked for explicitly: try again
        self.request(spec, weights, sample)
        while True:
            with self._lock:
                pending = self._pending.get(spec.id)
            if pending is None:
                break
            if token.cancelled:
                self._stop(pending[0])
                pending[1].join(2)
                token.raise_if_cancelled()
            pending[1].join(0.1)
        path = self.store.find(spec)
        if path is None:
            raise ExportError(self._failed.get(spec.id) or f"exporting {spec.name} failed")
        return path

    def _watch(
        self,
        spec: ModelSpec,
        process: multiprocessing.process.BaseProcess,
        receiver: Connection,
        sample_file: Path,
    ) -> None:
        try:
            if receiver.poll(self.timeout):
                message = receiver.recv()
            else:
                message = f"the export took longer than {self.timeout:.0f} s and was stopped"
                self._stop(process)
        except EOFError:  # the child ended without a word: stopped, or it crashed
            message = f"the export process ended with code {process.exitcode}"
        process.join()
        with contextlib.suppress(FileNotFoundError):
            sample_file.unlink()
        if message:
            log.warning("staying on PyTorch for %s: %s", spec.id, message)
            self._failed[spec.id] = message
        with self._lock:
            self._pending.pop(spec.id, None)

    @staticmethod
    def _stop(process: multiprocessing.process.BaseProcess) -> None:
        process.terminate()
        process.join(2)
        if process.is_alive():
            process.kill()

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the exports under way (the CLI does, before it exits)."""
        with self._lock:
            watchers = [watcher for _, watcher in self._pending.values()]
        for watcher in watchers:
            watcher.join(timeout)

    def stop(self) -> None:
        """Stop exports under way (the app is quitting); their partial files are removed."""
        with self._lock:
            processes = [process for process, _ in self._pending.values()]
        for process in processes:
            self._stop(process)
        self.wait(2)
        self.store.remove_partials()


_SPAWN = multiprocessing.get_context("spawn")


@contextlib.contextmanager
def _terminal_interrupts_ignored() -> Iterator[None]:
    """Start children with Ctrl+C ignored (the disposition is inherited, and Python keeps
    an inherited SIG_IGN): a terminal's Ctrl+C then reaches the parent alone, which stops
    them, instead of each child printing its own traceback. Only the main thread may
    change signal handlers; elsewhere (the window's engine thread) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _export_in_child(
    store: OnnxCache, spec: ModelSpec, weights: Path, sample_file: Path, sender: Connection
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        sample = np.load(sample_file, allow_pickle=False)
        store.export(spec, weights, sample)
    except Exception as error:
        sender.send(str(error) or type(error).__name__)
    else:
        sender.send("")
    finally:
        sender.close()
