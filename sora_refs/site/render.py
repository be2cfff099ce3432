"""Turning the page's data into one HTML document with Jinja2, autoescaping on.

Jinja2 is imported here only, and only when a page is built. The inline style and script get a
Content-Security-Policy hash each, so that the browser itself refuses any other script: even a
template mistake could not let a catalogue's ``<script>`` run.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache, lru_cache
from importlib import resources
from typing import Any

_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe between ``<script>`` tags.

    ``<``, ``>`` and ``&`` become ``\\u003c`` and friends, so neither ``</script>`` nor ``<!--``
    can appear; U+2028 and U+2029 are escaped for old JavaScript parsers. ``JSON.parse`` reads
    it back unchanged.
    """
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).translate(_SCRIPT_ESCAPES)


def csp_hash(text: str) -> str:
    """``'sha256-...'`` of an inline ``<script>`` or ``<style>`` body, for the page's CSP."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def asset(name: str) -> str:
    """A file of the templates folder (the page's CSS and JavaScript) as text."""
    return resources.files(__package__).joinpath("templates").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def environment() -> Any:
    """The Jinja2 environment: templates from the package, autoescaping everywhere."""
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=True,  # every template, whatever its extension
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    from .i18n import text
    from .svg import fit

    env.globals["t"] = text
    env.globals["fit"] = fit
    env.filters["script_json"] = lambda value: Markup(script_json(value))
    return env


SCRIPTS = ("search.js", "rows.js", "highlights.js", "charts.js", "page.js")
"""The page's script, in this order: the search, the windowed rows, the highlights, the charts, then
page.js, which uses them all."""


def render_page(context: dict[str, Any], version: str) -> str:
    """The HTML document for ``context`` (from :func:`.builder.page_data`)."""
    from markupsafe import Markup

    script, style = "".join(asset(name) for name in SCRIPTS), asset("page.css")
    for name, text in (("page.js", script), ("page.css", style)):
        # The assets are ours, but they go inline: a closing tag inside would end them early.
        if "</" in text:
            raise AssertionError(f"{name} must not contain '</'")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {csp_hash(script)}",
            f"style-src {csp_hash(style)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    template = environment().get_template("page.html.j2")
    return template.render(**context, version=version, csp=csp, script=Markup(script), style=Markup(style))
