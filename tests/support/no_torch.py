"""Run code in a child Python where importing torch or torchvision fails, as in the
standard edition that ships without them."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping

BLOCK_TORCH = """
import sys

class _NoTorch:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("torch", "torchvision"):
            raise ImportError(f"{name} is not installed here")
        return None

sys.meta_path.insert(0, _NoTorch())
"""
REPORT = "\nprint('torch imported:', 'torch' in sys.modules or 'torchvision' in sys.modules)\n"


def run_without_torch(
    code: str, env: Mapping[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` (which may call sys.exit) after the blocker; it prints whether torch
    got imported at the end, whatever the code's outcome."""
    wrapped = BLOCK_TORCH + "try:\n" + _indent(code) + "\nfinally:" + _indent(REPORT)
    return subprocess.run(
        [sys.executable, "-c", wrapped], capture_output=True, text=True,
        env=dict(env or os.environ), timeout=timeout,
    )  # fmt: skip


def _indent(code: str) -> str:
    return "\n".join("    " + line for line in code.strip("\n").splitlines()) or "    pass"
