"""What each ImageNet class means, from WordNet: a gloss, broader classes and a group.

The data file is generated once by ``resources/imagenet/make_class_info.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from app.core.models.catalog import DATA_DIR, imagenet_labels

CLASS_INFO_FILE = DATA_DIR / "imagenet_class_info.json"


@dataclass(frozen=True)
class ClassInfo:
    index: int
    label: str
    wnid: str
    gloss: str
    path: tuple[str, ...]  # nearest broader class first: domestic cat, cat, feline
    group: str  # for browsing: "Cats and other felines"

    def lineage(self) -> str:
        """ "tiger cat → domestic cat → cat → feline"."""
        return " → ".join((self.label, *self.path))


@cache
def imagenet_classes() -> tuple[ClassInfo, ...]:
    entries = json.loads(CLASS_INFO_FILE.read_text(encoding="utf-8"))
    return tuple(
        ClassInfo(index, label, entry["wnid"], entry["gloss"], tuple(entry["path"]), entry["group"])
        for index, (label, entry) in enumerate(zip(imagenet_labels(), entries, strict=True))
    )


def describe(index: int, label: str) -> ClassInfo | None:
    """The meaning of output ``index`` named ``label``, when it is an ImageNet class
    (a model with its own labels has none)."""
    classes = imagenet_classes()
    if 0 <= index < len(classes) and classes[index].label == label:
        return classes[index]
    return None
