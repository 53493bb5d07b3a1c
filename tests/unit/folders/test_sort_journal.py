"""Undo trusts no journal blindly: a journal from someone else, a tampered or misplaced one,
a step outside the sort's folders, a file replaced by a link or changed, a FIFO: each is
refused or skipped with a message, and nothing outside the photos is touched."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.core.folders import sorting
from app.core.folders.prediction_cache import content_digest
from app.core.folders.sort_journal import MOVE, Journal, SortError
from app.core.folders.sorting import Placement, journal_path, plan, sort_photos, undo
from tests.support.users import another_user


@pytest.fixture
def photos(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "photos"
    folder.mkdir()
    made = []
    for number in range(3):
        photo = folder / f"photo-{number}.jpg"
        photo.write_bytes(f"photo {number}".encode() * 50)
        made.append(photo)
    return made


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file of the user's that has nothing to do with any sort."""
    path = tmp_path / "home" / ".ssh" / "id_ed25519"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"PRIVATE KEY")
    return path


def _sort(photos: list[Path], into: Path, mode: str = MOVE) -> Path:
    journal = sorting.journal_path(into)
    errors: list[str] = []
    done = sort_photos(
        [Placement(p, "cat") for p in photos], into, mode, journal, lambda p, m: errors.append(m)
    )
    assert len(done) == len(photos) and not errors
    return journal


def _undo(journal: Path) -> tuple[int, list[str]]:
    messages: list[str] = []
    count = len(undo(journal, lambda path, message: messages.append(f"{path.name}: {message}")))
    return count, messages


def test_a_journal_written_by_someone_else_changes_nothing(tmp_path: Path, secret: Path) -> None:
    """The attack: a shared folder with a journal that "puts back" a key into the share and
    "deletes a copy" that is the user's thesis."""
    shared = tmp_path / "shared"
    shared.mkdir()
    thesis = tmp_path / "docs" / "thesis.txt"
    thesis.parent.mkdir()
    thesis.write_text("four years of work")
    journal = shared / ".effnet-sort-20261130-120000-abcdef.jsonl"
    with another_user(tmp_path):
        log = Journal.create(journal, source=shared, into=shared)
        log.intend("move", shared / "key", secret, shared / ".k.part", content_digest(secret))
        log.intend("copy", shared / "t", thesis, shared / ".t.part", content_digest(thesis))
    with pytest.raises(SortError, match="not a sorting journal this app wrote for you"):
        _undo(journal)
    assert secret.read_bytes() == b"PRIVATE KEY" and thesis.exists()
    assert not (shared / "key").exists()


def test_steps_outside_the_journals_two_folders_are_refused(
    tmp_path: Path, photos: list[Path], secret: Path
) -> None:
    into = tmp_path / "sorted"
    journal = sorting.journal_path(into)
    log = Journal.create(journal, source=photos[0].parent, into=into.resolve())
    digest = content_digest(secret)
    log.intend("move", photos[0].parent / "x.jpg", secret, into / ".x.part", digest)
    sneaky = into.resolve() / ".." / "home" / ".ssh" / "id_ed25519"
    log.intend("move", secret.parent / "x", sneaky, into / ".y.part", digest)
    count, messages = _undo(journal)
    assert count == 0 and len(messages) == 2
    assert all("outside the folders this sort was made in" in m for m in messages)
    assert secret.read_bytes() == b"PRIVATE KEY"
    assert not (photos[0].parent / "x.jpg").exists()


def test_a_tampered_line_is_skipped_and_the_rest_undone(
    tmp_path: Path, photos: list[Path], secret: Path
) -> None:
    journal = _sort(photos, tmp_path / "sorted")
    lines = journal.read_text().splitlines()  # header, then an intent and a done a photo
    step = json.loads(lines[3])
    step["to"] = str(secret)  # signature kept, so it no longer matches
    lines[3] = json.dumps(step)
    journal.write_text("\n".join(lines) + "\n")
    count, messages = _undo(journal)
    assert count == 2 and messages == [
        f"{journal.name}: line 4 is not a step of this journal; skipped"
    ]
    assert photos[0].exists() and photos[2].exists() and not photos[1].exists()
    assert secret.read_bytes() == b"PRIVATE KEY"


