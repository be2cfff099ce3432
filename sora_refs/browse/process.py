"""Settings of a process that is the browser and nothing else (``sora-refs browse``)."""

from __future__ import annotations

import sys


def one_malloc_arena() -> None:
    """Ask glibc for one malloc arena in this process (where it is glibc; a no-op elsewhere).

    The search and the index behind the first screen run in worker threads, and glibc gives each
    thread an arena of its own whose freed memory it keeps: about 3 MiB of peak on 20,000 papers.
    Python runs one thread at a time anyway (the GIL), so sharing one arena costs no speed.
    Called only where the browser is the whole process (``sora-refs browse``).
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (musl has no such knob worth turning)
        return
    mallopt(-8, 1)  # M_ARENA_MAX = 1
