"""Shared machinery of the query modules: prepared .rq files, bound parameters, typed answers.

Every query is a ``.rq`` file of this folder run with ``initBindings``: a user's value is never
pasted into query text. Over rdflib's in-memory graph the file is prepared once with
``prepareQuery``; over an Oxigraph-backed graph (what :func:`kg.load` gives) its text goes to
Oxigraph, with the bound values as a ``VALUES`` block (:func:`with_values`). Every ``.rq`` file
projects the variables it can be bound by and has one ``WHERE {``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from kg.rdf.iris import key_of_entity_iri
from kg.rdf.namespace import GEOKG
from kg.rdf.oxigraph import is_oxigraph, select
from kg.records import PREDICATES, Evidence

__all__ = ["Answer", "graph_of", "prepared", "run", "find_entity", "answers", "evidence_of", "fact_rows", "facts",
           "predicate_iri"]

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
def text_of(name: str) -> str:
    """The text of the query ``name.rq`` of this folder."""
    return (FOLDER / f"{name}.rq").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def prepared(name: str) -> Query:
    """The query ``name.rq`` of this folder, parsed and prepared once."""
    return prepareQuery(text_of(name), initNs=NAMESPACES)


def run(source: Any, query: str, /, **bindings: Any) -> list[Any]:
    """Run the query ``query.rq`` with bound values (``None`` values are left unbound; a list binds
    one variable to each of its values in turn): its text in Oxigraph for an Oxigraph-backed
    graph, else the prepared query in rdflib's engine."""
    graph = graph_of(source)
    bound = {key: value for key, value in bindings.items() if value is not None}
    lists = [key for key, value in bound.items() if isinstance(value, (list, tuple))]
    if len(lists) > 1:
        raise ValueError(f"only one variable may be bound to several values, not {', '.join(lists)}")
    if is_oxigraph(graph):
        return select(graph, with_values(text_of(query), bound))
    if not lists:
        return list(graph.query(prepared(query), initBindings=bound))
    rows = []  # rdflib binds one value at a time
    for value in bound[lists[0]]:
        rows += graph.query(prepared(query), initBindings={**bound, lists[0]: value})
    return rows


def with_values(text: str, bound: dict[str, Any]) -> str:
    """``text`` with its bound values as a ``VALUES`` block at the start of its WHERE clause.

    Oxigraph applies its own substitutions after evaluating the rest of the query (a scan of every
    fact on a big graph: 100+ ms), but starts from a ``VALUES`` block (10 ms). Each value is an RDF
    term written by pyoxigraph's N-Triples serializer, which escapes quotes, backslashes and line
    breaks, so a value is always one term and never query syntax (see the hostile-name tests).
    """
    if not bound:
        return text
    names = " ".join(f"?{name}" for name in bound)
    several = next((value for value in bound.values() if isinstance(value, (list, tuple))), [None])
    rows = []
    for one in several:
        terms = [one if isinstance(value, (list, tuple)) else value for value in bound.values()]
        rows.append("(" + " ".join(_ntriples_term(term) for term in terms) + ")")
    head, found, tail = text.partition("WHERE {")
    if not found:
        raise ValueError("a query module's .rq file needs a 'WHERE {'")
    return f"{head}WHERE {{\n  VALUES ({names}) {{ {' '.join(rows)} }}{tail}"


def _ntriples_term(value: Any) -> str:
    import pyoxigraph as ox

    if isinstance(value, URIRef):
        return str(ox.NamedNode(str(value)))
    if isinstance(value, Literal):
        if value.language:
            return str(ox.Literal(str(value), language=value.language))
        return str(ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)) if value.datatype else None))
    raise TypeError(f"cannot bind {type(value).__name__} {value!r} in a query")


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
    candidates = list(dict.fromkeys([name, re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)]))
    for candidate in candidates:  # an exact label, then an exact alias: index look-ups
        for prop in (RDFS.label, SKOS.altLabel):
            found = sorted(s for s in graph.subjects(prop, Literal(candidate)) if isinstance(s, URIRef))
            if found:
                return found[0]
    for candidate in candidates:  # any case: a scan of every label and alias (lookup.rq)
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


def evidence_of(source: Any, **bindings: Any) -> dict[Any, tuple[Evidence, ...]]:
    """The evidence of every fact matching ``bindings`` (as for ``facts.rq``), by fact: one query
    for all the facts of an answer rather than one per fact."""
    found: dict[Any, list[Evidence]] = {}
    for r in run(source, "evidence", **bindings):
        found.setdefault(r.fact, []).append(Evidence(document=str(r.document), sentence=str(r.sentence),
                                                     start=int(r.start), end=int(r.end), rule=str(r.rule)))
    return {fact: tuple(items) for fact, items in found.items()}


def answers(rows: list[Any], evidence: dict[Any, tuple[Evidence, ...]], *, event_dates: bool = False) -> list[Answer]:
    """Turn rows of ``facts.rq`` into :class:`Answer` records with their ``evidence`` (by fact).
    With ``event_dates`` a fact without a date of its own takes its object's date, else its
    subject's (an event's or a deal's)."""
    found = []
    for row in rows:
        values = row.asdict()
        if event_dates:
            values["date"] = next((values[k] for k in ("date", "objectDate", "subjectDate") if values.get(k) is not None), None)
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
            evidence=evidence.get(values["fact"], ()), sources=int(values.get("sources", 1) or 1),
        ))
    return found


def fact_rows(source: Any, *, subject: URIRef | None = None, predicate: str | None = None,
              object: URIRef | None = None, polarity: str | None = None) -> tuple[list[Any], dict[Any, tuple[Evidence, ...]]]:
    """Rows of ``facts.rq`` matching the bound parts, and the evidence of those facts."""
    polarity_iri = {"positive": GEOKG.Positive, "negative": GEOKG.Negative}.get(polarity or "")
    bound = dict(subject=subject, object=object, polarity=polarity_iri,
                 predicate=predicate_iri(predicate) if predicate else None)
    rows = run(source, "facts", **bound)
    values = {row.fact: row for row in run(source, "fact_values", **bound)}
    if values:
        rows = [_ValueRow(row, values.get(row.fact)) for row in rows]
    return rows, evidence_of(source, **bound)


class _ValueRow:
    """A row of ``facts.rq`` with the amount and currency of ``fact_values.rq`` (when it has a value)."""

    def __init__(self, row: Any, value: Any | None) -> None:
        self._values = row.asdict()
        if value is not None:
            self._values.update(amount=value.amount, currency=value.currency)

    def __getattr__(self, name: str) -> Any:
        return self._values.get(name)

    def asdict(self) -> dict[str, Any]:
        return self._values


def facts(source: Any, *, subject: URIRef | None = None, predicate: str | None = None,
          object: URIRef | None = None, polarity: str | None = None) -> list[Answer]:
    """Facts matching the bound parts (``facts.rq``), each with its evidence (``evidence.rq``)."""
    return answers(*fact_rows(source, subject=subject, predicate=predicate, object=object, polarity=polarity))
