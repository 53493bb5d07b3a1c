"""A folder run's memory is bounded by a few batches, not by the folder: 1,000 photos of
12 MP through ``classify_many`` in a fresh process (the standard edition's: no torch) stay
under 600 MB of peak resident memory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from tests.support.photos import CHINA

# The peak is read from VmHWM, this process's own: ru_maxrss would include the peak of the
# process it was started from (Linux keeps it across exec), here the test runner's.
RUN = """
import re, sys
from pathlib import Path
from app.core.inference.classifier import open_classifier
from app.core.models.catalog import Catalog

photos = sorted(Path(sys.argv[1]).iterdir())
answered = []
classifier = open_classifier(Catalog.load(), Path(sys.argv[2]))
classifier.classify_many(
    photos, "lite0", "cpu", engine="onnx", on_result=lambda p, o: answered.append(o)
)
assert "torch" not in sys.modules
failed = [o for o in answered if isinstance(o, Exception)]
status = Path("/proc/self/status").read_text()
peak_kb = int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1))
print(len(answered), len(failed), peak_kb // 1024)
"""


def test_a_thousand_photos_of_12_mp_stay_under_600_mb(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    Image.open(CHINA).convert("RGB").resize((4000, 3000)).save(photo, quality=90)
    folder = tmp_path / "folder"
    folder.mkdir()
    for index in range(1000):  # one file under a thousand names: each is decoded on its own
        os.link(photo, folder / f"{index:04d}.jpg")
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(folder), str(tmp_path / "cache")],
        capture_output=True, text=True, timeout=600, env={**os.environ},
        cwd=Path(__file__).parents[3],
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    answered, failed, peak_mb = map(int, done.stdout.split())
    assert (answered, failed) == (1000, 0)
    assert peak_mb < 600, f"peak resident memory {peak_mb} MB"
