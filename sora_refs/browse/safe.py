"""Text from outside (the catalogue, the reader's notes and tags, a server's answer) made harmless
before Textual draws it.

Textual writes a widget's characters to the terminal as they are: an escape character in a title
would set the window title or the clipboard, a bidi override would reorder the line. As the
command line does (:mod:`sora_refs.cli.output`), every such character is shown as a visible
escape (``\\x1b``, ``\\u202e``; :func:`sora_refs.text.escape_unsafe`). Strings are never read as
Rich or Textual markup either: the browser builds ``rich.text.Text`` from them, and its messages
are posted with ``markup=False``, so ``[bold]`` in a title is shown as typed.
"""

from __future__ import annotations

from ..text import escape_unsafe


def shown(text: str) -> str:
    """``text`` with every unsafe character escaped; tabs and line breaks kept (notes, BibTeX)."""
    return escape_unsafe(text)


def one_line(text: str) -> str:
    """``text`` for one line (a row, a label): unsafe characters escaped, tabs and line breaks as spaces."""
    text = escape_unsafe(text)
    return text.replace("\n", " ").replace("\t", " ") if "\n" in text or "\t" in text else text
