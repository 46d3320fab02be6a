"""What lineage computed before, kept beside the store so that a change to a few documents costs a few documents.

Lineage is a pure function of the document graphs. Its costly parts are pure functions too: of one document graph
(the records lineage reads from it), of one item's text (jieba's MinHash signatures, character grams, instrument
mentions, themes) and of a pair of texts (their shared passages, what the copied-clause features need besides the
corpus statistics). Their results are kept in an SQLite file in the store's folder
(Oxigraph leaves a file it does not know alone), keyed by their inputs: a document graph by the runs that wrote
it (every write records a new run, kg/graph/store.py), a text by its SHA-256. The global parts are recomputed
from these with the same functions a rebuild uses, so the result is a rebuild's by construction; the cache only
saves time: missing or dropped, it gives the same graph, slower. Results of another version of the code are
never read: the cache is emptied when the code that computes them changed (CODE).

The cache also records a digest of each subject's quads in the lineage graph it last wrote, and the runs that
wrote that graph, so that the next write changes only the subjects whose quads changed (write.py, _write), and a
digest of the inputs of each unit of that graph (a reuse link, an instrument mention: a node and the nodes under its
IRI), so that a unit whose inputs did not change is neither made again nor compared (write.Units).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

FILE_NAME = "lineage-cache.sqlite3"
SCHEMA = 1  # the layout of the tables
WRITTEN_PAGE = 50_000  # rows of the record of the lineage graph read at a time
SCAN = 20_000  # results of one kind wanted above which its rows are read in one pass rather than looked up
# Each kind of result -> the modules and files (package, file) it is computed by; the data files a module reads
# (READS) count as its own, so a change to a file that no kind reads (the copied-clause model, the reasoning rules,
# the central bodies) keeps every result.
DEPENDS: dict[str, tuple[tuple[str, str], ...]] = {
    "records": (
        ("plankg.lineage", "records.py"),
        ("plankg.graph", "solutions.py"),
        ("plankg.graph", "vocab.py"),
        ("plankg.loaders", "repair.py"),
        ("plankg.loaders", "script.py"),
    ),
    "minhash": (("plankg.lineage", "fingerprints.py"), ("plankg.lineage", "passages.py")),
    "passages": (("plankg.lineage", "passages.py"),),
    "runs": (("plankg.lineage", "fingerprints.py"), ("plankg.lineage", "passages.py")),
    "mentions": (("plankg.lineage", "instruments.py"), ("plankg.lineage", "fingerprints.py"), ("plankg.lineage", "passages.py")),
    "themes": (("plankg.lineage", "themes.py"), ("plankg.ontology", "themes.ttl"), ("plankg.loaders", "extract.py")),
    "grams": (("plankg.lineage", "reuse_model.py"), ("plankg.lineage", "passages.py")),
    # the copied-clause statistics' counts, kept beside the cache (kg/lineage/statistics.py)
    "statistics": (("plankg.lineage", "statistics.py"), ("plankg.lineage", "reuse_model.py"), ("plankg.lineage", "passages.py")),
    "keygrams": (("plankg.lineage", "instruments.py"), ("plankg.lineage", "reuse_model.py"), ("plankg.lineage", "passages.py")),
    # the instruments' 4-gram counts, kept beside the cache (kg/lineage/gram_counts.py)
    "instrument-grams": (
        ("plankg.lineage", "gram_counts.py"),
        ("plankg.lineage", "statistics.py"),
        ("plankg.lineage", "instruments.py"),
        ("plankg.lineage", "reuse_model.py"),
        ("plankg.lineage", "passages.py"),
    ),
    "terms": (("plankg.lineage", "reuse_model.py"), ("plankg.lineage", "passages.py")),
    # each text's part in the instrument concepts, kept beside the cache (kg/lineage/instrument_concepts.py)
    "instrument-concepts": (
        ("plankg.lineage", "instrument_concepts.py"),
        ("plankg.lineage", "instruments.py"),
        ("plankg.lineage", "fingerprints.py"),
        ("plankg.lineage", "passages.py"),
    ),
    # the copied-clause results of the pairs last scored, kept beside the cache (kg/lineage/scores.py; the model's
    # file is digested there, so that retraining it keeps every other result)
    "scores": (
        ("plankg.lineage", "scores.py"),
        ("plankg.lineage", "textreuse.py"),
        ("plankg.lineage", "statistics.py"),
        ("plankg.lineage", "reuse_model.py"),
        ("plankg.lineage", "passages.py"),
    ),
    # the candidate pairs last drawn, kept beside the cache (kg/lineage/redraw.py)
    "candidates": (
        ("plankg.lineage", "redraw.py"),
        ("plankg.lineage", "buckets.py"),
        ("plankg.lineage", "textreuse.py"),
        ("plankg.lineage", "fingerprints.py"),
        ("plankg.lineage", "passages.py"),
    ),
}
# each document graph's part in the themes, kept by the runs that wrote it (kg/lineage/document_themes.py): a function
# of its records and of its nodes' themes
DEPENDS["document-themes"] = (("plankg.lineage", "document_themes.py"), *DEPENDS["themes"], *DEPENDS["records"])
# The files of kg/data each module of DEPENDS reads (reuse_model.py reads the copied-clause model only to score, and
# no kept result is a score).
READS: dict[tuple[str, str], tuple[str, ...]] = {
    ("plankg.lineage", "passages.py"): ("stock_phrases.txt", "instrument_heads.txt"),
    ("plankg.lineage", "fingerprints.py"): ("userdict.txt",),
    ("plankg.lineage", "instruments.py"): (
        "instrument_heads.txt",
        "instrument_heads_extra.txt",
        "instrument_verbs.txt",
        "instrument_generic.txt",
    ),
}


def sources(kind: str) -> list[tuple[str, str]]:
    """The files (package, file) a kind of result is computed by: its modules and the data files they read."""
    data = [("plankg", f"data/{name}") for part in DEPENDS[kind] for name in READS.get(part, ())]
    return list(dict.fromkeys([*DEPENDS[kind], *data]))


@lru_cache(maxsize=1)
def versions() -> dict[str, str]:
    """Each kind of result -> a digest of the code and data that compute it (and of jieba's version), so that the
    results of other code are never read, and a change to other code keeps them."""
    import jieba

    found = {}
    for kind in DEPENDS:
        digest = hashlib.sha256(f"{SCHEMA} {jieba.__version__}".encode())
        for package, name in sources(kind):
            f = resources.files(package).joinpath(name)
            digest.update(f.name.encode() + b"\0" + f.read_bytes())
        found[kind] = digest.hexdigest()[:16]
    return found


@lru_cache(maxsize=1 << 18)
def text_key(*texts: str) -> bytes:
    """The key of a computation over texts (remembered: lineage asks for the key of one text for several kinds)."""
    return hashlib.sha256("\x1f".join(texts).encode("utf-8")).digest()[:20]


def _encode(value: Any) -> bytes | str:
    """A result as kept: bytes as they are (a BLOB), anything else as JSON (TEXT)."""
    return value if isinstance(value, bytes) else json.dumps(value, ensure_ascii=False)


def _decode(value: bytes | str) -> Any:
    return value if isinstance(value, bytes) else json.loads(value)


def unknown(keys: list[bytes], known: dict[bytes, Any]) -> list[int]:
    """The position of the first of each key without a known result."""
    first: dict[bytes, int] = {}
    for n, k in enumerate(keys):
        if k not in known:
            first.setdefault(k, n)
    return list(first.values())


class LineageCache:
    """The cached results: an SQLite file in the store's folder, or in a temporary folder removed when closed (no
    folder: the results are kept for one rebuild only, on disk rather than in memory, where they would be a
    gigabyte at three thousand plans)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.temporary = None
        if folder is None:
            self.temporary = tempfile.TemporaryDirectory(prefix="plankg-lineage-")
            folder = Path(self.temporary.name)
        self.path = folder / FILE_NAME
        self.db = sqlite3.connect(str(self.path), isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(
            """
            CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB);
            CREATE TABLE IF NOT EXISTS documents (graph TEXT PRIMARY KEY, runs TEXT, records BLOB);
            CREATE TABLE IF NOT EXISTS results (kind TEXT, key BLOB, value BLOB, PRIMARY KEY (kind, key)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS written (subject TEXT PRIMARY KEY, digest BLOB, quads INTEGER) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS units (unit TEXT PRIMARY KEY, digest BLOB) WITHOUT ROWID;
            """
        )
        kept = self.meta("versions") or {}
        if kept.get("schema") != SCHEMA:
            self.clear()
        elif kept != {**versions(), "schema": SCHEMA}:
            with self.db:
                self.db.execute("BEGIN")
                for kind, version in versions().items():
                    if kept.get(kind) != version:  # computed by other code: forgotten
                        self.db.execute(
                            "DELETE FROM documents" if kind == "records" else "DELETE FROM results WHERE kind = ?",
                            () if kind == "records" else (kind,),
                        )
                self.set_meta("versions", {**versions(), "schema": SCHEMA})

    @classmethod
    def reading(cls, path: Path) -> LineageCache:
        """The cache file at path opened to read only (by the worker process, beside the process that writes it)."""
        cache = cls.__new__(cls)
        cache.temporary, cache.path = None, path
        cache.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        return cache

    def clear(self) -> None:
        """Forget everything (a full rebuild was asked for, or the tables are of another layout)."""
        self.db.executescript(
            "BEGIN; DELETE FROM meta; DELETE FROM documents; DELETE FROM results; DELETE FROM written; DELETE FROM units; COMMIT;"
        )
        self.set_meta("versions", {**versions(), "schema": SCHEMA})

    def close(self) -> None:
        self.db.close()
        if self.temporary is not None:
            self.temporary.cleanup()

    def meta(self, name: str) -> Any:
        row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else json.loads(row[0])

    def set_meta(self, name: str, value: Any) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, json.dumps(value)))

    def blob(self, name: str) -> bytes | None:
        row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else bytes(row[0])

    def set_blob(self, name: str, value: bytes) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    # ---------------------------------------------------------------- per document graph

    def documents(self, runs: dict[str, str]) -> dict[str, dict]:
        """The records of each graph whose runs are those given (graph -> its runs' digest)."""
        found = {}
        for graph, written_by, records in self.db.execute("SELECT graph, runs, records FROM documents"):
            if runs.get(graph) == written_by:
                found[graph] = json.loads(records)
        return found

    def keep_documents(self, records: dict[str, tuple[str, dict]], current: Iterable[str]) -> None:
        """Keep records (graph -> (its runs' digest, records)) and forget the graphs no longer in the store."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany(
                "INSERT OR REPLACE INTO documents VALUES (?, ?, ?)",
                ((g, runs, json.dumps(r, ensure_ascii=False)) for g, (runs, r) in records.items()),
            )
            kept = set(current)
            gone = [(g,) for (g,) in self.db.execute("SELECT graph FROM documents") if g not in kept]
            self.db.executemany("DELETE FROM documents WHERE graph = ?", gone)

    # ---------------------------------------------------------------- per text or pair of texts

    def results(self, kind: str, keys: list[bytes], compute: Callable[[list[int]], list[Any]]) -> list[Any]:
        """The result of kind for each key: kept ones read, the others computed (compute gets their positions in
        keys and returns their results, JSON values or bytes) and kept."""
        known = self.known(kind, keys)
        todo = unknown(keys, known)
        if todo:
            computed = compute(todo)
            self.keep(kind, [keys[n] for n in todo], computed)
            known.update(zip((keys[n] for n in todo), computed, strict=True))
        return [known[k] for k in keys]

    def known(self, kind: str, keys: list[bytes]) -> dict[bytes, Any]:
        """The results of kind kept for those of keys that have one."""
        found: dict[bytes, Any] = {}
        wanted = list(dict.fromkeys(keys))
        if len(wanted) > SCAN:  # most of a kind: one pass over its rows costs less than the lookups
            rows = self.db.execute("SELECT key, value FROM results WHERE kind = ?", (kind,))
            want = set(wanted)
            found.update((k, _decode(v)) for k, v in ((bytes(k), v) for k, v in rows) if k in want)
            return found
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            rows = self.db.execute(
                f"SELECT key, value FROM results WHERE kind = ? AND key IN ({','.join('?' * len(part))})", (kind, *part)
            )
            found.update((bytes(k), _decode(v)) for k, v in rows)
        return found

    def have(self, kind: str, keys: list[bytes]) -> set[bytes]:
        """Those of keys that have a result of kind kept (their values not read)."""
        want = set(keys)
        rows = self.db.execute("SELECT key FROM results WHERE kind = ?", (kind,))
        return {k for k in (bytes(k) for (k,) in rows) if k in want}

    def keep(self, kind: str, keys: list[bytes], values: list[Any]) -> None:
        """Keep results computed elsewhere (by the worker process)."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany(
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                ((kind, k, _encode(v)) for k, v in zip(keys, values, strict=True)),
            )

    # ---------------------------------------------------------------- the lineage graph last written

    def written(self, outside: tuple[str, ...] = ()) -> Iterator[tuple[str, bytes, int]]:
        """(subject, digest of its quads, how many) of the lineage graph last written (kg/lineage/write.py), in
        subject order, read WRITTEN_PAGE rows at a time: the rows of subjects up to the last one read may be
        changed meanwhile (set_written), those after it not. outside: GLOB patterns of subjects left out."""
        after = ""
        left_out = "".join(" AND NOT subject GLOB ?" for _ in outside)
        query = f"SELECT subject, digest, quads FROM written WHERE subject > ?{left_out} ORDER BY subject LIMIT ?"
        while rows := self.db.execute(query, (after, *outside, WRITTEN_PAGE)).fetchall():
            for s, d, n in rows:
                yield s, bytes(d), n
            after = rows[-1][0]

    def written_under(self, nodes: Iterable[str]) -> list[tuple[str, bytes, int]]:
        """The rows of written of each node and of the nodes under its IRI (node/…), in subject order."""
        found = []
        for node in nodes:
            rows = self.db.execute(
                "SELECT subject, digest, quads FROM written WHERE subject = ? OR (subject >= ? AND subject < ?)",
                (node, node + "/", node + "0"),  # "0" follows "/": every IRI under node/ sorts between the two
            )
            found += [(s, bytes(d), n) for s, d, n in rows]
        return sorted(found)

    def written_quads(self, within: tuple[str, ...]) -> int:
        """How many quads the subjects matching any of the GLOB patterns had in the lineage graph last written."""
        where = " OR ".join("subject GLOB ?" for _ in within) or "0"
        return self.db.execute(f"SELECT COALESCE(SUM(quads), 0) FROM written WHERE {where}", within).fetchone()[0]

    def clear_written(self) -> None:
        """Forget the record of the lineage graph last written (the units' digests are part of it)."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute("DELETE FROM written")
            self.db.execute("DELETE FROM units")

    def set_written(self, rows: Iterable[tuple[str, bytes, int]], gone: Iterable[str] = ()) -> None:
        """Record (subject, digest, how many quads) of subjects written and forget those that went."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("DELETE FROM written WHERE subject = ?", ((s,) for s in gone))
            self.db.executemany("INSERT OR REPLACE INTO written VALUES (?, ?, ?)", rows)

    def units(self) -> dict[str, bytes]:
        """unit -> the digest of its inputs, of the lineage graph last written (kg/lineage/write.py, Units)."""
        return {u: bytes(d) for u, d in self.db.execute("SELECT unit, digest FROM units")}

    def set_units(self, changed: dict[str, bytes], gone: Iterable[str]) -> None:
        """Record the digests of units written and forget those that went."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("DELETE FROM units WHERE unit = ?", ((u,) for u in gone))
            self.db.executemany("INSERT OR REPLACE INTO units VALUES (?, ?)", changed.items())
