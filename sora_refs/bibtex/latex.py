"""LaTeX escaping for BibTeX text fields, and its inverse for import.

``escape`` turns text into what BibTeX and LaTeX print back as the same text; ``unescape``
reads it back (and the usual forms found in real .bib files: ``{\\"u}``, ``\\'{e}``,
``{\\ss}``, protective braces). URLs and DOIs are never passed through here.
"""

from __future__ import annotations

import re
import unicodedata

# Characters LaTeX treats specially, and how to write them literally.
_SPECIAL = {
    # Braces as commands: BibTeX counts the brace in "\{" when it balances a field.
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL_RE = re.compile(r"[\\{}&%$#_~^]")
_DOUBLE_HYPHEN = re.compile(r"-(?=-)")
_DASH = {"–": "--", "—": "---"}
"""Dashes as LaTeX writes them: every engine prints them, and xeCJK does not take U+2013 for a CJK
character (it would set it in the CJK font, which has none)."""

# Combining marks -> LaTeX accent commands (for --ascii).
_ACCENTS = {
    "\u0300": "`",
    "\u0301": "'",
    "\u0302": "^",
    "\u0303": "~",
    "\u0308": '"',
    "\u030b": "H",
    "\u0327": "c",
    "\u030c": "v",
    "\u0306": "u",
    "\u0304": "=",
    "\u0307": ".",
    "\u030a": "r",
    "\u0328": "k",
    "\u0323": "d",
    "\u0331": "b",
}
# Letters with no decomposition, and typography, -> LaTeX (for --ascii).
_LETTERS = {
    "ß": r"{\ss}",
    "æ": r"{\ae}",
    "Æ": r"{\AE}",
    "œ": r"{\oe}",
    "Œ": r"{\OE}",
    "ø": r"{\o}",
    "Ø": r"{\O}",
    "ł": r"{\l}",
    "Ł": r"{\L}",
    "ı": r"{\i}",
    "å": r"{\aa}",
    "Å": r"{\AA}",
    "đ": r"{\dj}",
    "Đ": r"{\DJ}",
    "þ": r"{\th}",
    "Þ": r"{\TH}",
    "ð": r"{\dh}",
    "Ð": r"{\DH}",
    "–": "--",
    "—": "---",
    "‘": r"{\textquoteleft}",
    "’": r"{\textquoteright}",
    "“": r"{\textquotedblleft}",
    "”": r"{\textquotedblright}",
    "…": r"{\ldots}",
    "«": r"{\guillemotleft}",
    "»": r"{\guillemotright}",
    "¡": r"{!`}",
    "¿": r"{?`}",
    "§": r"{\S}",
    "¶": r"{\P}",
    "©": r"{\textcopyright}",
    "£": r"{\pounds}",
    "€": r"{\texteuro}",
}
_UNLETTERS = {v.strip("{}\\"): k for k, v in _LETTERS.items() if v.startswith("{\\")}


def escape(text: str, ascii_only: bool = False) -> str:
    """``text`` with LaTeX's special characters escaped; non-ASCII letters as accent commands if ``ascii_only``.

    Whitespace runs become one space (BibTeX would collapse them anyway).
    """
    text = " ".join(text.split())
    if _NEEDS_ESCAPE.search(text) is None and (text.isascii() or not ascii_only):
        return text  # the common case: nothing to do
    text = _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group()], text)
    # LaTeX would print "--" as a dash; an empty group keeps the two hyphens.
    text = _DOUBLE_HYPHEN.sub("-{}", text)
    text = _DASHES.sub(lambda m: _DASH[m.group()], text)
    # Greek and mathematical symbols exist in LaTeX in math mode only (pdflatex stops at a bare
    # "α"); braced, so that no style lower-cases \Gamma.
    text = _MATH_RUN.sub(lambda m: "{$" + "".join(_MATH[c] for c in m.group()) + "$}", text)
    if _MARK.search(text):
        text = _marks_as_commands(unicodedata.normalize("NFC", text))
    if ascii_only and not text.isascii():
        text = "".join(_ascii_char(c) for c in unicodedata.normalize("NFC", text))
    return text


