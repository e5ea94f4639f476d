"""Bytes to text: size limits, gzip, binary sniffing and encoding detection.

The decoded text is the input exactly (offsets are character offsets into it):
only a byte-order mark is removed, as part of decoding. Nothing is normalised.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
import zlib
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import BadInput

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# Leading bytes of common binary formats, so the reason can name what was found.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX)"),
    (b"\x7fELF", "ELF executable"),
    (b"\x1f\x8b", "gzip data (name the file .gz to read it)"),
    (b"BZh", "bzip2 data"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"SQLite format 3", "SQLite database"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters that never occur in text (tab, newlines, form feed excepted).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# More than 1% such characters means binary data, not text with a stray byte.
MAX_CONTROL_RATIO = 0.01
# 8-bit code pages of news sites (Western, Cyrillic, Central European, Greek,
# Turkish, Baltic, Hebrew, Arabic). East Asian multi-byte codecs are left out:
# on short Latin-1 texts charset-normalizer prefers Big5 (checked on French
# and German test sentences), and they arrive as UTF-8 in practice.
LEGACY_ENCODINGS = (
    "cp1252", "cp1251", "cp1250", "koi8_r", "iso8859_2", "iso8859_5", "cp1253",
    "cp1254", "cp1257", "cp1255", "cp1256", "latin_1", "iso8859_15",
)
# Prose is mostly letters and digits; random bytes through an 8-bit code page are not.
MIN_ALNUM_RATIO = 0.5
# A UTF-8 lead byte followed by the right number of continuation bytes.
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def read_file_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The raw bytes of a regular file, or BadInput saying why they cannot be had."""
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise BadInput(f"broken symbolic link to {os.readlink(path)}") from None
        raise BadInput("no such file or directory") from None
    except PermissionError:
        raise BadInput("permission denied") from None
    if not stat.S_ISREG(st.st_mode):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file"
        raise BadInput(f"cannot read: {kind}")
    if st.st_size > max_bytes:
        raise BadInput(f"file too large: {st.st_size:,} bytes > limit {max_bytes:,} (see --max-bytes)")
    if st.st_size == 0:
        raise BadInput("empty file")
    try:
        with path.open("rb") as fh:
            return fh.read(max_bytes + 1)
    except PermissionError:
        raise BadInput("permission denied") from None
    except IsADirectoryError:
        raise BadInput("is a directory") from None
    except OSError as exc:
        raise BadInput(f"cannot read: {exc.strerror or exc}") from None


def gunzip(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Decompress gzip data (all members, as in .warc.gz), refusing truncated
    streams and output over the size limit."""
    out = bytearray()
    rest = data
    while rest:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += d.decompress(rest, max_bytes + 1 - len(out))
        except zlib.error as exc:
            raise BadInput(f"corrupt gzip data: {exc}") from None
        if len(out) > max_bytes:
            raise BadInput(f"decompressed size exceeds limit {max_bytes:,} bytes (see --max-bytes)")
        if not d.eof:
            raise BadInput(
                f"truncated gzip file: compressed stream ends after {len(data):,} bytes without its end marker"
            )
        rest = d.unused_data
        if not rest.strip(b"\x00"):
            break
    return bytes(out)


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of `data`, or None if it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    return None


def _bom_less_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NULs at every other byte position, almost nowhere else."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd > 0.3 and nul_even < 0.02:
        return "utf-16-le"
    if nul_even > 0.3 and nul_odd < 0.02:
        return "utf-16-be"
    return None


def _check_text(text: str, encoding: str) -> str:
    controls = len(_CONTROL.findall(text[:100_000]))
    if controls and controls / max(1, min(len(text), 100_000)) > MAX_CONTROL_RATIO:
        raise BadInput(f"binary data: {controls} control characters after decoding as {encoding}")
    if not text.strip():
        raise BadInput("empty article: only whitespace")
    return text


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise BadInput(f"undecodable bytes: invalid {encoding} at byte {exc.start}") from None


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name) for article bytes, or BadInput with the reason."""
    if not data:
        raise BadInput("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _check_text(_strict(data[len(bom) :], encoding), encoding + " with BOM"), encoding
    kind = sniff_binary(data)
    if kind:
        raise BadInput(f"binary file: {kind}")
    if b"\x00" in data[:4096]:
        encoding = _bom_less_utf16(data)
        if encoding is None:
            raise BadInput("binary file: contains NUL bytes")
        return _check_text(_strict(data, encoding), encoding), encoding
    try:
        return _check_text(data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Mostly valid UTF-8 with a few broken sequences is damaged UTF-8, not a
    # legacy code page: guessing cp1252 would silently garble every accent.
    good = len(_UTF8_MULTI.findall(data))
    bad = data.decode("utf-8", errors="replace").count("\ufffd")
    if good >= 3 and bad <= max(1, good // 4):
        raise BadInput(
            f"undecodable bytes: UTF-8 text with an invalid byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}"
        )
    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None or best.encoding is None:
        raise BadInput("undecodable bytes: no text encoding fits (not UTF-8, UTF-16, or a known 8-bit code page)")
    encoding = best.encoding
    # Short Western texts fit several code pages equally well; prefer the
    # commonest (cp1252, a superset of Latin-1's printable range) when it fits.
    if encoding != "cp1252" and "cp1252" in best.could_be_from_charset:
        encoding = "cp1252"
    text = _check_text(data.decode(encoding), encoding)
    visible = [ch for ch in text[:20_000] if not ch.isspace()]
    if visible and sum(ch.isalnum() for ch in visible) / len(visible) < MIN_ALNUM_RATIO:
        raise BadInput(f"undecodable bytes: as {encoding} the data is mostly symbols, not text")
    return text, encoding
