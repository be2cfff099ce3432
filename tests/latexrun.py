"""Running the real LaTeX toolchain on a .bib file, as a reader's document would: helpers for the tests.

A document cites every key (``\\cite``, not ``\\nocite{*}``, so that each key must resolve), in
the preamble most documents have (T1 fonts, UTF-8 input, ``url``; ``natbib`` for its styles;
``babel`` and ``csquotes`` for biblatex-apa). The result collects what a reader would see go
wrong: BibTeX's and biber's warnings, LaTeX's errors and warnings, keys with no entry.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

CLASSIC_STYLES = (
    "plain",
    "unsrt",
    "alpha",
    "abbrv",
    "ieeetr",
    "acm",
    "siam",
    "apalike",
    "plainnat",
    "abbrvnat",
    "unsrtnat",
)
"""Classic BibTeX styles of TeX Live (base and natbib)."""
BIBLATEX_STYLES = ("numeric", "authoryear", "alphabetic", "apa", "ieee")
"""biblatex styles: its own three, and biblatex-apa and biblatex-ieee where installed."""

_BENIGN = re.compile(
    r"Rerun to get|There were undefined references|Please \(re\)run|Please rerun|Label\(s\) may have changed"
    r"|Font shape .* undefined|Some font shapes were not available|Size substitutions|Empty bibliography"
    r"|Biber reported the following issues|Page breaks have changed"
    r"|fontspec Warning: Font .* does not contain|does not contain requested|Script '"  # a font's coverage, not data
)


@cache
def installed(name: str) -> bool:
    """Whether TeX can find ``name`` (a .bst, .sty or .bbx file)."""
    if shutil.which("kpsewhich") is None:
        return False
    found = subprocess.run(["kpsewhich", name], capture_output=True, text=True, check=False)
    return bool(found.stdout.strip())


def missing(*tools: str) -> list[str]:
    """The commands of ``tools`` that are not on PATH."""
    return [tool for tool in tools if shutil.which(tool) is None]


@dataclass
class Compiled:
    """What a run of the toolchain said, and what it wrote."""

    directory: Path
    backend_problems: list[str] = field(default_factory=list)
    """BibTeX's ``Warning--`` and error lines, or biber's WARN and ERROR lines."""
    latex_problems: list[str] = field(default_factory=list)
    """LaTeX's errors (with the line after) and warnings, font substitutions aside."""
    bbl: str = ""
    """The bibliography as typeset, decoded strictly as UTF-8 (BibTeX writes bytes)."""
    cited: list[str] = field(default_factory=list)
    """The keys the document cites."""

    @property
    def entries(self) -> list[str]:
        """Keys with an entry in the bibliography (or, with biber, an alias of one)."""
        found = re.findall(r"\\bibitem\s*(?:\[[^\]]*\])?\s*\{([^}]*)\}", self.bbl, re.S)
        return found + re.findall(r"\\entry\{([^}]*)\}", self.bbl) + re.findall(r"\\keyalias\{([^}]*)\}", self.bbl)

    @property
    def problems(self) -> list[str]:
        """Everything that went wrong, keys with no entry included."""
        absent = [f"no entry for \\cite{{{key}}}" for key in self.cited if key not in set(self.entries)]
        return self.backend_problems + self.latex_problems + absent


def keys_of(bib: str) -> list[str]:
    """The citekeys of the entries in ``bib`` (as our export writes it: one ``@type{key,`` per line)."""
    return re.findall(r"^@\w+\{([^,\s]+),\s*$", bib, re.M)


def _preamble(engine: str) -> str:
    if engine == "pdflatex":
        return "\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n"
    font = cjk_font()
    return f"\\usepackage{{fontspec}}\n\\usepackage{{xeCJK}}\n\\setCJKmainfont{{{font}}}\n\\setCJKmonofont{{{font}}}\n"


