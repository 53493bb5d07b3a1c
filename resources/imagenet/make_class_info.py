"""Writes ``app/core/data/imagenet_class_info.json``: for each of ImageNet's 1,000 classes,
in the models' output order, what WordNet says it is: the gloss, the path of broader
classes ("tiger cat" → domestic cat → cat → feline) and a group for browsing.

Run once with WordNet 3.0 installed (Debian: ``apt-get install wordnet-base``)::

    python resources/imagenet/make_class_info.py [/usr/share/wordnet]

``synsets.txt`` lists the ILSVRC-2012 class ids (WordNet 3.0 noun offsets) in the order
the models number their outputs. WordNet 3.0 © Princeton University, under the WordNet
licence, which allows copying and redistribution with its notice (credited in About).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parent.parent / "app" / "core" / "data" / "imagenet_class_info.json"
PATH_LENGTH = 4  # broader classes shown
# Where the path stops: above these WordNet turns abstract and says nothing to a user.
ABSTRACT = {"artifact", "instrumentality", "object", "whole", "substance", "matter",
            "physical entity", "entity", "abstraction", "living thing", "organism"}  # fmt: skip

# Browsing groups, most specific first: a class joins the first one among its ancestors.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Dogs", ("02084071",)),
    ("Cats and other felines", ("02120997",)),
    ("Other mammals", ("01861778",)),
    ("Birds", ("01503061",)),
    ("Reptiles and amphibians", ("01661091", "01627424")),
    ("Fish", ("02512053",)),
    ("Insects, spiders and other small animals", ("01905661",)),
    ("Food and drink", ("00021265", "07555863")),
    ("Plants and fungi", ("00017222", "12992868")),
    ("Vehicles and boats", ("04524313", "03100490")),
    ("Musical instruments", ("03800933",)),
    ("Clothing and accessories", ("03051540",)),
    ("Furniture", ("03405725",)),
    ("Containers", ("03094503",)),
    ("Landscapes and natural places", ("09287968",)),
    ("Buildings and structures", ("04341686",)),
    ("Tools, devices and equipment", ("03183080", "03563967", "03294048")),
)
OTHER_GROUP = "Other things"


def read_nouns(wordnet: Path) -> dict[str, tuple[str, list[str], str]]:
    """offset → (first lemma, hypernym offsets, gloss), from WordNet's data.noun."""
    nouns: dict[str, tuple[str, list[str], str]] = {}
    with (wordnet / "data.noun").open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith(" "):
                continue  # the licence header
            fields, _, gloss = line.partition(" | ")
            parts = fields.split()
            offset, word_count = parts[0], int(parts[3], 16)
            lemma = parts[4].replace("_", " ")
            pointer_start = 4 + 2 * word_count
            pointers = int(parts[pointer_start])
            hypernyms = [
                parts[pointer_start + 1 + 4 * i + 1]
                for i in range(pointers)
                if parts[pointer_start + 1 + 4 * i] in ("@", "@i")
            ]
            nouns[offset] = (_strip_lemma(lemma), hypernyms, _first_sentence(gloss))
    return nouns


def _strip_lemma(lemma: str) -> str:
    return lemma.split("(")[0]  # adjective markers such as "(a)"


def _first_sentence(gloss: str) -> str:
    """The definition without the quoted examples that follow it."""
    definition = gloss.strip().split('; "')[0].strip()
    return definition[:1].upper() + definition[1:] + ("" if definition.endswith(".") else ".")


def ancestors(offset: str, nouns: dict[str, tuple[str, list[str], str]]) -> list[str]:
    """Every hypernym above ``offset``, nearest first (breadth first)."""
    seen: list[str] = []
    frontier = list(nouns[offset][1])
    while frontier:
        current = frontier.pop(0)
        if current not in seen:
            seen.append(current)
            frontier.extend(nouns[current][1])
    return seen


def class_info(offset: str, nouns: dict[str, tuple[str, list[str], str]]) -> dict[str, object]:
    _, hypernyms, gloss = nouns[offset]
    path: list[str] = []
    current = hypernyms[0] if hypernyms else None
    while current is not None and len(path) < PATH_LENGTH:
        lemma, above, _ = nouns[current]
        if lemma in ABSTRACT:
            break
        path.append(lemma)
        current = above[0] if above else None
    above_all = set(ancestors(offset, nouns))
    group = next(
        (name for name, roots in GROUPS if above_all.intersection(roots)),
        OTHER_GROUP,
    )
    return {"wnid": f"n{offset}", "gloss": gloss, "path": path, "group": group}


def main() -> None:
    wordnet = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    nouns = read_nouns(wordnet)
    wnids = (HERE / "synsets.txt").read_text(encoding="utf-8").split()
    entries = [class_info(wnid.removeprefix("n"), nouns) for wnid in wnids]
    OUTPUT.write_text(json.dumps(entries, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(entries)} classes → {OUTPUT}")


if __name__ == "__main__":
    main()
