"""Reading YAML from libyaml's event stream, one paper at a time.

PyYAML's loaders compose the whole document into a node tree before building any value: for a
catalogue of 100,000 papers that tree alone takes gigabytes. Here the values are built straight
from the events, with PyYAML's own resolver and safe constructors, so the result is what
``yaml.safe_load`` gives, while each item of the top-level ``papers`` list is handed to a
callback as soon as it is complete and need not be kept. Duplicate keys are recorded with their
line instead of being silently overwritten, and the line of every paper is remembered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import IO, Any

import yaml
from yaml import events as ev
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import ScalarNode

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
Lines = dict[tuple[Any, ...], int]
"""Line numbers by path in the document (``("papers", 3, "title")`` -> 42)."""
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# First characters for which some implicit resolver (int, float, bool, null, timestamp, merge, ...)
# might claim a plain scalar; any other plain scalar is a string without asking the resolver.
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_RESOLVABLE = (
    frozenset(ch for ch in _RESOLVERS if ch) if None not in _RESOLVERS else frozenset(map(chr, range(0x110000)))
)  # a catch-all resolver: ask it every time


_INT = "tag:yaml.org,2002:int"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


class BadValue(ConstructorError):
    """A scalar PyYAML cannot build (``2020-02-30``, ``!!int abc``) or would build wrongly (``010``).

    ``path`` is filled in on the way out: the keys and list indexes that lead to the value.
    """

    def __init__(self, message: str, hint: str | None, mark: Any) -> None:
        super().__init__(None, None, message, mark)
        self.message = message
        self.hint = hint
        self.path: list[Any] = []


def _short(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _explain(tag: str, value: str, error: Exception) -> str:
    """Why a scalar with ``tag`` cannot be built, in the catalogue's words."""
    kind = tag.rsplit(":", 1)[-1]
    if kind == "int":
        digits = sum(ch.isdigit() for ch in value)
        if digits > 100:
            return f"a number with {digits:,} digits is too long"
        return f"{_short(value)} is not a whole number"
    if kind == "float":
        return f"{_short(value)} is not a number"
    if kind == "timestamp":
        if re.match(r"^\d{4}-\d\d?-\d\d?", value):
            return f"{_short(value)} is not a real date ({error})"
        return f"{_short(value)} is not a date (expected YYYY-MM-DD)"
    if kind == "bool":
        return f"{_short(value)} is not true or false"
    if kind == "binary":
        return f"{_short(value)} is not base64 data"
    return f"{_short(value)} cannot be read as {kind}"


class _Constructor(SafeConstructor):
    """PyYAML's safe scalar constructors, reachable without a node tree."""


