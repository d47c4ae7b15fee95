"""The privacy check as an object: the rules plus the lexicon they run on.

The lexicon is the check's only heavy part (0.2 s, ~40 MB). A `Checker` loads it once, on
first use or in a background thread started by `warm_up()`; a scan during that load waits
for it rather than checking with less, so what is flagged never depends on timing.
Tests and tools pass their own `Checker` (or a ready lexicon) where the app would use the
shared default.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from interviewer.core.privacy import lexicon as lexicon_file
from interviewer.core.privacy import patterns
from interviewer.core.privacy.addresses import find_addresses
from interviewer.core.privacy.hits import PrivacyHit, choose, with_codes
from interviewer.core.privacy.lexicon import Lexicon
from interviewer.core.privacy.names import find_names


class Checker:
    def __init__(self, lexicon: Lexicon | Callable[[], Lexicon] | None = None) -> None:
        """`lexicon`: the lists, a function that loads them, or None for the installed file."""
        if isinstance(lexicon, Lexicon):
            self._lexicon: Lexicon | None = lexicon
            self._load: Callable[[], Lexicon] = lambda: lexicon
        else:
            self._lexicon = None
            self._load = lexicon or lexicon_file.load
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @classmethod
    def from_file(cls, path: Path) -> Checker:
        return cls(lambda: lexicon_file.load(path))

    def warm_up(self) -> None:
        """Start loading the lexicon in the background; returns at once (idempotent)."""
        with self._lock:
            if self._lexicon is not None or self._thread is not None:
                return
            self._thread = threading.Thread(target=self.lexicon, name="privacy-lexicon", daemon=True)
            self._thread.start()

    def ready(self) -> bool:
        return self._lexicon is not None

    def lexicon(self) -> Lexicon:
        """The lexicon, loaded now if it is not yet (a concurrent load is waited for)."""
        if self._lexicon is None:
            with self._lock:
                if self._lexicon is None:
                    self._lexicon = self._load()
        return self._lexicon

    def scan(self, text: str, allowed: Iterable[str] = ()) -> list[PrivacyHit]:
        """Everything in `text` that may identify a person, in text order, without overlaps."""
        if not text.strip():
            return []
        lex = self.lexicon()
        raw = [*patterns.emails(text), *patterns.bsns(text), *patterns.phones(text),
               *patterns.plates(text), *patterns.postcodes(text), *find_addresses(text, lex),
               *patterns.birth_dates(text), *find_names(text, lex)]
        return with_codes(text, choose(text, raw, allowed))
