"""Graph files read into a store: any RDF file rdflib reads (format by its extension), as an in-memory Store."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import RdfFormat, Store

from plankg.errors import UsageProblem
from plankg.loaders.errors import LoadError

# rdflib format names by file extension.
GRAPH_FILE_FORMATS = {
    ".trig": "trig",
    ".nq": "nquads",
    ".nquads": "nquads",
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".nt": "nt",
    ".ntriples": "nt",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".n3": "n3",
}


def read_graph_file(path: Path) -> Store:
    """The file's quads in an in-memory store (read with rdflib, whose parsers cover more formats and report
    errors by line). A UsageProblem for an extension that names no format; a LoadError, naming the file, for one
    missing or not valid."""
    from rdflib import Dataset

    fmt = GRAPH_FILE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UsageProblem(
            f"{path}: unknown RDF file extension {path.suffix!r} (use one of {', '.join(sorted(GRAPH_FILE_FORMATS))})"
        )
    if not path.exists():
        raise LoadError(str(path), "no such file")
    dataset = Dataset(default_union=False)
    try:
        dataset.parse(path, format=fmt)
    except Exception as exc:  # rdflib's parsers raise many exception types for bad input
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise LoadError(str(path), f"not valid {fmt}: {problem}") from None
    store = Store()
    store.load(dataset.serialize(format="nquads").encode("utf-8"), format=RdfFormat.N_QUADS)
    return store
