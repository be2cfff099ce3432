"""What each command imports, from `python -X importtime`: the start-up check.

    python benchmarks/imports.py

For each command it prints the total import time and which of the heavy third-party packages
(click, rich, yaml, requests, bibtexparser, jinja2) were imported, with their cumulative cost.
Nothing imports requests or bibtexparser on a path that does not use them; rich only renders.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

HEAVY = ("click", "rich", "yaml", "requests", "bibtexparser", "jinja2", "urllib3")
COMMANDS = [
    ["--help"],
    ["list", "--format", "json"],
    ["list"],
    ["show", "26"],
    ["check"],
    ["stats", "--format", "json"],
    ["tree"],
    ["search", "diffusion"],
    ["export", "--format", "bibtex"],
    ["cite", "26"],
]


def imports(args: list[str], env: dict[str, str]) -> tuple[float, dict[str, float]]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "sora_refs", *args], capture_output=True, text=True, env=env
    )
    total = 0.0
    heavy: dict[str, float] = {}
    for line in result.stderr.splitlines():
        # "import time:   self_us |   cumulative_us |   <indent>name"
        if not line.startswith("import time:"):
            continue
        parts = line[len("import time:") :].split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        cumulative = int(parts[1]) / 1000
        name = parts[2].rstrip()
        depth = len(name) - len(name.lstrip()) - 1  # one space after the bar, two more per level
        module = name.strip()
        if depth == 0:
            total += cumulative
        if module in HEAVY:
            heavy[module] = cumulative
    return total, heavy


def main() -> None:
    from sora_refs.cli import COMMANDS as AVAILABLE

    env = dict(os.environ, SORA_REFS_CACHE_DIR=tempfile.mkdtemp(prefix="sora-refs-imports-"))
    env.pop("SORA_REFS_TERMINAL", None)
    print(f"{'command':<28} {'imports':>9}  heavy packages imported (cumulative ms)")
    for args in COMMANDS:
        if args[0] != "--help" and args[0] not in AVAILABLE:
            continue
        imports(args, env)  # the first run fills the catalogue cache
        total, heavy = imports(args, env)
        listed = ", ".join(f"{name} {ms:.0f}" for name, ms in sorted(heavy.items(), key=lambda kv: -kv[1])) or "-"
        print(f"{' '.join(args):<28} {total:7.1f}ms  {listed}")


if __name__ == "__main__":
    main()
