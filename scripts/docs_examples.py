#!/usr/bin/env python3
"""Run every console example in README.md and docs/**/*.md and compare its output, or rewrite it.

    python scripts/docs_examples.py              # check every page; show a diff per example that differs
    python scripts/docs_examples.py --update     # rewrite the outputs (and exit statuses) in place
    python scripts/docs_examples.py docs/guide/searching.md --update    # one page only
    pytest tests/test_docs_examples.py           # the same check, one test per example

How to write an example
-----------------------
An example is a fenced block marked ``console`` whose command lines start with ``$ ``; the lines up
to the next ``$ `` line (or the end of the block) are that command's output, stdout and stderr
together, as a terminal shows them::

    ```console
    $ sora-refs list -c diffusion --limit 2
    10	ho2022imagen	2022	arXiv	diffusion	Imagen Video: ...
    ```

Write the command, leave the output empty, and run ``--update``: it fills the output in (and gives
a new command its ``--help`` section in docs/reference/commands.md). A
comment on the line just before the fence (invisible on a code host) sets how it runs::

    <!-- example: terminal width=80 exit=0,1 -->

- ``terminal``: render as on a terminal (tables, panels; ``SORA_REFS_TERMINAL=1``, no colour).
  Without it stdout is a pipe, as in ``sora-refs list | less``.
- ``width=N`` / ``height=N``: the terminal's size (``COLUMNS``/``LINES``; default 100 x 40).
  Say the width in the prose too when it matters ("at 80 columns").
- ``exit=N`` or ``exit=N,M,...``: the expected exit status of every command, or of each command in
  turn. Default 0. ``--update`` writes this for you.
- ``skip REASON``: not run (a browser, an interactive shell, the real network). Say why.

Each example runs in a fresh directory, ``$HOME/work``, holding a copy of ``docs/examples/``: the
files examples use (``broken.yaml``, ``new.bib``, ...) live there, so a reader can re-run them from
that folder. The commands of one block run in one ``bash`` in turn, so a later command sees the
files an earlier one wrote and ``echo $?`` works. The environment is fixed: ``TERM=dumb``,
``NO_COLOR=1``, ``LANG=C.UTF-8``, ``TZ=UTC``, an empty ``$HOME`` whose cache, data and config
directories are the example's own, no ``SORA_REFS_*`` or ``PAGER`` from the caller.

The network is never touched. A local server (pytest-httpserver) answers with the recorded answers
in ``tests/data/net/``, and ``SORA_REFS_ARXIV_API``, ``SORA_REFS_CROSSREF_API`` and
``SORA_REFS_ARXIV_PDF`` point at it, so ``sora-refs check --online`` and ``sora-refs download`` of
arXiv papers run as written. The same server answers at ``http://127.0.0.1:8765`` in a command
(``--arxiv-pdf http://127.0.0.1:8765/pdf``): a local mirror, shown as such. What it serves:

- arXiv API (``/api/query``): ``arxiv-three.xml`` for any query (1502.04681, 1706.03762, 2212.09748).
- Crossref (``/works/DOI``): the answers in ``crossref/``; 404 for any other DOI.
- PDFs (``/pdf/ID``): ``paper.pdf`` for any id, except 2212.09748 (ref 26), which gets the login
  page ``not-a-pdf.html``, as a misbehaving mirror would.

Other hosts (PMLR, OpenAI's CDN) are not served: leave those papers out of runnable examples.

What is normalised before comparing (and only this): the server's address becomes the service it
stands for (``https://export.arxiv.org/api/query``, ``https://api.crossref.org``,
``https://arxiv.org/pdf``, or ``http://127.0.0.1:8765`` for the mirror); ``$HOME`` becomes
``/home/you`` (so the working directory is ``/home/you/work``); the checkout, and the bundled
catalogue of an installed package, become ``/path/to/sora-refs``; trailing spaces and trailing
blank lines are dropped. Timings and cache sizes are not normalised: no example prints one today;
if one must, add the rule here and say so.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
NET = ROOT / "tests" / "data" / "net"
MIRROR = "http://127.0.0.1:8765"
"""How a command in the docs names the local mirror; replaced by the real server's address."""
SHOWN_HOME = "/home/you"
SHOWN_ROOT = "/path/to/sora-refs"
DEFAULT_WIDTH, DEFAULT_HEIGHT = 100, 40
TIMEOUT = 300
"""Seconds one block may take before it counts as hung."""

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>```+|~~~+)\s*(?P<lang>[\w+-]*)")
_MARKER = re.compile(r"^\s*<!--\s*example:(?P<body>.*?)-->\s*$")
_STATUS = re.compile(r"\n\x1esora-refs-example-status (\d+)\x1e\n")


def doc_files(root: Path = ROOT) -> list[Path]:
    """README.md and every Markdown page under docs/, in a stable order."""
    files = [root / "README.md"] if (root / "README.md").exists() else []
    return files + sorted(p for p in (root / "docs").rglob("*.md") if "examples" not in p.relative_to(root).parts)


@dataclass
class Options:
    """What the ``<!-- example: ... -->`` marker says."""

    terminal: bool = False
    width: int = DEFAULT_WIDTH
    height: int = DEFAULT_HEIGHT
    exits: tuple[int, ...] = ()
    skip: str | None = None

    def expected_exit(self, index: int) -> int:
        if not self.exits:
            return 0
        return self.exits[index] if len(self.exits) > 1 else self.exits[0]

    def marker(self, exits: Sequence[int]) -> str | None:
        """The marker text for these options with ``exits`` as the statuses, or None if all defaults."""
        parts = []
        if self.skip is not None:
            parts.append(f"skip {self.skip}".rstrip())
        if self.terminal:
            parts.append("terminal")
        if self.width != DEFAULT_WIDTH:
            parts.append(f"width={self.width}")
        if self.height != DEFAULT_HEIGHT:
            parts.append(f"height={self.height}")
        if any(exits):
            parts.append("exit=" + (str(exits[0]) if len(set(exits)) == 1 else ",".join(map(str, exits))))
        return f"<!-- example: {' '.join(parts)} -->" if parts else None


def parse_options(body: str) -> Options:
    """Parse a marker's body; raise ValueError naming the bad token."""
    options = Options()
    body = body.strip()
    if body.startswith("skip"):
        options.skip = body[4:].strip()
        if not options.skip:
            raise ValueError("'skip' needs a reason: <!-- example: skip needs a browser -->")
        return options
    for token in body.split():
        name, _, value = token.partition("=")
        try:
            if name == "terminal" and not value:
                options.terminal = True
            elif name == "width":
                options.width = int(value)
            elif name == "height":
                options.height = int(value)
            elif name == "exit":
                options.exits = tuple(int(v) for v in value.split(","))
            else:
                raise ValueError
        except ValueError:
            raise ValueError(
                f"unknown marker option {token!r} (known: terminal, width=N, height=N, exit=N[,N...], skip REASON)"
            ) from None
    return options


@dataclass
class Command:
    text: str
    """The command as bash runs it (continuation lines joined with newlines)."""
    source: list[str]
    """Its lines as written, '$ ' included."""
    expected: list[str]


@dataclass
class Example:
    path: Path
    fence_line: int
    """0-based index of the opening fence."""
    end_line: int
    """0-based index of the closing fence."""
    marker_line: int | None
    indent: str
    options: Options
    commands: list[Command]

    @property
    def name(self) -> str:
        try:
            shown = self.path.relative_to(ROOT)
        except ValueError:
            shown = self.path
        return f"{shown}:{self.fence_line + 1}"


@dataclass
class Page:
    path: Path
    lines: list[str]
    examples: list[Example] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def parse_page(path: Path) -> Page:
    """The examples of one page, and what is wrong with its blocks (a '$ ' line outside a console
    block, an unreadable marker)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    page = Page(path, lines)
    conflicts = [n for n, line in enumerate(lines, 1) if re.match(r"^(<{7}|>{7}|={7})( |$)", line)]
    if conflicts:  # never rewrite a half-merged page: the markers would vanish into an output
        page.problems.append(f"{path}:{conflicts[0]}: a merge conflict marker; resolve it first")
        return page
    in_fence = False
    for n, line in enumerate(lines):
        if line.strip().startswith(("```", "~~~")):
            in_fence = not in_fence
        elif not in_fence and _MARKER.match(line) and not (n + 1 < len(lines) and lines[n + 1].strip() == "```console"):
            page.problems.append(
                f"{path}:{n + 1}: an example marker must sit on the line just before its ```console fence"
            )
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        indent, fence, lang = match["indent"], match["fence"], match["lang"]
        end = i + 1
        while end < len(lines) and not lines[end].strip().startswith(fence[0] * len(fence)):
            end += 1
        body = [line[len(indent) :] if line.startswith(indent) else line.lstrip() for line in lines[i + 1 : end]]
        where = f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{i + 1}"
        if lang != "console":
            if any(line.startswith("$ ") for line in body):
                page.problems.append(
                    f"{where}: a '$ ' line in a {lang or 'plain'} block; make it a console "
                    "block (checked) or give the commands without '$ '"
                )
            i = end + 1
            continue
        marker_line = i - 1 if i > 0 and _MARKER.match(lines[i - 1]) else None
        try:
            options = parse_options(_MARKER.match(lines[marker_line])["body"]) if marker_line is not None else Options()
        except ValueError as error:
            page.problems.append(f"{where}: {error}")
            options = Options(skip="bad marker")
        commands = _commands(body)
        if commands:
            if body and not body[0].startswith("$ "):
                page.problems.append(f"{where}: output before the first '$ ' command")
            page.examples.append(Example(path, i, end, marker_line, indent, options, commands))
        i = end + 1
    return page


