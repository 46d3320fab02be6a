"""The distribution installs one top-level import name, `plankg`, with its data folders inside."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_has_only_the_plankg_top_level(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("plankg-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith((".dist-info", ".data"))}
    assert top == {"plankg"}
    for data in (
        "plankg/corpus/001_e6d1326eb6e5ef17.txt",
        "plankg/corpus/MANIFEST.md",
        "plankg/corpus/000_7c45746ca5003da4.meta.json",
        "plankg/ontology/plankg.ttl",
        "plankg/loaders/tables.py",
        "plankg/cli/__init__.py",
        "plankg/lineage/graph.py",
    ):
        assert data in names
    assert "plankg/py.typed" in names  # the package is typed (PEP 561) for its users' type checkers


# SHA-256 of the seed corpus as published in shared/corpus (MANIFEST.md included).
SEED_DIGESTS = {
    "000_7c45746ca5003da4.txt": "9a8039eb2c807b8098e23301b0bb04e11f07ce176f89bf6289b5545f350679fd",
    "001_e6d1326eb6e5ef17.txt": "e5fcdf017589926c758e5aba1ddaf8ec2a7583720f74f493859d84a01c6381c4",
    "002_1d4cc66293008ec4.txt": "06852566482a5f0b47b43942030fa5b82a3a2d5f901445b666b14291c217817b",
    "003_1530986ba0a39128.txt": "445a36562989db60cba5abd2387c1af026ed7af82791deb15b556285a24f91d4",
    "004_816c855b418fc27c.txt": "56994e6f89c306d7db0c3eb65c2a0f4ab018e24fc70e7629d2c04378f008489c",
    "MANIFEST.md": "133852abcf22c96e7e855b70309e36db412f92086b8adcee2fb20b8af2889491",
}


def test_bundled_corpus_is_the_seed_corpus_unchanged() -> None:
    bundled = ROOT / "corpus"
    assert {name: hashlib.sha256((bundled / name).read_bytes()).hexdigest() for name in SEED_DIGESTS} == SEED_DIGESTS
