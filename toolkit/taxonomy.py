"""Label taxonomies loaded from commented TOML data files.

The default taxonomy (``toolkit/data/taxonomy.toml``) encodes the project
codebook's four barriers. Users may pass their own file with the same keys.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .errors import TaxonomyError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

TOP_LEVEL_KEYS = {"name", "version", "description", "labels"}
LABEL_KEYS = {"id", "name", "definition", "include", "exclude", "cues", "strategies"}
REQUIRED_LABEL_KEYS = ("id", "name", "definition")
LIST_KEYS = ("include", "exclude", "cues", "strategies")
_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# Names the classifier writes beside the label columns; a label id may not take them.
RESERVED_IDS = {"labels", "warning", "text", "id"}


@dataclass(frozen=True)
class Label:
    """One label of a taxonomy."""

    id: str
    name: str
    definition: str
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    strategies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    """An ordered set of labels.

    Examples
    --------
    >>> from toolkit.taxonomy import load_taxonomy
    >>> taxonomy = load_taxonomy()
    >>> taxonomy.ids
    ('fear_of_rejection', 'past_experiences', 'self_doubt', 'cultural_influences')
    >>> len(taxonomy.fingerprint)
    64
    """

    name: str
    version: str
    labels: tuple[Label, ...]
    description: str = ""
    source: str = field(default="<memory>", compare=False)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(label.id for label in self.labels)

    @property
    def fingerprint(self) -> str:
        """sha256 over the ordered label ids and definitions."""
        payload = json.dumps([[lab.id, lab.definition] for lab in self.labels], ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def __getitem__(self, label_id: str) -> Label:
        for label in self.labels:
            if label.id == label_id:
                return label
        raise KeyError(label_id)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "version": self.version,
            "ids": list(self.ids),
            "fingerprint": self.fingerprint,
        }


STRATEGY_NOTICE = (
    "General psycho-education, offered as conversation starters: not advice for a specific person, "
    "and no substitute for a professional's judgment."
)


def with_current_notes(taxonomy: Taxonomy) -> Taxonomy:
    """The shipped taxonomy when *taxonomy* has the same labels, else *taxonomy* itself.

    A model card keeps the taxonomy it was trained with, including its display
    names and strategy notes. Notes may be reworded after training without
    changing the labels (the fingerprint covers ids and definitions only), so
    reports show the shipped wording whenever the labels match.

    Examples
    --------
    >>> with_current_notes(load_taxonomy()).source.endswith("taxonomy.toml")
    True
    """
    current = load_taxonomy()
    return current if current.fingerprint == taxonomy.fingerprint else taxonomy


def default_taxonomy_path() -> Path:
    return Path(str(resources.files("toolkit") / "data" / "taxonomy.toml"))


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Load and validate a taxonomy file; the shipped default when *path* is None."""
    path = Path(path) if path is not None else default_taxonomy_path()
    if not path.is_file():
        raise TaxonomyError(
            f"taxonomy file '{path}' does not exist; pass the path of a TOML taxonomy file "
            "(see toolkit/data/taxonomy.toml for the format)"
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"taxonomy file '{path}' is not valid TOML: {exc}") from None
    return taxonomy_from_dict(data, source=str(path))


def taxonomy_from_dict(data: dict, source: str = "<memory>") -> Taxonomy:
    """Validate a parsed taxonomy mapping and build a :class:`Taxonomy`."""
    unknown = sorted(set(data) - TOP_LEVEL_KEYS)
    if unknown:
        raise TaxonomyError(
            f"taxonomy file '{source}' has unknown key '{unknown[0]}'; "
            f"allowed top-level keys are: {', '.join(sorted(TOP_LEVEL_KEYS))}"
        )
    raw_labels = data.get("labels")
    if not isinstance(raw_labels, list) or not raw_labels:
        raise TaxonomyError(
            f"taxonomy file '{source}' defines no labels; add at least one [[labels]] table "
            "with id, name and definition"
        )
    labels, seen = [], set()
    for position, raw in enumerate(raw_labels, start=1):
        where = f"taxonomy file '{source}', label {position}"
        if not isinstance(raw, dict):
            raise TaxonomyError(f"{where} is not a table; write it as [[labels]] with keys")
        unknown = sorted(set(raw) - LABEL_KEYS)
        if unknown:
            raise TaxonomyError(
                f"{where} has unknown key '{unknown[0]}'; allowed keys are: {', '.join(sorted(LABEL_KEYS))}"
            )
        for key in REQUIRED_LABEL_KEYS:
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise TaxonomyError(f"{where} is missing the required text key '{key}'")
        label_id = raw["id"]
        if not _ID_PATTERN.match(label_id) or label_id in RESERVED_IDS or label_id.endswith("_score"):
            raise TaxonomyError(
                f"{where} has id '{label_id}'; an id must match [a-z][a-z0-9_]*, must not end "
                f"in '_score' and must not be one of {', '.join(sorted(RESERVED_IDS))}"
            )
        if label_id in seen:
            raise TaxonomyError(f"{where} repeats the id '{label_id}'; label ids must be unique")
        seen.add(label_id)
        lists = {}
        for key in LIST_KEYS:
            value = raw.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise TaxonomyError(f"{where} key '{key}' must be a list of strings")
            lists[key] = tuple(value)
        labels.append(Label(id=label_id, name=raw["name"].strip(), definition=raw["definition"].strip(), **lists))
    return Taxonomy(
        name=str(data.get("name", "custom")),
        version=str(data.get("version", "0")),
        description=str(data.get("description", "")),
        labels=tuple(labels),
        source=source,
    )
