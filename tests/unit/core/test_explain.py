"""Class activation maps: equal to Grad-CAM by autograd, placed on the photo as torch would
upsample them, and on the object in real photos with Lite0's real weights."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from app.core.architectures.torch_models import build_model, logits_and_feature_map
from app.core.inference.classifier import Classifier, open_classifier
from app.core.inference.explain import (
    UNSEEN_GREY,
    Activations,
    class_activation_map,
    heatmap,
    heatmap_picture,
    seen,
    viridis_image,
)
from app.core.inference.openvino_runner import OpenVinoRunner
from app.core.inference.runners import GraphRunner, OnnxRunner, TorchRunner
from app.core.models.catalog import Catalog, Preprocessing, builtin_specs
from app.core.photos.opening import open_image
from app.core.photos.preprocess import preprocess
from tests.support.models import calibrated_state_dict
from tests.support.photos import CHINA, FLOWER

BUILTIN = {spec.id: spec for spec in builtin_specs()}


def _grad_cam(model: torch.nn.Module, pixels: np.ndarray, class_index: int) -> np.ndarray:
    """Grad-CAM at the final feature map, by autograd: channel weights are the spatial
    mean of the class score's gradient."""
    logits, features = logits_and_feature_map(model, torch.from_numpy(pixels))
    features.retain_grad()
    logits[0, class_index].backward()
    assert features.grad is not None
    alpha = features.grad.mean(dim=(2, 3), keepdim=True)
    cam = torch.relu((alpha * features).sum(dim=1))[0].detach().numpy()
    return cam / cam.max()


@pytest.mark.parametrize("model_id", ["b0", "b3", "v2-s", "lite0"])
def test_class_activation_map_equals_grad_cam(model_id: str, tmp_path: Path) -> None:
    spec = BUILTIN[model_id]
    weights = tmp_path / "w.pth"
    weights.write_bytes(calibrated_state_dict(spec.arch))
    pixels = preprocess(open_image(CHINA), spec.preprocessing)[None]
    probabilities, features, classifier = OnnxRunner.from_template(
        spec.arch, weights, threads=2
    ).explain(pixels)
    model = build_model(spec.arch).eval()
    model.load_state_dict(torch.load(weights, weights_only=True))
    activations = Activations(features[0], classifier, (640, 427), spec.preprocessing)
    for class_index in np.argsort(-probabilities[0])[:3]:
        ours = class_activation_map(activations, int(class_index))
        reference = _grad_cam(model, pixels, int(class_index))
        assert ours.shape == reference.shape
        assert np.abs(ours - reference).max() <= 1e-4, (model_id, class_index)


@pytest.mark.parametrize("engine", [OnnxRunner, OpenVinoRunner], ids=["onnx", "openvino"])
def test_every_engine_explains_as_torch_does(engine: type[GraphRunner], tmp_path: Path) -> None:
    spec = BUILTIN["b0"]
    weights = tmp_path / "w.pth"
    weights.write_bytes(calibrated_state_dict(spec.arch))
    pixels = preprocess(open_image(FLOWER), spec.preprocessing)[None]
    model = build_model(spec.arch).eval()
    model.load_state_dict(torch.load(weights, weights_only=True))
    on_torch = TorchRunner(model, "cpu", "fp32").explain(pixels)
    runner = engine.from_template(spec.arch, weights, threads=2)  # type: ignore[attr-defined]
    for _ in range(2):  # the classifier's weights are copied out once, then reused
        on_engine = runner.explain(pixels)
        for ours, theirs in zip(on_torch, on_engine, strict=True):
            assert ours.shape == theirs.shape
            assert np.abs(ours - theirs).max() <= 1e-4 * max(1.0, float(np.abs(ours).max()))


def test_heatmap_is_the_map_upsampled_by_torch_onto_the_crop_and_zero_outside() -> None:
    """A 400×200 photo: resized to 512×256, the model sees x in [144, 368), y in [16, 240).
    On the grid of the resized photo, the heatmap is torch's bilinear upsampling of the map
    to 224², placed there, and zero elsewhere."""
    preprocessing = Preprocessing(resize=256, crop=224)
    generator = np.random.default_rng(0)
    features = generator.uniform(0, 1, (8, 7, 7)).astype(np.float32)
    classifier = generator.uniform(-1, 1, (3, 8)).astype(np.float32)
    activations = Activations(features, classifier, (400, 200), preprocessing)
    cam = torch.from_numpy(class_activation_map(activations, 2))[None, None]
    upsampled = torch.nn.functional.interpolate(
        cam, size=(224, 224), mode="bilinear", align_corners=False
    )[0, 0].numpy()
    expected = np.zeros((256, 512), np.float32)
    expected[16:240, 144:368] = upsampled
    assert np.abs(heatmap(activations, 2, grid=(512, 256)) - expected).max() <= 1e-5
    default = heatmap(activations, 2)
    assert default.shape == (32, 64) and default.min() >= 0 and default.max() <= 1


