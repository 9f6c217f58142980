"""Analytics on the networkx view (graph first, options keyword-only).

The view is :attr:`kg.KnowledgeGraph.nx`: a MultiDiGraph of entity keys whose edges are facts.
"""

from __future__ import annotations

__all__ = ["central_actors", "shortest_connection", "ego_network", "communities", "positive_view"]

from collections.abc import Hashable
from typing import Any

import networkx as nx

from kg.errors import KGError


def positive_view(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Only the edges of positive, asserted facts."""
    return nx.subgraph_view(G, filter_edge=lambda u, v, k: G.edges[u, v, k]["polarity"] == "positive"
                            and G.edges[u, v, k]["modality"] == "asserted")


def central_actors(G: nx.MultiDiGraph, *, positive_only: bool = False, top: int = 10,
                   types: tuple[str, ...] = ("Country", "Person", "Organization")) -> list[dict[str, Any]]:
    """The most central actors by PageRank, with their degree.

    >>> G = nx.MultiDiGraph()
    >>> for key, label in [("a", "A"), ("b", "B"), ("c", "C")]:
    ...     G.add_node(key, label=label, type="Country")
    >>> for u, v in [("a", "b"), ("a", "c")]:
    ...     _ = G.add_edge(u, v, polarity="positive", modality="asserted", confidence=1.0)
    >>> [row["label"] for row in central_actors(G)]
    ['A', 'B', 'C']
    """
    view = positive_view(G) if positive_only else G
    simple = nx.DiGraph()
    simple.add_nodes_from(view.nodes(data=True))
    for u, v, data in view.edges(data=True):
        weight = float(data.get("confidence", 1.0))
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += weight
        else:
            simple.add_edge(u, v, weight=weight)
    if simple.number_of_nodes() == 0:
        return []
    rank = nx.pagerank(simple.to_undirected(), weight="weight")
    rows = [{"key": n, "label": G.nodes[n].get("label", n), "type": G.nodes[n].get("type", ""),
             "pagerank": round(rank[n], 4), "degree": view.degree(n)}
            for n in simple.nodes if G.nodes[n].get("type") in types]
    rows.sort(key=lambda r: (-r["pagerank"], -r["degree"], r["label"]))
    return rows[:top]


def shortest_connection(G: nx.MultiDiGraph, source: Hashable, target: Hashable, *,
                        positive_only: bool = False) -> list[dict[str, Any]]:
    """The shortest chain of facts linking two entities (direction ignored), each with its evidence.

    Raises :class:`KGError` when either entity is missing or nothing links them.
    """
    view = positive_view(G) if positive_only else G
    for node in (source, target):
        if node not in view:
            raise KGError(f"no entity {node!r} in the graph")
    undirected = nx.Graph(view.to_undirected(as_view=True))
    try:
        path = nx.shortest_path(undirected, source, target)
    except nx.NetworkXNoPath:
        raise KGError(f"nothing connects {G.nodes[source]['label']} and {G.nodes[target]['label']}") from None
    chain = []
    for u, v in zip(path, path[1:]):
        edges = [(a, b, d) for a, b, d in view.edges(u, data=True) if b == v] + \
                [(a, b, d) for a, b, d in view.edges(v, data=True) if b == u]
        a, b, data = max(edges, key=lambda e: e[2]["confidence"])
        chain.append({"subject": G.nodes[a]["label"], "predicate": data["predicate"], "object": G.nodes[b]["label"],
                      "polarity": data["polarity"], "modality": data["modality"], "confidence": data["confidence"],
                      "evidence": [e.sentence for e in data["evidence"]]})
    return chain


def ego_network(G: nx.MultiDiGraph, node: Hashable, *, radius: int = 1) -> nx.MultiDiGraph:
    """The entities within ``radius`` facts of ``node`` and the facts between them."""
    if node not in G:
        raise KGError(f"no entity {node!r} in the graph")
    return nx.ego_graph(G, node, radius=radius, undirected=True)


def communities(G: nx.MultiDiGraph, *, positive_only: bool = False) -> list[list[str]]:
    """Groups of entities more linked to each other than to the rest (greedy modularity)."""
    view = positive_view(G) if positive_only else G
    undirected = nx.Graph(view.to_undirected(as_view=True))
    undirected.remove_nodes_from([n for n in list(undirected) if undirected.degree(n) == 0])
    if undirected.number_of_edges() == 0:
        return []
    groups = nx.community.greedy_modularity_communities(undirected)
    return [sorted(G.nodes[n]["label"] for n in group) for group in groups]
