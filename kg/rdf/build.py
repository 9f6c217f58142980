"""Entities and facts → RDF under the geokg ontology, with PROV-O provenance.

Every fact is a ``geokg:Fact`` node (subject, predicate, object, polarity, modality, qualifiers,
confidence, evidence). A positive, asserted fact is also a direct triple
(``entity/country/PK geokg:hasReserves entity/mineral/rare_earths``); a negative or not-asserted
one never is, so a plain query for who was invited does not return who was not.

The triples are described once (:func:`_triples`, plain strings for IRIs and ``(lexical form,
datatype)`` pairs for literals) and made two ways: :func:`build_graph` makes an rdflib graph (what
pySHACL checks and the Python API hands out) and :func:`build_lines` the sorted N-Triples lines,
exactly as rdflib writes them, without making an rdflib term (what a build writes its files from:
several times faster on a big store).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg import __version__
from kg.rdf.fast import indexed_graph
from kg.rdf.iris import activity_iri, document_iri, entity_iri, evidence_iri, fact_iri, value_iri
from kg.rdf.namespace import GEOKG
from kg.records import Amount, Article, Entity, Fact

__all__ = ["build_graph", "build_lines", "graph_of_lines", "nt_literal", "bind_prefixes", "prefixes", "POLARITY", "MODALITY"]

POLARITY = {"positive": GEOKG.Positive, "negative": GEOKG.Negative}
MODALITY = {"asserted": GEOKG.Asserted, "planned": GEOKG.Planned, "proposed": GEOKG.Proposed,
            "hypothetical": GEOKG.Hypothetical, "reported": GEOKG.Reported}
_DATE_TYPES = {"year": XSD.gYear, "month": XSD.gYearMonth, "day": XSD.date}
_PRECISION = {4: "year", 7: "month", 10: "day"}

# A term of _triples: an IRI is a str, a literal a (lexical form, datatype IRI or None) pair.
Term = str | tuple[str, str | None]
Triple = tuple[str, str, Term]
T = TypeVar("T")

_STRING = None  # a plain literal's datatype
_INTEGER, _DECIMAL = str(XSD.integer), str(XSD.decimal)


def bind_prefixes(graph: Graph) -> Graph:
    graph.bind("geokg", str(GEOKG))
    graph.bind("kgid", "https://w3id.org/geokg/id/")
    graph.bind("prov", PROV)
    graph.bind("skos", SKOS)
    graph.bind("dcterms", DCTERMS)
    return graph


def prefixes() -> list[tuple[str, str]]:
    """The prefixes a build's graph has (rdflib's own and :func:`bind_prefixes`'), for Turtle."""
    return [(prefix, str(namespace)) for prefix, namespace in bind_prefixes(indexed_graph()).namespaces()]


def _date(node: str, value: str, precision: str) -> Iterator[Triple]:
    yield node, GEOKG.date, (value, _DATE_TYPES[precision])
    yield node, GEOKG.datePrecision, (precision, _STRING)


def _value(owner: str, amount: Amount) -> Iterator[Triple]:
    node = value_iri(owner)
    yield owner, GEOKG.value, node
    yield node, RDF.type, GEOKG.MonetaryValue
    yield node, GEOKG.amount, (str(amount.amount), _DECIMAL)
    yield node, GEOKG.currency, (amount.currency, _STRING)


def _document(article: Article) -> Iterator[Triple]:
    node = document_iri(article.id)
    yield node, RDF.type, GEOKG.Document
    yield node, RDF.type, PROV.Entity
    yield node, DCTERMS.identifier, (article.id, _STRING)
    if article.title:
        yield node, DCTERMS.title, (article.title, _STRING)
    if article.published:
        yield node, DCTERMS.issued, (article.published, _DATE_TYPES[_PRECISION[len(article.published)]])
    if article.source_url:
        yield node, DCTERMS.source, URIRef(article.source_url)
    if article.outlet:
        yield node, DCTERMS.publisher, (article.outlet, _STRING)
    yield node, GEOKG.cleanedText, (article.text, _STRING)
    yield node, GEOKG.contentHash, (article.content_hash, _STRING)


