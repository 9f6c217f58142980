"""The Python API: build a knowledge graph from paths or text, load a built directory."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.errors import ArticleError, StoreError
from kg.export import write_outputs
from kg.extract import Extraction, extract
from kg.ingest import InputProblem, article_from_text, iter_articles, read_articles
from kg.rdf.build import bind_prefixes, build_graph, build_lines, graph_of_lines
from kg.rdf.read import read_entities, read_facts
from kg.rdf.validate import check
from kg.records import Article, Entity, Fact
from kg.resolve import resolve
from kg.store import Record, Store

__all__ = ["KnowledgeGraph", "BuildReport", "build", "build_articles", "build_into", "build_text", "load",
           "rebuild", "remove", "extract_articles"]


class KnowledgeGraph:
    """A built graph: the RDF (source of truth), its entities and facts, and a networkx view.

    ``entities`` and ``facts`` are read from the RDF on first use when not given (a loaded graph
    answers queries without reading every fact first). ``graph`` may be a function that makes the
    rdflib graph, called on first use (a build hands on its records and makes the graph only when
    it is asked for).
    """

    def __init__(self, graph: Graph | Callable[[], Graph], entities: list[Entity] | None = None,
                 facts: list[Fact] | None = None) -> None:
        self._graph = graph if isinstance(graph, Graph) else None
        self._make_graph = None if isinstance(graph, Graph) else graph
        self._entities = entities
        self._facts = facts
        self._nx: nx.MultiDiGraph | None = None

    def __repr__(self) -> str:
        if self._graph is None and self._entities is not None and self._facts is not None:
            return f"KnowledgeGraph({len(self._entities)} entities, {len(self._facts)} facts)"  # not made yet
        return f"KnowledgeGraph({len(self.graph)} triples)"

    @property
    def graph(self) -> Graph:
        """The rdflib graph."""
        if self._graph is None:
            assert self._make_graph is not None
            self._graph = self._make_graph()
        return self._graph

    @property
    def entities(self) -> list[Entity]:
        """Every entity, sorted by key."""
        if self._entities is None:
            self._entities = read_entities(self.graph)
        return self._entities

    @property
    def facts(self) -> list[Fact]:
        """Every fact with its evidence, sorted by (subject, predicate, object, polarity)."""
        if self._facts is None:
            self._facts = read_facts(self.graph)
        return self._facts

    @property
    def nx(self) -> nx.MultiDiGraph:
        """The networkx view, built from the RDF on first use."""
        if self._nx is None:
            from kg.graph import to_networkx

            self._nx = to_networkx(self.graph, self.entities, self.facts)
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


def extract_articles(articles: Sequence[Article], *, model: str | None = None, batch_size: int = 32,
                     processes: int = 1, progress: bool = False, problems: list[InputProblem] | None = None,
                     dask: Any = None) -> Iterator[tuple[Article, Extraction]]:
    """Run the spaCy pipeline over the articles (batched) and read their mentions and relations,
    one article at a time as they come, in input order.

    With ``processes`` > 1 the pipeline *and* the extractor run in that many worker processes
    (:mod:`kg.workers`), which send back extraction records rather than spaCy Docs; with ``dask``
    (a scheduler address, ``"local"`` or a ``distributed.Client``) they run on a Dask cluster
    (:mod:`kg.distributed`; ``processes`` is then the size of a local cluster). An article the
    extractor fails on is reported in ``problems`` (when given) and skipped.
    """
    if not articles:
        return
    bar = _progress(len(articles)) if progress else None
    if dask is not None:
        from kg.distributed import extract_on_dask

        chunks = extract_on_dask(articles, address=dask, model=model, batch_size=batch_size,
                                 workers=processes if processes > 1 else None)
    elif processes > 1:
        from kg.workers import extract_in_processes

        chunks = extract_in_processes(articles, processes=processes, model=model, batch_size=batch_size)
    else:
        chunks = _extract_here(articles, model=model, batch_size=batch_size)
    for chunk in chunks:
        for article, outcome in chunk:
            if isinstance(outcome, str):
                where = article.path or article.id
                message = f"{where}: extraction failed ({outcome}); please report it with the article"
                if problems is None:
                    raise ArticleError(message)
                problems.append(InputProblem(where, message))
            else:
                yield article, outcome
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()


def _extract_here(articles: Sequence[Article], *, model: str | None, batch_size: int) -> Iterator[list[tuple[Article, Extraction | str]]]:
    """Outcomes one article at a time in this process (so a killed build keeps what it stored)."""
    from kg.nlp.pipeline import make_nlp

    nlp = make_nlp(model)
    for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=batch_size)):
        try:
            yield [(article, extract(doc, article))]
        except Exception as error:  # one bad document must not stop the others
            yield [(article, f"{type(error).__name__}: {error}")]


def _progress(total: int):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    # disable=None: shown on a terminal, silent in pipes and CI
    return tqdm(total=total, unit="article", desc="extracting", disable=None if total > 1 else True, file=sys.stderr)


def _graph_of(pairs: Sequence[tuple[Article, Extraction]], *, where: str, validate: bool) -> KnowledgeGraph:
    """The graph of ``pairs``, checked against the shapes when ``validate``. The records handed on
    are the resolved ones: reading them back from the RDF gives the same records
    (``tests/test_build_lines.py``)."""
    articles = [a for a, _x in pairs]
    entities, facts = resolve(pairs)
    if not validate:
        return KnowledgeGraph(lambda: build_graph(articles, entities, facts), entities, facts)
    graph = build_graph(articles, entities, facts)
    check(graph, where=where)
    return KnowledgeGraph(graph, entities, facts)


def build_articles(articles: Sequence[Article], *, out: str | Path | None = None, model: str | None = None,
                   validate: bool = True) -> KnowledgeGraph:
    """Build the knowledge graph of ``articles`` alone; write the exports to ``out`` when given
    (replacing what ``out`` held)."""
    pairs = list(extract_articles(articles, model=model))
    result = _graph_of(pairs, where=str(out or "build"), validate=validate)
    if out is not None:
        store = Store(out)
        store.clear()
        for article, extraction in pairs:
            store.put(Record(article, extraction))
        lines = build_lines([a for a, _x in pairs], result.entities, result.facts)
        write_outputs(Path(out), lines, result.entities, result.facts)
    return result


@dataclass
class BuildReport:
    """What an incremental build did, document by document."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage (see rebuild)

    @property
    def ok(self) -> bool:
        return not self.problems