def _commands(body: list[str]) -> list[Command]:
    commands: list[Command] = []
    j = 0
    while j < len(body):
        if not body[j].startswith("$ "):
            j += 1
            continue
        source = [body[j]]
        text = body[j][2:]
        while text.endswith("\\") and j + 1 < len(body):
            j += 1
            source.append(body[j])
            text += "\n" + body[j]
        j += 1
        expected = []
        while j < len(body) and not body[j].startswith("$ "):
            expected.append(body[j])
            j += 1
        commands.append(Command(text, source, _trim(expected)))
    return commands


def _trim(lines: list[str]) -> list[str]:
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


# --- the local server -----------------------------------------------------------------------------


class Server:
    """The recorded answers of tests/data/net/ on a loopback port: arXiv API, Crossref, PDFs."""

    PREFIXES: ClassVar[dict[str, str]] = {  # what the environment points at -> the service it stands for in the output
        "/real/arxiv-api": "https://export.arxiv.org/api/query",
        "/real/crossref": "https://api.crossref.org",
        "/real/pdf": "https://arxiv.org/pdf",
    }
    CROSSREF: ClassVar[dict[str, str]] = {
        "10.1109/cvpr.2018.00165": "mocogan.json",
        "10.1007/978-3-031-19787-1_41": "nuwa.json",
        "10.1109/iccv51070.2023.00387": "dit.json",
    }
    LOGIN_PAGE_FOR = "2212.09748"

    def __init__(self) -> None:
        import logging

        from pytest_httpserver import HTTPServer

        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no request log among the results
        self._server = HTTPServer(host="127.0.0.1", port=0)
        self._server.expect_request(re.compile(".*")).respond_with_handler(self._answer)
        self._server.start()
        self.base = self._server.url_for("").rstrip("/")

    def stop(self) -> None:
        self._server.clear()
        if self._server.is_running():
            self._server.stop()

    def __enter__(self) -> Server:  # noqa: PYI034 - typing.Self needs Python 3.11
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def environment(self) -> dict[str, str]:
        return {
            "SORA_REFS_ARXIV_API": self.base + "/real/arxiv-api",
            "SORA_REFS_CROSSREF_API": self.base + "/real/crossref",
            "SORA_REFS_ARXIV_PDF": self.base + "/real/pdf",
        }

    def _answer(self, request: Any) -> Any:  # werkzeug's Request and Response
        from werkzeug import Response

        path = request.path
        for prefix in self.PREFIXES:
            if path.startswith(prefix):
                path = {"/real/arxiv-api": "/api/query", "/real/crossref": "", "/real/pdf": "/pdf"}[prefix] + path[
                    len(prefix) :
                ]
        if path == "/api/query":
            return Response((NET / "arxiv-three.xml").read_bytes(), content_type="application/atom+xml; charset=utf-8")
        if path.startswith("/works/"):
            name = self.CROSSREF.get(path[len("/works/") :].lower())
            if name:
                return Response((NET / "crossref" / name).read_bytes(), content_type="application/json;charset=utf-8")
            return Response((NET / "crossref" / "not-found.txt").read_bytes(), status=404, content_type="text/plain")
        if path.startswith("/pdf/"):
            if path.endswith(self.LOGIN_PAGE_FOR):
                return Response((NET / "not-a-pdf.html").read_bytes(), content_type="text/html; charset=utf-8")
            return Response((NET / "paper.pdf").read_bytes(), content_type="application/pdf")
        return Response("not found", status=404, content_type="text/plain")