def test_the_edges_the_model_did_not_see_are_grey_and_apart_from_did_not_count() -> None:
    """The same 400×200 photo: on the resized grid, the crop spans x in [144, 368) and
    y in [16, 240); outside it the picture is grey, inside it is the map's viridis (whose
    lowest value, "seen, did not count", is dark purple, not grey)."""
    preprocessing = Preprocessing(resize=256, crop=224)
    features = np.zeros((8, 7, 7), np.float32)  # nothing counted: all of the crop is purple
    activations = Activations(features, np.ones((3, 8), np.float32), (400, 200), preprocessing)
    inside = seen(activations, grid=(512, 256))
    expected = np.zeros((256, 512), bool)
    expected[16:240, 144:368] = True
    assert (inside == expected).all()
    pixels = np.array(heatmap_picture(activations, 0, grid=(512, 256)))
    purple = np.array(viridis_image(np.zeros((1, 1), np.float32)))[0, 0]
    assert (pixels[~expected] == UNSEEN_GREY).all()
    assert (pixels[expected] == purple).all() and tuple(purple) != UNSEEN_GREY
    square = Activations(features, np.ones((3, 8), np.float32), (300, 300), preprocessing)
    assert seen(square).sum() == 56 * 56  # its centre 224/256 of each side, on a 64² grid
    whole = Activations(features, np.ones((3, 8), np.float32), (300, 300), Preprocessing(224, 224))
    assert seen(whole).all()  # resized to the crop: all of a square photo is seen


def _quadrant_photo(corner: tuple[int, int]) -> Image.Image:
    """A 640×640 grey picture with the sample flower photo, shrunk to 320 wide (its aspect
    kept), in one quarter."""
    canvas = Image.new("RGB", (640, 640), (128, 128, 128))
    flower = open_image(FLOWER)
    flower.thumbnail((320, 320))
    canvas.paste(flower, (corner[0], corner[1] + (320 - flower.height) // 2))
    return canvas


def _mass_in_quarter(values: np.ndarray, corner: tuple[int, int]) -> float:
    rows, columns = values.shape
    top, left = corner[1] * rows // 640, corner[0] * columns // 640
    inside = values[top : top + rows // 2, left : left + columns // 2].sum()
    return float(inside / values.sum())


@pytest.fixture(scope="module")
def lite0(tmp_path_factory: pytest.TempPathFactory) -> Classifier:
    return open_classifier(Catalog(builtin_specs()), tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def daisy(lite0: Classifier) -> int:
    """The class Lite0 gives the flower photo on its own."""
    top = lite0.classify(FLOWER, "lite0", "cpu").top[0]
    assert top.label == "daisy"
    return top.index


@pytest.mark.parametrize("corner", [(0, 0), (320, 0), (0, 320), (320, 320)])
def test_the_heatmap_falls_on_the_object_wherever_it_is(
    lite0: Classifier, daisy: int, corner: tuple[int, int], tmp_path: Path
) -> None:
    """Lite0's real weights, the flower photo moved to each quarter of a grey picture: at
    least 75 % of the daisy heatmap's mass lies on that quarter (25 % by chance). The
    small, off-centre flower is no longer the top answer, yet the map says where it is."""
    path = tmp_path / "quadrant.png"
    _quadrant_photo(corner).save(path)
    answer = lite0.classify(path, "lite0", "cpu", explain=True)
    assert answer.activations is not None
    assert _mass_in_quarter(heatmap(answer.activations, daisy), corner) >= 0.75


def test_the_heatmap_follows_the_photos_exif_rotation(
    lite0: Classifier, daisy: int, tmp_path: Path
) -> None:
    """Stored rotated with an EXIF tag that turns it back: the heatmap is over the photo as
    displayed (flower top left), not as stored (flower bottom left)."""
    stored = _quadrant_photo((0, 0)).transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    path = tmp_path / "rotated.jpg"
    stored.save(path, exif=exif, quality=95)
    answer = lite0.classify(path, "lite0", "cpu", explain=True)
    assert answer.activations is not None and answer.activations.photo_size == (640, 640)
    assert _mass_in_quarter(heatmap(answer.activations, daisy), (0, 0)) >= 0.75


def test_a_class_nothing_raised_has_an_all_zero_map() -> None:
    preprocessing = Preprocessing(resize=256, crop=224)
    features = np.ones((4, 7, 7), np.float32)
    classifier = -np.ones((2, 4), np.float32)  # every position lowers both classes
    activations = Activations(features, classifier, (300, 300), preprocessing)
    assert not class_activation_map(activations, 0).any()
    assert not heatmap(activations, 1).any()
