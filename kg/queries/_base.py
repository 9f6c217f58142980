"""Shared machinery of the query modules: prepared .rq files, bound parameters, typed answers.

Every query is a ``.rq`` file of this folder prepared once with ``prepareQuery`` and run with
``initBindings``: a user's value is never pasted into query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from kg.rdf.iris import key_of_entity_iri
from kg.rdf.namespace import GEOKG
from kg.records import PREDICATES, Evidence

__all__ = ["Answer", "graph_of", "prepared", "run", "find_entity", "answers", "predicate_iri"]

FOLDER = Path(__file__).parent
NAMESPACES = {"geokg": GEOKG, "rdfs": RDFS}


@dataclass(frozen=True)
class Answer:
    """One fact that answers a query, with the evidence behind it."""

    subject: str
    subject_label: str
    predicate: str
    object: str
    object_label: str
    polarity: str
    modality: str
    confidence: float
    qualifiers: dict[str, str] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    sources: int = 1

    def line(self) -> str:
        negation = " (NOT)" if self.polarity == "negative" else ""
        extra = "".join(f"; {k}={v}" for k, v in sorted(self.qualifiers.items()))
        return (f"{self.subject_label} —{self.predicate}{negation}→ {self.object_label} "
                f"[{self.modality}, {self.confidence:.2f}{extra}]")


def graph_of(source: Any) -> Graph:
    """Accept an rdflib Graph or anything with a ``.graph`` (a :class:`kg.KnowledgeGraph`)."""
    graph = getattr(source, "graph", source)
    if not isinstance(graph, Graph):
        raise TypeError(f"expected an rdflib Graph or a kg.KnowledgeGraph, not {type(source).__name__}")
    return graph


@lru_cache(maxsize=None)
def prepared(name: str) -> Query:
    """The query ``name.rq`` of this folder, parsed and prepared once."""
    return prepareQuery((FOLDER / f"{name}.rq").read_text(encoding="utf-8"), initNs=NAMESPACES)


def run(source: Any, query: str, /, **bindings: Any) -> list[Any]:
    """Run a prepared query with bound values (``None`` values are left unbound)."""
    bound = {key: value for key, value in bindings.items() if value is not None}
    return list(graph_of(source).query(prepared(query), initBindings=bound))


def predicate_iri(predicate: str) -> URIRef:
    if predicate not in PREDICATES:
        raise ValueError(f"unknown predicate {predicate!r}; one of {', '.join(PREDICATES)}")
    return GEOKG[predicate]


def find_entity(source: Any, name: str) -> URIRef | None:
    """The entity a label, an alias or a key names ("US", "Washington", "country:US"); a person's
    surname alone ("Munir") when one person has it. ``None`` when nothing matches."""
    graph = graph_of(source)
    name = " ".join(str(name).split())
    if not name:
        return None
    for candidate in dict.fromkeys([name, re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)]):
        rows = run(graph, "lookup", name=Literal(candidate))
        if rows:
            return URIRef(rows[0].entity)
    if ":" in name and not name.startswith("http"):
        from kg.rdf.iris import entity_iri

        iri = entity_iri(name)
        if (iri, RDFS.label, None) in graph:
            return iri
    country = _country_named(name)
    if country is not None and (country, RDFS.label, None) in graph:
        return country
    wanted = name.casefold()
    people = [p for p in graph.subjects(RDF.type, GEOKG.Person)
              if str(graph.value(p, RDFS.label)).casefold().split()[-1:] == [wanted]]
    return people[0] if len(people) == 1 else None


def _country_named(name: str) -> URIRef | None:
    """A country by any name the gazetteer knows ("U.S.", "America", "PRC")."""
    from kg.nlp.gazetteer import countries
    from kg.rdf.iris import entity_iri

    wanted = name.casefold()
    for country in countries():
        names = {country.name, country.code, country.alpha3, *country.aliases, *country.demonyms, *country.capitals}
        if wanted in {n.casefold() for n in names}:
            return entity_iri(f"country:{country.code}")
    return None


def _evidence(graph: Graph, fact: URIRef) -> tuple[Evidence, ...]:
    return tuple(Evidence(document=str(r.document), sentence=str(r.sentence), start=int(r.start), end=int(r.end),
                          rule=str(r.rule)) for r in run(graph, "evidence", fact=fact))


def answers(source: Any, rows: list[Any]) -> list[Answer]:
    """Turn rows of ``facts.rq`` or ``relations.rq`` into :class:`Answer` records."""
    graph = graph_of(source)
    found = []
    for row in rows:
        values = row.asdict()
        qualifiers = {k: str(values[k]) for k in ("role", "item", "place", "date") if values.get(k) is not None}
        if values.get("amount") is not None:
            qualifiers["value"] = f"{int(values['amount'].toPython())} {values['currency']}"
        found.append(Answer(
            subject=key_of_entity_iri(values["subject"]), subject_label=str(values["subjectLabel"]),
            predicate=str(values["predicate"]).rsplit("#", 1)[1],
            object=key_of_entity_iri(values["object"]), object_label=str(values["objectLabel"]),
            polarity=str(values["polarity"]).rsplit("#", 1)[1].lower(),
            modality=str(values["modality"]).rsplit("#", 1)[1].lower(),
            confidence=float(values["confidence"].toPython()), qualifiers=qualifiers,
            evidence=_evidence(graph, values["fact"]), sources=int(values.get("sources", 1) or 1),
        ))
    return found


def facts(source: Any, *, subject: URIRef | None = None, predicate: str | None = None,
          object: URIRef | None = None, polarity: str | None = None) -> list[Answer]:
    """Facts matching the bound parts (``facts.rq``)."""
    polarity_iri = {"positive": GEOKG.Positive, "negative": GEOKG.Negative}.get(polarity or "")
    rows = run(source, "facts", subject=subject, object=object, polarity=polarity_iri,
               predicate=predicate_iri(predicate) if predicate else None)
    return answers(source, rows)
