"""``sora-refs check --online``: the Crossref part (the catalogue's DOIs against what publishers registered)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import output
from ._arxiv_report import LookupReport

if TYPE_CHECKING:
    from ... import Catalogue


@dataclass
class CrossrefReport(LookupReport):
    """What Crossref said about the catalogue's DOIs (a DOI Crossref does not know is fine)."""

    def counts(self) -> tuple[int, int, int]:
        """Papers with differences, DOIs not in Crossref, DOIs without an answer."""
        return (
            sum(1 for f in self.findings if f.differences),
            sum(1 for f in self.findings if f.missing),
            sum(1 for f in self.findings if f.problem),
        )

    def print(self) -> None:
        if self.error:
            output.echo(f"Crossref check failed: {self.error}")
            return
        for finding in self.findings:
            where = f"{finding.paper.label}, DOI {finding.paper.ids.doi}"
            if finding.problem:
                output.echo(f"{where}: {finding.problem}")
            for difference in finding.differences:
                output.echo(f"{where}: {difference}")
            for note in finding.notes:
                output.echo(f"{where}: note: {note}")
        differing, missing, unanswered = self.counts()
        parts = [f"{differing} with differences"] if differing else []
        if unanswered:
            parts.append(f"{unanswered} without an answer")
        verdict = ", ".join(parts) or "all agree"
        if missing:
            verdict += f" ({missing} not in Crossref)"
        output.echo(f"Crossref: {self.totals('DOI')}: {verdict}.")

    def as_dict(self) -> dict[str, Any]:
        differing, missing, unanswered = self.counts()
        return {
            **self.base_dict(),
            "with_differences": differing,
            "not_in_crossref": missing,
            "without_answer": unanswered,
            "findings": [
                {
                    "ref": f.paper.ref,
                    "key": f.paper.key,
                    "doi": f.paper.ids.doi,
                    "problem": f.problem,
                    "in_crossref": not f.missing,
                    "differences": [
                        {"field": d.field, "catalogue": d.catalogue, "crossref": d.found, "note": d.note}
                        for d in f.differences
                    ],
                    "notes": list(f.notes),
                }
                for f in self.findings
                if f.differences or f.notes or f.problem
            ],
        }


def crossref_check(catalogue: Catalogue, api: str | None, refresh: bool, timeout: float) -> CrossrefReport | None:
    """Ask Crossref about every paper with a DOI (cache first unless ``refresh``); None when there is none."""
    from ... import fetch

    count = sum(1 for p in catalogue.papers if p.ids.doi)
    if not count:
        return None
    dois = f"{count} DOI{'s' if count != 1 else ''}"
    check = fetch.check_online(
        "crossref",
        catalogue.papers,
        api=api,
        timeout=timeout,
        refresh=refresh,
        before=lambda url: output.message(f"Checking {dois} against Crossref ({url})..."),
    )
    return CrossrefReport.of(check)
