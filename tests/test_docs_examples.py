"""Every console example in README.md and docs/ runs and prints what the page says.

The harness is scripts/docs_examples.py (its docstring says how to write an example); after a change
of output, `python scripts/docs_examples.py --update` rewrites the pages.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _harness():
    spec = importlib.util.spec_from_file_location("docs_examples", ROOT / "scripts" / "docs_examples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["docs_examples"] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


harness = _harness()
PAGES = [harness.parse_page(path) for path in harness.doc_files()]
EXAMPLES = [example for page in PAGES for example in page.examples]


@pytest.fixture(scope="module")
def server():
    with harness.Server() as server_:
        yield server_


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.name for example in EXAMPLES])
def test_example(example, server):
    if example.options.skip is not None:
        pytest.skip(f"not run: {example.options.skip}")
    report = harness.differences(example, harness.run(example, server))
    assert not report, (
        f"{example.name}: the output differs from the page "
        "(`python scripts/docs_examples.py --update` rewrites it):\n" + "\n".join(report)
    )


def test_pages_have_examples_and_no_stray_commands():
    assert len(EXAMPLES) > 20
    assert [problem for page in PAGES for problem in page.problems] == []


def test_example_inputs_ship_with_the_docs():
    """Every file an example names under its working directory is in docs/examples/."""
    shipped = {p.name for p in harness.EXAMPLES.iterdir()}
    for name in ("broken.yaml", "new.bib", "my-refs.yaml", "corporate.bib", "online.yaml", "dois.yaml"):
        assert name in shipped
        assert any(name in command.text for example in EXAMPLES for command in example.commands), name


PAGE = """# A page

Some prose.

```console
$ sora-refs list -c gan --limit 2
a stale line
$ sora-refs show 999
```

<!-- example: skip needs a browser -->
```console
$ sora-refs open 26
```

  - in a list:

    <!-- example: terminal width=60 -->
    ```console
    $ sora-refs tree -s architecture --cited
    ```
"""


def test_a_stale_page_fails_and_update_rewrites_it(tmp_path, capsys):
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    assert harness.main([str(page)]) == 1
    out = capsys.readouterr().out
    assert "-a stale line" in out and "+4\tvondrick2016generating" in out
    assert "exit status 1, documented 0" in out

    assert harness.main([str(page), "--update"]) == 0
    text = page.read_text(encoding="utf-8")
    assert "a stale line" not in text
    assert "<!-- example: exit=0,1 -->\n```console\n$ sora-refs list -c gan --limit 2\n4\tvondrick" in text
    assert "$ sora-refs show 999\nError: " in text
    assert "<!-- example: skip needs a browser -->\n```console\n$ sora-refs open 26\n```" in text
    assert "    <!-- example: terminal width=60 -->\n    ```console\n    $ sora-refs tree" in text
    assert "\n    Sora references (4)\n" in text or "\n    Sora references" in text
    assert harness.main([str(page)]) == 0


def test_a_dollar_line_outside_a_console_block_is_a_problem(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("```text\n$ sora-refs list\n```\n", encoding="utf-8")
    assert harness.parse_page(page).problems == [
        f"{page}:1: a '$ ' line in a text block; make it a console block (checked) or give the commands without '$ '"
    ]


def test_normalised_paths_and_servers(server, tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "```console\n$ pwd; echo ~; echo $SORA_REFS_ARXIV_API; echo $SORA_REFS_CROSSREF_API\n```\n", encoding="utf-8"
    )
    (example,) = harness.parse_page(page).examples
    outcome = harness.run(example, server)
    assert outcome.outputs == [
        ["/home/you/work", "/home/you", "https://export.arxiv.org/api/query", "https://api.crossref.org"]
    ]


def test_a_marker_away_from_its_block_is_a_problem(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("<!-- example: exit=1 -->\n\n```console\n$ sora-refs show 99\n```\n", encoding="utf-8")
    assert harness.parse_page(page).problems == [
        f"{page}:1: an example marker must sit on the line just before its ```console fence"
    ]
