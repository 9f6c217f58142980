"""Extraction in worker processes: each worker runs the spaCy pipeline *and* the extractor.

A worker loads the pipeline once (``make_nlp`` is cached per process; a forked worker inherits
the parent's) and turns a chunk of articles into extraction records, which are small and cheap
to send back, unlike spaCy ``Doc`` objects. :func:`extract_chunk` is the unit of work both for the
local process pool (``kg build --processes N``) and for a Dask cluster (:mod:`kg.distributed`).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from kg.extract import Extraction
from kg.records import Article

__all__ = ["Outcome", "extract_chunk", "chunked", "extract_in_processes"]

# An article and its extraction, or the one-line reason the extractor failed on it.
Outcome = tuple[Article, Extraction | str]


def extract_chunk(articles: Sequence[Article], *, model: str | None = None, batch_size: int = 32) -> list[Outcome]:
    """Run the pipeline and the extractor over ``articles`` in this process (model loaded once)."""
    from kg.extract import extract
    from kg.nlp.pipeline import make_nlp

    nlp = make_nlp(model)
    outcomes: list[Outcome] = []
    for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=batch_size)):
        try:
            outcomes.append((article, extract(doc, article)))
        except Exception as error:  # one bad document must not stop the others
            outcomes.append((article, f"{type(error).__name__}: {error}"))
    return outcomes


def chunked(items: Sequence[Article], size: int) -> list[Sequence[Article]]:
    size = max(size, 1)
    return [items[start:start + size] for start in range(0, len(items), size)]


def _context() -> multiprocessing.context.BaseContext:
    # fork shares the loaded pipeline with the workers; spawn where fork does not exist
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _work(chunk: Sequence[Article], model: str | None, batch_size: int) -> list[Outcome]:
    return extract_chunk(chunk, model=model, batch_size=batch_size)


def extract_in_processes(articles: Sequence[Article], *, processes: int, model: str | None = None,
                         batch_size: int = 32, chunk_size: int | None = None) -> Iterator[list[Outcome]]:
    """Chunks of outcomes, in input order, from ``processes`` worker processes."""
    size = chunk_size or max(8, min(batch_size, -(-len(articles) // (processes * 4))))
    chunks = chunked(articles, size)
    with ProcessPoolExecutor(max_workers=processes, mp_context=_context()) as pool:
        yield from pool.map(_work, chunks, [model] * len(chunks), [batch_size] * len(chunks))
