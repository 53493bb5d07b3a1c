"""What runs a loaded model: PyTorch (any device), ONNX Runtime (the CPU fast path, and
its DirectML and Core ML accelerators) or OpenVINO (:mod:`app.core.inference.openvino_runner`,
the CPU where it is faster).

All take a preprocessed float32 batch (N, 3, H, W) and return softmax probabilities over
all classes as a numpy array, so the classifier does not care which one it holds.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from app.core.architectures.graphs import CLASSIFIER_NAME, FEATURES_NAME, OUTPUT_NAME
from app.core.cancel import CancelToken
from app.core.inference.devices import CPU_PROVIDER

AUTO, TORCH, ONNX, OPENVINO = "auto", "torch", "onnx", "openvino"
ENGINES = (AUTO, TORCH, ONNX, OPENVINO)
ENGINE_NAMES = {TORCH: "PyTorch", ONNX: "ONNX Runtime", OPENVINO: "OpenVINO"}


class Runner(Protocol):
    engine: str
    size_bytes: int

    def probabilities(self, batch: np.ndarray, token: CancelToken | None = None) -> np.ndarray:
        """Softmax over the classes; a runner that can stop mid-run honours ``token``."""
        ...

    def explain(
        self, batch: np.ndarray, token: CancelToken | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The probabilities with what explains them: the final feature maps (N, K, h, w)
        and the classifier's weights (classes, K)."""
        ...


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits.astype(np.float32) - logits.max(axis=1, keepdims=True)
    exponents = np.exp(shifted)
    return exponents / exponents.sum(axis=1, keepdims=True)