class StreamReader:
    """Build a YAML document from events; ``on_item`` receives each element of ``papers``."""

    def __init__(
        self,
        on_item: Callable[[int, Any, int], None] | None = None,
        stream_key: str = "papers",
        strict_numbers: bool = False,
    ) -> None:
        self.on_item = on_item
        self.strict_numbers = strict_numbers
        """Refuse plain numbers YAML 1.1 reads other than as written (``010`` is 8, ``0x10`` 16)."""
        self.stream_key = stream_key
        self.duplicates: list[tuple[Any, int]] = []
        """(key, line) of every key written twice in one mapping."""
        self._constructor = _Constructor()
        self._resolve: Callable[..., str] = yaml.resolver.Resolver().resolve
        self._anchors: dict[str, Any] = {}
        self._memo: dict[str, Any] = {}

    def read(self, source: str | bytes | IO[bytes]) -> Any:
        """The single document in ``source``; raises ``yaml.YAMLError`` subclasses like PyYAML does."""
        loader = _PARSER(source)
        try:
            self._next = loader.get_event
            self._next()  # StreamStart
            event = self._next()
            if type(event) is ev.StreamEndEvent:
                return None
            value = self._value(self._next(), depth=0)  # after DocumentStart
            self._next()  # DocumentEnd
            event = loader.peek_event()
            if type(event) is not ev.StreamEndEvent:
                raise yaml.composer.ComposerError(
                    "expected a single document in the stream", None, "but found another document", event.start_mark
                )
            return value
        finally:
            loader.dispose()

    # Values: each takes an event already fetched, so no look-ahead is needed ------------

    def _value(self, event: Any, depth: int, stream_items: bool = False) -> Any:
        cls = type(event)
        if cls is ev.ScalarEvent:
            tag = event.tag
            value = event.value
            if tag is None and (not event.implicit[0] or (value and value[0] not in _RESOLVABLE)):
                pass  # a quoted scalar, or one no implicit resolver can claim: a string
            elif tag is None and len(value) <= 32:
                # Keys and short values (title, year, NeurIPS, true) repeat in every paper: resolve each once.
                memo = self._memo
                if value in memo:
                    value = memo[value]
                else:
                    resolved = self._scalar(event)
                    if len(memo) < 65536 and isinstance(resolved, (str, int, bool, type(None))):
                        memo[value] = resolved
                    value = resolved
            else:
                value = self._scalar(event)
        elif cls is ev.MappingStartEvent:
            self._check_tag(event, _MAP)
            value = {}
            if event.anchor is not None:
                self._anchors[event.anchor] = value
            self._mapping(value, depth)
            return value
        elif cls is ev.SequenceStartEvent:
            self._check_tag(event, _SEQ)
            value = []
            if event.anchor is not None:
                self._anchors[event.anchor] = value
            self._sequence(value, depth, stream_items)
            return value
        elif cls is ev.AliasEvent:
            if event.anchor not in self._anchors:
                raise yaml.composer.ComposerError(
                    None, None, f"found undefined alias {event.anchor!r}", event.start_mark
                )
            return self._anchors[event.anchor]
        else:  # pragma: no cover - libyaml never sends anything else here
            raise yaml.composer.ComposerError(None, None, f"unexpected {cls.__name__}", event.start_mark)
        if event.anchor is not None:
            self._anchors[event.anchor] = value
        return value

    def _sequence(self, value: list[Any], depth: int, stream_items: bool) -> None:
        next_event = self._next
        end = ev.SequenceEndEvent
        child = depth + 1
        if stream_items and self.on_item is not None:
            on_item = self.on_item
            index = 0
            while True:
                event = next_event()
                if type(event) is end:
                    return
                try:
                    item = self._value(event, child)
                except BadValue as error:
                    error.path.insert(0, index)
                    raise
                on_item(index, item, event.start_mark.line + 1)
                index += 1
        append = value.append
        while True:
            event = next_event()
            if type(event) is end:
                return
            try:
                append(self._value(event, child))
            except BadValue as error:
                error.path.insert(0, len(value))
                raise

    def _mapping(self, value: dict[Any, Any], depth: int) -> None:
        next_event = self._next
        end = ev.MappingEndEvent
        child = depth + 1
        merged: list[dict[Any, Any]] = []
        while True:
            key_event = next_event()
            if type(key_event) is end:
                break
            key = self._value(key_event, child)
            if key == "<<" and type(key_event) is ev.ScalarEvent and self._is_merge(key_event):
                merged.extend(self._merge_sources(self._value(next_event(), child), key_event))
                continue
            try:
                hash(key)
            except TypeError:
                raise ConstructorError(
                    "while constructing a mapping", None, "found an unhashable key", key_event.start_mark
                ) from None
            value_event = next_event()
            stream = (
                depth == 0
                and key == self.stream_key
                and self.on_item is not None
                and type(value_event) is ev.SequenceStartEvent
            )
            try:
                item = self._value(value_event, child, stream_items=stream)
            except BadValue as error:
                error.path.insert(0, key)
                raise
            if key in value:
                self.duplicates.append((key, key_event.start_mark.line + 1))
            value[key] = item
        for source in merged:  # explicit keys win over merged ones, as in PyYAML
            for key, item in source.items():
                value.setdefault(key, item)

    def _is_merge(self, event: ev.ScalarEvent) -> bool:
        return event.tag in (None, "!") and self._resolve(ScalarNode, event.value, event.implicit) == _MERGE

    @staticmethod
    def _merge_sources(source: Any, event: ev.ScalarEvent) -> list[dict[Any, Any]]:
        if isinstance(source, dict):
            return [source]
        if isinstance(source, list) and all(isinstance(s, dict) for s in source):
            return list(source)
        raise ConstructorError(
            "while constructing a mapping",
            None,
            "expected a mapping or list of mappings for merging",
            event.start_mark,  # type: ignore[arg-type]
        )

    def _check_tag(self, event: Any, expected: str) -> None:
        if event.tag not in (None, "!", expected):
            raise ConstructorError(
                None, None, f"could not determine a constructor for the tag {event.tag!r}", event.start_mark
            )

    def _scalar(self, event: ev.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:  # quoted: always a string
                return event.value
            tag = self._resolve(ScalarNode, event.value, event.implicit)
        if tag == _STR or tag == _MERGE:  # a merge key stays "<<" until its mapping merges it
            return event.value
        construct = self._constructor.yaml_constructors.get(tag)
        if construct is None or tag in (_SEQ, _MAP):
            raise ConstructorError(
                None,
                None,
                f"could not determine a constructor for the tag {tag!r}",
                event.start_mark,  # type: ignore[arg-type]
            )
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark)  # type: ignore[arg-type]
        try:
            value = construct(self._constructor, node)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError, ConstructorError) as error:
            raise BadValue(_explain(tag, event.value, error), None, event.start_mark) from None
        if tag == _INT and self.strict_numbers and event.tag is None and not _DECIMAL.fullmatch(event.value):
            # YAML 1.1 reads 010 as 8, 0x10 as 16, 1:20 as 80, 1_000 as 1000: never what was meant.
            raise BadValue(
                f"{_short(event.value)} would be read as the number {value}",
                f'quote it ("{event.value}") if it is text, or write {value}',
                event.start_mark,
            )
        return value