def _entity(entity: Entity) -> Iterator[Triple]:
    node = entity_iri(entity.key)
    yield node, RDF.type, GEOKG[entity.type]
    yield node, RDFS.label, (entity.label, _STRING)
    yield node, SKOS.prefLabel, (entity.label, _STRING)
    for alias in entity.aliases:
        yield node, SKOS.altLabel, (alias, _STRING)
    ids = entity.identifier_map
    if "iso3166" in ids:
        yield node, GEOKG.iso3166Alpha2, (ids["iso3166"], _STRING)
    if "iso3166_alpha3" in ids:
        yield node, GEOKG.iso3166Alpha3, (ids["iso3166_alpha3"], _STRING)
    if "wikidata" in ids:
        yield node, GEOKG.wikidataId, (ids["wikidata"], _STRING)
        yield node, SKOS.exactMatch, URIRef(f"http://www.wikidata.org/entity/{ids['wikidata']}")
    yield node, GEOKG.mentionCount, (str(entity.mentions), _INTEGER)
    for document in entity.documents:
        yield node, GEOKG.mentionedIn, document_iri(document)
    if entity.value is not None:
        yield from _value(node, entity.value)
    if entity.date is not None:
        yield from _date(node, entity.date.value, entity.date.precision)


def _fact(fact: Fact) -> Iterator[Triple]:
    subject, obj = entity_iri(fact.subject), entity_iri(fact.object)
    node = fact_iri(fact.subject, fact.predicate, fact.object, fact.polarity)
    yield node, RDF.type, GEOKG.Fact
    yield node, GEOKG.subject, subject
    yield node, GEOKG.predicate, GEOKG[fact.predicate]
    yield node, GEOKG.object, obj
    yield node, GEOKG.polarity, POLARITY[fact.polarity]
    yield node, GEOKG.modality, MODALITY[fact.modality]
    yield node, GEOKG.confidence, (f"{fact.confidence:.3f}", _DECIMAL)
    yield node, GEOKG.documentCount, (str(len(fact.documents)), _INTEGER)
    yield node, GEOKG.sourceCount, (str(fact.sources), _INTEGER)
    yield node, PROV.wasGeneratedBy, activity_iri()
    qualifiers = fact.qualifier_map
    if "role" in qualifiers:
        yield node, GEOKG.role, (qualifiers["role"], _STRING)
    if "item" in qualifiers:
        yield node, GEOKG.item, (qualifiers["item"], _STRING)
    if "place" in qualifiers:
        yield node, GEOKG.placeName, (qualifiers["place"], _STRING)
    if "date" in qualifiers:
        value = qualifiers["date"]
        yield from _date(node, value, _PRECISION[len(value)])
    if "value" in qualifiers:
        amount, _, currency = qualifiers["value"].partition(" ")
        yield from _value(node, Amount(amount=int(amount), currency=currency))
    for evidence in fact.evidence:
        ev = evidence_iri(node, evidence.document, evidence.start, evidence.end, evidence.rule)
        document = document_iri(evidence.document)
        yield node, GEOKG.evidence, ev
        yield node, PROV.wasDerivedFrom, document
        yield ev, RDF.type, GEOKG.Evidence
        yield ev, GEOKG.document, document
        yield ev, GEOKG.sentence, (evidence.sentence, _STRING)
        yield ev, GEOKG.startOffset, (str(evidence.start), _INTEGER)
        yield ev, GEOKG.endOffset, (str(evidence.end), _INTEGER)
        yield ev, GEOKG.rule, (evidence.rule, _STRING)
        yield ev, GEOKG.extractorVersion, (__version__, _STRING)
    if fact.asserted_positive:
        yield subject, GEOKG[fact.predicate], obj


def _triples(articles: Iterable[Article], entities: Iterable[Entity], facts: Iterable[Fact]) -> Iterator[Triple]:
    """Every triple of a build: the build activity, documents, entities, facts and evidence."""
    activity = activity_iri()
    yield activity, RDF.type, PROV.Activity
    yield activity, RDFS.label, (f"geokg {__version__} build", _STRING)
    yield activity, PROV.wasAssociatedWith, URIRef("https://w3id.org/geokg/software")
    for article in sorted(articles, key=lambda a: a.id):
        yield from _document(article)
        yield activity, PROV.used, document_iri(article.id)
    for entity in entities:
        yield from _entity(entity)
    for fact in facts:
        yield from _fact(fact)


def _memo(make: Callable[[Term], T]) -> Callable[[Term], T]:
    """``make`` called once per distinct term."""
    made: dict[Term, T] = {}

    def term(value: Term) -> T:
        found = made.get(value)
        if found is None:
            found = made[value] = make(value)
        return found

    return term


def _rdflib_term(value: Term) -> object:
    if isinstance(value, tuple):
        lexical, datatype = value
        return Literal(lexical, datatype=datatype)
    return value if isinstance(value, URIRef) else URIRef(value)


