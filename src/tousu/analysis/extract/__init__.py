"""Rule-based extraction from complaint text: amounts and the demanded amount, identifiers, dates, law
citations, institutions and products (see :func:`extract`)."""

from tousu.analysis.extract.extraction import ENTITY_KEYS, Extraction, extract
from tousu.analysis.extract.identifiers import IdNumber

__all__ = ["ENTITY_KEYS", "Extraction", "IdNumber", "extract"]