def build_into(directory: str | Path, inputs: Iterable[str | Path], *, model: str | None = None,
               validate: bool = True, fresh: bool = False, processes: int = 1, batch_size: int = 32,
               progress: bool = False, dask: Any = None) -> tuple[KnowledgeGraph, BuildReport]:
    """Add the articles ``inputs`` name to the store in ``directory`` and rewrite its exports.

    An unchanged document (same id, same content hash) is skipped, a changed one replaces its old
    facts; inputs that cannot be read are reported and the others still built. ``dask`` runs the
    extraction on a Dask cluster (see :func:`extract_articles`); the graph is the same.
    """
    store = Store(directory)
    if fresh:
        store.clear()
    report = BuildReport()
    known = store.hashes()
    todo: list[Article] = []
    for item in iter_articles(inputs):
        if isinstance(item, InputProblem):
            report.problems.append(item)
            continue
        if item.encoding != "utf-8":
            report.notes.append(f"{item.path or item.id}: not UTF-8; decoded as {item.encoding}")
        if known.get(item.id) == item.content_hash:
            report.unchanged.append(item.id)
            continue
        (report.replaced if item.id in known else report.added).append(item.id)
        todo.append(item)
    started = time.perf_counter()
    for article, extraction in extract_articles(todo, model=model, processes=processes, batch_size=batch_size,
                                                progress=progress, problems=report.problems, dask=dask):
        store.put(Record(article, extraction))
    report.timings["extract and store"] = time.perf_counter() - started
    failed = {p.where for p in report.problems}
    report.added = [d for d in report.added if d not in failed]
    return rebuild(directory, validate=validate, timings=report.timings, processes=processes,
                   progress=progress), report


def rebuild(directory: str | Path, *, validate: bool = True, timings: dict[str, float] | None = None,
            processes: int = 1, progress: bool = False) -> KnowledgeGraph:
    """Make the graph and the exports of ``directory`` again from its stored documents.

    Only the part of the graph that changed since the last validated build is checked against
    the shapes (:mod:`kg.delta`); the first build of a directory checks it all, and with
    ``processes`` > 1 it does so in a forked process while this one writes the exports, which
    replace the old files only once the graph is known to conform. ``timings``, when given,
    receives the seconds each stage took. With ``progress`` each stage says on a terminal
    (stderr) when it is done and how long it took.
    """
    from kg.delta import changed_subgraph, check_changed, mark_validated, previous_validated
    from kg.rdf.validate import BackgroundCheck, check_lines, checked_lines

    clock = _Clock(timings, echo=progress and sys.stderr.isatty())
    directory = Path(directory)
    pairs = [(record.article, record.extraction) for record in Store(directory)]
    clock.lap("read the store")
    articles = [a for a, _x in pairs]
    entities, facts = resolve(pairs)
    clock.lap("resolve")
    beside: BackgroundCheck | None = None
    previous = previous_validated(directory) if validate else None
    lines = build_lines(articles, entities, facts)
    clock.lap("build the RDF")
    if validate and previous is None and processes > 1:  # checked whole, beside the rest of the build
        beside = BackgroundCheck(lambda: graph_of_lines(checked_lines(lines)), where=str(directory))
    if validate and beside is None:
        change = None
        if previous is not None:
            with previous.open(encoding="utf-8") as stream:
                change = changed_subgraph((line.rstrip("\n") for line in stream), lines)
        if change is not None:
            check_changed(change, where=str(directory))
        else:
            check_lines(lines, where=str(directory))
        clock.lap("SHACL")
    mark_validated(directory, None)  # no record while the files are being replaced
    write_outputs(directory, lines, entities, facts, processes=processes,
                  before_replacing=beside.result if beside is not None else None)
    if validate:
        mark_validated(directory, lines)
    clock.lap("write exports" if beside is None else "SHACL and write exports")
    # the records handed on are the resolved ones (they read back from the RDF the same)
    return KnowledgeGraph(lambda: build_graph(articles, entities, facts), entities, facts)


