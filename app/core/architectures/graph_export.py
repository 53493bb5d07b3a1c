"""Make the ONNX graph templates of the built-in architectures (a development tool).

``python -m app.core.architectures.graph_export`` writes ``data/graphs/<arch>.onnx``: each
graph with a dynamic batch axis whose initializers are named by the model's ``state_dict``
keys and hold no data (their data is "external", supplied at run time from the weights file
by :mod:`app.core.architectures.graphs`), and ``data/graphs/<arch>.json``, the list of those
initializers with their shapes. A test regenerates them and checks that the committed files
are equal.

Needs torch and onnx; the app at run time needs neither.
"""

from __future__ import annotations

import json
import sys
import tempfile
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.architectures.graphs import (
    CLASSIFIER_NAME,
    FEATURES_NAME,
    GRAPHS_DIR,
    INPUT_NAME,
    OPSET,
    OUTPUT_NAME,
    manifest_path,
    template_path,
)
from app.core.models.catalog import builtin_specs
from app.i18n import translate

if TYPE_CHECKING:
    import torch


def export_template(arch: str, num_classes: int, size: int, folder: Path) -> tuple[bytes, str]:
    """The template's bytes and its manifest's text for ``arch`` at ``size``² pixels (the
    spatial size is fixed: Lite's TensorFlow-style padding is computed for it)."""
    import onnx
    import torch
    from onnx import TensorProto

    from app.core.architectures.torch_models import build_model

    torch.manual_seed(0)
    model = build_model(arch, num_classes).eval()
    with torch.no_grad():
        # The TorchScript exporter merges initializers of equal value (a fresh model's
        # BatchNorm weights are all ones): with every tensor distinct, each state_dict key
        # stays its own initializer.
        for tensor in model.state_dict().values():
            if tensor.is_floating_point():
                tensor.copy_(torch.rand_like(tensor) + 0.5)
    path = folder / f"{arch}.onnx"
    export_explainable(model, torch.zeros(1, 3, size, size), path, template=True)
    graph_model = onnx.load(str(path))
    graph = graph_model.graph
    state = model.state_dict()
    manifest = []
    for initializer in graph.initializer:
        if initializer.name not in state:
            raise SystemExit(f"{arch}: initializer {initializer.name} is no state_dict key")
        manifest.append([initializer.name, list(initializer.dims)])
        initializer.ClearField("raw_data")
        initializer.data_location = TensorProto.EXTERNAL
        del initializer.external_data[:]
        for key, value in (("location", "weights"), ("offset", "0"), ("length", "0")):
            entry = initializer.external_data.add()
            entry.key, entry.value = key, value
    graph_model.producer_version = ""  # the bytes depend on the graph, not on who made it
    rows = ",\n".join(json.dumps(row) for row in manifest)  # one initializer a line
    text = f'{{"arch": {json.dumps(arch)}, "initializers": [\n{rows}\n]}}\n'
    return graph_model.SerializeToString(), text


def export_explainable(
    model: torch.nn.Module, example: torch.Tensor, path: Path, *, template: bool = False
) -> None:
    """Export ``model`` to ``path`` with three outputs: the logits, the final feature map
    and the classifier's weights. ``template``: keep every initializer as it is (no
    constant folding), as graph templates need."""
    import onnx
    import torch
    from onnx import helper

    from app.core.architectures.torch_models import final_linear, returning_feature_map

    outputs = [OUTPUT_NAME, FEATURES_NAME]
    with warnings.catch_warnings(), returning_feature_map(model) as explainable:
        warnings.simplefilter("ignore")
        torch.onnx.export(
            explainable, (example,), str(path), dynamo=False, opset_version=OPSET,
            do_constant_folding=not template,
            training=torch.onnx.TrainingMode.PRESERVE if template else torch.onnx.TrainingMode.EVAL,
            input_names=[INPUT_NAME], output_names=outputs,
            dynamic_axes={name: {0: "batch"} for name in [INPUT_NAME, *outputs]},
        )  # fmt: skip
    graph_model = onnx.load(str(path))
    layer_path, layer = final_linear(model)
    weight = f"{layer_path}.weight"
    if weight not in {initializer.name for initializer in graph_model.graph.initializer}:
        raise RuntimeError(
            translate("Errors", "the exported graph has no initializer {weight}").format(
                weight=weight
            )
        )
    graph_model.graph.node.append(helper.make_node("Identity", [weight], [CLASSIFIER_NAME]))
    graph_model.graph.output.append(
        helper.make_tensor_value_info(
            CLASSIFIER_NAME, onnx.TensorProto.FLOAT, list(layer.weight.shape)
        )
    )
    onnx.save(graph_model, str(path))


def builtin_architectures() -> dict[str, tuple[int, int]]:
    """Each built-in architecture's number of classes and input size."""
    return {spec.arch: (spec.num_classes, spec.input_size) for spec in builtin_specs()}


def main() -> None:
    GRAPHS_DIR.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        for arch, (classes, size) in builtin_architectures().items():
            template, manifest = export_template(arch, classes, size, Path(temporary))
            template_path(arch).write_bytes(template)
            manifest_path(arch).write_text(manifest, encoding="utf-8")
            print(f"{arch}: {len(template) / 1024:.0f} kB", file=sys.stderr)


if __name__ == "__main__":
    main()
