"""The Python API: build a knowledge graph from paths or text, load a built directory."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.errors import StoreError
from kg.export import write_outputs
from kg.extract import Extraction, extract
from kg.ingest import article_from_text, read_articles
from kg.rdf.build import bind_prefixes, build_graph
from kg.rdf.read import read_entities, read_facts
from kg.rdf.validate import check
from kg.records import Article, Entity, Fact
from kg.resolve import resolve

__all__ = ["KnowledgeGraph", "build", "build_articles", "build_text", "load", "extract_articles"]


@dataclass
class KnowledgeGraph:
    """A built graph: the RDF (source of truth), its entities and facts, and a networkx view."""

    graph: Graph
    entities: list[Entity]
    facts: list[Fact]
    _nx: nx.MultiDiGraph | None = field(default=None, repr=False)

    @property
    def nx(self) -> nx.MultiDiGraph:
        """The networkx view, built from the RDF on first use."""
        if self._nx is None:
            from kg.graph import to_networkx

            self._nx = to_networkx(self.graph)
        return self._nx

    def entity(self, name: str) -> Entity:
        """The entity whose label, alias or key is ``name`` (case-insensitive)."""
        wanted = " ".join(name.split()).casefold()
        for entity in self.entities:
            if wanted in {entity.key.casefold(), entity.label.casefold(), *(a.casefold() for a in entity.aliases)}:
                return entity
        # A person's surname alone ("Trump") names them when only one person has it.
        people = [e for e in self.entities if e.type == "Person" and e.label.casefold().split()[-1:] == [wanted]]
        if len(people) == 1:
            return people[0]
        raise KeyError(f"no entity named {name!r}")


def extract_articles(articles: Sequence[Article], *, model: str | None = None, batch_size: int = 16,
                     progress: Callable[[int], None] | None = None) -> list[tuple[Article, Extraction]]:
    """Run the spaCy pipeline over the articles (batched) and read their mentions and relations."""
    from kg.nlp.pipeline import make_nlp

    nlp = make_nlp(model)
    results = []
    for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=batch_size)):
        results.append((article, extract(doc, article)))
        if progress is not None:
            progress(1)
    return results


def build_articles(articles: Sequence[Article], *, out: str | Path | None = None, model: str | None = None,
                   validate: bool = True) -> KnowledgeGraph:
    """Build the knowledge graph of ``articles``; write the exports to ``out`` when given."""
    extracted = extract_articles(articles, model=model)
    entities, facts = resolve(extracted)
    graph = build_graph(articles, entities, facts)
    if validate:
        check(graph, where=str(out or "build"))
    # The RDF is the source of truth: the records handed on are read back from it.
    result = KnowledgeGraph(graph=graph, entities=read_entities(graph), facts=read_facts(graph))
    if out is not None:
        write_outputs(Path(out), graph, result.entities, result.facts)
    return result


def build(inputs: Iterable[str | Path], *, out: str | Path | None = None, model: str | None = None,
          validate: bool = True) -> KnowledgeGraph:
    """Build from article files and folders (``*.txt`` with optional ``.meta.json`` sidecars).

    >>> import kg
    >>> result = kg.build(["seeds/"])                             # doctest: +SKIP
    >>> sorted({e.type for e in result.entities})                 # doctest: +SKIP
    ['Country', 'Deal', 'Event', 'Location', 'Mineral', 'Organization', 'Person']
    """
    return build_articles(read_articles(inputs), out=out, model=model, validate=validate)


def build_text(text: str, *, id: str = "text", published: str | None = None, title: str = "",
               model: str | None = None) -> KnowledgeGraph:
    """Build from one article given as a string."""
    return build_articles([article_from_text(text, id=id, published=published, title=title)], model=model)


def load(directory: str | Path) -> KnowledgeGraph:
    """Load a directory written by ``kg build`` (its ``graph.ttl``)."""
    path = Path(directory) / "graph.ttl"
    if not path.is_file():
        raise StoreError(f"{directory}: no graph.ttl here; run `kg build INPUT --out {directory}` first")
    graph = bind_prefixes(Graph()).parse(path)
    return KnowledgeGraph(graph=graph, entities=read_entities(graph), facts=read_facts(graph))
