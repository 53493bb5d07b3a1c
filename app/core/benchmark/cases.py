"""What a benchmark times (models × devices × precisions × batches × engines) and what
each case gives."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.inference.runners import TORCH

PRETRAINED, RANDOM = "pretrained", "random"
OK, OUT_OF_MEMORY, FAILED = "ok", "out of memory", "failed"


@dataclass(frozen=True)
class BenchmarkCase:
    model_id: str
    device: str
    precision: str
    batch: int
    engine: str = TORCH


@dataclass(frozen=True)
class BenchmarkConfig:
    models: tuple[str, ...]
    devices: tuple[str, ...] = ("cpu",)
    precisions: tuple[str, ...] = ("fp32",)
    batches: tuple[int, ...] = (1,)
    warmup: int = 3
    runs: int = 10
    time_budget_s: float | None = None  # per case: stop timing once it is spent (after 3 runs)
    threads: int | None = None  # CPU intra-op threads; None leaves torch's default
    speed_only: bool = False  # time models without weights using random weights
    engines: tuple[str, ...] = (TORCH,)  # torch and/or onnx (ONNX Runtime, CPU only)

    def cases(self) -> list[BenchmarkCase]:
        return [
            BenchmarkCase(model, device, precision, batch, engine)
            for engine in self.engines
            for device in self.devices
            for precision in self.precisions
            for batch in self.batches
            for model in self.models
        ]


@dataclass(frozen=True)
class CaseResult:
    model: str
    device: str
    precision: str
    batch: int
    weights: str  # "pretrained" or "random"
    status: str  # "ok", "out of memory", "failed"
    error: str = ""
    runs: int = 0
    median_ms: float | None = None
    p90_ms: float | None = None
    min_ms: float | None = None
    images_per_s: float | None = None
    peak_memory_mb: float | None = None
    load_ms: float | None = None
    params: int | None = None
    gflops: float | None = None
    top1: float | None = None
    engine: str = TORCH
