"""Reading a catalogue file: safe YAML parsing, strict validation, line numbers, caching.

Only this module imports PyYAML, and only when a file has to be parsed: a catalogue whose
validated form is in the cache loads without it.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import cache
from .errors import CatalogueError, Problem
from .models import CatalogueInfo, Category, Paper, Section
from .schema import Parsed, RawProblem, validate


@dataclass(frozen=True)
class Loaded:
    """A validated catalogue, as the loader hands it to :class:`~sora_refs.Catalogue`."""

    info: CatalogueInfo
    sections: tuple[Section, ...]
    categories: tuple[Category, ...]
    papers: tuple[Paper, ...]


def bundled_path() -> Path:
    """Where the catalogue shipped with sora-refs lies (in a wheel, or in a source checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data" / "refs.yaml", here.parent / "data" / "refs.yaml"):
        if candidate.is_file():
            return candidate
    return here / "data" / "refs.yaml"


def load_file(path: str | os.PathLike[str], *, use_cache: bool = True, display: str | None = None) -> Loaded:
    """Read and validate the catalogue at ``path``; raise :class:`CatalogueError` listing every problem.

    ``display`` is how messages name the file (defaults to ``path`` as given).
    """
    name = display or os.fspath(path)
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        raise CatalogueError([Problem(name, None, None, None, "no such file",
                                      "give the path of a catalogue YAML file")]) from None
    except OSError as exc:
        raise CatalogueError([Problem(name, None, None, None, f"cannot read: {exc.strerror}")]) from None
    if not Path(path).is_file():
        raise CatalogueError([Problem(name, None, None, None, "is not a file", "give the path of a YAML file")])
    if use_cache:
        hit = cache.read(path, stat)
        if hit is not None:
            return hit
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CatalogueError([Problem(name, None, None, None, f"cannot read: {exc.strerror}")]) from None
    loaded = load_bytes(data, name)
    if use_cache:
        cache.write(path, stat, loaded)
    return loaded


def load_bytes(data: bytes, name: str = "<catalogue>") -> Loaded:
    """Parse and validate catalogue text; ``name`` is used in messages."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogueError([Problem(name, line, None, None,
                                      f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                                      "save the file as UTF-8")]) from None
    if "\x00" in text:
        raise CatalogueError([Problem(name, None, None, None, "is a binary file, not YAML text")])
    raw, duplicates = _parse(text, name)
    parsed = validate(raw)
    problems = duplicates + _locate(parsed.problems, text, name) if parsed.problems else duplicates
    if problems:
        raise CatalogueError(problems)
    return _finish(parsed, name)


def from_data(raw: Any, name: str = "<data>") -> Loaded:
    """Validate already-parsed data (a dict as the YAML would give it)."""
    parsed = validate(raw)
    if parsed.problems:
        raise CatalogueError([Problem(name, None, p.entry, p.field, p.message, p.suggestion) for p in parsed.problems])
    return _finish(parsed, name)


def _finish(parsed: Parsed, name: str) -> Loaded:
    info = parsed.info or CatalogueInfo(title=Path(name).stem)
    return Loaded(info, tuple(parsed.sections), tuple(parsed.categories), tuple(parsed.papers))


def _loader_class() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):  # type: ignore[misc, valid-type]
        """A safe loader that remembers duplicate keys instead of silently keeping the last."""

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.duplicates: list[tuple[Any, int]] = []

        def construct_mapping(self, node: Any, deep: bool = False) -> dict:
            mapping = super().construct_mapping(node, deep=deep)
            if len(mapping) != len(node.value):
                seen = set()
                for key_node, _ in node.value:
                    key = key_node.value
                    if key in seen:
                        self.duplicates.append((key, key_node.start_mark.line + 1))
                    seen.add(key)
            return mapping

    return StrictLoader


def _parse(text: str, name: str) -> tuple[Any, list[Problem]]:
    import yaml

    loader = _loader_class()(text)
    enabled = gc.isenabled()
    gc.disable()  # the parser allocates many small objects; collecting during it only costs time
    try:
        raw = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        message = f"is not valid YAML: {exc.problem or exc.context}"
        hint = _yaml_hint(exc)
        raise CatalogueError([Problem(name, line, None, None, message, hint)]) from None
    except yaml.YAMLError as exc:
        raise CatalogueError([Problem(name, None, None, None, f"is not valid YAML: {exc}")]) from None
    except RecursionError:
        raise CatalogueError([Problem(name, None, None, None, "is nested too deeply to be a catalogue")]) from None
    finally:
        loader.dispose()
        if enabled:
            gc.enable()
    duplicates = [
        Problem(name, line, None, str(key), "appears twice in the same mapping; the second would silently win",
                "keep one of them")
        for key, line in loader.duplicates
    ]
    return raw, duplicates


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


def _locate(raw_problems: list[RawProblem], text: str, name: str) -> list[Problem]:
    """Turn node paths into line numbers by composing the document once more (error path only)."""
    import yaml

    try:
        root = yaml.compose(text, Loader=_loader_class())
    except yaml.YAMLError:
        root = None
    result = []
    for raw in raw_problems:
        line = _line_of(root, raw.path) if root is not None else None
        result.append(Problem(name, line, raw.entry, raw.field, raw.message, raw.suggestion))
    result.sort(key=lambda p: p.line or 0)  # stable: same-line problems keep their order
    return result


def _line_of(node: Any, path: tuple[Any, ...]) -> int | None:
    import yaml

    line = node.start_mark.line + 1
    for step in path:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == step:
                    line = key_node.start_mark.line + 1
                    node = value_node
                    break
            else:
                return line  # a missing field: point at the mapping that lacks it
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    return line
