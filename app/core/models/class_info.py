"""What each ImageNet class means, from WordNet: a gloss, broader classes and a group.

The data file is generated once by ``resources/imagenet/make_class_info.py``.
"""

from __future__ import annotations

import json
import re
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

    def match_rank(self, query: str) -> int | None:
        """How well ``query`` finds this class, best first: 0 a whole word of its name
        ("cat": tiger cat), 1 the start of a word of its name (catamaran), 2 and 3 the same
        in its broader classes (lion, a feline), 4 and 5 in its definition (a mousetrap
        "for catching mice"); None when it does not match at all."""
        words = query.strip().casefold()
        if not words:
            return 0
        whole = re.compile(rf"\b{re.escape(words)}\b")
        start = re.compile(rf"\b{re.escape(words)}")
        places = (self.label, " ".join(self.path), self.gloss)
        for place, text in enumerate(places):
            for rank, pattern in enumerate((whole, start)):
                if pattern.search(text.casefold()):
                    return 2 * place + rank
        return None


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