def _marks_as_commands(text: str) -> str:
    """A letter with an accent Unicode has no single character for (``P̄``) as LaTeX's ``{\\=P}``.

    No engine's default fonts print a combining mark on its own.
    """

    def command(match: re.Match[str]) -> str:
        letter, marks = match.group(1), match.group(2)
        if any(mark not in _ACCENTS for mark in marks):
            return match.group()
        for mark in marks:
            accent = _ACCENTS[mark]
            letter = f"{{\\{accent}{{{letter}}}}}" if accent.isalpha() else f"{{\\{accent}{letter}}}"
        return letter

    return _MARKED.sub(command, text)


def unicode_safe(latex: str, ascii_only: bool = False) -> str:
    """LaTeX as a file wrote it, with what :func:`escape` does to Unicode done to it too.

    Dashes and math letters (outside math mode) become their LaTeX; with ``ascii_only``,
    letters become accent commands. LaTeX's own characters are left alone: they are markup.
    """
    if latex.isascii():
        return latex
    latex = _DASHES.sub(lambda m: _DASH[m.group()], latex)
    if "$" not in latex:
        latex = _MATH_RUN.sub(lambda m: "{$" + "".join(_MATH[c] for c in m.group()) + "$}", latex)
    if _MARK.search(latex):
        latex = _marks_as_commands(unicodedata.normalize("NFC", latex))
    if ascii_only:
        latex = "".join(_ascii_char(c) for c in unicodedata.normalize("NFC", latex))
    return latex


def _ascii_char(char: str) -> str:
    if char.isascii():
        return char
    if char in _LETTERS:
        return _LETTERS[char]
    decomposed = unicodedata.normalize("NFD", char)
    if len(decomposed) == 2 and decomposed[0].isascii() and decomposed[1] in _ACCENTS:
        base, command = decomposed[0], _ACCENTS[decomposed[1]]
        # Plain "i", not "\i": biber turns {\"\i} into a combining mark pdflatex cannot print.
        return f"{{\\{command}{{{base}}}}}" if command.isalpha() else f"{{\\{command}{base}}}"
    # No LaTeX spelling (CJK, emoji...): kept as UTF-8, the only lossless choice.
    return char


def _has_inner_capital(word: str) -> bool:
    # Per hyphenated part: "VQ-VAE" needs braces, "Text-to-Image" does not.
    for part in word.split("-"):
        letters = [c for c in part if c.isalpha()]
        if any(c.isupper() for c in letters[1:]):
            return True
    return False


def protect_title(escaped: str) -> str:
    """Brace, word by word, the words whose capitals a style must not lower-case (``{LSTMs}``).

    A word needs it when a capital follows its first letter (acronyms, ``MoCoGAN``, ``NÜWA``).
    Works on already escaped text: a word's trailing punctuation stays outside the braces.
    """
    out = []
    for word in escaped.split(" "):
        tail = word[1:]
        if tail == tail.lower():  # no capital after the first character: nothing to protect
            out.append(word)
            continue
        core = word.rstrip(",.:;!?)")
        lead = len(core) - len(core.lstrip("("))
        core_text = core[lead:]
        plain = unescape(core_text) if "\\" in core_text or "{" in core_text else core_text
        if core_text and _has_inner_capital(plain):
            word = word[:lead] + "{" + core_text + "}" + word[len(core) :]
        out.append(word)
    return " ".join(out)


# -- reading back ---------------------------------------------------------------------------

