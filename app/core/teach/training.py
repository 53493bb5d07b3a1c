"""Teaching a label set from piles of example photos, and checking one on labelled photos.

A folder whose sub-folders are the labels gives the piles. Each photo's pooled features
come from the frozen model through the same engine as classification (ONNX Runtime on the
CPU, no torch) and are kept in the prediction cache by the photo's content, so teaching
again after adding photos reads only the new ones.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app import __version__
from app.core.cancel import CancelToken
from app.core.errors import EffnetError
from app.core.folders.prediction_cache import PredictionCache
from app.core.folders.runs import photos_in
from app.core.inference.classifier import Classifier
from app.core.inference.predictions import Prediction
from app.core.models.catalog import ModelSpec
from app.core.models.label_sets import LabelSet, TrainingSummary, label_problem
from app.core.photos.augment import VARIANTS
from app.core.teach.evaluation import Evaluation, evaluate
from app.core.teach.head import teach
from app.i18n import translate

MIN_PHOTOS = 2  # per label: cross-validation needs two
FEW_PHOTOS = 5  # fewer than this is said
UNBALANCED = 4.0  # the largest pile this many times the smallest is said
AS_TAKEN = "as taken"
Progress = Callable[[int, int], None]  # photos done, photos in all


class TeachError(EffnetError):
    """Piles that cannot be taught from, said in one line."""


@dataclass(frozen=True)
class Piles:
    labels: tuple[str, ...]
    photos: tuple[tuple[Path, ...], ...]  # each label's

    def numbered(self) -> list[tuple[Path, int]]:
        return [(photo, label) for label, pile in enumerate(self.photos) for photo in pile]


@dataclass(frozen=True)
class Lesson:
    """What teaching made: the label set, how it did on photos it had not learned from,
    and the photos that could not be read."""

    label_set: LabelSet
    evaluation: Evaluation
    unreadable: tuple[tuple[Path, str], ...]


def label_folders(folder: Path) -> list[Path]:
    """The sub-folders of ``folder`` that name labels, in name order: hidden ones and links
    are left out (a link could lead outside what the user chose)."""
    entries = [entry for entry in folder.iterdir() if not entry.name.startswith(".")]
    folders = [entry for entry in entries if entry.is_dir() and not entry.is_symlink()]
    return sorted(folders, key=lambda entry: entry.name.casefold())


def pile_photos(folder: Path) -> list[Path]:
    """The photos in ``folder`` and below it."""
    return [photo for photo in photos_in([folder], recursive=True) if photo != folder]


def piles_in(folder: Path) -> Piles:
    """One pile per label folder of ``folder`` (its name is the label), with the photos in
    it and below it."""
    try:
        folders = label_folders(folder)
    except OSError as error:
        raise TeachError(
            translate("Errors", "cannot read {folder}: {reason}").format(
                folder=folder, reason=error.strerror or error
            )
        ) from None
    labels, photos = [], []
    for entry in folders:
        problem = label_problem(entry.name)
        if problem:
            raise TeachError(problem)
        labels.append(entry.name)
        photos.append(tuple(pile_photos(entry)))
    if len(labels) < 2:
        raise TeachError(
            translate(
                "Errors", "{folder} needs a sub-folder of photos for each label, at least two"
            ).format(folder=folder)
        )
    return Piles(tuple(labels), tuple(photos))


def advice(piles: Piles) -> list[str]:
    """What to improve before teaching: labels with few photos, very unequal piles."""
    said = [
        translate("Teach", "“{label}” has only {count} photos; give it at least {few}").format(
            label=label, count=len(pile), few=FEW_PHOTOS
        )
        for label, pile in zip(piles.labels, piles.photos, strict=True)
        if len(pile) < FEW_PHOTOS
    ]
    sizes = [len(pile) for pile in piles.photos]
    if min(sizes) and max(sizes) >= UNBALANCED * min(sizes):
        said.append(
            translate(
                "Teach",
                "the piles are very unequal ({most} and {fewest} photos): the answers will lean "
                "towards the larger ones",
            ).format(most=max(sizes), fewest=min(sizes))
        )
    return said


class Teacher:
    """Teaches label sets on a classifier's models, keeping features in ``cache``."""

    def __init__(self, classifier: Classifier, cache: PredictionCache | None = None) -> None:
        self.classifier = classifier
        self.cache = cache

    def features(
        self,
        photos: Sequence[Path],
        spec: ModelSpec,
        views: Sequence[str],
        *,
        device: str = "auto",
        engine: str = "auto",
        token: CancelToken | None = None,
        progress: Progress | None = None,
    ) -> dict[Path, np.ndarray | EffnetError]:
        """Each photo's pooled features under each view ((views, K)), or why it could not
        be read; stored features are used, new ones stored."""
        found: dict[Path, np.ndarray | EffnetError] = {}
        keys: dict[Path, tuple[str, str]] = {}
        for photo in photos:
            stored = self._stored(photo, spec, views, keys)
            if stored is not None:
                found[photo] = stored
        missing = [photo for photo in photos if photo not in found]
        done = len(found)
        if progress:
            progress(done, len(photos))

        def arrived(photo: Path, outcome: np.ndarray | EffnetError) -> None:
            nonlocal done
            found[photo] = outcome
            if self.cache is not None and photo in keys and isinstance(outcome, np.ndarray):
                content, seen = keys[photo]
                for view, vector in zip(views, outcome, strict=True):
                    self.cache.keep_features(content, seen, photo, spec, view, vector)
            done += 1
            if progress:
                progress(done, len(photos))

        if missing:
            self.classifier.features_many(
                missing, spec.id, device, engine=engine, token=token, on_result=arrived,
                variants=[VARIANTS[view] for view in views],
            )  # fmt: skip
        return found

    def _stored(
        self,
        photo: Path,
        spec: ModelSpec,
        views: Sequence[str],
        keys: dict[Path, tuple[str, str]],
    ) -> np.ndarray | None:
        if self.cache is None or not self.cache.available:
            return None
        try:
            keys[photo] = self.cache.content_key(photo)
        except OSError:
            return None  # said when its features are asked for
        vectors = [self.cache.features(keys[photo][0], spec, view) for view in views]
        if any(vector is None for vector in vectors):
            return None
        if len({vector.shape for vector in vectors if vector is not None}) != 1:
            return None
        return np.stack([vector for vector in vectors if vector is not None])

    def teach(
        self,
        piles: Piles,
        model_id: str,
        *,
        augment: bool = False,
        device: str = "auto",
        engine: str = "auto",
        token: CancelToken | None = None,
        progress: Progress | None = None,
    ) -> Lesson:
        """A label set for ``piles`` on the catalog model ``model_id``."""
        token = token or CancelToken()
        spec = self.classifier.catalog.get(model_id)
        if spec.head is not None:
            spec = spec.head.backbone  # teach on the model a label set sits on
        views = tuple(VARIANTS) if augment else (AS_TAKEN,)
        numbered = piles.numbered()
        features = self.features(
            [photo for photo, _ in numbered], spec, views,
            device=device, engine=engine, token=token, progress=progress,
        )  # fmt: skip
        unreadable = tuple(
            (photo, str(outcome))
            for photo, outcome in features.items()
            if isinstance(outcome, EffnetError)
        )
        left_out = {photo for photo, _ in unreadable}
        readable = [(photo, label) for photo, label in numbered if photo not in left_out]
        counts = np.bincount([label for _, label in readable], minlength=len(piles.labels))
        short = [piles.labels[i] for i, count in enumerate(counts) if count < MIN_PHOTOS]
        if short:
            raise TeachError(
                translate("Errors", "each label needs at least {least} photos; {labels}").format(
                    least=MIN_PHOTOS, labels=", ".join(short)
                )
            )
        matrix = np.stack([features[photo] for photo, _ in readable])  # type: ignore[misc]
        truths = np.array([label for _, label in readable])
        taught = teach(matrix, truths, len(piles.labels), token)
        evaluation = evaluate(
            piles.labels, [photo for photo, _ in readable], truths, taught.held_out
        )
        recall = tuple(evaluation.recall(i) or 0.0 for i in range(len(piles.labels)))
        summary = TrainingSummary(
            tuple(int(count) for count in counts), evaluation.accuracy, recall, taught.folds,
            augment, taught.c,
        )  # fmt: skip
        label_set = LabelSet(
            piles.labels, spec.id, spec.weights.sha256, taught.head.weights, taught.head.bias,
            taught.head.temperature, summary, __version__,
        )  # fmt: skip
        return Lesson(label_set, evaluation, unreadable)


