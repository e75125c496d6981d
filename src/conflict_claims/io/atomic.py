"""Files and folders put in place whole, or not at all.

A report file or a package folder is written under a unique temporary name beside its target
(so two runs never share one), flushed to disk, then renamed over the target in one step: a
reader sees the earlier version or the new one, never a mixture, and a failure leaves the earlier
one as it was. Temporary names carry the writer's process id, so a later write can tell the
leftovers of a killed run (removed, or put back when the target went missing) from the
work of a run still going.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path


class TargetError(ValueError):
    """A target that must not be written to: a folder, a device, a FIFO, a bad name."""


_SYSTEM = (Path("/dev"), Path("/proc"))


def _umask_mode(full: int) -> int:
    current = os.umask(0o022)
    os.umask(current)
    return full & ~current


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def _prefix(target: Path) -> str:
    # short enough that the temporary name fits wherever the target's name fits
    return f".{target.name[:40]}.{os.getpid()}."


def file_target(output: str | os.PathLike[str]) -> Path:
    """The real path a report may be written to, checked before any work is done; raises
    :class:`TargetError` saying why not. A symlink is followed (the link stays a link)."""
    text = os.fspath(output)
    if not text:
        raise TargetError("the output path is empty")
    if "\0" in text:
        raise TargetError("the output path holds a NUL byte")
    if text.endswith(("/", os.sep)):
        raise TargetError(f"{text} names a folder, not a file")
    target = Path(os.path.realpath(text))
    if any(Path(p).is_relative_to(system) for p in (text, target) for system in _SYSTEM):
        # /dev/stdout and /proc/self/fd/1 lead to whatever the shell opened: not a report file
        raise TargetError(f"{text} is a device or process file, not a regular file")
    folder = target.parent
    if not folder.is_dir():
        raise TargetError(f"{target.parent} is not an existing folder")
    if len(os.fsencode(target.name)) > _name_max(folder):
        raise TargetError(f"the file name is longer than this file system allows: {target.name}")
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise TargetError(f"cannot use {text}: {exc.strerror or exc}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise TargetError(
            f"{text} is not a regular file (a folder, device or FIFO): "
            "only a regular file is replaced by the report"
        )
    if not os.access(folder, os.W_OK):
        raise TargetError(f"cannot write in {folder}: permission denied")
    return target


def write_file(output: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to the file ``output`` whole or not at all; returns the path written.

    The permissions of a file already there are kept (a new file gets the umask's). Raises
    :class:`TargetError` for a target that is not a regular file, and OSError (say ENOSPC) when
    the data cannot be written; the target is then unchanged and no temporary file is left.
    """
    target = file_target(output)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = _umask_mode(0o666)
    for leftover in _leftovers(target, (".tmp",)):  # of a run killed before its rename
        with contextlib.suppress(OSError):
            leftover.unlink()
    fd, temporary = tempfile.mkstemp(prefix=_prefix(target), suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        Path(temporary).chmod(mode)
        # os.replace, not Path.replace: the same call on every Python this package supports
        os.replace(temporary, target)  # noqa: PTH105
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise
    _sync_folder(target.parent)
    return target


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def folder_mode(target: Path) -> int:
    """The permissions a replacement for the folder ``target`` gets: its own, or the umask's."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return _umask_mode(0o777)


def staging_folder(target: Path) -> Path:
    """A new empty folder beside ``target``, with the permissions ``target`` has or would get."""
    mode = folder_mode(target)
    staging = Path(tempfile.mkdtemp(prefix=_prefix(target), suffix=".new", dir=target.parent))
    staging.chmod(mode)
    return staging


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return True  # no safe probe there (signal 0 would end the process): keep its work
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _leftovers(target: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Temporary files or folders of killed writes to ``target`` (their process is gone)."""
    found = []
    prefix = f".{target.name[:40]}."
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return []
    for entry in entries:
        rest = entry.name[len(prefix) :] if entry.name.startswith(prefix) else ""
        pid, _, tail = rest.partition(".")
        if pid.isdigit() and tail.endswith(suffixes) and not _alive(int(pid)):
            found.append(entry)
    return found


def recover_folder(target: Path) -> None:
    """Undo what a killed :func:`replace_folder` left: an earlier folder moved aside while
    ``target`` is missing is put back; every other leftover of a dead writer is removed."""
    leftovers = _leftovers(target, (".new", ".old"))
    if not target.exists():
        aside = [p for p in leftovers if p.name.endswith(".old") and p.is_dir()]
        if aside:
            newest = max(aside, key=lambda p: p.stat().st_mtime)
            newest.replace(target)
            leftovers.remove(newest)
    for leftover in leftovers:
        shutil.rmtree(leftover, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``); False where
    the system or file system cannot, and the caller falls back to two renames."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def replace_folder(staging: Path, target: Path) -> None:
    """Put the finished folder ``staging`` at ``target``, replacing what is there.

    Where the system can swap the two at once, ``target`` is never missing. Elsewhere the
    earlier folder is first renamed aside (``.NAME.PID.XXXX.old``) and the new one renamed into
    place; a kill between the two leaves the earlier folder aside, and :func:`recover_folder`
    (run by the next write) puts it back. The earlier folder is removed only once the new one is
    in place.
    """
    if not target.exists():
        staging.replace(target)
        _sync_folder(target.parent)
        return
    if _exchange(staging, target):
        _sync_folder(target.parent)
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the earlier folder
        return
    old = Path(str(staging)[: -len(".new")] + ".old")
    target.replace(old)
    try:
        staging.replace(target)
    except BaseException:
        old.replace(target)  # put the earlier folder back
        raise
    _sync_folder(target.parent)
    shutil.rmtree(old, ignore_errors=True)
