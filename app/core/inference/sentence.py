"""The answer in one plain sentence: "Probably a tiger cat", or "Not sure — maybe a moped
or a motor scooter" when the top answer is weak.

The threshold reads the probability as a chance. EfficientNets are trained with label
smoothing and come out close to calibrated: Minderer et al. (2021, "Revisiting the
Calibration of Modern Neural Networks") measure an ImageNet expected calibration error of
a few points for the family, so an answer given p is right about p of the time. "Probably"
then means what it says: more likely right than wrong, p ≥ 50 %. Below that the sentence
names the answers that together reach 50 % (at most three), so the user sees the choice
the model hesitated between; an answer under a third of the best one's probability is no
contender and is left out (Lite0 on a daisy: 31.5 % daisy, 5.9 % bee says "maybe a daisy").
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.inference.predictions import TopClass
from app.i18n import translate

SURE = 0.5
MOST_NAMED = 3
CONTENDER = 1 / 3  # of the best answer's probability


def plain_answer(top: Sequence[TopClass]) -> str:
    if not top:
        return ""
    if top[0].probability >= SURE:
        return translate("Answers", "Probably {thing}").format(thing=with_article(top[0].label))
    named: list[str] = []
    total = 0.0
    for item in top[:MOST_NAMED]:
        if item.probability < CONTENDER * top[0].probability:
            break
        named.append(with_article(item.label))
        total += item.probability
        if total >= SURE:
            break
    return translate("Answers", "Not sure — maybe {things}").format(things=either(named))


def with_article(label: str) -> str:
    """ "a tiger cat", "an umbrella" (languages without articles translate both as the label)."""
    if label[:1].lower() in "aeiou":
        return translate("Answers", "an {label}").format(label=label)
    return translate("Answers", "a {label}").format(label=label)


def either(things: Sequence[str]) -> str:
    if len(things) == 1:
        return things[0]
    head = translate("Answers", ", ").join(things[:-1])
    return translate("Answers", "{these} or {that}").format(these=head, that=things[-1])
