"""Anonymisation: find personal data and replace it with typed, consistent placeholders.

Rule-based and offline: regular expressions with context words for
structured data (e-mail, phone, URL, handle, address, postcode, date of
birth, age, ID numbers, IP addresses) and a name gazetteer with
capitalisation and context rules for person names. See docs/anonymization.md.
"""

from .anonymizer import (
    Anonymizer,
    AnonymizeResult,
    anonymize_frame,
    anonymize_texts,
    anonymized_frames,
    detect_in_groups,
    require_anonymised,
)
from .detect import find_entities
from .entities import ENTITY_TYPES, Entity, parse_entity_types
from .pseudonyms import PseudonymTable, write_mapping

__all__ = ["ENTITY_TYPES", "AnonymizeResult", "Anonymizer", "Entity", "PseudonymTable", "anonymize_frame",
           "anonymize_texts", "anonymized_frames", "detect_in_groups", "find_entities", "parse_entity_types",
           "require_anonymised", "write_mapping"]
