"""kg build --dask: extraction on a Dask cluster gives the same graph as a local build."""

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.api import build_into
from kg.ingest import read_articles

from test_corpus import corpus

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    with cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dask_corpus")
    corpus.write_corpus(corpus.make_corpus(12, seed=5), folder)
    return folder


def test_distributed_build_equals_a_local_build(client, articles: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    local, _report = build_into(tmp_path / "local", [articles])
    remote, report = build_into(tmp_path / "dask", [articles], dask=client)
    assert report.ok and len(report.added) == 12
    assert isomorphic(Graph().parse(tmp_path / "local" / "graph.nt"), Graph().parse(tmp_path / "dask" / "graph.nt"))
    assert (tmp_path / "local" / "graph.nt").read_bytes() == (tmp_path / "dask" / "graph.nt").read_bytes()
    assert len(local.facts) == len(remote.facts) > 0


def test_distributed_workers_load_the_model_once(client, articles: Path) -> None:  # type: ignore[no-untyped-def]
    from kg.distributed import extract_on_dask

    chunks = list(extract_on_dask(read_articles([articles]), address=client, chunk_size=2))
    assert len(chunks) == 6 and sum(len(c) for c in chunks) == 12

    def loads() -> int:
        from kg.nlp.pipeline import make_nlp

        return make_nlp.cache_info().misses

    per_worker = client.run(loads)
    assert len(per_worker) == 2 and all(count <= 1 for count in per_worker.values())
    assert sum(per_worker.values()) >= 1