# --- running --------------------------------------------------------------------------------------


@dataclass
class Outcome:
    outputs: list[list[str]]
    statuses: list[int]


def environment(home: Path, options: Options, server: Server) -> dict[str, str]:
    """The fixed environment of one example: nothing inherited but PATH's tools."""
    path = os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"])
    env = {
        "PATH": path,
        "HOME": str(home),
        "USER": "you",
        "LOGNAME": "you",
        "SHELL": "/bin/bash",
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "TERM": "dumb",
        "NO_COLOR": "1",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TZ": "UTC",
        "COLUMNS": str(options.width),
        "LINES": str(options.height),
        "PYTHONUNBUFFERED": "1",  # stdout and stderr reach the pipe in the order they were written
        "PYTHONIOENCODING": "utf-8",
        "PYTHONHASHSEED": "0",
    }
    if options.terminal:
        env["SORA_REFS_TERMINAL"] = "1"
    env.update(server.environment())
    return env


def run(example: Example, server: Server) -> Outcome:
    """Run an example's commands in one bash, in a fresh $HOME/work holding docs/examples/."""
    with tempfile.TemporaryDirectory(prefix="sora-refs-doc-") as tmp:
        home = Path(tmp).resolve() / "home"
        work = home / "work"
        if EXAMPLES.is_dir():
            shutil.copytree(EXAMPLES, work)
        else:
            work.mkdir(parents=True)
        script = ["exec 2>&1 </dev/null"]
        for command in example.commands:
            script.append(command.text.replace(MIRROR, server.base))
            script.append(
                "__status=$?; printf '\\n\\036sora-refs-example-status %d\\036\\n' \"$__status\"; (exit $__status)"
            )
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-c", "\n".join(script)],
            cwd=work,
            env=environment(home, example.options, server),
            stdout=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            timeout=TIMEOUT,
            check=False,
        )
        text = done.stdout.decode("utf-8", errors="backslashreplace")
        pieces = _STATUS.split(text)
        outputs = [_trim(normalise(piece, home, server).split("\n")) for piece in pieces[0:-1:2]]
        statuses = [int(s) for s in pieces[1::2]]
        if len(statuses) < len(example.commands):  # the shell itself gave up (exit in a command)
            outputs.append(_trim(normalise(pieces[-1], home, server).split("\n")))
            statuses.append(done.returncode)
        return Outcome(outputs, statuses)


