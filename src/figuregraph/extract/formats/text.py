"""Text files (plain text, Markdown, saved HTML) as Python text: UTF-8 only, within a size limit."""

from __future__ import annotations

from pathlib import Path

from ...errors import InputError

MAX_TEXT_BYTES = 16 * 1024 * 1024  # a long COI report is 1-3 MB of text; beyond this, split the document


def decode(path: Path, data: bytes) -> str:
    """The text of UTF-8 bytes (a leading BOM dropped); InputError names the problem."""
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"{path}: {len(data) // (1024 * 1024)} MB is over the {MAX_TEXT_BYTES // (1024 * 1024)} MB "
                         "limit for one document; split it")
    nul = data.find(b"\x00", 0, 8192)
    if nul != -1:
        raise InputError(f"{path}: a binary file, not text (NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                         "convert it first, e.g. iconv -f latin1 -t utf-8") from None
    return text[1:] if text.startswith("\ufeff") else text
