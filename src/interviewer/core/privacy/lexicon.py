"""deduce's Dutch name, place and street lists as one compact file, loaded without deduce.

deduce (de-identification of Dutch text) keeps its lists as plain text in its package and
expands them into lookup tries of every spelling variant: about 1.1 GB and 7 s to load, which
is why the app used to run it in a child process and check without it for the first minute.
The privacy check needs the lists themselves, not the variants: every entry is stored once,
case-folded, and matched case-insensitively. Written once at install (`python -m
interviewer.core.privacy --build-lexicon`, run by scripts/_setup.sh), the file loads in a
fraction of a second into ~40 MB of sets; when it is missing it is rebuilt from deduce's
package data, which takes about a second and does not import deduce either.
"""

from __future__ import annotations

import importlib.util
import os
import unicodedata
from dataclasses import dataclass, fields
from pathlib import Path

FORMAT = 2
"""Bumped when the file's content changes meaning, so an old file is rebuilt."""


def fold(text: str) -> str:
    """The form every entry is stored and looked up in: case-folded, without accents
    ('Hüseyin' and 'Huseyin' are one name; inspectors type either)."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Lexicon:
    """Folded word lists (see `fold`); every set may be empty (then the check relies on patterns)."""

    first_names: frozenset[str]
    surnames: frozenset[str]
    interfix_surnames: frozenset[str]
    """Surnames that follow an interfix: 'vries' in 'de Vries'."""
    interfixes: frozenset[str]
    """'van', 'de', 'van der', 'el': the particles between a first name and a surname."""
    titles: frozenset[str]
    """'mevrouw', 'dhr', 'dr': words before a name (without their full stop)."""
    common_words: frozenset[str]
    """Frequent Dutch words, stop words and medical terms: never a name on their own."""
    places: frozenset[str]
    """Dutch residences, municipalities, provinces and regions."""
    streets: frozenset[str]
    """Dutch street names (also multi-word: 'laan van meerdervoort')."""

    @property
    def size(self) -> int:
        return sum(len(getattr(self, f.name)) for f in fields(self))


EMPTY = Lexicon(*(frozenset[str]() for _ in fields(Lexicon)))


# --------------------------------------------------------------------------- reading deduce's lists


def deduce_source_dir() -> Path | None:
    """deduce's raw lookup lists, found without importing deduce (that would load its model)."""
    spec = importlib.util.find_spec("deduce")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "data" / "lookup" / "src"
    return path if path.is_dir() else None


def from_deduce(src: Path) -> Lexicon:
    """The lexicon from deduce's list files, with deduce's exceptions taken out."""

    def items(folder: str, name: str = "items.txt") -> set[str]:
        path = src / folder / name
        if not path.is_file():
            return set()
        lines = path.read_text(encoding="utf-8").splitlines()
        return {fold(line.strip()) for line in lines if line.strip()}

    def listed(folder: str) -> set[str]:
        return items(folder) - items(folder, "exceptions.txt")

    surnames = {s for s in listed("names/lst_surname") if len(s) >= 2}
    # As deduce does: a frequent word that is also a surname ('bakker', 'visser') stays a
    # possible surname; the common-word list only keeps a word from being a name alone.
    common = (listed("whitelist/lst_common_word") - surnames) | items("whitelist/lst_stop_word") \
        | items("whitelist/lst_medical_term")
    places = set()
    for sub in ("lst_residence", "lst_municipality", "lst_province", "lst_region"):
        places |= listed(f"locations/lst_placename/{sub}")
    streets = listed("locations/lst_street") | items("locations/lst_street", "streets_bag.txt")
    return Lexicon(
        first_names=frozenset(n for n in listed("names/lst_first_name") if len(n) >= 2) - common,
        surnames=frozenset(surnames),
        interfix_surnames=frozenset(listed("names/lst_interfix_surname")),
        interfixes=frozenset(items("names/lst_interfix")),
        titles=frozenset(t.rstrip(".") for t in items("names/lst_prefix")),
        common_words=frozenset(common),
        places=frozenset(places),
        streets=frozenset(s for s in streets if len(s) >= 4),
    )


# --------------------------------------------------------------------------- the compact file


def default_path() -> Path:
    """In the user's cache directory (`INTERVIEWER_CACHE` overrides), named after deduce's
    version: its lists can change."""
    from importlib.metadata import PackageNotFoundError, version

    from platformdirs import user_cache_path

    try:
        source = version("deduce")
    except PackageNotFoundError:
        source = "none"
    override = os.environ.get("INTERVIEWER_CACHE")
    base = Path(override).expanduser() if override else user_cache_path("interviewer", appauthor=False)
    return base / f"privacy-lexicon-v{FORMAT}-deduce-{source}.txt"


def write(lexicon: Lexicon, path: Path) -> None:
    """One section per list ('@name' then one entry per line); atomic, so a reader never
    sees half a file."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"#interviewer-privacy-lexicon {FORMAT}"]
    for f in fields(Lexicon):
        lines.append(f"@{f.name}")
        lines.extend(sorted(getattr(lexicon, f.name)))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read(path: Path) -> Lexicon | None:
    """The lexicon in `path`, or None when it is missing, of another format or cut short."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.split("\n")
    if lines[0] != f"#interviewer-privacy-lexicon {FORMAT}" or lines[-1] != "":
        return None
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines[1:-1]:
        if line.startswith("@"):
            current = sections.setdefault(line[1:], [])
        elif current is not None:
            current.append(line)
    names = [f.name for f in fields(Lexicon)]
    if sorted(sections) != sorted(names):
        return None
    return Lexicon(**{name: frozenset(sections[name]) for name in names})


def load(path: Path | None = None) -> Lexicon:
    """The lexicon from its file, built from deduce's lists (and saved) if the file is not
    there; EMPTY if deduce's lists are not installed or cannot be read either."""
    path = path or default_path()
    lexicon = read(path)
    if lexicon is not None:
        return lexicon
    src = deduce_source_dir()
    if src is None:
        return EMPTY
    try:
        lexicon = from_deduce(src)
    except (OSError, UnicodeDecodeError):
        # An unreadable install must not stop the inspector from saving text: the patterns
        # and the built-in titles still check it.
        return EMPTY
    try:
        write(lexicon, path)
    except OSError:
        pass  # a read-only cache only costs the rebuild next time
    return lexicon


def build(path: Path | None = None) -> Path:
    """Write the file from deduce's lists (scripts/_setup.sh runs this once per install)."""
    src = deduce_source_dir()
    if src is None:
        raise RuntimeError("deduce is niet geïnstalleerd: de namenlijsten ontbreken")
    path = path or default_path()
    write(from_deduce(src), path)
    return path

