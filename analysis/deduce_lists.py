"""Deduce (de-identification of Dutch text) as `analysis/deidentify.py` uses it: only its name and place lists.

Deduce's full lookup structures take about 2 minutes to build and 1.1 GB of memory, most of it for its street
and healthcare-institution lists (about a million nodes each). Shared text needs neither: streets are found by
their form, institutions are kept anyway. So this module builds the first-name, surname and place lists only,
once per install (`python -m analysis.deidentify --build`, called by scripts/start and scripts/test; about
40 s), keeps them under `.venv/share/zelfscan/`, and loads them in a tenth of a second (about 60 MB).
"""

from __future__ import annotations

import fcntl
import json
import sys
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any
from unittest import mock

_LOCK = threading.RLock()  # deducer() is also called with it held
_DEDUCE: Any = None


# Deduce's lists that are used here: names and places. Its street and institution lists are large (a million
# nodes each, a gigabyte in memory): streets are found by their form, institutions are kept anyway.
_LISTS = ("first_name", "surname", "placename")
_NOT_USED = ("street", "hospital", "hospital_abbr", "healthcare_institution", "eponymous_disease")
_OFF = ("street_lookup", "institution", "hospital", "eponymous_disease", "age")


def cache_folder() -> Path:
    import deduce

    return Path(sys.prefix) / "share" / "zelfscan" / f"deduce-{deduce.__version__}"


def _config() -> dict[str, Any]:
    import deduce

    base = json.loads((Path(deduce.__file__).parent / "base_config.json").read_text(encoding="utf-8"))
    return {**base, "annotators": {k: v for k, v in base["annotators"].items() if k not in _OFF}}


def build() -> Path:
    """Build deduce's lookup structures for this step and keep them (once per install; about 40 s)."""
    import deduce
    import deduce.lookup_structs as structs

    target = cache_folder()
    target.parent.mkdir(parents=True, exist_ok=True)
    # One process builds; another that needs the lists meanwhile (a test worker while scripts/test builds them beside
    # the first tests) waits here for it and then uses what it built, never a half-written file.
    with (target.parent / f"{target.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (target / "cache" / "lookup_structs.pickle").exists():
            return target
        keep = {k: v for k, v in structs._LOOKUP_TRIE_LOADERS.items() if k in _LISTS}
        with tempfile.TemporaryDirectory() as work, mock.patch.dict(structs._LOOKUP_TRIE_LOADERS, keep, clear=True):
            made = deduce.Deduce(
                load_base_config=False, config=_config(), cache_path=Path(work), build_lookup_structs=True
            )
        for name in _NOT_USED:
            if name in made.lookup_structs:
                del made.lookup_structs[name]
        structs.cache_lookup_structs(made.lookup_structs, target, deduce.__version__)
        return target


def deducer() -> Any:
    """The one deduce instance of this process (built on first use when the install step did not run)."""
    global _DEDUCE
    with _LOCK:
        if _DEDUCE is None:
            import deduce

            folder = build()
            _DEDUCE = deduce.Deduce(load_base_config=False, config=_config(), cache_path=folder)
        return _DEDUCE


def annotate(text: str) -> list[Any]:
    """Deduce's annotations of a text (one at a time: its processors are not known to be thread-safe)."""
    with _LOCK:
        return list(deducer().deidentify(text).annotations)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    import deduce

    items = Path(deduce.__file__).parent / "data" / "lookup" / "src" / "names" / "lst_first_name" / "items.txt"
    return frozenset(line.strip().casefold() for line in items.read_text(encoding="utf-8").splitlines())


def common(word: str) -> bool:
    structs = deducer().lookup_structs
    return any(word in structs[name] for name in ("common_word", "whitelist", "stop_word"))
