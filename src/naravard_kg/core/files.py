"""Writing files atomically and durably, and telling a file's format from its suffix.

A file is written to a temporary file beside it, flushed to disk and renamed into place,
so a reader never sees half a file and a failed or interrupted write leaves the old one
intact.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..errors import BadParameter, InputFileError


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


def read_text(path: Path) -> str:
    """The UTF-8 text of a file (less a byte-order mark at its start, as some editors on
    Windows write), or ``InputFileError`` when it is missing or unreadable."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputFileError(str(path), "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(str(path), f"cannot read: {exc}") from None
