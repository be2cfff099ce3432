"""Where a reader's personal files live, found without loading the personal layer.

Every listing asks whether the reader has kept anything; on a machine where they never have, the
answer must cost one ``stat``, not the layer, PyYAML, hashlib and platformdirs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_ENV = "SORA_REFS_DATA_DIR"


def data_dir() -> Path:
    """``$SORA_REFS_DATA_DIR``, else the platform's user data directory for sora-refs."""
    explicit = os.environ.get(DATA_ENV)
    if explicit:
        return Path(explicit)
    if sys.platform.startswith("linux") and "ANDROID_ROOT" not in os.environ:
        # platformdirs' rule on Linux (XDG), without importing it on every listing.
        base = os.environ.get("XDG_DATA_HOME", "").strip() or os.path.expanduser("~/.local/share")
        return Path(base) / "sora-refs"
    import platformdirs

    return Path(platformdirs.user_data_path("sora-refs", appauthor=False))


def kept_anything() -> bool:
    """True when the reader has marked, tagged or noted something for some catalogue here."""
    return (data_dir() / "personal").is_dir()