class _Clock:
    """Seconds per stage into ``timings`` (nothing when it is ``None``); with ``echo`` a line on
    stderr as each stage ends (a big build spends a minute after extraction)."""

    def __init__(self, timings: dict[str, float] | None, *, echo: bool = False) -> None:
        self.timings, self.echo, self.last = timings, echo, time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        if self.echo:
            print(f"kg: {stage}: {now - self.last:.1f} s", file=sys.stderr, flush=True)
        self.last = now


def remove(directory: str | Path, document: str, *, validate: bool = True) -> KnowledgeGraph:
    """Delete ``document`` and every fact only it supported; rewrite the exports."""
    Store(directory).remove(document)
    return rebuild(directory, validate=validate)


def build(inputs: Iterable[str | Path], *, out: str | Path | None = None, model: str | None = None,
          validate: bool = True) -> KnowledgeGraph:
    """Build from article files and folders (``*.txt``, ``*.html``, ``*.jsonl``; sidecars
    ``NAME.meta.json``). With ``out``, the documents are added to the store there (an unchanged
    document is skipped) and the exports rewritten; a document that cannot be read raises.

    >>> import kg
    >>> result = kg.build(["seeds/"])                             # doctest: +SKIP
    >>> sorted({e.type for e in result.entities})                 # doctest: +SKIP
    ['Country', 'Deal', 'Event', 'Location', 'Mineral', 'Organization', 'Person']
    """
    if out is None:
        return build_articles(read_articles(inputs), model=model, validate=validate)
    result, report = build_into(out, inputs, model=model, validate=validate)
    if report.problems:
        raise ArticleError("; ".join(p.message for p in report.problems))
    return result


def build_text(text: str, *, id: str = "text", published: str | None = None, title: str = "",
               model: str | None = None) -> KnowledgeGraph:
    """Build from one article given as a string."""
    return build_articles([article_from_text(text, id=id, published=published, title=title)], model=model)


def load(directory: str | Path, *, store: str = "oxigraph") -> KnowledgeGraph:
    """Load a directory written by ``kg build``.

    ``store="oxigraph"`` (the default) opens ``DIR/.oxigraph``, an on-disk Oxigraph store behind a
    read-only rdflib Graph (:mod:`kg.rdf.oxigraph`): made from ``graph.nt`` by pyoxigraph's bulk
    loader the first time (and whenever ``graph.nt`` has changed), opened in milliseconds after
    that; the query modules and ``kg query`` run in Oxigraph's SPARQL engine. Where ``DIR`` cannot
    be written, ``graph.nt`` is bulk-loaded into an in-memory Oxigraph store instead.
    ``store="memory"`` reads it into a writable in-memory rdflib graph (the light store a build's
    graph is made in, :mod:`kg.rdf.fast`; what ``kg validate`` checks in place).
    A directory with only ``graph.ttl`` is read into rdflib's store either way.
    """
    if store not in {"oxigraph", "memory"}:
        raise ValueError(f"store must be 'oxigraph' or 'memory', not {store!r}")
    folder = Path(directory)
    path = next((p for p in (folder / "graph.nt", folder / "graph.ttl") if p.is_file()), None)
    if path is None:
        raise StoreError(f"{directory}: no graph.ttl here; run `kg build INPUT --out {directory}` first")
    if path.suffix == ".nt" and store == "oxigraph":
        from kg.rdf.oxigraph import graph_from_directory, graph_from_ntriples

        try:
            graph = bind_prefixes(graph_from_directory(folder))
        except (OSError, StoreError):  # a read-only directory, a full disk: load into memory
            graph = bind_prefixes(graph_from_ntriples(path))
    elif path.suffix == ".nt":
        with path.open(encoding="utf-8") as stream:
            graph = graph_of_lines(line.rstrip("\n") for line in stream)
    else:
        graph = bind_prefixes(Graph()).parse(path, format="turtle")
    return KnowledgeGraph(graph)
