"""``FIELD=VALUE`` texts, as ``sora-refs set`` takes them, typed by the field; and the changes
``set`` and ``tag`` make of them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..errors import UsageError
from .changes import field_order

LIST_FIELDS = frozenset({"authors", "tags"})
INT_FIELDS = frozenset({"ref", "year", "cited.year"})
NESTED = {"cited": ("venue", "year"), "ids": ("arxiv", "doi", "arxiv_class")}


def parse_assignment(text: str) -> tuple[str, Any]:
    """``field=value`` -> (field, value) with the value typed by the field; an empty value removes it.

    ``year=2021``, ``title=...``, ``cited.venue=arXiv``, ``tags=a,b``, ``authors=A; B``, ``ids.doi=``.
    """
    if "=" not in text:
        raise UsageError(f"expected FIELD=VALUE, got {text!r} (e.g. venue=ICLR, cited.year=2020, ids.doi=)")
    name, value = (part.strip() for part in text.split("=", 1))
    top = name.split(".", 1)[0]
    if top not in field_order() or ("." in name and (top not in NESTED or name.split(".", 1)[1] not in NESTED[top])):
        from ..suggest import unknown

        choices = [f for f in field_order() if f not in NESTED] + [
            f"{t}.{s}" for t, subs in NESTED.items() for s in subs
        ]
        raise UsageError(unknown("field", name, choices))
    if top in NESTED and "." not in name:
        raise UsageError(f"set {top}'s parts one by one: {', '.join(f'{top}.{s}=...' for s in NESTED[top])}")
    if value == "":
        return name, None
    if name in INT_FIELDS:
        try:
            return name, int(value)
        except ValueError:
            raise UsageError(f"{name} must be a whole number, got {value!r}") from None
    if name == "tags":
        return name, [t.strip() for t in value.split(",") if t.strip()]
    if name == "authors":
        return name, [a.strip() for a in value.split(";") if a.strip()]
    return name, value


def apply_assignments(assignments: Sequence[tuple[str, Any]]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The ``changes`` function of :func:`set_fields` for ``field=value`` pairs (nested ones merged)."""

    def changes(current: dict[str, Any]) -> dict[str, Any]:
        updates: dict[str, Any] = {}
        for name, value in assignments:
            if "." in name:
                top, sub = name.split(".", 1)
                inner = dict(updates.get(top) or current.get(top) or {})
                if value is None:
                    inner.pop(sub, None)
                else:
                    inner[sub] = value
                ordered = {k: inner[k] for k in NESTED[top] if k in inner}
                updates[top] = ordered or None
            else:
                updates[name] = value
        return updates

    return changes


def tag_changes(add: Sequence[str], remove: Sequence[str]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The ``changes`` function of :func:`set_fields` that adds and removes catalogue tags."""

    def changes(current: dict[str, Any]) -> dict[str, Any]:
        tags = [str(t) for t in current.get("tags") or []]
        tags = [t for t in tags if t not in set(remove)] + [t for t in add if t not in tags]
        tags = list(dict.fromkeys(tags))
        if tags == (current.get("tags") or []):
            return {}
        return {"tags": tags or None}

    return changes
