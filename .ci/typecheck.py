"""Type-check the package plankg with mypy, as Python imports it.

pyproject.toml maps the package onto folders of the repository (plankg: kg/, plankg.loaders: loaders/, plankg.viz:
viz/ …), a map an editable install resolves with an import hook, which mypy does not run. So mypy reads a tree of
links laid out as the package (build/typecheck/plankg/, the mypy_path of [tool.mypy]), and its messages name the
files of the repository again. Arguments go to mypy; without them it checks the packages [tool.mypy] names.

    python .ci/typecheck.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREE = ROOT / "build" / "typecheck"


def package_dirs() -> dict[str, str]:
    """Each package -> its folder in the repository ([tool.setuptools.package-dir])."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["setuptools"]["package-dir"]


def lay_out(dirs: dict[str, str]) -> dict[str, str]:
    """The package as links into the repository; returns each package folder of the tree -> the folder it shows."""
    shutil.rmtree(TREE, ignore_errors=True)
    shown = {}
    for package, folder in sorted(dirs.items()):  # a package before its sub-packages
        place = TREE.joinpath(*package.split("."))
        place.mkdir(parents=True, exist_ok=True)
        for entry in (ROOT / folder).iterdir():
            if entry.name != "__pycache__" and not (place / entry.name).exists():
                (place / entry.name).symlink_to(entry)
        shown[f"{place.relative_to(ROOT).as_posix()}/"] = f"{folder}/"
    return shown


def main(args: list[str]) -> int:
    shown = lay_out(package_dirs())
    done = subprocess.run([sys.executable, "-m", "mypy", *args], cwd=ROOT, capture_output=True, text=True)
    out = done.stdout
    for place, folder in sorted(shown.items(), key=lambda item: -len(item[0])):  # sub-packages first
        out = out.replace(place, folder)
    sys.stdout.write(out)
    sys.stderr.write(done.stderr)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
