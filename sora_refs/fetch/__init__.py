"""Everything that talks to the network: one HTTP session (:mod:`.net`), per-host politeness
(:mod:`.hosts`), PDF downloads (:mod:`.download`, :mod:`.pdfstore`) and the online checks
against arXiv and Crossref (:mod:`.arxiv`, :mod:`.crossref`, :mod:`.lookups`).

Only :mod:`.net` imports requests, and only when a request is made.
"""