def normalise(text: str, home: Path, server: Server) -> str:
    """What must vary between runs, made fixed (see the module docstring)."""
    for prefix, shown in Server.PREFIXES.items():
        text = text.replace(server.base + prefix, shown)
    text = text.replace(server.base, MIRROR)
    text = text.replace(server.base.removeprefix("http://"), MIRROR.removeprefix("http://"))
    # The bundled catalogue inside an installed (not editable) package, as CI installs it.
    text = re.sub(r"/\S*/site-packages/sora_refs/data/refs\.yaml", f"{SHOWN_ROOT}/data/refs.yaml", text)
    for real in {str(home), os.path.realpath(home)}:
        text = text.replace(real, SHOWN_HOME)
    text = text.replace(str(ROOT), SHOWN_ROOT)
    return text


# --- checking and updating ------------------------------------------------------------------------

COMMANDS_PAGE = ROOT / "docs" / "reference" / "commands.md"


def add_missing_commands(page: Path = COMMANDS_PAGE) -> list[str]:
    """Give every command without one a '## sora-refs NAME' section (its --help, to be filled in by
    --update) in the commands reference, and keep the page's list of links whole. Returns the names."""
    if not page.exists():
        return []
    from sora_refs.cli import COMMANDS  # only --update needs the package itself

    text = page.read_text(encoding="utf-8")
    missing = [name for name in sorted(COMMANDS) if f"\n## sora-refs {name}\n" not in text]
    if not missing:
        return []
    text = text.rstrip("\n") + "\n"
    for name in missing:
        text += f"\n## sora-refs {name}\n\n```console\n$ sora-refs {name} --help\n```\n"
    names = sorted(set(re.findall(r"^## sora-refs (\S+)$", text, re.M)))
    links = " · ".join(f"[{name}](#sora-refs-{name})" for name in names)
    text = re.sub(r"^\[\w+\]\(#sora-refs-.*$", lambda _: links, text, count=1, flags=re.M)
    page.write_text(text, encoding="utf-8")
    return missing


