"""The README and docs/ pages hold together: links resolve, every command and field is documented,
the README stays a front page with the set-up commands CI runs. (The console examples themselves
are run by test_docs_examples.py.)"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import click
import pytest

from sora_refs.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)|<img [^>]*src=\"([^\"]+)\"")
_FENCED = re.compile(r"^\s*```.*?^\s*```", re.S | re.M)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens."""
    text = heading.strip().lower().replace("`", "")
    kept = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return kept.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    body = _FENCED.sub("", _text(path))
    return {_slug(m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", body, re.M)}


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_relative_links_resolve(page):
    body = _FENCED.sub("", _text(page))
    broken = []
    for match in _LINK.finditer(body):
        target = match.group(1) or match.group(2)
        if re.match(r"^[a-z]+:", target):
            continue  # https:, mailto:
        file_part, _, anchor = target.partition("#")
        resolved = (page.parent / file_part).resolve() if file_part else page
        if not resolved.exists():
            broken.append(f"{target}: no such file")
        elif anchor and resolved.suffix == ".md" and anchor not in _anchors(resolved):
            broken.append(f"{target}: no heading with that anchor")
    assert broken == []


def test_readme_is_a_front_page_with_the_set_up_commands_ci_runs():
    readme = _text(ROOT / "README.md")
    assert len(readme.splitlines()) <= 250
    assert "```sh\npip install . && sora-refs list\n```" in readme
    assert "```sh\npip install '.[test]' && pytest\n```" in readme
    ci = _text(ROOT / ".ci" / "run")
    assert "pip install . && sora-refs list" in ci


def test_every_command_has_its_help_in_the_reference():
    reference = _text(DOCS / "reference" / "commands.md")
    missing = [
        name
        for name in COMMANDS
        if f"## sora-refs {name}\n" not in reference or f"$ sora-refs {name} --help\n" not in reference
    ]
    assert missing == [], (
        "add a '## sora-refs NAME' section with an empty '$ sora-refs NAME --help' console "
        "block to docs/reference/commands.md, then run `python scripts/docs_examples.py --update`"
    )


def test_every_command_is_in_the_readme_table():
    readme = _text(ROOT / "README.md")
    assert [name for name in COMMANDS if f"`sora-refs {name}" not in readme and f"/ `{name}" not in readme] == []


def _format_choices() -> dict[str, list[str]]:
    choices = {}
    with click.Context(cli) as ctx:
        for name in COMMANDS:
            command = cli.get_command(ctx, name)
            for param in command.params:
                if "--format" in getattr(param, "opts", ()) and isinstance(param.type, click.Choice):
                    choices[name] = list(param.type.choices)
    return choices


def test_output_formats_table_matches_the_commands():
    page = _text(DOCS / "reference" / "output-formats.md")
    documented = {
        m.group(1): re.findall(r"`([^`]+)`", m.group(2)) for m in re.finditer(r"^\| `(\w+)` \| (.+) \|$", page, re.M)
    }
    assert documented == _format_choices()


def test_catalogue_format_example_is_valid_and_names_every_field(tmp_path, runner):
    page = _text(DOCS / "reference" / "catalogue-format.md")
    example = re.search(r"```yaml\n(.*?)```", page, re.S).group(1)
    path = tmp_path / "format.yaml"
    path.write_text(example, encoding="utf-8")
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(": 1 paper, 1 category, 1 section.\n")  # not '1 papers'
    # Every field a paper can have (as `show --format json` gives them) is in the example.
    paper = json.loads(runner.invoke(cli, ["show", "26", "--format", "json"]).stdout)[0]
    fields = [
        f"{k}.{sub}" if isinstance(v, dict) else k
        for k, v in paper.items()
        if k != "personal"  # the reader's own layer (status, tags, note), not a catalogue field
        for sub in (v if isinstance(v, dict) else [None])
    ]
    keys = set(re.findall(r"(?:^[\s-]*|[{,]\s*)(\w+):", example, re.M))
    assert [f for f in fields if f.split(".")[-1] not in keys] == []


def test_readme_python_runs_and_prints_what_its_comments_say(capsys):
    """README's Python: each block runs, and a `print(...)  # text` line prints that text."""
    blocks = re.findall(r"```python\n(.*?)```", _text(ROOT / "README.md"), re.S)
    assert blocks
    for block in blocks:
        expected = [m.group(1) for m in re.finditer(r"^print\(.*\)\s+# (.+)$", block, re.M)]
        exec(compile(block, "README.md", "exec"), {})  # noqa: S102 - the README's own example
        assert capsys.readouterr().out.splitlines() == expected


def test_the_browse_guide_lists_every_key_of_the_app():
    pytest.importorskip("textual")
    from sora_refs.browse.app import BrowseApp
    from sora_refs.browse.paperlist import PaperList

    page = _text(DOCS / "guide" / "browse.md")
    documented = set()
    for cell in re.findall(r"^\| ((?:`[^`]+`[ ,]*)+) \|", page, re.M):
        documented.update(re.findall(r"`([^`]+)`", cell))
    names = {"question_mark": "?", "slash": "/"}
    missing = []
    for binding in [*BrowseApp.BINDINGS, *PaperList.BINDINGS]:
        keys = [names.get(key, key) for key in binding.key.split(",")]
        missing += [f"{key} ({binding.description})" for key in keys if key not in documented]
    assert missing == []
