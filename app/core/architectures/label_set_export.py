"""A label set as one standalone ONNX model — its model's graph with the weights inside,
then the head (average pooling, the linear layer, the temperature, a softmax) — with the
labels and the preprocessing in its metadata, for use in other programs.

Needs the ``onnx`` package (the development and full installs have it).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from app import __version__
from app.core.architectures.graphs import FEATURES_NAME, INPUT_NAME, initializers, template_path
from app.core.errors import EffnetError
from app.core.files import save_bytes
from app.core.models.catalog import ModelSpec
from app.i18n import translate

OUTPUT = "probabilities"


def export_label_set(spec: ModelSpec, weights: Path, out: Path) -> None:
    """Write ``spec`` (a label set) with ``weights`` (its model's, verified) to ``out``."""
    try:
        import onnx
        from onnx import TensorProto, helper, numpy_helper
    except ImportError:
        raise EffnetError(
            translate("Errors", "exporting to ONNX needs the onnx package: pip install onnx")
        ) from None
    head = spec.head
    if head is None:
        raise EffnetError(translate("Errors", "{model} is not a label set").format(model=spec.name))
    backbone = head.backbone
    model = onnx.load_model_from_string(template_path(backbone.arch).read_bytes())
    graph = model.graph
    values = initializers(backbone.arch, weights)
    for initializer in graph.initializer:
        initializer.CopyFrom(numpy_helper.from_array(values[initializer.name], initializer.name))
    temperature = np.array(head.temperature, dtype=np.float32)
    graph.initializer.extend([
        numpy_helper.from_array(head.weights.astype(np.float32), "label_set.weight"),
        numpy_helper.from_array(head.bias.astype(np.float32), "label_set.bias"),
        numpy_helper.from_array(temperature, "label_set.temperature"),
    ])  # fmt: skip
    graph.node.extend([
        helper.make_node("GlobalAveragePool", [FEATURES_NAME], ["label_set.pooled"]),
        helper.make_node("Flatten", ["label_set.pooled"], ["label_set.features"], axis=1),
        helper.make_node("Gemm", ["label_set.features", "label_set.weight", "label_set.bias"],
                         ["label_set.logits"], transB=1),
        helper.make_node("Div", ["label_set.logits", "label_set.temperature"],
                         ["label_set.scaled"]),
        helper.make_node("Softmax", ["label_set.scaled"], [OUTPUT], axis=1),
    ])  # fmt: skip
    del graph.output[:]
    graph.output.append(
        helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, ["batch", len(spec.labels)])
    )
    preprocessing = spec.preprocessing
    how = {
        "resize_short_side": preprocessing.resize, "centre_crop": preprocessing.crop,
        "interpolation": preprocessing.interpolation, "scale": "0..1 then (x - mean) / std",
        "mean": list(preprocessing.mean), "std": list(preprocessing.std), "layout": "NCHW RGB",
    }  # fmt: skip
    metadata = {
        "labels": json.dumps(list(spec.labels), ensure_ascii=False),
        "model": backbone.id,
        "model_weights_sha256": backbone.weights.sha256,
        "input": INPUT_NAME,
        "preprocessing": json.dumps(how),
        "made_by": f"EfficientNet Desktop {__version__}",
    }
    for key, value in metadata.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model)
    save_bytes(out, model.SerializeToString())
