"""A title (or note) given back as its file wrote it, where the decoded text would print otherwise.

The catalogue keeps text as Unicode (``Are GANs Created Equal? A Large-Scale Study``); the export
writes it back escaped, bracing the words a style must not lower-case by a rule (capitals inside a
word: ``{GANs}``). What the rule cannot know is lost on the way: the author's ``{A}`` after a
question mark, ``{B}ayesian``, a whole title in double braces, ``$O(n^2)$``, ``\\emph{}``,
``\\LaTeX``. So import keeps the value as written in ``extra`` when it would print differently
(:func:`worth_keeping`), and export writes it back while the catalogue's text is still what it
decodes to (:func:`written`): edit the title and the rule applies again.

Only values made of commands every LaTeX has are kept: a file's own macros (defined in its
``@preamble``, which an export does not carry) would be undefined in the reader's document.
"""

from __future__ import annotations

import re

from .latex import FORMATTING, escape, protect_title, unescape, unicode_safe

AS_WRITTEN = {"title": True, "note": False}
"""Fields kept as written, and whether styles change their case (BibTeX's ``change.case$``)."""

_CONTROL_WORD = re.compile(r"\\([A-Za-z]+)")
_DOLLAR = re.compile(r"(?<!\\)\$")

_LOSSLESS = frozenset(
    "H c v u k d b r t ss o O l L ae AE oe OE aa AA i j textbackslash textasciitilde textasciicircum ldots "
    "dots textendash textemdash textquoteright textquoteleft textquotedblleft textquotedblright texteuro "
    "pounds textcopyright S P textunderscore textdollar textbraceleft textbraceright".split()
)
"""Commands the catalogue's text decodes and the export writes again: nothing to keep for them."""

_STANDARD = (
    _LOSSLESS
    # \mathbb needs amsfonts, \enquote csquotes, \mkbib... biblatex
    | (FORMATTING - {"mathbb", "enquote", "mkbibquote", "mkbibemph", "mkbibitalic", "mkbibbold"})
    | frozenset(
        "TeX LaTeX LaTeXe alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda "
        "mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta "
        "Lambda Xi Pi Sigma Upsilon Phi Psi Omega times cdot cdots pm mp leq le geq ge neq approx sim simeq "
        "equiv infty to rightarrow leftarrow Rightarrow Leftrightarrow sum prod int sqrt frac log ln exp sin "
        "cos min max ell partial nabla mid in notin subset subseteq cup cap forall exists circ star ast "
        "prime lbrace rbrace langle rangle textbar textless textgreater".split()
    )
)
"""Commands of LaTeX itself (no package needed), in text or math mode."""
_STANDARD |= frozenset(
    "slash textellipsis textsuperscript textsubscript textregistered texttrademark textdagger textsection "
    "textbullet textperiodcentered textquotesingle textasciigrave nobreakspace quad qquad enspace thinspace "
    "newline linebreak nolinebreak space textunderscore textvisiblespace textordfeminine textordmasculine "
    "textdegree textonehalf textonequarter textthreequarters textcent textyen textsterling guilsinglleft "
    "guilsinglright quotedblbase quotesinglbase dag ddag copyright textexclamdown textquestiondown ng NG "
    "dj DJ th TH dh DH unskip ignorespaces hfill hfil null empty log ln exp sin cos tan lim sup inf det dim gcd"
    " Pr arg deg".split()
)
_BIBLATEX = frozenset(
    "autocap mkbibquote mkbibemph mkbibitalic mkbibbold mkbibparens mkbibbrackets mkbibacro bibstring "
    "biblstring bibsstring addspace addnbspace addthinspace addcomma adddot addcolon addsemicolon addperiod "
    "addabbrvspace addslash isdot nopunct printtext".split()
)
"""biblatex's own commands, which its fields may use (``relatedstring = {\\autocap{e}xcerpt}``)."""

PRINTED = frozenset(
    "address author booktitle chapter doi edition editor eprint howpublished institution isbn issn journal "
    "key month note number organization pages publisher school series title type url volume year".split()
)
"""Fields classic BibTeX styles (plain ... natbib's) print or sort by; a macro in any other is never typeset."""


def standard(raw: str, biblatex: bool = False) -> bool:
    """Whether every command in ``raw`` is one of LaTeX's own (or biblatex's): no ``@preamble`` needed."""
    if "\\" not in raw:
        return True
    known = _STANDARD | _BIBLATEX if biblatex else _STANDARD
    return all(name in known for name in _CONTROL_WORD.findall(raw))