def _nt_term(value: Term) -> str:
    """A term as rdflib's N-Triples serializer writes it."""
    if isinstance(value, tuple):
        lexical, datatype = value
        quoted = '"%s"' % lexical.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
        return quoted if datatype is None else f"{quoted}^^<{datatype}>"
    return URIRef(value).n3()  # checks the IRI as rdflib's serializer does


def build_graph(articles: Iterable[Article], entities: Iterable[Entity], facts: Iterable[Fact]) -> Graph:
    """The RDF graph of a build (in an :class:`~kg.rdf.fast.IndexedStore`)."""
    graph = bind_prefixes(indexed_graph())
    term = _memo(_rdflib_term)
    add = graph.add
    for s, p, o in _triples(articles, entities, facts):
        add((term(s), term(p), term(o)))  # type: ignore[arg-type]
    return graph


def build_lines(articles: Iterable[Article], entities: Iterable[Entity], facts: Iterable[Fact]) -> list[str]:
    """The N-Triples lines of :func:`build_graph`'s graph, sorted, without a newline at their ends:
    the same as :func:`kg.export.ntriples_lines` of that graph."""
    term = _memo(_nt_term)
    by_subject: dict[str, set[str]] = {}
    for s, p, o in _triples(articles, entities, facts):
        subject = term(s)
        rows = by_subject.get(subject)
        if rows is None:
            rows = by_subject[subject] = set()
        rows.add(f"{term(p)} {term(o)} .")
    # No subject's text is a prefix of another's ("<…>"; a space sorts below any IRI character),
    # so sorting subjects, then each subject's rows, sorts the lines.
    return [f"{subject} {row}" for subject in sorted(by_subject) for row in sorted(by_subject[subject])]


_UNESCAPE = {"\\": "\\", "n": "\n", '"': '"', "r": "\r"}  # what _nt_term escapes, by the character after "\\"
_ESCAPE_OR_QUOTE = re.compile(r'\\(.)|"', re.DOTALL)


def _unescape(lexical: str) -> str | None:
    """A lexical form as :func:`_nt_term` escaped it, unescaped (``None``: another escape, such as
    ``\\u00e9``, or a bare quote: not written by geokg, left to rdflib's parser)."""
    if "\\" not in lexical and '"' not in lexical:
        return lexical
    parts, start = [], 0
    for match in _ESCAPE_OR_QUOTE.finditer(lexical):
        character = match.group(1)
        if character is None or character not in _UNESCAPE:
            return None
        parts += [lexical[start:match.start()], _UNESCAPE[character]]
        start = match.end()
    return "".join(parts) + lexical[start:]


def nt_literal(text: str) -> tuple[str, str | None, str | None] | None:
    """(lexical form, datatype, language) of an N-Triples literal as :func:`_nt_term` writes it
    (``None``: not a literal)."""
    end = text.rfind('"')
    if not text.startswith('"') or end < 1:
        return None
    lexical, rest = _unescape(text[1:end]), text[end + 1:]
    if lexical is None:
        return None
    if not rest:
        return lexical, None, None
    if rest.startswith("^^<") and rest.endswith(">"):
        return lexical, rest[3:-1], None
    if rest.startswith("@"):
        return lexical, None, rest[1:]
    return None


def _rdflib_of_nt(text: str) -> object | None:
    """The rdflib term of an N-Triples term as :func:`_nt_term` writes it (``None``: not one)."""
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1]) if "\\" not in text else None  # "\\u…" escapes: rdflib's parser
    literal = nt_literal(text)
    if literal is None:
        return None
    lexical, datatype, language = literal
    return Literal(lexical, datatype=datatype, lang=language)


def graph_of_lines(lines: Iterable[str]) -> Graph:
    """An rdflib graph (in an :class:`~kg.rdf.fast.IndexedStore`) of N-Triples lines as
    :func:`build_lines` writes them, read term by term (each distinct term once); a line in
    another form goes through rdflib's N-Triples parser."""
    graph = bind_prefixes(indexed_graph())
    made: dict[str, object | None] = {}
    others = []
    for line in lines:
        subject, _, rest = line.partition(" ")
        predicate, _, obj = rest.partition(" ")
        obj = obj[:-2]  # " ."
        terms = []
        for text in (subject, predicate, obj):
            term = made.get(text)
            if term is None and text not in made:
                term = made[text] = _rdflib_of_nt(text)
            terms.append(term)
        if None in terms or not line.endswith(" ."):
            others.append(line)
        else:
            graph.add(tuple(terms))  # type: ignore[arg-type]
    if others:
        for triple in Graph().parse(data="\n".join(others), format="nt"):
            graph.add(triple)
    return graph