class TorchRunner:
    engine = TORCH

    def __init__(self, module: Any, device: str, precision: str) -> None:
        from app.core.architectures.torch_models import parameter_bytes

        self.module = module
        self.device = device
        self.precision = precision
        self.size_bytes = parameter_bytes(module)

    def probabilities(self, batch: np.ndarray, token: CancelToken | None = None) -> np.ndarray:
        import torch

        with torch.inference_mode():
            logits = self.module(self._tensor(batch))
            return torch.softmax(logits.float(), dim=1).cpu().numpy()

    def explain(
        self, batch: np.ndarray, token: CancelToken | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        import torch

        from app.core.architectures.torch_models import final_linear, logits_and_feature_map

        with torch.inference_mode():
            logits, features = logits_and_feature_map(self.module, self._tensor(batch))
            weights = final_linear(self.module)[1].weight
            return (
                torch.softmax(logits.float(), dim=1).cpu().numpy(),
                features.float().cpu().numpy(),
                weights.float().cpu().numpy(),
            )

    def _tensor(self, batch: np.ndarray) -> Any:
        import torch

        from app.core.architectures.torch_models import PRECISIONS

        tensor = torch.from_numpy(batch).to(device=self.device, dtype=PRECISIONS[self.precision])
        return tensor.contiguous(memory_format=torch.channels_last)


class GraphRunner(ABC):
    """A runner of the built-in graphs' outputs (see :mod:`app.core.architectures.graphs`):
    the logits, and for explanations the feature maps and the classifier's weights."""

    _classifier: np.ndarray | None = None

    @abstractmethod
    def _run(
        self, outputs: list[str], batch: np.ndarray, token: CancelToken | None
    ) -> list[np.ndarray]:
        """The named outputs for ``batch``; cancelling ``token`` stops the run mid-way."""

    def logits(self, batch: np.ndarray, token: CancelToken | None = None) -> np.ndarray:
        return self._run([OUTPUT_NAME], batch, token)[0]

    def probabilities(self, batch: np.ndarray, token: CancelToken | None = None) -> np.ndarray:
        return softmax(self.logits(batch, token))

    def explain(
        self, batch: np.ndarray, token: CancelToken | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self._classifier is None:  # 5 MB for B0: copied out once, not at every photo
            logits, features, self._classifier = self._run(
                [OUTPUT_NAME, FEATURES_NAME, CLASSIFIER_NAME], batch, token
            )
        else:
            logits, features = self._run([OUTPUT_NAME, FEATURES_NAME], batch, token)
        return softmax(logits), features, self._classifier


class OnnxRunner(GraphRunner):
    """ONNX Runtime, from an ONNX file, or from a graph template plus its initializers
    (see :mod:`app.core.architectures.graphs`), which ONNX Runtime reads in place."""

    engine = ONNX

    def __init__(
        self,
        model: Path | bytes,
        threads: int,
        *,
        initializers: dict[str, np.ndarray] | None = None,
        optimized: bool = False,
        optimise: bool = True,
        save_optimized_as: Path | None = None,
        provider: str = CPU_PROVIDER,
    ) -> None:
        """``optimized``: ``model`` is ONNX Runtime's own optimised form of a graph for this
        machine (saved earlier through ``save_optimized_as``, with its tensors in a ``.data``
        file beside it), so no optimisation runs again. ``optimise=False`` leaves the graph
        as it is: what ``save_optimized_as`` then saves is plain ONNX, with the weights,
        which another runtime can read. ``provider``: the execution provider that runs it;
        the CPU takes the operators an accelerator lacks."""
        import onnxruntime

        onnxruntime.disable_telemetry_events()  # Windows' event tracing; see app/__init__.py
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.enable_cpu_mem_arena = False  # the arena keeps its peak for good
        # Its threads stop spinning once a run ends, leaving the cores to the photo decoders
        # of a folder run (40.2 photos/s instead of 37.7 on 12 MP JPEGs with B0, 2 cores)
        # and to the rest of the computer; inside a run they spin, so a single photo is as
        # fast as before (B0 4.7 ms either way; turning spinning off altogether costs 40 %).
        options.add_session_config_entry("session.force_spinning_stop", "1")
        options.log_severity_level = 3  # errors only: its warnings are no news to a user
        if provider == "DmlExecutionProvider":
            options.enable_mem_pattern = False  # DirectML supports neither memory patterns
            options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL  # nor parallelism
        levels = onnxruntime.GraphOptimizationLevel
        options.graph_optimization_level = (
            levels.ORT_ENABLE_ALL if optimise and not optimized else levels.ORT_DISABLE_ALL
        )
        if save_optimized_as is not None:
            options.optimized_model_filepath = str(save_optimized_as)
            options.add_session_config_entry(
                "session.optimized_model_external_initializers_file_name",
                save_optimized_as.with_suffix(".data").name,
            )
            options.add_session_config_entry(
                "session.optimized_model_external_initializers_min_size_in_bytes", "1024"
            )
        # Kept for the session's life: ONNX Runtime uses their memory without copying it.
        values = (initializers or {}).values()
        self._initializers = [onnxruntime.OrtValue.ortvalue_from_numpy(a) for a in values]
        if initializers:
            options.add_external_initializers(list(initializers), self._initializers)
        source = str(model) if isinstance(model, Path) else model
        providers = list(dict.fromkeys([provider, CPU_PROVIDER]))
        self.session = onnxruntime.InferenceSession(source, options, providers=providers)
        self.input_name = self.session.get_inputs()[0].name
        if initializers:
            self.size_bytes = sum(array.nbytes for array in initializers.values())
        elif isinstance(model, Path):
            data = model.with_suffix(".data")
            self.size_bytes = model.stat().st_size + (data.stat().st_size if optimized else 0)
        else:
            self.size_bytes = len(model)

    @classmethod
    def from_template(
        cls,
        arch: str,
        weights: Path,
        threads: int,
        save_optimized_as: Path | None = None,
        provider: str = CPU_PROVIDER,
        optimise: bool = True,
    ) -> OnnxRunner:
        """The built-in graph of ``arch`` with the tensors of ``weights``; no torch needed."""
        from app.core.architectures.graphs import initializers, template_path

        return cls(
            template_path(arch).read_bytes(), threads,
            initializers=initializers(arch, weights), save_optimized_as=save_optimized_as,
            provider=provider, optimise=optimise,
        )  # fmt: skip

    def _run(
        self, outputs: list[str], batch: np.ndarray, token: CancelToken | None
    ) -> list[np.ndarray]:
        """Run the graph for ``outputs``; cancelling ``token`` stops it mid-run (ONNX
        Runtime's terminate flag), so quitting or cancelling never waits for a whole batch
        of a large model."""
        import onnxruntime

        feed = {self.input_name: np.ascontiguousarray(batch)}
        if token is None:
            return list(self.session.run(outputs, feed))
        options = onnxruntime.RunOptions()

        def stop() -> None:
            options.terminate = True

        try:
            with token.on_cancel(stop):
                return list(self.session.run(outputs, feed, options))
        except Exception:
            token.raise_if_cancelled()
            raise
