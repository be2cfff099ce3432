"""Identifiers: arXiv ids, DOIs, citation keys. Each pattern written once, here.

The patterns are strings; callers match them with :func:`re.match` and friends, whose cache
compiles each once, only when first needed (nothing is compiled at start-up).

>>> arxiv_in_reference("arXiv:2212.09748v2")
'2212.09748'
>>> arxiv_doi("2212.09748")
'10.48550/arXiv.2212.09748'
>>> is_arxiv_doi("10.48550/ARXIV.2212.09748")
True
>>> is_citekey("peebles2023scalable"), is_citekey("no spaces")
(True, False)
"""

from __future__ import annotations

import re

ARXIV_ID = r"(\d{4}\.\d{4,5}|[a-z][a-z.-]*(?:\.[A-Z]{2})?/\d{7})"
"""An arXiv id without version, as one group: new style ``2212.09748`` or old ``hep-th/9901001``."""

ARXIV_NEW = r"^\d{4}\.\d{4,5}$"
"""A whole new-style id (``YYMM.NNNNN``)."""

ARXIV_OLD = r"^[a-z][a-z.-]*(\.[A-Z]{2})?/\d{7}$"
"""A whole old-style id (``archive/YYMMNNN``)."""

ARXIV_VERSIONED = r"^" + ARXIV_ID + r"v\d+$"
"""A whole id with a version suffix (``2212.09748v2``), which the catalogue does not store."""

ARXIV_REFERENCE = r"^(?:arxiv:)?" + ARXIV_ID + r"(?:v\d+)?$"
"""How people write an id on its own (match case-insensitively): ``arXiv:2212.09748v2``."""

ARXIV_IN_TEXT = r"(?:arxiv[:\s]*|arxiv\.org/(?:abs|pdf)/|10\.48550/arxiv\.)" + ARXIV_ID + r"(?:v\d+)?"
"""An id inside other text (search case-insensitively): an abs/pdf URL, ``arXiv:...``, the arXiv DOI."""

ARXIV_CLASS = r"^[a-z][a-z-]*(\.[A-Za-z][A-Za-z-]*)?$"
"""An arXiv category (``cs.CV``)."""

DOI = r"^10\.\d{4,9}/\S+$"
"""A whole bare DOI (``10.1109/ICCV51070.2023.00387``)."""

DOI_IN_TEXT = r"(?:doi\.org/|doi:\s*|^)(10\.\d{4,9}/\S+)$"
"""A DOI ending a field, bare, after ``doi:`` or in a doi.org URL (match case-insensitively)."""

CITEKEY = r"^[A-Za-z0-9_][A-Za-z0-9_:./+-]*$"
"""A citation key BibTeX and biber accept, and the catalogue allows."""

ARXIV_DOI_PREFIX = "10.48550/arXiv."
"""arXiv's DOI for every preprint is this followed by the id."""


def arxiv_doi(arxiv: str) -> str:
    """The DOI arXiv assigns to the preprint ``arxiv``."""
    return ARXIV_DOI_PREFIX + arxiv


def is_arxiv_doi(doi: str) -> bool:
    """Whether ``doi`` is arXiv's own (DOIs compare case-insensitively), not a publisher's."""
    return doi.lower().startswith(ARXIV_DOI_PREFIX.lower())


def arxiv_in_reference(text: str) -> str | None:
    """The bare id in ``arXiv:2212.09748v2``, ``2212.09748`` and the like, or None."""
    found = re.match(ARXIV_REFERENCE, text.strip(), re.I)
    return found.group(1) if found else None


def arxiv_in_text(text: str) -> str | None:
    """The first arXiv id written anywhere in ``text`` (URL, DOI, ``arXiv:``), or None."""
    found = re.search(ARXIV_IN_TEXT, text, re.I)
    return found.group(1) if found else None


def is_web_url(text: str) -> bool:
    """Whether ``text`` is one http(s) address whose host (and port, if given) can be read.

    ``https://[::1`` or a port above 65535 pass a pattern but break every program that parses them.
    """
    from urllib.parse import urlsplit

    if re.match(r"^https?://[^\s]+$", text, re.I) is None:
        return False
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError when the port is not a number below 65536
    except ValueError:
        return False
    return bool(parts.hostname)


def is_citekey(text: str) -> bool:
    """Whether ``text`` can be a citation key."""
    return re.match(CITEKEY, text) is not None
