"""Which fields biblatex's data model allows per entry type (``biber --validate-datamodel``).

Read from biblatex 3's ``blx-dm.def`` (the data model biber validates against): the fields
every entry type may have, and those of each type the export writes. A field outside these is
left out of the biblatex export (the BibTeX export and the catalogue keep it).
"""

from __future__ import annotations

COMMON = frozenset(
    """
abstract annotation authortype bookpagination crossref day doi endday endhour endminute endmonth
endsecond endtimezone endyear endyeardivision entryset entrysubtype eprint eprintclass
eprinttype execute file gender hour ids indexsorttitle indextitle isan ismn iswc keywords label
langid langidopts library lista listb listc listd liste listf minute month namea nameaddon
nameatype nameb namebtype namec namectype options origday origendday origendhour origendminute
origendmonth origendsecond origendtimezone origendyear origendyeardivision orighour origlocation
origminute origmonth origpublisher origsecond origtimezone origtitle origyear origyeardivision
pagination presort related relatedoptions relatedstring relatedtype second shortauthor
shorteditor shorthand shorthandintro shortjournal shortseries shorttitle sortkey sortname
sortshorthand sorttitle sortyear timezone url urlday urlendday urlendhour urlendminute
urlendmonth urlendsecond urlendtimezone urlendyear urlhour urlminute urlmonth urlsecond
urltimezone urlyear usera userb userc userd usere userf verba verbb verbc xdata xref year
yeardivision year date urldate eventdate origdate
""".split()
)
"""Fields any entry may have (dates, identifiers, keywords, files...)."""

BY_TYPE = {
    "article": frozenset(
        """
        addendum annotator author commentator editor editora editoratype editorb editorbtype
        editorc editorctype editortype eid issn issue issuesubtitle issuetitle issuetitleaddon
        journalsubtitle journaltitle journaltitleaddon language note number origlanguage pages
        pubstate series subtitle title titleaddon translator version volume
    """.split()
    ),
    "inproceedings": frozenset(
        """
        addendum author booksubtitle booktitle booktitleaddon chapter editor editortype eid
        eventday eventendday eventendhour eventendminute eventendmonth eventendsecond
        eventendtimezone eventendyear eventendyeardivision eventhour eventminute eventmonth
        eventsecond eventtimezone eventtitle eventtitleaddon eventyear eventyeardivision isbn
        language location mainsubtitle maintitle maintitleaddon note number organization pages
        part publisher pubstate series subtitle title titleaddon venue volume volumes
    """.split()
    ),
    "incollection": frozenset(
        """
        addendum afterword annotator author booksubtitle booktitle booktitleaddon chapter
        commentator edition editor editora editoratype editorb editorbtype editorc editorctype
        editortype eid foreword introduction isbn language location mainsubtitle maintitle
        maintitleaddon note number origlanguage pages part publisher pubstate series subtitle
        title titleaddon translator volume volumes
    """.split()
    ),
    "inbook": frozenset(
        """
        addendum afterword annotator author bookauthor booksubtitle booktitle booktitleaddon
        chapter commentator edition editor editora editoratype editorb editorbtype editorc
        editorctype editortype eid foreword introduction isbn language location mainsubtitle
        maintitle maintitleaddon note number origlanguage pages part publisher pubstate series
        subtitle title titleaddon translator volume volumes
    """.split()
    ),
    "book": frozenset(
        """
        addendum afterword annotator author chapter commentator edition editor editora
        editoratype editorb editorbtype editorc editorctype editortype eid foreword introduction
        isbn language location mainsubtitle maintitle maintitleaddon note number origlanguage
        pages pagetotal part publisher pubstate series subtitle title titleaddon translator
        volume volumes
    """.split()
    ),
    "report": frozenset(
        """
        addendum author chapter eid institution isrn language location note number pages
        pagetotal pubstate subtitle title titleaddon type version
    """.split()
    ),
    "thesis": frozenset(
        """
        addendum author chapter eid institution language location note pages pagetotal pubstate
        subtitle title titleaddon type
    """.split()
    ),
    "misc": frozenset(
        """
        addendum author editor editortype howpublished language location note organization
        pubstate subtitle title titleaddon type version
    """.split()
    ),
    "online": frozenset(
        """
        addendum author editor editortype language note organization pubstate subtitle title
        titleaddon version
    """.split()
    ),
    "proceedings": frozenset(
        """
        addendum chapter editor editortype eid eventday eventendday eventendhour eventendminute
        eventendmonth eventendsecond eventendtimezone eventendyear eventendyeardivision
        eventhour eventminute eventmonth eventsecond eventtimezone eventtitle eventtitleaddon
        eventyear eventyeardivision isbn language location mainsubtitle maintitle maintitleaddon
        note number organization pages pagetotal part publisher pubstate series subtitle title
        titleaddon venue volume volumes
    """.split()
    ),
    "collection": frozenset(
        """
        addendum afterword annotator chapter commentator edition editor editora editoratype
        editorb editorbtype editorc editorctype editortype eid foreword introduction isbn
        language location mainsubtitle maintitle maintitleaddon note number origlanguage pages
        pagetotal part publisher pubstate series subtitle title titleaddon translator volume
        volumes
    """.split()
    ),
    "unpublished": frozenset(
        """
        addendum author eventday eventendday eventendhour eventendminute eventendmonth
        eventendsecond eventendtimezone eventendyear eventendyeardivision eventhour eventminute
        eventmonth eventsecond eventtimezone eventtitle eventtitleaddon eventyear
        eventyeardivision howpublished language location note pubstate subtitle title titleaddon
        type venue
    """.split()
    ),
    "manual": frozenset(
        """
        addendum author chapter edition editor editortype eid isbn language location note number
        organization pages pagetotal publisher pubstate series subtitle title titleaddon type
        version
    """.split()
    ),
    "software": frozenset(
        """
        addendum author editor editortype howpublished language location note organization
        pubstate subtitle title titleaddon type version
    """.split()
    ),
    "dataset": frozenset(
        """
        addendum author edition editor editortype language location note number organization
        publisher pubstate series subtitle title titleaddon type version
    """.split()
    ),
}
"""The fields of each entry type the exports use, beyond :data:`COMMON`."""
BY_TYPE.update(
    {
        "mvbook": BY_TYPE["book"],
        "mvcollection": BY_TYPE["collection"],
        "reference": BY_TYPE["collection"],
        "mvreference": BY_TYPE["collection"],
        "mvproceedings": BY_TYPE["proceedings"],
        "bookinbook": BY_TYPE["inbook"],
        "suppbook": BY_TYPE["inbook"],
        "suppcollection": BY_TYPE["incollection"],
        "inreference": BY_TYPE["incollection"],
    }
)
"""biblatex's multi-volume and supplementary types: the fields of the type they are a kind of."""


def allowed(entry_type: str, name: str) -> bool:
    """True when biblatex's data model has field ``name`` for ``entry_type`` (unknown types: anything)."""
    fields = BY_TYPE.get(entry_type)
    return fields is None or name in COMMON or name in fields
