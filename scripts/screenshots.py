#!/usr/bin/env python3
"""Record SVG screenshots of real sora-refs commands into docs/screenshots/.

Each command runs as a real process with terminal rendering forced (SORA_REFS_TERMINAL=1) at a
fixed width, so that the pictures do not depend on the window of whoever runs this; its
coloured output is replayed into rich's recording console and saved with ``save_svg``.

    python scripts/screenshots.py            # every screenshot
    python scripts/screenshots.py search     # only those whose file name contains "search"
"""

from __future__ import annotations

import argparse
import io
import os
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
WIDTH = 110

SHOTS: list[tuple[str, str]] = [
    ("list-diffusion", "sora-refs list -c diffusion"),
    ("search-typo", "sora-refs search difusion transfomer"),
    ("search-explain", "sora-refs search 'author:ho' --explain"),
    ("search-chinese", "sora-refs --lang zh search 扩散 --limit 6"),
    ("search-error", "sora-refs search 'auther:ho year:2020-'"),
    ("show", "sora-refs show 26"),
]
"""(file name, command line): what the README shows."""


def record(command: str, width: int = WIDTH) -> str:
    """Run ``command`` and return its output (stdout then stderr) with colours, as a terminal shows it."""
    env = dict(
        os.environ,
        SORA_REFS_TERMINAL="1",
        COLUMNS=str(width),
        LINES="200",
        TERM="xterm-256color",
        COLORTERM="truecolor",
        SORA_REFS_NO_PAGER="1",
    )
    env.pop("NO_COLOR", None)
    args = shlex.split(command)
    args = [sys.executable, "-m", "sora_refs", *args[1:]]
    result = subprocess.run(args, env=env, capture_output=True, text=True, cwd=ROOT)
    return result.stdout + result.stderr


def save(name: str, command: str, width: int = WIDTH) -> Path:
    """Record ``command`` into ``docs/screenshots/<name>.svg``."""
    from rich.console import Console
    from rich.text import Text

    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor")
    console.print(Text("$ ", style="bold green") + Text(command, style="bold"))
    console.print(Text.from_ansi(record(command, width)), end="")
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.svg"
    console.save_svg(str(path), title=command)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="only screenshots whose name contains one of these")
    args = parser.parse_args()
    for name, command in SHOTS:
        if args.only and not any(part in name for part in args.only):
            continue
        path = save(name, command)
        print(f"{path.relative_to(ROOT)}  <-  {command}")


if __name__ == "__main__":
    main()
