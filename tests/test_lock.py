"""The lock (requirements/*.txt) must agree with pyproject.toml, or a fresh machine would
install something other than what the ranges promise (or miss a dependency altogether)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def _pins(lock: str) -> list[tuple[str, Version, Marker | None]]:
    pins = []
    for line in (ROOT / "requirements" / lock).read_text().splitlines():
        match = PIN.match(line)
        if match:
            name, version, marker = match.groups()
            pins.append((canonicalize_name(name), Version(version), Marker(marker) if marker else None))
    return pins


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _declared(extra: bool) -> list[Requirement]:
    project = _project()
    reqs = [Requirement(r) for r in project["dependencies"]]
    if extra:
        reqs += [Requirement(r) for r in project["optional-dependencies"]["dev"]]
    return reqs


@pytest.mark.parametrize(("lock", "with_dev"), [("app.txt", False), ("dev.txt", True)])
def test_every_declared_dependency_is_pinned_within_its_range(lock: str, with_dev: bool) -> None:
    pins = _pins(lock)
    assert len(pins) >= 20, f"{lock}: too few pins read ({len(pins)}); is the format still understood?"
    problems = []
    for req in _declared(with_dev):
        name = canonicalize_name(req.name)
        candidates = [version for pin_name, version, _ in pins if pin_name == name]
        if not candidates:
            problems.append(f"{req} ontbreekt in requirements/{lock}")
        for version in candidates:
            if not req.specifier.contains(version, prereleases=True):
                problems.append(f"{req}: requirements/{lock} zet {version}, buiten het bereik")
    assert not problems, "pyproject.toml en de lock verschillen; draai scripts/lock:\n" + "\n".join(problems)


def test_every_pin_carries_a_hash() -> None:
    for lock in ("app.txt", "dev.txt"):
        text = (ROOT / "requirements" / lock).read_text()
        blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
        unhashed = [b.split()[0] for b in blocks if "==" in b.split("\n")[0] and "--hash=sha256:" not in b]
        assert not unhashed, f"{lock}: pins without a hash: {unhashed}"


def test_app_lock_is_the_dev_lock_minus_dev_tools() -> None:
    dev = {(name, str(marker)): version for name, version, marker in _pins("dev.txt")}
    app = _pins("app.txt")
    assert app
    for name, version, marker in app:
        assert dev.get((name, str(marker))) == version, f"{name}: app {version}, dev {dev.get((name, str(marker)))}"


def test_the_lock_holds_the_build_backend() -> None:
    # scripts/_setup.sh installs the project without build isolation: hatchling must come from the lock.
    backend = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    for lock in ("app.txt", "dev.txt"):
        names = {name for name, _, _ in _pins(lock)}
        for req in backend:
            assert canonicalize_name(Requirement(req).name) in names, (lock, req)
