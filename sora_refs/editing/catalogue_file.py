"""A catalogue file to change, one paper at a time: what ``add``, ``edit``, ``set``, ``tag`` and ``remove`` call.

>>> import pathlib, tempfile
>>> from sora_refs import CatalogueFile
>>> mine = CatalogueFile(pathlib.Path(tempfile.mkdtemp()) / "list.yaml")
>>> world_models = {"title": "World Models", "authors": ["David Ha", "Jürgen Schmidhuber"], "year": 2018,
...                 "venue": "arXiv", "type": "preprint", "ids": {"arxiv": "1803.10122"}}
>>> [p.key for p in mine.add([world_models], category="rnn").papers]
['ha2018world']
>>> mine.set("ha2018world", venue="NeurIPS").papers[0].venue
'NeurIPS'

Every change is locked, validated and backed up (``NAME.bak``), and leaves the rest of the file
byte for byte (see :mod:`.changes`). The bundled catalogue is never changed: naming it is a
:class:`~sora_refs.errors.UsageError`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from . import appending, changes
from .assignments import apply_assignments, parse_assignment, tag_changes

if TYPE_CHECKING:
    from pathlib import Path

    from ..catalogue import Catalogue
    from ..importing.report import ImportResult
    from .changes import Outcome


class CatalogueFile:
    """A catalogue file you may change: ``CatalogueFile(path)``, or ``CatalogueFile(catalogue.path, catalogue)``
    for the file a loaded catalogue came from (its reader's status and notes then follow a renamed paper).

    It is not a method of :class:`~sora_refs.Catalogue` because changing a file sits above reading one:
    the writer validates what it writes by loading it as a Catalogue.
    """

    def __init__(self, path: str | os.PathLike[str] | None, catalogue: Catalogue | None = None) -> None:
        self.path: Path = changes.check_writable(path)
        """The file (it may not exist yet: :meth:`add` starts it)."""
        self._catalogue = catalogue

    def __repr__(self) -> str:
        return f"<CatalogueFile {str(self.path)!r}>"

    def current(self) -> Catalogue | None:
        """The catalogue as the file holds it now; None for a file that does not exist or holds only comments."""
        from ..catalogue import Catalogue
        from ..errors import SoraRefsError
        from ..reading.loader import catalogue_text

        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise SoraRefsError(f"cannot read {self.path}: {error.strerror or error}") from None
        text = catalogue_text(data, str(self.path))
        if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
            return None
        return Catalogue.load(self.path, use_cache=False)

    # -- changing it -----------------------------------------------------------------------

    def add(
        self,
        entries: Sequence[Mapping[str, Any]],
        *,
        category: str | None = None,
        section: str | None = None,
        tags: Sequence[str] = (),
        dry_run: bool = False,
        asked: Sequence[str] | None = None,
    ) -> Outcome:
        """Append papers given as the file's fields (``title``, ``authors``, ``year``, ``ids``...; no ``key``:
        one is made). A paper already there (same arXiv id, DOI or title) is skipped and named in
        ``skipped``, under its entry of ``asked`` (its title by default). A file that does not exist is started.
        """
        return appending.add_papers(
            self.path, entries, category=category, section=section, tags=tags, dry_run=dry_run, asked=asked
        )

    def import_files(
        self,
        sources: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
        *,
        category: str | None = None,
        section: str | None = None,
        on_duplicate: str = "alias",
        strings: Sequence[str | os.PathLike[str]] = (),
        encoding: str = "utf-8",
        dry_run: bool = False,
    ) -> ImportResult:
        """Merge BibTeX, CSL-JSON or RIS files (told apart by their content) into the file, which is
        started if it does not exist; what ``sora-refs import`` does.

        ``on_duplicate`` says what an entry already there becomes: ``skip``, ``alias`` (its key an
        alias of the paper) or ``merge`` (also fill the paper's empty fields). ``strings`` are .bib
        files read for their ``@string`` macros only. Every field is kept (those the catalogue has no
        place for in ``extra``); the result says what was added, merged, skipped and changed. New
        papers, merged fields and aliases are spliced in: the rest of the file stays byte for byte.
        """
        from ..importing import import_files

        return import_files(
            sources,
            self.path,
            category=category,
            section=section,
            dry_run=dry_run,
            encoding=encoding,
            strings=strings,
            on_duplicate=on_duplicate,
        )

    def check_can_write(self) -> None:
        """:class:`~sora_refs.WriteError` now, before any work, when the file is read-only."""
        from ..writing import refuse_read_only

        refuse_read_only(self.path)

    def entry_text(self, key: str) -> str:
        """Paper ``key``'s entry as its own small YAML document, as written in the file."""
        return changes.entry_text(self.path, key)

    def replace(self, key: str, text: str, *, expected: str | None = None, dry_run: bool = False) -> Outcome:
        """Replace paper ``key``'s entry by ``text`` (a YAML mapping, as :meth:`entry_text` gives it).

        With ``expected``, refuse when the entry no longer reads so (someone changed it meanwhile).
        A changed key carries the reader's status, tags and note over to the new one.
        """
        outcome = changes.replace_entry(self.path, key, text, expected=expected, dry_run=dry_run)
        if not dry_run:
            self._follow(outcome)
        return outcome

    def set(
        self, key: str, assignments: Iterable[str | tuple[str, Any]] = (), /, *, dry_run: bool = False, **fields: Any
    ) -> Outcome:
        """Set fields of paper ``key``: ``set(key, venue="ICCV", year=2023)``, or ``FIELD=VALUE`` texts for the
        nested ones (``["cited.year=2022", "ids.doi="]``, as ``sora-refs set`` takes them). None (or an
        empty VALUE) removes a field. Only those fields' lines change; ``set(key, key="new")`` renames.
        """
        pairs = [self.parse_assignment(a) if isinstance(a, str) else a for a in assignments]
        for name, value in fields.items():
            self.parse_assignment(f"{name}=")  # the field's name checked, with a did-you-mean
            pairs.append((name, value))
        outcome = changes.set_fields(self.path, key, apply_assignments(pairs), dry_run=dry_run)
        if not dry_run:
            self._follow(outcome)
        return outcome

    def tag(self, key: str, add: Sequence[str] = (), remove: Sequence[str] = ()) -> Outcome:
        """Add and remove catalogue tags of paper ``key`` (``outcome.backup`` is None when nothing changed)."""
        return changes.set_fields(self.path, key, tag_changes(add, remove))

    def remove(self, keys: Sequence[str], *, dry_run: bool = False) -> Outcome:
        """Remove the papers ``keys``; ``outcome.papers`` are the papers removed."""
        return changes.remove_papers(self.path, keys, dry_run=dry_run)

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def parse_assignment(text: str) -> tuple[str, Any]:
        """``FIELD=VALUE`` -> ``(field, value)`` typed by the field (``year=2021`` -> 2021, ``tags=a,b`` -> a list)."""
        return parse_assignment(text)

    @staticmethod
    def preview(outcome: Outcome) -> list[str]:
        """The entries an :meth:`add` wrote (or would write, on a dry run), each as the file's list item."""
        from ..reading.yamlread import safe_load
        from .emit import mapping_text
        from .splice import as_list_item

        written = (safe_load(outcome.text) or {}).get("papers") or []
        return [
            as_list_item(mapping_text(next(p for p in written if p.get("key") == paper.key)))
            for paper in outcome.papers
        ]

    def _follow(self, outcome: Outcome) -> None:
        """Carry the reader's status, tags and notes over to renamed papers."""
        if outcome.renamed:
            catalogue = self._catalogue if self._catalogue is not None else self.current()
            changes.personal_follow(catalogue, outcome.renamed)