def _lossy(raw: str) -> bool:
    """Math, or a command the decoded text does not keep (a font change, a logo)."""
    return bool(_DOLLAR.search(raw)) or any(name not in _LOSSLESS for name in _CONTROL_WORD.findall(raw))


def sentence_cased(latex: str) -> str:
    """``latex`` as BibTeX's ``change.case$`` with ``"t"`` leaves it (plain, abbrv, alpha... titles).

    Lower case outside braces, but for the first character and the first after a colon and a
    space; a brace group is kept, unless it opens with a command (``{\\"U}``: a "special
    character", lower-cased like a letter). Only ASCII letters change: BibTeX works on bytes.
    """
    out: list[str] = []
    depth, index, keep = 0, 0, True
    colon = False
    while index < len(latex):
        char = latex[index]
        if depth == 0 and char == "\\":  # a command at the top: its name stays, as BibTeX leaves it
            name = _CONTROL_WORD.match(latex, index)
            end = name.end() if name else index + 2
            out.append(latex[index:end])
            index = end
            keep = False
            continue
        if char == "{":
            special = depth == 0 and latex.startswith("{\\", index)
            close = _matching(latex, index)
            group = latex[index:close]
            if special and not keep:
                group = _lower_outside_names(group)
            out.append(group)
            index = close
            keep = colon = False
            continue
        if char.isspace():
            keep = keep or colon
        else:
            colon = char == ":"
            if not keep:
                char = char.lower() if char.isascii() else char
            keep = False
        out.append(char)
        index += 1
    return "".join(out)


def _matching(latex: str, start: int) -> int:
    """The index after the brace that closes the group opened at ``start`` (or the end)."""
    depth = 0
    index = start
    while index < len(latex):
        char = latex[index]
        if char == "\\":
            index += 2
            continue
        depth += (char == "{") - (char == "}")
        index += 1
        if depth == 0:
            return index
    return len(latex)


def _lower_outside_names(group: str) -> str:
    pieces, position = [], 0
    for name in _CONTROL_WORD.finditer(group):
        pieces.append(group[position : name.start()].lower())
        pieces.append(name.group(0))
        position = name.end()
    pieces.append(group[position:].lower())
    return "".join(pieces)


def braced_math(latex: str) -> str:
    """``latex`` with math outside braces braced: ``{$O(n^2)$}``, which no style lower-cases to ``o(n^2)``."""
    if "$$" in latex:
        return latex
    out: list[str] = []
    depth, index, copied = 0, 0, 0
    start: int | None = None
    while index < len(latex):
        char = latex[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "$" and depth == 0:
            if start is None:
                start = index
            else:
                out.append(latex[copied:start] + "{" + latex[start : index + 1] + "}")
                copied, start = index + 1, None
        index += 1
    out.append(latex[copied:])
    return "".join(out)


def worth_keeping(raw: str, text: str, ours: str, cased: bool) -> bool:
    """Whether ``raw`` (the file's LaTeX for ``text``) prints what ``ours`` (the export's) would not.

    ``cased``: styles change the field's case, so the capitals ``raw`` protects count.
    """
    if not standard(raw):
        return False
    if _lossy(raw):
        return True
    if not cased:
        return False
    theirs_printed = unescape(sentence_cased(raw))
    ours_printed = unescape(sentence_cased(ours))
    if len(theirs_printed) != len(ours_printed):
        return theirs_printed.casefold() != ours_printed.casefold()
    return any(a.isupper() and b.islower() for a, b in zip(theirs_printed, ours_printed, strict=True))


def written(extra: dict[str, str], name: str, text: str | None, ascii_only: bool) -> str | None:
    """Field ``name`` as the file wrote it, taken out of ``extra``, while ``text`` is still what it says."""
    raw = extra.pop(name, None)
    if raw is None or not text or " ".join(unescape(raw).split()) != text:
        return None
    return unicode_safe(raw, ascii_only)


def keep_as_written(fields: dict[str, str], texts: dict[str, str | None], extra: dict[str, str]) -> None:
    """The title and note as written, in ``extra``, where the export of their text would print otherwise."""
    for name, cased in AS_WRITTEN.items():
        raw, text = fields.get(name), texts.get(name)
        if raw is None or not text or raw == text:
            continue
        if cased and "$" in raw:
            raw = braced_math(raw)
        ours = protect_title(escape(text)) if cased else escape(text)
        if raw != ours and worth_keeping(raw, text, ours, cased):
            extra[name] = raw
