"""A small base for immutable records: fields declared once, frozen, slotted, compared by value.

A record class declares its fields as annotations, each with a docstring, in the order files
and exports use; a field with a default is optional::

    class Cited(Record):
        venue: str
        \"\"\"Short venue name as cited.\"\"\"
        year: int
        \"\"\"Year as cited.\"\"\"

Everything else derives from that declaration: ``__slots__``, the constructor (required fields
first, then optional ones, each in declared order; keywords work too), :attr:`~Record._fields`
(constructor order), :attr:`~Record._declared` (declared order), :meth:`~Record.as_dict`,
equality, hashing, ``repr``, :meth:`~Record.replace`, pickling, and the catalogue cache's columns.
Records behave like frozen dataclasses without the start-up cost of ``@dataclass``, which
generates and compiles many methods per class at import time; here one ``__init__`` is.

A class that writes ``__slots__`` itself (with ``_fields`` and its own ``__init__``) is left
as it is.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: Any) -> Any:
        return lambda cls: cls


class FrozenError(AttributeError):
    """Raised on an attempt to change a record."""


init_field = object.__setattr__
"""Set a field of a record under construction (records refuse ``setattr``)."""


def _constructor(name: str, fields: tuple[str, ...], defaults: dict[str, Any], coerce: Any = None) -> Any:
    """``__init__(self, a, b, c=<default>)`` that stores each argument, compiled once per class.

    With ``coerce`` (a class's ``_coerce(name, value)`` static method), each value passes through it first.
    """
    params = ", ".join(f"{f}=_default_{f}" if f in defaults else f for f in fields)
    value = "_coerce({f!r}, {f})" if coerce is not None else "{f}"
    body = "".join(f"\n    _set(self, {f!r}, " + value.format(f=f) + ")" for f in fields) or "\n    pass"
    namespace: dict[str, Any] = {
        "_set": init_field,
        "_coerce": coerce,
        **{f"_default_{f}": v for f, v in defaults.items()},
    }
    exec(f"def __init__(self, {params}) -> None:{body}", namespace)  # noqa: S102 - our own field names
    init = namespace["__init__"]
    init.__qualname__ = f"{name}.__init__"
    return init


@dataclass_transform(frozen_default=True)
class _RecordType(type):
    """Builds ``__slots__``, ``_fields`` and ``__init__`` from a record class's annotations.

    Type checkers read records as frozen dataclasses (:func:`typing.dataclass_transform`);
    ``class Paper(Record, kw_only=True)`` tells them to expect keywords, where the declared order
    (the file's) puts an optional field before required ones. The constructor takes positions too.
    """

    def __new__(
        mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any], kw_only: bool = False
    ) -> _RecordType:
        annotations = namespace.get("__annotations__", {})
        if "__slots__" not in namespace and annotations:
            declared = tuple(f for f in annotations if not f.startswith("_") and "ClassVar" not in str(annotations[f]))
            defaults = {f: namespace.pop(f) for f in declared if f in namespace}
            fields = tuple(f for f in declared if f not in defaults) + tuple(f for f in declared if f in defaults)
            namespace["__slots__"] = fields
            namespace["_fields"] = fields
            namespace["_declared"] = declared
            namespace["_defaults"] = defaults
            coerce = namespace.get("_coerce")
            coerce = coerce.__func__ if isinstance(coerce, staticmethod) else coerce
            namespace.setdefault("__init__", _constructor(name, fields, defaults, coerce))
        elif "__slots__" not in namespace:
            namespace["__slots__"] = ()  # a subclass adding no field (Category) stays slotted
        return super().__new__(mcls, name, bases, namespace)


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.as_dict()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


class Record(metaclass=_RecordType):
    """Base of the records: immutable, compared and hashed by value, printable."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    """The field names, in constructor order (required fields first)."""
    _declared: ClassVar[tuple[str, ...]] = ()
    """The field names in declared order: the order files, exports and :meth:`as_dict` use."""
    _defaults: ClassVar[dict[str, Any]] = {}
    """Defaults of the optional fields."""

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def as_tuple(self) -> tuple[Any, ...]:
        """The field values in constructor order: ``type(r)(*r.as_tuple()) == r``."""
        return self._values()

    def as_dict(self) -> dict[str, Any]:
        """The record as plain data (lists, dicts, strings), in declared field order; absent fields are None."""
        return {name: _plain(getattr(self, name)) for name in self._declared or self._fields}

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenError(f"cannot assign to field {name!r} of a frozen {type(self).__name__}")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"cannot delete field {name!r} of a frozen {type(self).__name__}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({fields})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), self._values())

    def replace(self, **changes: Any) -> Any:
        """A copy with some fields changed (like :func:`dataclasses.replace`)."""
        values = dict(zip(self._fields, self._values()))
        unknown = set(changes) - set(values)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        values.update(changes)
        return type(self)(**values)
