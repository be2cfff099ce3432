"""``sora-refs check --online``: the catalogue against arXiv (kept apart so that plain ``check`` stays light)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import output

if TYPE_CHECKING:
    from ... import Catalogue
    from ...fetch import OnlineCheck


@dataclass
class LookupReport:
    """What a service (arXiv, Crossref) said about the catalogue: the shape both reports share."""

    api: str
    findings: list[Any]
    requests: int
    from_cache: int
    error: str | None = None
    """Set when the service could not be asked at all (no network, the service down)."""

    @classmethod
    def of(cls, check: OnlineCheck) -> Any:
        """The report of a check made through :func:`sora_refs.fetch.check_online`."""
        return cls(check.api, check.findings, check.requests, check.from_cache, check.error)

    @property
    def ok(self) -> bool:
        """No difference, and every paper answered."""
        return self.error is None and all(f.ok for f in self.findings)

    def totals(self, noun: str) -> str:
        """``3 papers checked (1 request, 2 from the cache)``."""
        cached = f", {self.from_cache} from the cache" if self.from_cache else ""
        count = len(self.findings)
        return (
            f"{count} {noun}{'s' if count != 1 else ''} checked ({self.requests} request"
            f"{'s' if self.requests != 1 else ''}{cached})"
        )

    def base_dict(self) -> dict[str, Any]:
        return {
            "api": self.api,
            "ok": self.ok,
            "error": self.error,
            "checked": len(self.findings),
            "requests": self.requests,
            "from_cache": self.from_cache,
        }


@dataclass
class OnlineReport(LookupReport):
    """What arXiv said about the catalogue's preprints."""

    def counts(self) -> tuple[int, int]:
        differing = sum(1 for f in self.findings if f.differences)
        unanswered = sum(1 for f in self.findings if f.problem)
        return differing, unanswered

    def print(self) -> None:
        if self.error:
            output.echo(f"Online check failed: {self.error}")
            return
        for finding in self.findings:
            where = f"{finding.paper.label}, arXiv {finding.paper.ids.arxiv}"
            if finding.problem:
                output.echo(f"{where}: {finding.problem}")
            for difference in finding.differences:
                output.echo(f"{where}: {difference}")
        differing, unanswered = self.counts()
        verdict = "all agree" if self.ok else f"{differing} with differences, {unanswered} without an answer"
        output.echo(f"arXiv: {self.totals('paper')}: {verdict}.")

    def as_dict(self) -> dict[str, Any]:
        differing, unanswered = self.counts()
        return {
            **self.base_dict(),
            "with_differences": differing,
            "without_answer": unanswered,
            "findings": [
                {
                    "ref": f.paper.ref,
                    "key": f.paper.key,
                    "arxiv": f.paper.ids.arxiv,
                    "problem": f.problem,
                    "differences": [
                        {"field": d.field, "catalogue": d.catalogue, "arxiv": d.found, "note": d.note}
                        for d in f.differences
                    ],
                }
                for f in self.findings
                if not f.ok
            ],
        }


def online_check(catalogue: Catalogue, api: str | None, refresh: bool, timeout: float, format_: str) -> OnlineReport:
    """Ask arXiv about every paper with an arXiv id (cache first unless ``refresh``)."""
    from ... import fetch

    count = sum(1 for p in catalogue.papers if p.ids.arxiv)
    check = fetch.check_online(
        "arxiv",
        catalogue.papers,
        api=api,
        timeout=timeout,
        refresh=refresh,
        before=lambda url: output.message(f"Checking {count} papers against arXiv ({url})..."),
    )
    return OnlineReport.of(check)