_COMMAND = re.compile(
    r"""\\(?P<accent>[`'^"~=.])\s*(?:\{(?P<braced>\\?[A-Za-z]?)\}|(?P<bare>\\?[A-Za-z]))"""
    r"""|\\(?P<letter>[Hcvukdbr])(?:\s*\{(?P<lbraced>\\?[A-Za-z]?)\}|\s+(?P<lbare>\\?[A-Za-z]))"""
    r"""|\\(?P<name>[A-Za-z]+)(?:\{\}|\s+|(?![A-Za-z]))"""
    r"""|\\(?P<symbol>[\\{}&%$#_ ,;!/@-])"""
)
_MARKS = {v: k for k, v in _ACCENTS.items()}
_NAMED = {
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "i": "ı",
    "j": "ȷ",
    "ldots": "…",
    "dots": "…",
    "textendash": "–",
    "textemdash": "—",
    "textquoteright": "’",
    "textquoteleft": "‘",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "guillemotleft": "«",
    "guillemotright": "»",
    "texteuro": "€",
    "pounds": "£",
    "textcopyright": "©",
    "S": "§",
    "P": "¶",
    "textunderscore": "_",
    "textdollar": "$",
    "textpercent": "%",
    "textampersand": "&",
    "textbraceleft": "{",
    "textbraceright": "}",
}


# Greek letters and a few symbols of math mode ($\\alpha$-divergence), as the text prints them.
_GREEK = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi chi psi"
_GREEK += " omega"
_CAPITALS = "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega"
_NAMED.update(zip(_GREEK.split(), "αβγδεζηθικλμνξπρστυφχψω"))
_NAMED.update(zip(_CAPITALS.split(), "ΓΔΘΛΞΠΣΥΦΨΩ"))
_NAMED.update({"varepsilon": "ε", "vartheta": "ϑ", "varphi": "φ", "ell": "ℓ", "times": "×", "pm": "±"})
_NAMED.update({"infty": "∞", "leq": "≤", "geq": "≥", "neq": "≠", "approx": "≈", "cdot": "·", "to": "→"})
# Operator names print as words: $O(n \log n)$ is "O(n log n)".
_OPERATORS = frozenset("log ln exp sin cos tan lim sup inf det dim gcd min max arg deg Pr".split())
_NAMED.update({name: name for name in _OPERATORS})

_MATH = {
    char: "\\" + name
    for name, char in reversed(list(_NAMED.items()))  # the first name of a letter wins: \phi, not \varphi
    if name in (*_GREEK.split(), *_CAPITALS.split(), "varepsilon", "vartheta", "varphi", "ell", "infty", "leq")
    or name in ("geq", "neq", "approx", "to")
}
"""Characters LaTeX has only in math mode -> their command (``α`` -> ``\\alpha``)."""
_MATH_RUN = re.compile("[" + "".join(_MATH) + "]+")
_DASHES = re.compile("[–—]")
_NEEDS_ESCAPE = re.compile("[" + re.escape("\\{}&%$#_~^–—" + "".join(_MATH)) + "\u0300-\u036f]|--")
_MARK = re.compile("[\u0300-\u036f]")
_MARKED = re.compile("([^\u0300-\u036f])([\u0300-\u036f]+)")

# The logos of the TeX world, as bibliographies about it write them (and define them in @preamble).
_NAMED.update(
    {
        logo: logo
        for logo in "TeX LaTeX BibTeX AmSTeX AmS AMS ConTeXt XeTeX XeLaTeX LuaTeX LuaLaTeX pdfTeX pdfLaTeX eTeX "
        "SliTeX PiCTeX METAFONT METAPOST MetaPost MF MP".split()
    }
)
_NAMED.update({"LaTeXe": "LaTeX2ε", "TUB": "TUGboat", "TUG": "TUG", "ae": "æ", "AE": "Æ"})

FORMATTING = frozenset(
    "sc bf it em rm tt sf sl up md scshape bfseries itshape upshape mdseries slshape normalfont rmfamily sffamily "
    "ttfamily tiny scriptsize footnotesize small normalsize large Large LARGE huge Huge "
    "textsc textbf textit emph texttt textrm textsf textsl textup textmd textnormal mbox hbox "
    "mathrm mathit mathbf mathsf mathtt mathcal mathbb ensuremath boldmath unboldmath relax protect "
    "enquote mkbibquote mkbibemph mkbibitalic mkbibbold".split()
)
"""Font switches and formatting commands: they change how text looks, not what it says, so the
plain text keeps their argument (``{\\sc ESTAR}``, ``\\emph{Nature}``) and drops the command."""


NOOPSORT = re.compile(r"\\noopsort\s*\{[^{}]*\}")
"""BibTeX's documented sorting trick, ``{\\noopsort{1973c}}1981``: prints nothing, sorts by its argument."""

