"""Many photos at once: finding them in folders, and classifying only those whose answer
is not already stored."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from app.core.cancel import CancelToken
from app.core.errors import EffnetError, ImageError
from app.core.folders.prediction_cache import PredictionCache
from app.core.inference.classifier import Classifier
from app.core.inference.predictions import Prediction
from app.core.photos.opening import expand_images, is_image_path
from app.core.photos.thumbnails import ThumbnailFolder

KEPT_TOP = 5  # classes kept per answer (more when asked for more)


def photos_in(
    paths: Iterable[Path], recursive: bool = False, *, exclude: Path | None = None
) -> list[Path]:
    """Files as given; a folder stands for its photos (and its subfolders' with
    ``recursive``), sorted. Entries that cannot be photos are kept, to be reported. Nothing
    inside ``exclude`` is taken (the folder a sort puts photos into)."""
    if not recursive:
        photos = expand_images(list(paths))
    else:
        photos = []
        for path in paths:
            if path.is_dir():
                found = sorted(
                    p for p in path.rglob("*") if is_image_path(p) and not _hidden(p, path)
                )
                photos += found or [path]
            else:
                photos.append(path)
    if exclude is None:
        return photos
    excluded = exclude.resolve()
    return [photo for photo in photos if excluded not in photo.resolve().parents]


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


@dataclass(frozen=True)
class RunSummary:
    stored: int  # answers read back from the store
    classified: int  # photos run through the model
    failed: int
    images_per_s: float  # of the classified ones


def classify_photos(
    classifier: Classifier,
    photos: list[Path],
    model_id: str,
    device: str = "auto",
    precision: str = "fp32",
    top_k: int = 5,
    *,
    engine: str = "auto",
    store: PredictionCache | None = None,
    token: CancelToken | None = None,
    thumbnails: ThumbnailFolder | None = None,
    on_result: Callable[[Path, Prediction | EffnetError], None],
) -> RunSummary:
    """Each photo's answer to ``on_result``, in the order of ``photos``: from ``store`` when
    its content and the model are unchanged, else from the model (and then kept in
    ``store`` at once). Photos decoded for a batch leave their thumbnail in ``thumbnails``."""
    token = token or CancelToken()
    spec = classifier.catalog.get(model_id)
    kept = max(top_k, KEPT_TOP)
    keys: dict[Path, tuple[str, str]] = {}
    missing: list[Path] = []
    counts = {"stored": 0, "classified": 0, "failed": 0}
    in_order = _InOrder(photos, on_result)

    def report(photo: Path, outcome: Prediction | EffnetError) -> None:
        if isinstance(outcome, Prediction):
            key = keys.get(photo)
            if store is not None and key is not None:
                store.keep(*key, photo, spec, outcome)
            counts["classified"] += 1
            outcome = _cut(outcome, top_k)
        else:
            counts["failed"] += 1
        in_order.put(photo, outcome)

    rate = 0.0
    try:
        for photo in photos:
            token.raise_if_cancelled()
            if store is None or not store.available:
                missing.append(photo)
                continue
            try:
                key = store.content_key(photo)
            except OSError:
                missing.append(photo)  # opening it says why, in the photo's own words
                continue
            stored = store.answer(key[0], spec, top_k)
            if stored is None:
                keys[photo] = key
                missing.append(photo)
            else:
                counts["stored"] += 1
                in_order.put(photo, stored)
        if len(missing) == 1:  # one photo is decoded in full, exactly as the model was trained
            try:
                prediction = classifier.classify(
                    missing[0], model_id, device, precision, kept, engine=engine, token=token
                )
            except (ImageError, OSError) as error:
                failure = error if isinstance(error, EffnetError) else ImageError(str(error))
                report(missing[0], failure)
            else:
                report(missing[0], prediction)
                rate = 1000.0 / max(prediction.timings.total, 1e-3)
        elif missing:
            rate = classifier.classify_many(
                missing, model_id, device, precision, kept, engine=engine, token=token,
                thumbnails=thumbnails, on_result=report,
            )  # fmt: skip
    finally:
        in_order.flush()  # a run stopped midway still passes on what it had
    return RunSummary(counts["stored"], counts["classified"], counts["failed"], rate)


class _InOrder:
    """Outcomes passed on in the order of the photos given, whatever order they come in
    (stored answers come before the model's): a script pairing its inputs with the results,
    a CSV and a table read in the order the user chose."""

    def __init__(
        self, photos: list[Path], sink: Callable[[Path, Prediction | EffnetError], None]
    ) -> None:
        self._positions: dict[Path, deque[int]] = defaultdict(deque)
        for position, photo in enumerate(photos):
            self._positions[photo].append(position)
        self._waiting: dict[int, tuple[Path, Prediction | EffnetError]] = {}
        self._next = 0
        self._sink = sink

    def put(self, photo: Path, outcome: Prediction | EffnetError) -> None:
        self._waiting[self._positions[photo].popleft()] = (photo, outcome)
        while self._next in self._waiting:
            self._sink(*self._waiting.pop(self._next))
            self._next += 1

    def flush(self) -> None:
        for position in sorted(self._waiting):
            self._sink(*self._waiting.pop(position))


def _cut(prediction: Prediction, top_k: int) -> Prediction:
    return replace(prediction, top=prediction.top[:top_k])
