"""Errors from the operating system that the user can fix: one line naming the path and how.

A full disk, a path through a file, a folder where a file was expected, no permission: these
are the user's to fix (free space, another --out), so the CLI reports them like other user
errors (exit 2) instead of as a failure of lstm-doctor.
"""

from __future__ import annotations

import errno

__all__ = ["describe_os_error"]

_FIXES = {
    errno.ENOSPC: "the disk is full: free some space or pass an --out on another disk",
    errno.EDQUOT: "the disk quota is used up: free some space or pass an --out elsewhere",
    errno.ENOTDIR: "a part of the path is a file, not a folder: pass another path",
    errno.EISDIR: "it is a folder where a file is expected: pass a file path",
    errno.EACCES: "permission denied: pass a path you can write to (or read, for input)",
    errno.EPERM: "operation not permitted: pass a path you can write to",
    errno.EROFS: "the file system is read-only: pass an --out on a writable disk",
    errno.ENOENT: "it does not exist: check the path",
    errno.ENAMETOOLONG: "the name is too long: pass a shorter path",
    errno.EEXIST: "it already exists: pass another path",
}


def describe_os_error(exc: OSError) -> str | None:
    """One line for an OS error a user can fix (naming its path), or None for the others."""
    fix = _FIXES.get(exc.errno) if exc.errno is not None else None
    if fix is None:
        return None
    paths = [p for p in (exc.filename, exc.filename2) if p is not None]
    where = " -> ".join(repr(str(p)) for p in paths) if paths else "a file or folder"
    reason = exc.strerror or str(exc)
    return f"cannot use {where} ({reason}): {fix}."
