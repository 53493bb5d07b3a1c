"""Why a file operation failed is said in one place, in the user's language."""

from __future__ import annotations

import errno

import pytest

from app.core.errors import os_reason


def test_common_causes_are_the_apps_own_words() -> None:
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "the disk is full"
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "permission denied"
    assert os_reason(OSError(errno.EREMOTEIO, "Remote I/O error")) == "Remote I/O error"
    assert os_reason(OSError("no number")) == "no number"


@pytest.mark.usefixtures("vietnamese")
def test_in_vietnamese_they_are_vietnamese() -> None:
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "ổ đĩa đã đầy"
    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file")) == "không tìm thấy"
