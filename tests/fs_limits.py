"""Places where writing fails as on a real machine: a tiny disk, a read-only folder.

Both need privileges (mounting a tmpfs) or a non-root user (chmod binds only non-root);
tests that use them skip, saying why, where neither is available.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(folder: Path, options: str) -> bool:
    if os.geteuid() != 0:
        return False
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                            capture_output=True, check=False)
    return result.returncode == 0


@contextlib.contextmanager
def tiny_disk(kilobytes: int) -> Iterator[Path]:
    """A folder on a tmpfs of `kilobytes`: writes past that fail with ENOSPC."""
    with tempfile.TemporaryDirectory(prefix="tiny-disk-") as tmp:
        folder = Path(tmp)
        if not _mount(folder, f"size={kilobytes}k,mode=0700"):
            pytest.skip("kan geen tmpfs aankoppelen (geen root of geen rechten)")
        try:
            yield folder
        finally:
            subprocess.run(["umount", "-l", str(folder)], check=False)


@contextlib.contextmanager
def read_only_folder(files: dict[str, bytes]) -> Iterator[Path]:
    """A folder holding `files` in which nothing can be created or changed."""
    with tempfile.TemporaryDirectory(prefix="read-only-") as tmp:
        folder = Path(tmp)
        if os.geteuid() != 0:
            for name, content in files.items():
                (folder / name).write_bytes(content)
            folder.chmod(0o555)
            try:
                yield folder
            finally:
                folder.chmod(0o755)
            return
        # root ignores permission bits: only a read-only mount stops it.
        if not _mount(folder, "size=8m,mode=0755"):
            pytest.skip("kan geen tmpfs aankoppelen (geen rechten)")
        try:
            for name, content in files.items():
                (folder / name).write_bytes(content)
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
            yield folder
        finally:
            subprocess.run(["umount", "-l", str(folder)], check=False)
