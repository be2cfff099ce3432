"""Everything BibTeX, in one package; only :mod:`.codec` imports bibtexparser.

Bottom-up: :mod:`.latex` (LaTeX escapes both ways), :mod:`.names` (BibTeX name lists),
:mod:`.citekeys` (making and de-duplicating citation keys), :mod:`.reader` (.bib text read as
BibTeX reads it: macros, crossref), :mod:`.foreign` (CSL-JSON and RIS read into BibTeX's terms),
:mod:`.codec` (text <-> entries, writing through bibtexparser), :mod:`.to_paper` (an entry -> a
paper, for import), :mod:`.from_paper` (a paper -> an entry: the ``bibtex`` export format) and
:mod:`.datamodel` (the fields biblatex allows per entry type).

Importing this package loads nothing: import the module you need.
"""
