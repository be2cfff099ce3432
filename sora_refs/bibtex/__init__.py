"""Everything BibTeX, in one package; only :mod:`.codec` imports bibtexparser.

Bottom-up: :mod:`.latex` (LaTeX escapes both ways), :mod:`.names` (BibTeX name lists),
:mod:`.citekeys` (making and de-duplicating citation keys), :mod:`.codec` (text <-> entries,
wrapping bibtexparser), :mod:`.to_paper` (an entry -> a paper, for import) and
:mod:`.from_paper` (a paper -> an entry: the ``bibtex`` export format).

Importing this package loads nothing: import the module you need.
"""
