"""The personal layer: reading status, personal tags and notes, kept apart from the catalogue.

A curated catalogue is a shared file (the bundled one is read-only); what one reader has read,
the tags they use for themselves and their notes are theirs. They live in one YAML file per
catalogue under the user's data directory, with the notes files (one a paper) in a
folder beside it::

    from sora_refs import Catalogue, Status

    catalogue = Catalogue.load()
    mine = catalogue.personal()
    mine.set_status(["ho2020denoising"], Status.READ)
    mine.status("ho2020denoising")          # Status.READ
    mine.counts()                           # {Status.READ: 1, None: 31, ...}

Inside: :mod:`.status` (the statuses and their filter words), :mod:`.tags` (what a tag may be),
:mod:`.notes` (one Markdown file a paper), :mod:`.store` (where the file lives; locked, atomic
writes), :mod:`.layer` (:class:`Personal`, all of it for one catalogue) and :mod:`.sharing`
(progress exported to and imported from a reading group).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .layer import PaperState, Personal
    from .sharing import EXPORT_MARK, ImportSummary
    from .status import STATUSES, UNMARKED, Status, parse_filter
    from .store import DATA_ENV, LOCK_TIMEOUT, PersonalError, data_dir, file_stem
    from .tags import check_tag

# Resolved on first use: `sora-refs list` needs the statuses (for its options), not the rest.
_EXPORTS = {
    "PaperState": "layer",
    "Personal": "layer",
    "EXPORT_MARK": "sharing",
    "ImportSummary": "sharing",
    "STATUSES": "status",
    "UNMARKED": "status",
    "Status": "status",
    "parse_filter": "status",
    "DATA_ENV": "store",
    "LOCK_TIMEOUT": "store",
    "PersonalError": "store",
    "data_dir": "store",
    "file_stem": "store",
    "check_tag": "tags",
}

__all__ = [
    "DATA_ENV",
    "EXPORT_MARK",
    "ImportSummary",
    "LOCK_TIMEOUT",
    "PaperState",
    "Personal",
    "PersonalError",
    "STATUSES",
    "Status",
    "UNMARKED",
    "check_tag",
    "data_dir",
    "file_stem",
    "parse_filter",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'sora_refs.personal' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
