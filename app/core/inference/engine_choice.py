"""Which CPU engine "auto" uses: ONNX Runtime or OpenVINO, whichever this computer ran
faster when it was measured.

Neither is faster everywhere (OpenVINO is tuned for Intel's and AMD's x86 cores, ONNX
Runtime for more kinds of CPU), so the two are timed once, side by side, on B0 with
random weights (speed does not depend on them) at one photo and at a batch of eight,
and the answer is kept in the cache for these versions of both engines, this CPU and this
number of threads. The file is a hint, not trusted: anything else than a known engine in
it is measured again.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median

import numpy as np

from app.core.architectures.graphs import random_initializers, template_path
from app.core.files import read_regular, write_replacing
from app.core.inference.onnx_cache import compiler_tag, optimiser_tag
from app.core.inference.openvino_runner import OpenVinoRunner, openvino_version
from app.core.inference.runners import ONNX, OPENVINO, OnnxRunner

log = logging.getLogger(__name__)
CHOICE_FILE = "cpu-engine.json"
TIMED_ARCH, TIMED_SIZE = "efficientnet_b0", 224
BATCHES = (1, 8)
ROUNDS = 5  # each round times both engines, so the machine's load falls on both alike

_measured: dict[str, str] = {}  # this process's answers, by what they depend on


def faster_cpu_engine(cache_dir: Path, threads: int) -> str:
    """ONNX or OPENVINO: the faster on this CPU (ONNX where OpenVINO is not installed)."""
    if openvino_version() is None:
        return ONNX
    key = f"{optimiser_tag()} {compiler_tag()} threads={threads}"
    if key in _measured:
        return _measured[key]
    path = Path(cache_dir) / CHOICE_FILE
    engine = _remembered(path, key)
    if engine is None:
        try:
            times = measure(threads)
        except Exception as error:  # OpenVINO installed but unable to run here
            log.warning("OpenVINO cannot run on this computer (%s); using ONNX Runtime", error)
            engine = ONNX
        else:
            engine = min(times, key=times.__getitem__)
            log.info("CPU engines timed (ms for batches of %s): %s", BATCHES, times)
            _remember(path, {"key": key, "engine": engine, "ms": times})
    _measured[key] = engine
    return engine


def measure(threads: int) -> dict[str, float]:
    """Milliseconds each engine takes for a photo plus a batch of eight (medians)."""
    initializers = random_initializers(TIMED_ARCH)
    template = template_path(TIMED_ARCH).read_bytes()
    runners: dict[str, Callable[[np.ndarray], np.ndarray]] = {
        ONNX: OnnxRunner(template, threads, initializers=initializers).logits,
        OPENVINO: OpenVinoRunner.compile(TIMED_ARCH, lambda: initializers, threads).logits,
    }
    generator = np.random.default_rng(0)
    batches = [
        generator.standard_normal((n, 3, TIMED_SIZE, TIMED_SIZE)).astype(np.float32)
        for n in BATCHES
    ]
    samples: dict[str, list[float]] = {engine: [] for engine in runners}
    for round_ in range(ROUNDS + 1):
        for engine, run in runners.items():
            started = time.perf_counter()
            for batch in batches:
                run(batch)
            if round_:  # the first round warms up
                samples[engine].append((time.perf_counter() - started) * 1000)
    return {engine: round(median(times), 2) for engine, times in samples.items()}


def _remembered(path: Path, key: str) -> str | None:
    try:
        document = json.loads(read_regular(path, max_bytes=4096))
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("key") != key:
        return None
    engine = document.get("engine")
    return engine if engine in (ONNX, OPENVINO) else None


def _remember(path: Path, document: dict[str, object]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_replacing(path, lambda stream: stream.write(json.dumps(document).encode()))
    except OSError as error:
        log.warning("cannot keep the CPU engine's choice (%s)", error)
