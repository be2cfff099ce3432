"""Reading a catalogue file: safe YAML parsing, strict validation, line numbers, caching.

PyYAML is imported only when a file has to be parsed: a catalogue whose
validated form is in the cache loads without it.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from ..errors import CatalogueError, Problem
from ..models import CatalogueInfo, Loaded
from . import cache

if TYPE_CHECKING:
    from pathlib import Path

    from .schema import Parsed, RawProblem


def bundled_file() -> str:
    """Where the catalogue shipped with sora-refs lies (in a wheel, or in a source checkout)."""
    here = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # the sora_refs package
    beside, above = os.path.join(here, "data", "refs.yaml"), os.path.join(os.path.dirname(here), "data", "refs.yaml")
    for candidate in (beside, above):
        if os.path.isfile(candidate):
            return candidate
    return os.path.join(here, "data", "refs.yaml")


def bundled_path() -> Path:
    """:func:`bundled_file` as a :class:`~pathlib.Path`."""
    from pathlib import Path

    return Path(bundled_file())


def load_file(path: str | os.PathLike[str], *, use_cache: bool = True, display: str | None = None) -> Loaded:
    """Read and validate the catalogue at ``path``; raise :class:`CatalogueError` listing every problem.

    ``display`` is how messages name the file (defaults to ``path`` as given).
    """
    name = display or os.fspath(path)
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        raise CatalogueError([Problem(name, None, None, None, "no such file", _missing_hint(name))]) from None
    except OSError as exc:
        raise CatalogueError([Problem(name, None, None, None, f"cannot read: {exc.strerror}")]) from None
    if not os.path.isfile(path):
        raise CatalogueError([Problem(name, None, None, None, "is not a file", "give the path of a YAML file")])
    if use_cache:
        hit = cache.read(path, stat)
        if hit is not None:
            return hit
    try:
        with open(path, "rb") as handle:  # streamed: a large catalogue is never all in memory as text
            loaded = _load(handle, name, lambda: _read_bytes(path))
    except OSError as exc:
        raise CatalogueError([Problem(name, None, None, None, f"cannot read: {exc.strerror}")]) from None
    if use_cache:
        cache.write(path, stat, loaded)
    return loaded


_GIVE_A_PATH = "give the path of a catalogue YAML file"


def _missing_hint(name: str) -> str:
    """What to say about a catalogue path that does not exist: a close name beside it, if there is one."""
    from ..suggest import did_you_mean
    from ..text import escape_unsafe

    folder, base = os.path.split(name)
    try:
        with os.scandir(folder or ".") as entries:  # a huge folder is not read to its end for a hint
            names = [e.name for _, e in zip(range(5000), entries) if e.name.endswith((".yaml", ".yml"))]
    except OSError:
        return f"there is no folder {escape_unsafe(folder)}" if folder and not os.path.exists(folder) else _GIVE_A_PATH
    guess = did_you_mean(base, names, cutoff=0.75)
    return f"did you mean {escape_unsafe(os.path.join(folder, guess))}?" if guess else _GIVE_A_PATH


def _read_bytes(path: str | os.PathLike[str]) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def load_bytes(data: bytes, name: str = "<catalogue>") -> Loaded:
    """Parse and validate catalogue text; ``name`` is used in messages."""
    return _load(data, name, lambda: data)


def catalogue_text(data: bytes, name: str = "<catalogue>") -> str:
    """A catalogue file's bytes as text, decoded as the loader reads them (writers start from this).

    UTF-8, with or without a byte-order mark; or UTF-16 with its byte-order mark, which the YAML
    reader accepts too (Windows PowerShell's ``>`` writes it). Anything else is a :class:`CatalogueError`.
    """
    import codecs

    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        encoding = "UTF-16" if exc.encoding.startswith("utf-16") else "UTF-8"
        line = data[: exc.start].count(b"\n") + 1 if encoding == "UTF-8" else None
        message = f"is not {encoding} text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        raise CatalogueError([Problem(name, line, None, None, message, "save the file as UTF-8")]) from None


def from_data(raw: Any, name: str = "<data>") -> Loaded:
    """Validate already-parsed data (a dict as the YAML would give it)."""
    from .schema import validate

    parsed = validate(raw)
    if parsed.problems:
        raise CatalogueError([Problem(name, None, p.entry, p.field, p.message, p.suggestion) for p in parsed.problems])
    return _finish(parsed, name)


def _finish(parsed: Parsed, name: str) -> Loaded:
    info = parsed.info or CatalogueInfo(title=os.path.splitext(os.path.basename(name))[0])
    return Loaded(info, tuple(parsed.sections), tuple(parsed.categories), tuple(parsed.papers))


def _load(source: bytes | IO[bytes], name: str, reread: Callable[[], bytes]) -> Loaded:
    """Parse ``source`` event by event, validating each paper as it completes."""
    import yaml

    from .schema import Validator
    from .yamlread import BadValue, StreamReader

    validator = Validator()
    streamed: list[Any] = []

    def on_paper(index: int, item: Any, line: int) -> None:
        if not streamed:
            streamed.append(True)
        validator.paper(index, item, line)

    reader = StreamReader(on_item=on_paper, strict_numbers=True)
    enabled = gc.isenabled()
    gc.disable()  # millions of small objects, none of them garbage: collecting only costs time
    try:
        raw = reader.read(source)
    except yaml.reader.ReaderError as exc:
        raise CatalogueError([_reader_problem(exc, name, reread)]) from None
    except BadValue as exc:
        raise CatalogueError([_bad_value_problem(exc, name)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        message = f"is not valid YAML: {exc.problem or exc.context}"
        raise CatalogueError([Problem(name, line, None, None, message, _yaml_hint(exc))]) from None
    except yaml.YAMLError as exc:
        raise CatalogueError([Problem(name, None, None, None, f"is not valid YAML: {exc}")]) from None
    except RecursionError:
        raise CatalogueError([Problem(name, None, None, None, "is nested too deeply to be a catalogue")]) from None
    finally:
        if enabled:
            gc.enable()
    if isinstance(raw, dict) and isinstance(raw.get("papers"), list) and streamed:
        parsed = validator.finish(raw, streamed=True)
    else:
        parsed = validator.finish(raw, streamed=False)
    duplicates = [
        Problem(
            name,
            line,
            None,
            str(key),
            "appears twice in the same mapping; the second would silently win",
            "keep one of them",
        )
        for key, line in reader.duplicates
    ]
    if parsed.problems:
        problems = duplicates + _locate(parsed.problems, reread(), name)
    else:
        problems = duplicates
    if problems:
        problems.sort(key=lambda p: p.line or 0)  # stable: same-line problems keep their order
        raise CatalogueError(problems)
    return _finish(parsed, name)


def _bad_value_problem(exc: Any, name: str) -> Problem:
    """A value the YAML reader could not build, with its line, paper and field."""
    path = list(exc.path)
    entry = None
    if len(path) >= 2 and path[0] == "papers" and isinstance(path[1], int):
        entry = f"paper #{path[1] + 1}"
        path = path[2:]
    field = ".".join(str(part) for part in path) or None
    line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
    return Problem(name, line, entry, field, exc.message, exc.hint)


def _reader_problem(exc: Any, name: str, reread: Callable[[], bytes]) -> Problem:
    """A libyaml reader error (bad encoding, control characters) as a problem with a line."""
    data = reread()
    if b"\0" in data:
        return Problem(name, None, None, None, "is a binary file, not YAML text")
    if "utf-8" in str(getattr(exc, "encoding", "") or "").lower() or "UTF-8" in str(exc.reason):
        offset = _first_bad_utf8(data)
        if offset is not None:
            message = f"is not UTF-8 text (byte 0x{data[offset]:02x} at offset {offset})"
            return Problem(name, data[:offset].count(b"\n") + 1, None, None, message, "save the file as UTF-8")
    position = getattr(exc, "position", None)  # in characters, not bytes
    text = data.decode("utf-8", errors="replace")
    line = text[:position].count("\n") + 1 if isinstance(position, int) else None
    character = getattr(exc, "character", None)
    what = (
        f" (U+{ord(character):04X})"
        if isinstance(character, str) and character
        else (f" (U+{character:04X})" if isinstance(character, int) else "")
    )
    return Problem(
        name, line, None, None, f"is not valid YAML text: {exc.reason}{what}", "remove control characters from the file"
    )


def _first_bad_utf8(data: bytes) -> int | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return None


def _yaml_hint(exc: Exception) -> str | None:
    problem = str(getattr(exc, "problem", "") or "")
    if "could not determine a constructor" in problem:
        return "tags such as !!python/... are not allowed in a catalogue"
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be quoted"
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return "check the indentation of this line and the one before"
    if "found character '@'" in problem or "found character '`'" in problem:
        return "quote values that start with @ or `"
    return None


def _locate(raw_problems: list[RawProblem], data: bytes, name: str) -> list[Problem]:
    """Turn node paths into line numbers with a second pass over the events (error path only)."""
    from .yamlread import key_lines

    wanted = {p.path[1] for p in raw_problems if len(p.path) >= 2 and p.path[0] == "papers"}
    lines = key_lines(data, wanted)
    result = []
    for raw in raw_problems:
        path = raw.path
        line = None
        for end in range(len(path), -1, -1):  # the deepest part of the path that exists
            line = lines.get(path[:end])
            if line is not None:
                break
        result.append(Problem(name, line, raw.entry, raw.field, raw.message, raw.suggestion))
    return result
