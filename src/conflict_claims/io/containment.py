"""Where a run may read: real paths inside the package folder, regular files only, each checked
before it is opened.

The one place that decides whether a path may be read. A resource path is resolved to its real
path (every symlink followed); without ``trusted`` that real path must lie inside the package
folder's real path, so neither ``../``, an absolute path nor a symlink (to a file, to a folder,
to ``/etc/passwd``) leads out. In every mode, trusted or not, only a regular file is opened: a
FIFO would block the run forever and ``/dev/zero`` never ends, so both are refused from their
``stat`` before any ``open``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath

from conflict_claims.io.bounds import Refusal, size_text


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def leaves_folder(path: str) -> bool:
    """Whether a resource path, as written, is absolute or climbs out with '..', on any
    platform: '/x', 'C:\\x', 'C:x', '\\\\server\\x' and 'a/../../x' all do."""
    posix = PurePosixPath(path.replace("\\", "/"))
    windows = PureWindowsPath(path)
    return posix.is_absolute() or bool(windows.drive or windows.root) or ".." in posix.parts


def real_folder(folder: Path) -> Path:
    """The real path of a package folder (every symlink followed); raises OSError or ValueError
    (a NUL byte) for a path the system cannot take."""
    return Path(os.path.realpath(folder))


def check_file(path: Path, base: Path | None, *, max_bytes: int, what: str) -> Path | Refusal:
    """The real path of ``path`` if it may be read, else why not.

    ``base`` is the package folder's real path; None allows any location (``trusted``).
    ``what`` names the limit for the message ("--max-file-size").
    """
    try:
        real = Path(os.path.realpath(path))
    except ValueError:
        return Refusal("package-invalid", "the path holds a NUL byte, which no file name can")
    except OSError as exc:
        return Refusal("file-unreadable", f"cannot resolve {path}: {exc.strerror or exc}")
    if base is not None and not real.is_relative_to(base):
        return Refusal(
            "path-unsafe",
            f"{path} resolves to {real}, outside the package folder (through a symlink?); "
            "pass --trusted to allow it",
        )
    try:
        # os.stat, not Path.stat: Python 3.10's pathlib holds its own reference to it
        info = os.stat(real)  # noqa: PTH116
    except FileNotFoundError:
        return Refusal("file-unreadable", f"no such file {path}")
    except OSError as exc:
        return Refusal("file-unreadable", f"cannot read {path}: {exc.strerror or exc}")
    if not stat.S_ISREG(info.st_mode):
        return Refusal(
            "file-not-regular",
            f"{path} is {_kind(info.st_mode)}; only regular files are read",
        )
    if info.st_size > max_bytes:
        return Refusal(
            "limit-exceeded",
            f"{path} holds {size_text(info.st_size)}, above the limit of {size_text(max_bytes)}; "
            f"raise it with {what} if the file is meant to be this large",
        )
    return real


def read_bytes(real: Path, max_bytes: int) -> bytes:
    """The bytes of a file ``check_file`` accepted, read through a descriptor that is checked
    again after opening (non-blocking, so a FIFO swapped in meanwhile cannot hang the run) and
    never beyond ``max_bytes``; raises OSError for a file that changed into something else."""
    fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{real} is no longer a regular file")
        with os.fdopen(fd, "rb", closefd=False) as f:
            # read() sets aside the whole size asked for: ask for what the file holds
            data = f.read(min(info.st_size, max_bytes) + 1)
    finally:
        os.close(fd)
    if len(data) > min(info.st_size, max_bytes):
        raise OSError(f"{real} grew while it was read (beyond {size_text(len(data) - 1)})")
    return data


def regular_text(path: str | Path, max_bytes: int) -> str | None:
    """The text of ``path`` (UTF-8, bad bytes replaced) if it is a regular file within
    ``max_bytes``, else None: for code that reads a file again only to point into it."""
    try:
        real = check_file(Path(path), None, max_bytes=max_bytes, what="")
        if isinstance(real, Refusal):
            return None
        return read_bytes(real, max_bytes).decode("utf-8", errors="replace")
    except (OSError, ValueError):
        return None


def is_regular(path: str | Path) -> bool:
    """Whether ``path`` (symlinks followed) is a regular file, asked without opening it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)  # noqa: PTH116  (see above)
    except (OSError, ValueError):
        return False