def safe_load(text: str | bytes) -> Any:
    """``yaml.safe_load`` with libyaml's parser when it is installed: the same values, many times faster.

    Writers read back whole catalogues; with PyYAML's pure-Python scanner a 50 MB file took minutes.
    """
    return yaml.load(text, Loader=_PARSER)


def key_lines(source: str | bytes, wanted: set[int], stream_key: str = "papers") -> Lines:
    """Lines of every key of the top-level mappings and of the papers numbered in ``wanted``.

    Returns ``{path: line}`` for paths like ``("catalogue", "title")`` or ``("papers", 4, "cited", "year")``;
    used only to place error messages, so a second pass over the events is affordable.
    """
    lines: Lines = {}
    loader = _PARSER(source)
    try:
        _walk(loader, (), lines, wanted, stream_key)
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return lines


def _walk(loader: Any, path: tuple[Any, ...], lines: Lines, wanted: set[int], stream_key: str) -> None:
    get, peek = loader.get_event, loader.peek_event
    while True:
        event = get()
        if isinstance(event, (ev.StreamEndEvent,)):
            return
        if isinstance(event, (ev.StreamStartEvent, ev.DocumentStartEvent, ev.DocumentEndEvent)):
            continue
        _walk_node(event, get, peek, path, lines, wanted, stream_key)


def _walk_node(
    event: Any, get: Any, peek: Any, path: tuple[Any, ...], lines: Lines, wanted: set[int], stream_key: str
) -> None:
    if _recording(path, wanted, stream_key):
        lines.setdefault(path, event.start_mark.line + 1)
    if isinstance(event, ev.SequenceStartEvent):
        index = 0
        while not isinstance(peek(), ev.SequenceEndEvent):
            _walk_node(get(), get, peek, path + (index,), lines, wanted, stream_key)
            index += 1
        get()
    elif isinstance(event, ev.MappingStartEvent):
        while not isinstance(peek(), ev.MappingEndEvent):
            key_event = get()
            key = key_event.value if isinstance(key_event, ev.ScalarEvent) else None
            if isinstance(key_event, (ev.SequenceStartEvent, ev.MappingStartEvent)):
                _walk_node(key_event, get, peek, path + (None,), {}, set(), stream_key)
            child = path + (key,)
            if _recording(child, wanted, stream_key) and key is not None:
                lines.setdefault(child, key_event.start_mark.line + 1)
            value_event = get()
            if key is not None:
                _walk_node(value_event, get, peek, child, lines, wanted, stream_key)
            else:
                _walk_node(value_event, get, peek, path + (None,), {}, set(), stream_key)
        get()


def _recording(path: tuple[Any, ...], wanted: set[int], stream_key: str) -> bool:
    if len(path) >= 2 and path[0] == stream_key:
        return path[1] in wanted
    return True
