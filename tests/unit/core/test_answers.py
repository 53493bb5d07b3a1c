from pathlib import Path

import pytest

from app.core.inference.classifier import Classifier, open_classifier
from app.core.inference.predictions import TopClass
from app.core.inference.sentence import SURE, plain_answer
from app.core.models.catalog import Catalog, builtin_specs
from tests.support.photos import COFFEE, HORSE


@pytest.fixture
def lite0(isolated_environment: Path) -> Classifier:
    return open_classifier(Catalog(builtin_specs()), isolated_environment)


def top(*pairs: tuple[str, float]) -> list[TopClass]:
    return [TopClass(rank, rank, label, p) for rank, (label, p) in enumerate(pairs, start=1)]


def test_a_strong_answer_reads_probably() -> None:
    assert plain_answer(top(("tiger cat", 0.81), ("tabby", 0.1))) == "Probably a tiger cat"
    assert plain_answer(top(("umbrella", SURE))) == "Probably an umbrella"


def test_a_weak_answer_names_the_answers_it_hesitated_between() -> None:
    answer = plain_answer(top(("moped", 0.31), ("motor scooter", 0.27), ("crash helmet", 0.1)))
    assert answer == "Not sure — maybe a moped or a motor scooter"


def test_at_most_three_answers_are_named_when_none_stands_out() -> None:
    answer = plain_answer(
        top(("Mexican hairless", 0.24), ("ice bear", 0.1), ("ox", 0.08), ("hog", 0.05))
    )
    assert answer == "Not sure — maybe a Mexican hairless, an ice bear or an ox"


def test_answers_far_behind_the_best_are_no_contenders() -> None:
    answer = plain_answer(top(("daisy", 0.315), ("bee", 0.059), ("pot", 0.05)))
    assert answer == "Not sure — maybe a daisy"


def test_real_photos_read_as_sure_and_unsure(lite0) -> None:
    assert plain_answer(lite0.classify(COFFEE).top) == "Probably an espresso"  # 95 %
    horse = plain_answer(lite0.classify(HORSE).top)  # a silhouette: 24 % Mexican hairless
    assert horse.startswith("Not sure — maybe a Mexican hairless")


def test_no_answer_no_sentence() -> None:
    assert plain_answer([]) == ""
