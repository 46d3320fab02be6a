"""Faults of the machine as one line for the person running plankg: the store in use, a full disk, no permission,
out of memory. Each is a Fault (exit 1, no traceback), raised where the fault is understood."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from plankg.errors import PlankgError


class Fault(PlankgError):
    """A command cannot go on; the message says what happened and what to do."""


class NoStore(Fault, FileNotFoundError):
    """No store where one is to be read (still a FileNotFoundError, for code that catches that)."""


def lock_holder(lock_file: Path) -> str:
    """'process N (its command line)' holding a POSIX lock on lock_file (RocksDB's LOCK), read from /proc/locks;
    'another process' where Linux does not say."""
    try:
        info = lock_file.stat()
        key = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return "another process"
    for line in lines:
        fields = line.split()
        if len(fields) >= 6 and fields[5] == key and fields[4].isdigit():
            return f"process {fields[4]} ({command_line(int(fields[4]))})"
    return "another process"


def command_line(pid: int) -> str:
    """A process's command as a person would recognise it: `plankg serve --store x`, not the interpreter's path."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace").split("\0")[:-1]
    except OSError:
        return "unknown command"
    if argv and Path(argv[0]).name.startswith("python") and len(argv) > 1:
        argv = argv[1:]
        if argv[0] == "-c" and len(argv) > 1 and argv[1] == "from plankg.cli import main; main()":
            argv = ["plankg", *argv[2:]]
    if argv:
        argv[0] = Path(argv[0]).name
    return " ".join(argv) or "unknown command"


def no_store(store: Path) -> NoStore:
    return NoStore(f"no store at {store}: run `plankg build` first")


def store_in_use(store: Path) -> Fault:
    """The store's RocksDB lock is held: by `plankg serve` (a served store is not written while served) or a writer."""
    holder = lock_holder(store / "LOCK")
    if " serve" in holder:
        return Fault(
            f"the store {store} is being served by {holder}: a served store is not written to, as the server "
            "would go on answering from the old data; stop the server, then build and serve again"
        )
    return Fault(f"the store {store} is in use by {holder}: wait for it to finish (or give --wait SECONDS)")


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and (exc.errno == errno.ENOSPC or "No space left on device" in str(exc))


def is_no_permission(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and (
        exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
        or "Permission denied" in str(exc)
        or "Read-only file system" in str(exc)
    )


def free_bytes(path: Path) -> int:
    """Free space on the file system holding path (or its nearest existing parent)."""
    for candidate in (path, *path.absolute().parents):
        if candidate.exists():
            return shutil.disk_usage(candidate).free
    return 0


def megabytes(size: float) -> str:
    return f"{size / 1e6:.1f} MB"


def disk_full(store: Path, needed: int, doing: str) -> Fault:
    """The disk holding the store is full: how much is free, about how much more the rest of the work needs."""
    return Fault(
        f"the disk holding the store {store} is full ({megabytes(free_bytes(store))} free) while {doing}; "
        f"stopped at once: the store keeps what was written before. Free about {megabytes(needed)} "
        "more and run the same command again"
    )


def no_permission(path: Path, exc: OSError) -> Fault:
    reason = (
        "is on a read-only file system"
        if exc.errno == errno.EROFS or "Read-only" in str(exc)
        else "is not writable by this user (permission denied)"
    )
    return Fault(f"the store {path} {reason}: give --store a folder you can write to, or change its permissions")
