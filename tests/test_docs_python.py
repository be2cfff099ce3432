"""docs/python.md's examples run: every ``>>>`` line, with its output, is checked by doctest."""

from __future__ import annotations

import doctest
from pathlib import Path

PAGE = Path(__file__).resolve().parent.parent / "docs" / "python.md"


def test_the_python_page_examples_run_as_shown(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("SORA_REFS_CACHE_DIR", str(tmp_path / "cache"))
    result = doctest.testfile(
        str(PAGE), module_relative=False, optionflags=doctest.NORMALIZE_WHITESPACE, raise_on_error=False, verbose=False
    )
    assert result.attempted > 15
    assert result.failed == 0, "see the doctest report above"


def test_the_library_modules_examples_run() -> None:
    import sora_refs
    import sora_refs.catalogue
    import sora_refs.ids
    import sora_refs.names
    import sora_refs.suggest

    for module in (sora_refs, sora_refs.catalogue, sora_refs.ids, sora_refs.names, sora_refs.suggest):
        result = doctest.testmod(module)
        assert result.attempted and not result.failed, module.__name__