def check_on_piles(
    classifier: Classifier,
    piles: Piles,
    spec: ModelSpec,
    *,
    device: str = "auto",
    engine: str = "auto",
    token: CancelToken | None = None,
) -> tuple[Evaluation, tuple[tuple[Path, str], ...]]:
    """How the label set ``spec`` answers the labelled ``piles`` (whose labels it must
    know), and the photos that could not be read."""
    index = {label.casefold(): i for i, label in enumerate(spec.labels)}
    unknown = [label for label in piles.labels if label.casefold() not in index]
    if unknown:
        raise TeachError(
            translate("Errors", "{model} has no label {labels}").format(
                model=spec.name, labels=", ".join(unknown)
            )
        )
    truth_of = {photo: index[piles.labels[label].casefold()] for photo, label in piles.numbered()}
    rows: dict[Path, np.ndarray] = {}
    unreadable: list[tuple[Path, str]] = []

    def arrived(photo: Path, outcome: Prediction | EffnetError) -> None:
        if isinstance(outcome, EffnetError):
            unreadable.append((photo, str(outcome)))
            return
        row = np.zeros(len(spec.labels))
        for top in outcome.top:
            row[top.index] = top.probability
        rows[photo] = row

    classifier.classify_many(
        list(truth_of), spec.id, device, top_k=len(spec.labels), engine=engine, token=token,
        on_result=arrived,
    )  # fmt: skip
    photos = [photo for photo in truth_of if photo in rows]
    evaluation = evaluate(
        spec.labels,
        photos,
        np.array([truth_of[photo] for photo in photos], dtype=np.int64),
        np.stack([rows[photo] for photo in photos]) if photos else np.zeros((0, len(spec.labels))),
    )
    return evaluation, tuple(unreadable)