_URL_COMMAND = re.compile(r"\\(?:url|path)\s*\{([^{}]*)\}|\\href\s*\{([^{}]*)\}\s*\{((?:[^{}]|\{[^{}]*\})*)\}")


def unescape(text: str) -> str:
    """Plain Unicode text from a BibTeX field value: commands decoded, protective braces dropped.

    ``\\url{U}`` gives ``U`` untouched (a URL's ``~``, ``%`` and ``_`` are literal);
    ``\\href{U}{T}`` gives ``T (U)``, or ``U`` when the text is the URL.
    """
    if not _NEEDS_DECODING.search(text):
        return text
    if "\\noopsort" in text:
        text = NOOPSORT.sub("", text)
    if "\\url" in text or "\\href" in text or "\\path" in text:
        pieces, position = [], 0
        for match in _URL_COMMAND.finditer(text):
            pieces.append(_unescape(text[position : match.start()]))
            url = match.group(1) if match.group(1) is not None else match.group(2)
            label = _unescape(match.group(3)) if match.group(3) is not None else url
            pieces.append(url if label in (url, "") else f"{label} ({url})")
            position = match.end()
        pieces.append(_unescape(text[position:]))
        return "".join(pieces)
    return _unescape(text)


def _unescape(text: str) -> str:
    if "break" in text:
        text = _BREAK.sub("", text)
    pieces: list[str] = []
    position = 0
    for match in _COMMAND.finditer(text):
        pieces.append(_plain(text[position : match.start()]))
        pieces.append(_decode_command(match))
        position = match.end()
    pieces.append(_plain(text[position:]))
    plain = "".join(pieces)
    # An accent on nothing (Beebe's "Ry{\\'{}cko}") falls on the letter before it: one character.
    return unicodedata.normalize("NFC", plain) if _MARK.search(plain) else plain


_BREAK = re.compile(r"\\(?:no)?(?:line|page)break\s*(?:\[\d\])?")
"""Line- and page-break hints (``\\linebreak[2]``): where a line may end, not text."""


def _decode_command(match: re.Match[str]) -> str:
    accent = match.group("accent") or match.group("letter")
    if accent:
        base = next((b for b in match.group("braced", "bare", "lbraced", "lbare") if b is not None), "")
        base = {"\\i": "i", "\\j": "j"}.get(base, base)
        # Compose only the decoded letter, never the text around it.
        return unicodedata.normalize("NFC", base + _MARKS[accent]) if base else _MARKS[accent]
    if match.group("name"):
        name = match.group("name")
        if name in _OPERATORS:  # math spaces an operator from what follows: "\\log n" is "log n"
            after = match.string[match.end() : match.end() + 1]
            return name + " " if match.group(0)[-1].isspace() or after == "\\" else name
        if name in _NAMED:
            return _NAMED[name]
        if name in _UNLETTERS:
            return _UNLETTERS[name]
        if name in FORMATTING:
            return ""
        if match.string.startswith("{", match.end()):
            # A macro of the file's own applied to text (\\book{Watt}, \\enquote{...}): the text
            # is what it says; "\\bookWatt" would be no one's title.
            return ""
        # Unknown: keep it visible rather than lose it, and the space after it with it.
        return "\\" + name + (" " if match.group(0)[len(name) + 1 :].isspace() else "")
    symbol = match.group("symbol")
    # \, \; \  are spaces; \! \/ \@ \- (kerning, italic correction, spacing, a hyphenation point) are nothing.
    return " " if symbol in " ,;" else "" if symbol in "!/@-" else symbol


_NEEDS_DECODING = re.compile(r"[\\{}~$]|--")


def _plain(chunk: str) -> str:
    # Dashes first: "-{}-" (an escaped double hyphen) must stay two hyphens. An unescaped $ only
    # switches math mode (Google Scholar's "${$USENIX$}$"); a dollar sign itself is written \$.
    chunk = chunk.replace("---", "—").replace("--", "–")
    return chunk.replace("{", "").replace("}", "").replace("~", " ").replace("$", "")