def test_a_journal_moved_away_from_its_sort_is_refused(tmp_path: Path, photos: list[Path]) -> None:
    journal = _sort(photos, tmp_path / "sorted")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    moved = journal.rename(elsewhere / journal.name)
    with pytest.raises(SortError, match="not a sorting journal"):
        _undo(moved)


def test_a_sorted_file_replaced_by_a_link_is_left_alone(
    tmp_path: Path, photos: list[Path], secret: Path
) -> None:
    journal = _sort(photos[:1], tmp_path / "sorted")
    sorted_photo = tmp_path / "sorted" / "cat" / photos[0].name
    secret.write_bytes(sorted_photo.read_bytes())  # same content, so only the link is wrong
    sorted_photo.unlink()
    sorted_photo.symlink_to(secret)
    count, messages = _undo(journal)
    assert count == 0 and "no longer a plain file" in messages[0]
    assert sorted_photo.is_symlink() and secret.exists() and not photos[0].exists()


def test_a_folder_replaced_by_a_link_is_never_followed(
    tmp_path: Path, photos: list[Path], secret: Path
) -> None:
    journal = _sort(photos[:1], tmp_path / "sorted")
    label = tmp_path / "sorted" / "cat"
    label.rename(tmp_path / "real-cat")
    label.symlink_to(tmp_path / "real-cat")
    count, messages = _undo(journal)
    assert count == 0 and "no longer a plain file" in messages[0]
    assert (tmp_path / "real-cat" / photos[0].name).exists()


def test_a_changed_file_is_kept(tmp_path: Path, photos: list[Path]) -> None:
    journal = _sort(photos[:1], tmp_path / "sorted")
    (tmp_path / "sorted" / "cat" / photos[0].name).write_bytes(b"edited")
    count, messages = _undo(journal)
    assert count == 0 and "was changed since it was sorted" in messages[0]


def test_a_journal_cut_short_undoes_every_step_and_names_the_skipped_line(
    tmp_path: Path, photos: list[Path]
) -> None:
    journal = _sort(photos, tmp_path / "sorted")
    data = journal.read_bytes()
    journal.write_bytes(data[: data.rindex(b"\n", 0, len(data) - 1) + 10])  # a crash mid-line
    count, messages = _undo(journal)
    # The lost line was the last photo's "done": its step is still there, and the files
    # show it was moved.
    assert count == 3 and all(p.exists() for p in photos)
    assert messages == [f"{journal.name}: line 7 was cut short (a crash while writing?); skipped"]


@pytest.mark.timeout(10)
def test_a_fifo_given_as_the_journal_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / ".effnet-sort-x.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(SortError, match="a pipe"):
        _undo(fifo)


def test_a_whole_journal_puts_every_photo_back(tmp_path: Path, photos: list[Path]) -> None:
    content = [p.read_bytes() for p in photos]
    journal = _sort(photos, tmp_path / "sorted")
    assert _undo(journal) == (3, [])
    assert [p.read_bytes() for p in photos] == content
    assert not (tmp_path / "sorted" / "cat").exists()


def test_the_folder_for_weak_answers_is_named_in_the_users_language(
    vietnamese, tmp_path: Path
) -> None:
    """Sorted in Vietnamese, weak answers go to "chưa chắc"; undo puts them back from there."""
    photos = [tmp_path / "a.jpg", tmp_path / "b.jpg"]
    for index, photo in enumerate(photos):
        photo.write_bytes(b"photo %d" % index)
    placements = plan([(photos[0], "palace", 0.9), (photos[1], "palace", 0.3)], 0.5)
    assert [p.folder for p in placements] == ["palace", "chưa chắc"]
    into = tmp_path / "sorted"
    journal = journal_path(into)
    sort_photos(placements, into, MOVE, journal, on_error=lambda photo, why: pytest.fail(why))
    assert (into / "chưa chắc" / "b.jpg").read_bytes() == b"photo 1"
    undo(journal, on_error=lambda photo, why: pytest.fail(why))
    assert [photo.read_bytes() for photo in photos] == [b"photo 0", b"photo 1"]
