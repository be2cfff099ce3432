"""A small base for immutable records: frozen, slotted, compared and hashed by value.

Subclasses declare ``__slots__ = _fields = (...)`` and an ``__init__`` that stores each field with
:data:`init_field`. They behave like frozen dataclasses (equality, hashing, ``repr``, ``replace``,
pickling) without the start-up cost of ``@dataclass``, which generates and compiles every
method at import time.
"""

from __future__ import annotations

from typing import Any


class FrozenError(AttributeError):
    """Raised on an attempt to change a record."""


class Record:
    """Base of the records: immutable, compared and hashed by value, printable."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    """The field names, in constructor order."""

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenError(f"cannot assign to field {name!r} of a frozen {type(self).__name__}")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"cannot delete field {name!r} of a frozen {type(self).__name__}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
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


init_field = object.__setattr__
