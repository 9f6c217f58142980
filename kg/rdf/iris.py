"""The one place IRIs are minted. Same input, same IRIs."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from urllib.parse import quote

from rdflib import URIRef

from kg.rdf.namespace import DATA

__all__ = ["entity_iri", "fact_iri", "evidence_iri", "document_iri", "value_iri", "activity_iri", "key_of_entity_iri"]


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=65536)
def entity_iri(key: str) -> URIRef:
    """``country:PK`` → ``…/id/entity/country/PK``."""
    kind, _, name = key.partition(":")
    return URIRef(f"{DATA}entity/{kind}/{quote(name, safe='')}")


def key_of_entity_iri(iri: str) -> str:
    """The inverse of :func:`entity_iri`."""
    from urllib.parse import unquote

    rest = str(iri)[len(f"{DATA}entity/"):]
    kind, _, name = rest.partition("/")
    return f"{kind}:{unquote(name)}"


def fact_iri(subject: str, predicate: str, obj: str, polarity: str) -> URIRef:
    return URIRef(f"{DATA}fact/{_digest(subject, predicate, obj, polarity)}")


def evidence_iri(fact: URIRef, document: str, start: int, end: int, rule: str) -> URIRef:
    return URIRef(f"{DATA}evidence/{_digest(fact, document, start, end, rule)}")


@lru_cache(maxsize=65536)
def document_iri(document: str) -> URIRef:
    return URIRef(f"{DATA}document/{quote(document, safe='')}")


def value_iri(owner: URIRef) -> URIRef:
    return URIRef(f"{DATA}value/{_digest(owner)}")


def activity_iri() -> URIRef:
    """The build that generated every fact of a directory: one IRI whatever the documents, so that
    adding a document changes only the lines of what it touches (each document it used is a
    ``prov:used`` of it)."""
    return URIRef(f"{DATA}build/geokg")