@cache
def cjk_font() -> str:
    """A font family with Chinese glyphs (fontconfig's first), or "" when there is none."""
    if shutil.which("fc-list") is None:
        return ""
    listed = subprocess.run(["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True, check=False).stdout
    families = sorted({line.split(",")[0].strip() for line in listed.splitlines() if line.strip()})
    # Fonts made for simplified Chinese first (a Big5 font lacks some of its characters).
    families.sort(key=lambda family: not any(word in family for word in ("WenQuanYi", "Noto", "Source Han")))
    return families[0] if families else ""


def _cites(keys: list[str]) -> str:
    return "\n".join("\\cite{" + ",".join(keys[start : start + 20]) + "}" for start in range(0, len(keys), 20))


def _run(args: list[str], directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=directory, capture_output=True, text=True, errors="replace", check=False, timeout=600
    )


def _latex_problems(log: str) -> list[str]:
    lines = log.splitlines()
    out = []
    for index, line in enumerate(lines):
        if line.startswith("!"):
            out.append(" ".join(lines[index : index + 2]))
        elif ("Warning" in line or "Missing character" in line) and not _BENIGN.search(line):
            out.append(line)
    return out


def compile_bibtex(
    directory: Path, bib: str, style: str, engine: str = "pdflatex", keys: list[str] | None = None
) -> Compiled:
    """``bib`` cited in full (or ``keys``) under ``style`` with classic BibTeX: engine, bibtex, engine twice."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "refs.bib").write_text(bib, encoding="utf-8")
    keys = keys if keys is not None else keys_of(bib)
    natbib = "\\usepackage{natbib}\n" if style.endswith("nat") else ""
    (directory / "doc.tex").write_text(
        "\\documentclass{article}\n" + _preamble(engine) + "\\usepackage{url}\n" + natbib + "\\begin{document}\n"
        f"{_cites(keys)}\n\\bibliographystyle{{{style}}}\n\\bibliography{{refs}}\n\\end{{document}}\n",
        encoding="utf-8",
    )
    _run([engine, "-interaction=nonstopmode", "doc"], directory)
    bibtex = _run(["bibtex", "doc"], directory)
    blg = (directory / "doc.blg").read_text(encoding="utf-8", errors="replace")
    result = Compiled(directory, cited=keys)
    result.backend_problems = [
        line
        for line in blg.splitlines()
        if re.search(r"Warning--|error message|I was expecting|I'm skipping|Illegal|Repeated entry|Sorry", line)
    ]
    if bibtex.returncode:
        result.backend_problems.append(f"bibtex exited with {bibtex.returncode}")
    return _typeset(result, engine)


def compile_biber(
    directory: Path,
    bib: str,
    style: str,
    engine: str = "pdflatex",
    validate: bool = True,
    keys: list[str] | None = None,
) -> Compiled:
    """``bib`` cited in full (or ``keys``) under biblatex's ``style``: engine, biber, engine twice."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "refs.bib").write_text(bib, encoding="utf-8")
    keys = keys if keys is not None else keys_of(bib)
    language = "\\usepackage[american]{babel}\n\\usepackage{csquotes}\n" if style == "apa" else ""
    (directory / "doc.tex").write_text(
        "\\documentclass{article}\n" + _preamble(engine) + language + f"\\usepackage[style={style}]{{biblatex}}\n"
        "\\addbibresource{refs.bib}\n\\begin{document}\n" + _cites(keys) + "\n\\printbibliography\n\\end{document}\n",
        encoding="utf-8",
    )
    _run([engine, "-interaction=nonstopmode", "doc"], directory)
    biber = _run(["biber", *(["--validate-datamodel"] if validate else []), "doc"], directory)
    blg = (directory / "doc.blg").read_text(encoding="utf-8", errors="replace")
    result = Compiled(directory, cited=keys)
    result.backend_problems = [
        line.split("> ", 1)[-1] for line in blg.splitlines() if "WARN" in line or "ERROR" in line
    ]
    if biber.returncode:
        result.backend_problems.append(f"biber exited with {biber.returncode}")
    return _typeset(result, engine)


def _typeset(result: Compiled, engine: str) -> Compiled:
    directory = result.directory
    for _ in range(2):
        _run([engine, "-interaction=nonstopmode", "doc"], directory)
    log = (directory / "doc.log").read_text(encoding="utf-8", errors="replace")
    result.latex_problems = _latex_problems(log)
    bbl = directory / "doc.bbl"
    try:
        result.bbl = bbl.read_bytes().decode("utf-8") if bbl.exists() else ""
    except UnicodeDecodeError as error:  # BibTeX cut a character in two
        result.latex_problems.append(f"doc.bbl is not UTF-8: {error}")
        result.bbl = bbl.read_bytes().decode("utf-8", errors="replace")
    return result
