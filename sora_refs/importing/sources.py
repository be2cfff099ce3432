"""The files of an import read: BibTeX, CSL-JSON and RIS decoded into entries in the catalogue's terms.

Everything not used gets a message naming its file, line and key; nothing is dropped silently.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from ..bibtex.to_paper import MappedEntry, map_entry
from ..errors import SoraRefsError, UsageError


def _decode(path: str | os.PathLike[str], encoding: str) -> str:
    text = _decoded(path, encoding)
    # Classic Mac OS line ends (a lone CR): without them turned into LF, a "%" comment line
    # would run to the end of the file and hide every entry.
    return _LONE_CR.sub("\n", text) if "\r" in text else text


_LONE_CR = re.compile(r"\r(?!\n)")


def _decoded(path: str | os.PathLike[str], encoding: str) -> str:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise SoraRefsError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SoraRefsError(f"{path}: is a directory, not a file") from None
    except OSError as error:
        raise SoraRefsError(f"{path}: cannot read: {error.strerror}") from None
    utf16 = _utf16(data) if encoding.lower() in ("utf-8", "utf8") else None
    if utf16 is not None:  # Windows tools (and PowerShell's >) write UTF-16
        try:
            return data.decode(utf16).lstrip("\ufeff")
        except UnicodeDecodeError:
            pass
    if b"\0" in data[:65536]:  # BibTeX is text; a NUL byte means an image, an archive, a PDF...
        raise SoraRefsError(f"{path}: is a binary file, not BibTeX text")
    try:
        return data.decode(
            encoding if encoding.lower() not in ("utf-8", "utf8") else "utf-8-sig", errors="surrogateescape"
        )
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r}; try utf-8 or latin-1") from None


def _utf16(data: bytes) -> str | None:
    """``utf-16`` for text with a UTF-16 byte-order mark, ``utf-16-le``/``-be`` for ASCII-ish UTF-16 without one."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    head = data[:4096]
    if len(head) < 4 or b"\0" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    if even.count(0) == 0 and odd.count(0) > len(odd) // 2:
        return "utf-16-le"
    if odd.count(0) == 0 and even.count(0) > len(even) // 2:
        return "utf-16-be"
    return None


def read_sources(
    paths: Sequence[str | os.PathLike[str]], strings: Sequence[str | os.PathLike[str]] = (), encoding: str = "utf-8"
) -> tuple[list[MappedEntry], list[str]]:
    """Entries of BibTeX, CSL-JSON and RIS files, decoded, with a message for everything not used.

    The .bib files (and ``strings``, read first for their ``@string`` macros only) share their
    macros and cross-references, as ``\\bibliography{strings,refs}`` does.
    """
    from ..bibtex import foreign, reader

    reading = reader.Reading()
    for path in strings:
        macros_only = reader.read(_decode(path, encoding), str(path))
        reading.macros.update(macros_only.macros)
        reading.problems.extend(macros_only.problems)
        reading.xdata.update(macros_only.xdata)
    raw: list[reader.RawEntry] = []
    problems: list[reader.RawProblem] = []
    bib_read = False
    for path in paths:
        text = _decode(path, encoding)
        kind = foreign.detect(str(path), text[:4096])
        if kind == "bibtex":
            reader.read(text, str(path), reading)
            bib_read = True
            continue
        found, trouble = (foreign.read_csl_json if kind == "csl-json" else foreign.read_ris)(text, str(path))
        raw.extend(found)
        problems.extend(trouble)
    if bib_read:
        reader.resolve(reading)
    raw = reading.entries + raw
    messages = [f"{p.source}: {p}" for p in reading.problems + problems]
    entries = []
    for entry in raw:
        where = (
            f"{entry.source}: line {entry.line} (entry {entry.key})"
            if entry.key
            else f"{entry.source}: line {entry.line}"
        )
        bad = next((name for name, value in entry.fields.items() if _has_undecodable(value)), None)
        if bad is not None or _has_undecodable(entry.key):
            byte = _first_bad_byte(entry.fields.get(bad, entry.key) if bad else entry.key)
            messages.append(
                f"{where}: field '{bad or 'key'}' is not UTF-8 (byte 0x{byte:02x}); skipped "
                "(save the file as UTF-8, or give --encoding latin-1)"
            )
            continue
        mapped = map_entry(entry)
        if isinstance(mapped, str):
            messages.append(f"{where}: {mapped}; skipped")
            continue
        entries.append(mapped)
    return entries, messages


def read_bib(path: str | os.PathLike[str], encoding: str = "utf-8") -> tuple[list[MappedEntry], list[str]]:
    """Entries of one file (BibTeX, CSL-JSON or RIS), with a message for everything not used."""
    return read_sources([path], encoding=encoding)


_UNDECODABLE = re.compile("[\udc80-\udcff]")


def _has_undecodable(text: str) -> bool:
    return _UNDECODABLE.search(text) is not None


def _first_bad_byte(text: str) -> int:
    return next(ord(c) - 0xDC00 for c in text if "\udc80" <= c <= "\udcff")
