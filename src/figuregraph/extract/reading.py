"""Reading a document file as text: UTF-8 only, with a clear error for anything else."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError

MAX_BYTES = 16 * 1024 * 1024  # a long COI report is 1-3 MB of text; beyond this, split the document


def read_document(path: Path) -> str:
    """The text of a UTF-8 document (a leading BOM dropped); InputError names the problem."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size // (1024 * 1024)} MB is over the {MAX_BYTES // (1024 * 1024)} MB limit "
                             "for one document; split it")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not a document") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    nul = data.find(b"\x00", 0, 8192)
    if nul != -1:
        raise InputError(f"{path}: a binary file, not text (NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                         "convert it first, e.g. iconv -f latin1 -t utf-8") from None
    return text[1:] if text.startswith("\ufeff") else text