def differences(example: Example, outcome: Outcome) -> list[str]:
    """A readable account of where the outcome differs from the page (empty when it agrees)."""
    report: list[str] = []
    for index, command in enumerate(example.commands):
        actual = outcome.outputs[index] if index < len(outcome.outputs) else ["(not run)"]
        status = outcome.statuses[index] if index < len(outcome.statuses) else None
        if actual != command.expected:
            report.append(f"$ {command.text}")
            report.extend(difflib.unified_diff(command.expected, actual, "documented", "actual", lineterm="", n=2))
        if status != example.options.expected_exit(index):
            report.append(
                f"$ {command.text}: exit status {status}, documented "
                f"{example.options.expected_exit(index)} (the marker's exit=)"
            )
    return report


def rewritten(page: Page, results: dict[int, Outcome]) -> str:
    """The page with each example's output and exit statuses replaced by what the commands gave."""
    lines = list(page.lines)
    for position in sorted(results, reverse=True):  # bottom up, so earlier line numbers stay valid
        example = page.examples[position]
        outcome = results[position]
        body: list[str] = []
        for index, command in enumerate(example.commands):
            body.extend(command.source)
            body.extend(outcome.outputs[index] if index < len(outcome.outputs) else [])
        indented = [(example.indent + line) if line else line for line in body]
        lines[example.fence_line + 1 : example.end_line] = indented
        marker = example.options.marker(outcome.statuses)
        if example.marker_line is not None:
            if marker is None:
                del lines[example.marker_line]
            else:
                lines[example.marker_line] = example.indent + marker
        elif marker is not None:
            lines.insert(example.fence_line, example.indent + marker)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="*", type=Path, help="pages to check (default: README.md and docs/**/*.md)")
    parser.add_argument("--update", action="store_true", help="rewrite outputs and exit statuses in place")
    parser.add_argument("--jobs", "-j", type=int, default=4, help="examples run at once (default 4)")
    args = parser.parse_args(argv)
    if args.update and not args.files:
        for name in add_missing_commands():
            print(f"added docs/reference/commands.md: sora-refs {name} (fill in its guide link by hand)")
    files = [p.resolve() for p in args.files] or doc_files()
    pages = [parse_page(path) for path in files]
    problems = [problem for page in pages for problem in page.problems]
    failed = 0
    if args.update and problems:
        print("\n".join(problems), file=sys.stderr)
        print("nothing rewritten: fix these first", file=sys.stderr)
        return 1
    with Server() as server, ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for page in pages:
            runnable = [(i, e) for i, e in enumerate(page.examples) if e.options.skip is None]
            results = pool.map(lambda ie: run(ie[1], server), runnable)
            outcomes = dict(zip([i for i, _ in runnable], results, strict=True))
            changed = {i: o for i, o in outcomes.items() if differences(page.examples[i], o)}
            for i, outcome in changed.items():
                example = page.examples[i]
                if args.update:
                    print(f"updated {example.name}")
                else:
                    failed += 1
                    print(f"--- {example.name} differs:")
                    print("\n".join(differences(example, outcome)))
            if args.update and changed:
                page.path.write_text(rewritten(page, changed), encoding="utf-8")
            skipped = len(page.examples) - len(runnable)
            print(
                f"{page.path.relative_to(ROOT) if page.path.is_relative_to(ROOT) else page.path}: "
                f"{len(runnable)} examples run, {len(changed)} {'updated' if args.update else 'differ'}"
                + (f", {skipped} skipped" if skipped else ""),
                file=sys.stderr,
            )
    for problem in problems:
        print(problem, file=sys.stderr)
    if failed:
        print(
            f"{failed} examples differ; run `python scripts/docs_examples.py --update` to rewrite them "
            "(then read the diff)",
            file=sys.stderr,
        )
    return 1 if failed or problems else 0


def iter_examples(files: Sequence[Path] | None = None) -> Iterator[Example]:
    for path in files or doc_files():
        yield from parse_page(path).examples


if __name__ == "__main__":
    sys.exit(main())
