"""Build actbook's wheel reproducibly and put it in the site: ``_build/html/wheels/``.

The downloaded notebooks install this wheel (``%pip install <site>/wheels/<wheel>``).
It is built from a clean copy of ``pyproject.toml``, ``README.md``, ``LICENSE`` (which
becomes the wheel's ``dist-info/licenses/LICENSE``) and ``src/``, so that no stale
``build/`` folder or ``__pycache__`` of the work tree gets in and no ``build/`` or
``*.egg-info`` is left in it, with ``SOURCE_DATE_EPOCH`` (set by the
Makefile from the last commit) as the time of every file: the same commit gives the
same bytes. The build uses the venv's setuptools (``--no-build-isolation``): nothing is
downloaded while the book builds.

Usage: ``python tools/build_wheel.py _build/html/wheels``
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "src")


def wheel_name(version: str) -> str:
    """The wheel's file name.

    >>> wheel_name("0.1.0")
    'actbook-0.1.0-py3-none-any.whl'
    """
    return f"actbook-{version}-py3-none-any.whl"


def project_version(root: Path = ROOT) -> str:
    with (root / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def copy_sources(root: Path, target: Path) -> None:
    """Copy what the wheel is built from, without caches."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    for name in SOURCES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)


def build_wheel(out: Path, *, root: Path = ROOT, isolated: bool = False) -> Path:
    """Build the wheel into ``out`` (replacing older actbook wheels there); return its path."""
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "315532800")  # 1980-01-01, the zip format's first day
    with tempfile.TemporaryDirectory(prefix="actbook-wheel-") as tmp:
        work = Path(tmp) / "src-copy"
        work.mkdir()
        copy_sources(root, work)
        dist = Path(tmp) / "dist"
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist)]
        if not isolated:
            command += ["--no-build-isolation", "--no-index"]
        subprocess.run([*command, str(work)], check=True, env=env, cwd=tmp)
        built = dist / wheel_name(project_version(root))
        if not built.is_file():
            found = sorted(p.name for p in dist.glob("*.whl"))
            raise SystemExit(f"expected {built.name}, pip built {found}")
        for old in out.glob("actbook-*.whl"):
            old.unlink()
        return Path(shutil.copy2(built, out / built.name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder of the wheel, e.g. _build/html/wheels")
    parser.add_argument(
        "--isolated",
        action="store_true",
        help="let pip fetch setuptools into an isolated build environment (needs the network)",
    )
    args = parser.parse_args(argv)
    wheel = build_wheel(args.out, isolated=args.isolated)
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    print(f"{wheel} sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
