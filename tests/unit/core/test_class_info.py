import json

from app.core.models.catalog import imagenet_labels
from app.core.models.class_info import CLASS_INFO_FILE, describe, imagenet_classes


def test_every_one_of_the_1000_labels_has_a_gloss_a_path_and_a_group() -> None:
    classes = imagenet_classes()
    assert len(classes) == len(imagenet_labels()) == 1000
    for info in classes:
        assert info.gloss.strip() and info.gloss.endswith(".")
        assert info.path and all(info.path)
        assert info.group
        assert info.wnid.startswith("n") and len(info.wnid) == 9


def test_tiger_cat_reads_as_wordnet_describes_it() -> None:
    info = describe(282, "tiger cat")
    assert info is not None
    assert info.gloss == "A cat having a striped coat."
    assert info.lineage().startswith("tiger cat → domestic cat → cat → feline")
    assert info.group == "Cats and other felines"


def test_a_label_of_another_label_set_has_no_imagenet_meaning() -> None:
    assert describe(282, "sparrow") is None
    assert describe(5000, "tiger cat") is None


def test_the_data_file_lists_the_classes_in_the_models_output_order() -> None:
    entries = json.loads(CLASS_INFO_FILE.read_text(encoding="utf-8"))
    wnids = [entry["wnid"] for entry in entries]
    assert wnids[0] == "n01440764"  # tench, output 0
    assert wnids[999] == "n15075141"  # toilet tissue, output 999
    assert len(set(wnids)) == 1000


def test_a_search_ranks_names_then_broader_classes_then_definitions() -> None:
    by_label = {info.label: info for info in imagenet_classes()}
    assert by_label["tiger cat"].match_rank("cat") == 0  # a word of its name
    assert by_label["catamaran"].match_rank("cat") == 1  # the start of a word of its name
    assert by_label["lion"].match_rank("cat") == 2  # a broader class: big cat
    assert by_label["mousetrap"].match_rank("cat") == 5  # its definition: "catching"
    assert by_label["goldfish"].match_rank("cat") is None
    assert by_label["goldfish"].match_rank("  ") == 0  # no search: everything
