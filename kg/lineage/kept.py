"""Arrays kept beside the lineage cache from one build to the next (the copied-clause statistics, the instruments'
4-gram counts, the candidate pairs): one .npz file each, stamped with the version of the code that made it and
replaced at once, so that a run stopped half way leaves the file before it, and a damaged or foreign one is read as
none (what it held is then made from scratch)."""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import numpy as np

T = TypeVar("T")


def load(path: Path, version: str, read: Callable[[Mapping[str, np.ndarray]], T]) -> T | None:
    """What read makes of the arrays kept at path; None when there are none, the file is damaged (read fails on it)
    or other code wrote it (its version is not this one)."""
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as f:
            return read(f) if str(f["version"]) == version else None
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None


def save(path: Path, arrays: Mapping[str, Any], version: str) -> None:
    """Keep the arrays at path with the version, replacing what was there at once."""
    import numpy as np

    fd, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".npz", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **{**arrays, "version": np.array(version)})
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
