"""Writing files atomically and durably, and telling a file's format from its suffix.

A file is written to a temporary file beside it, flushed to disk and renamed into place,
so a reader never sees half a file and a failed or interrupted write leaves the old one
intact. A build's folder is written beside it and swapped in whole (``replacing_folder``).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from ..errors import BadParameter, InputFileError, OutputError

MAX_INPUT_MB = 64
"""The default largest input file, in megabytes (the largest graph file is well under 1)."""
INPUT_LIMIT_VARIABLE = "NARAVARD_MAX_INPUT_MB"
"""The environment variable that raises (or lowers) ``MAX_INPUT_MB``."""


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file, ``fsync`` and an
    atomic rename; the file gets the usual mode (0666 less the umask). Returns ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.fchmod(handle, 0o666 & ~umask)  # mkstemp makes 0600
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def format_of(path: Path, formats: Mapping[str, str], fmt: str | None, what: str) -> str:
    """The format to write ``path`` in: ``fmt`` if given, else the one whose suffix
    (``formats`` maps name to suffix) ``path`` has; ``BadParameter`` naming the choices."""
    if fmt is not None:
        if fmt not in formats:
            raise BadParameter(f"unknown {what} format {fmt!r}; use one of {', '.join(formats)}")
        return fmt
    for name, suffix in formats.items():
        if path.suffix == suffix:
            return name
    raise BadParameter(
        f"cannot tell the {what} format of {path}; name it {' or '.join(formats.values())}"
    )


def positive_setting(variable: str, default: int) -> int:
    """The positive whole number in the environment variable ``variable``, else
    ``default``; ``BadParameter`` naming the variable when it holds anything else."""
    setting = os.environ.get(variable, str(default))
    if not setting.strip().isdigit() or int(setting) <= 0:
        raise BadParameter(f"{variable}={setting!r} is not a positive whole number")
    return int(setting)


def input_limit() -> int:
    """The largest input file read, in bytes: ``$NARAVARD_MAX_INPUT_MB`` megabytes, else
    ``MAX_INPUT_MB``."""
    return positive_setting(INPUT_LIMIT_VARIABLE, MAX_INPUT_MB) * 1024 * 1024


def read_bytes(path: Path) -> bytes:
    """The bytes of the regular file ``path``; ``InputFileError`` when it is missing,
    unreadable, not a regular file (a device, a FIFO, a folder: opened without waiting, never
    read) or larger than ``input_limit()``."""
    limit = input_limit()
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InputFileError(str(path), "file not found") from None
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise InputFileError(str(path), "not a regular file (a device, FIFO or folder)")
        with os.fdopen(handle, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(handle)
    if len(data) > limit:
        raise InputFileError(
            str(path),
            f"larger than {limit // (1024 * 1024)} MB; set {INPUT_LIMIT_VARIABLE} "
            "to a larger number of megabytes to read it",
        )
    return data


def read_text(path: Path) -> str:
    """The UTF-8 text of a file (less a byte-order mark at its start, as some editors on
    Windows write), read as ``read_bytes`` does; ``InputFileError`` when it cannot be read
    or is not UTF-8."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(str(path), f"cannot read: {exc}") from None


def check_output_folder(folder: Path) -> None:
    """``OutputError`` naming ``folder`` unless a build can publish there: it is a folder
    or does not exist yet, a new folder can be made beside it, and no build holds it."""
    with _publishing_lock(folder):
        _new_folder_beside(folder).rmdir()


@contextmanager
def replacing_folder(folder: Path) -> Iterator[Path]:
    """A new empty folder beside ``folder`` to write into; when the block ends without an
    error it replaces ``folder`` whole, else it is removed and ``folder`` is left as it was.

    Entries of the old ``folder`` that the new one does not have (a user's own files) are
    moved into the new one. While the block runs, ``folder`` is locked against other
    builds; an ``OSError`` (a full disk) becomes ``OutputError`` naming ``folder``.
    """
    with _publishing_lock(folder):
        staging = _new_folder_beside(folder)
        try:
            try:
                yield staging
            except OSError as exc:
                raise OutputError(
                    f"cannot write the outputs to {folder}: {exc.strerror or exc}; "
                    "it was left as it was"
                ) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        try:
            _swap(staging, _absolute(folder))
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise OutputError(f"cannot replace {folder}: {exc.strerror or exc}") from None


def _swap(staging: Path, folder: Path) -> None:
    """Put ``staging`` in the place of ``folder``, keeping the old folder's other entries."""
    if not folder.exists():
        os.replace(staging, folder)
        return
    trash = _new_folder_beside(folder)
    os.replace(folder, trash / folder.name)
    os.replace(staging, folder)
    for entry in (trash / folder.name).iterdir():
        if not (folder / entry.name).exists():
            os.replace(entry, folder / entry.name)
    shutil.rmtree(trash)


def _new_folder_beside(folder: Path) -> Path:
    """A new empty folder of a unique hidden name in the folder that holds ``folder``."""
    try:
        where = _absolute(folder)
        return Path(tempfile.mkdtemp(dir=where.parent, prefix=f".{where.name}."))
    except OSError as exc:
        raise OutputError(f"cannot write the outputs to {folder}: {exc.strerror or exc}") from None


@contextmanager
def _publishing_lock(folder: Path) -> Iterator[None]:
    """Hold the lock of ``folder`` (a file beside it); ``OutputError`` when ``folder`` is
    not a folder or another build holds the lock."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder} is not a folder; give a folder for the outputs")
    where = _absolute(folder)
    if where.parent == where:
        raise OutputError(f"{folder} is the root folder; give a folder for the outputs")
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        handle = (where.parent / f".{where.name}.lock").open("a")
    except OSError as exc:
        raise OutputError(f"cannot write the outputs to {folder}: {exc.strerror or exc}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                f"another build is writing to {folder}; run this one when it is done"
            ) from None
        yield


def _absolute(folder: Path) -> Path:
    """``folder`` as an absolute path without ``.`` or ``..`` (symbolic links kept)."""
    return Path(os.path.abspath(folder))
