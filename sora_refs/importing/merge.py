"""A duplicate merged into the paper it matches: empty fields filled, differing values reported."""

from __future__ import annotations

from ..bibtex.to_paper import MappedEntry
from ..models import Paper

# Fields a merge may fill, and how they read for a message.
_MERGEABLE = (
    "venue",
    "venue_full",
    "thesis",
    "volume",
    "number",
    "pages",
    "publisher",
    "url",
    "pdf",
    "month",
    "editors",
    "address",
    "series",
    "edition",
    "isbn",
    "organization",
    "note",
    "abstract",
    "keywords",
    "files",
)


def merge(
    paper: Paper, entry: MappedEntry, venues: dict[str, str], fill: bool
) -> tuple[Paper, tuple[str, ...], tuple[str, ...]]:
    """``paper`` with its empty fields filled from ``entry`` (if ``fill``), the names filled, the conflicts."""
    if not fill:
        return paper, (), ()
    incoming, _ = entry.build(paper.key, paper.category, paper.section, venues)
    if incoming is None:
        return paper, (), ()
    changes: dict[str, object] = {}
    filled: list[str] = []
    conflicts: list[str] = []
    for name in _MERGEABLE:
        mine, theirs = getattr(paper, name), getattr(incoming, name)
        if theirs in (None, "", ()):
            continue
        if mine in (None, "", ()):
            changes[name] = theirs
            filled.append(name)
        elif mine != theirs:
            conflicts.append(f"{name}: kept {_show(mine)}, the entry has {_show(theirs)}")
    if "editors" in filled and incoming.editors_truncated:
        changes["editors_truncated"] = True  # the list came with its "and others"
    ids = {}
    for name in ("arxiv", "doi", "arxiv_class"):
        mine, theirs = getattr(paper.ids, name), getattr(incoming.ids, name)
        if theirs and not mine:
            ids[name] = theirs
            filled.append(f"ids.{name}")
        elif theirs and mine != theirs:
            conflicts.append(f"ids.{name}: kept {_show(mine)}, the entry has {_show(theirs)}")
    if ids:
        changes["ids"] = paper.ids.replace(**ids)
    extra = dict(paper.extra or {})
    for name, value in (incoming.extra or {}).items():
        if name not in extra:
            extra[name] = value
            filled.append(f"extra.{name}")
    if len(extra) != len(paper.extra or {}):
        changes["extra"] = extra
    return (paper.replace(**changes) if changes else paper), tuple(filled), tuple(conflicts)


def _show(value: object) -> str:
    if isinstance(value, tuple):
        value = ", ".join(map(str, value))
    text = str(value)
    return repr(text if len(text) <= 50 else text[:47] + "...")
