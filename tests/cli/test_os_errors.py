from __future__ import annotations

import errno

from lstm_doctor.cli.os_errors import describe_os_error


def test_a_fixable_error_names_the_path_and_the_fix() -> None:
    line = describe_os_error(OSError(errno.ENOSPC, "No space left on device", "/runs/a"))
    assert line == (
        "cannot use '/runs/a' (No space left on device): the disk is full: free some space or "
        "pass an --out on another disk."
    )
    renamed = OSError(errno.EXDEV, "Invalid cross-device link", "a")
    assert describe_os_error(renamed) is None  # not the user's to fix: exit 1 as before
    both = describe_os_error(OSError(errno.ENOTDIR, "Not a directory", "a", None, "b/c"))
    assert both is not None and "'a' -> 'b/c'" in both


def test_an_error_without_a_path_or_errno() -> None:
    assert describe_os_error(OSError("odd")) is None
    assert "a file or folder" in describe_os_error(OSError(errno.EACCES, "Permission denied"))
