"""plankg: a provenance-exact RDF knowledge graph of Chinese government development plans.

The public API, for notebooks and scripts (docs/python-api.md walks through it):

    >>> import plankg
    >>> report = plankg.build(store="plankg-data")          # the bundled corpus: load, validate, lineage
    >>> kg = plankg.open("plankg-data")
    >>> kg.query("indicators-shared", min_plans=3).to_pandas()

Its names are imported when first used (module __getattr__), so that `import plankg` and `plankg --help` stay
instant.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> the module defining it.
_EXPORTS = {
    "open": "plankg.api",
    "connect": "plankg.api",
    "Endpoint": "plankg.api",
    "KnowledgeGraph": "plankg.api",
    "build": "plankg.pipeline",
    "BuildReport": "plankg.pipeline",
    "DocumentResult": "plankg.pipeline",
    "Step": "plankg.pipeline",
    "Rows": "plankg.query.rows",
    "QueryError": "plankg.query.library",
    "LoadError": "plankg.loaders.errors",
    "PlankgError": "plankg.errors",
}

__all__ = [
    "BuildReport",
    "DocumentResult",
    "Endpoint",
    "KnowledgeGraph",
    "LoadError",
    "PlankgError",
    "QueryError",
    "Rows",
    "Step",
    "__version__",
    "build",
    "connect",
    "open",
]

if TYPE_CHECKING:
    from plankg.api import Endpoint, KnowledgeGraph, connect, open
    from plankg.errors import PlankgError
    from plankg.loaders.errors import LoadError
    from plankg.pipeline import BuildReport, DocumentResult, Step, build
    from plankg.query.library import QueryError
    from plankg.query.rows import Rows


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'plankg' has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name]), name)
    globals()[name] = value  # imported once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
