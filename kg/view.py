"""One self-contained, offline HTML page to look at a built graph (``kg view DIR``).

The page inlines the vis-network library shipped inside the installed ``pyvis`` package (its
standalone ``vis-network.min.js`` and CSS, read at build time), the page's own script and style
from ``kg/resources/`` and the graph as JSON. It references no URL: it opens from a file, with no
network, and can be mailed as it is.

In the page: nodes coloured (and shaped) by type; edges labelled by predicate, negative facts dashed
and red; filters by type, predicate, polarity, modality, minimum confidence and date range; a search
over labels and aliases; clicking a node or an edge shows its facts with the evidence sentences,
dates, values and sources. ``window.geokgView`` exposes the state for tests.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KGError
from kg.records import MODALITIES, POLARITIES, PREDICATES, TYPES, Amount, Entity, Fact

if TYPE_CHECKING:
    from kg.api import KnowledgeGraph

__all__ = ["TYPE_COLORS", "documents", "embed_json", "fact_date", "format_amount", "render_view",
           "view_data", "vis_network_assets", "write_view"]

RESOURCES = Path(__file__).parent / "resources"

#: One colour (and vis-network shape) per entity type, colour-blind-safe (Tableau 10).
TYPE_COLORS = {"Country": "#4e79a7", "Person": "#f28e2b", "Organization": "#59a14f", "Event": "#b07aa1",
               "Deal": "#edc948", "Mineral": "#9c755f", "Location": "#76b7b2"}
TYPE_SHAPES = {"Country": "dot", "Person": "diamond", "Organization": "square", "Event": "star",
               "Deal": "triangle", "Mineral": "hexagon", "Location": "triangleDown"}


def format_amount(amount: Amount) -> str:
    """``500,000,000 USD``.

    >>> format_amount(Amount(500000000, "USD"))
    '500,000,000 USD'
    """
    return f"{amount.amount:,} {amount.currency}"


def fact_date(fact: Fact, entities: dict[str, Entity]) -> str | None:
    """The date of a fact: its own date qualifier, else its object's date, else its subject's.

    The same rule as the ``timeline`` query module (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).

    >>> fact = Fact("a", "attends", "e", "positive", "planned", 0.9, ())
    >>> from kg.records import DateValue
    >>> fact_date(fact, {"e": Entity("e", "E", "Event", date=DateValue("2026-02-04", "day"))})
    '2026-02-04'
    """
    own = fact.qualifier_map.get("date")
    if own:
        return own
    for key in (fact.object, fact.subject):
        entity = entities.get(key)
        if entity is not None and entity.date is not None:
            return entity.date.value
    return None


def documents(kg_graph: KnowledgeGraph) -> dict[str, dict[str, str]]:
    """The source documents of a graph by id: ``title``, ``published``, ``source_url``, ``outlet``."""
    from rdflib import RDF
    from rdflib.namespace import DCTERMS

    from kg.rdf.namespace import GEOKG

    graph = kg_graph.graph
    found = {}
    for node in graph.subjects(RDF.type, GEOKG.Document):
        identifier = graph.value(node, DCTERMS.identifier)
        if identifier is None:
            continue
        row = {"id": str(identifier)}
        for name, prop in (("title", DCTERMS.title), ("published", DCTERMS.issued),
                           ("source_url", DCTERMS.source), ("outlet", DCTERMS.publisher)):
            value = graph.value(node, prop)
            if value is not None:
                row[name] = str(value)
        found[row["id"]] = row
    return dict(sorted(found.items()))


EVIDENCE_SHOWN = 5  # sentences per fact in the page (it says how many more there are)
DOCUMENTS_SHOWN = 20  # documents per entity in the page (likewise)


def select_view(kg_graph: KnowledgeGraph, *, focus: str | None = None, depth: int = 1,
                max_nodes: int | None = None, max_edges: int | None = None) -> tuple[list[Entity], list[Fact]]:
    """The entities and facts a page shows: all of them; with ``focus`` the entity named so and
    those within ``depth`` facts of it; with ``max_nodes`` at most that many, the most connected
    first (and the focus always), with the facts between them; with ``max_edges`` at most that many
    of those facts, the best supported first (most sources, then confidence). A browser draws a
    few hundred nodes and a few thousand edges well, not tens of thousands. Raises ``KeyError``
    for a focus no entity has as a name."""
    entities, facts = kg_graph.entities, kg_graph.facts
    keep: set[str] | None = None
    if focus is not None:
        centre = kg_graph.entity(focus).key
        neighbours: dict[str, set[str]] = {}
        for fact in facts:
            neighbours.setdefault(fact.subject, set()).add(fact.object)
            neighbours.setdefault(fact.object, set()).add(fact.subject)
        keep, frontier = {centre}, {centre}
        for _ in range(max(depth, 0)):
            frontier = {n for key in frontier for n in neighbours.get(key, ())} - keep
            keep |= frontier
    if max_nodes is not None and len(keep if keep is not None else entities) > max_nodes:
        degree: dict[str, int] = {}
        for fact in facts:
            if keep is None or (fact.subject in keep and fact.object in keep):
                for key in (fact.subject, fact.object):
                    degree[key] = degree.get(key, 0) + 1
        pool = [e.key for e in entities if keep is None or e.key in keep]
        ranked = sorted(pool, key=lambda key: (key != (kg_graph.entity(focus).key if focus else None),
                                                -degree.get(key, 0), key))
        keep = set(ranked[:max(max_nodes, 1)])
    if keep is not None:
        entities = [e for e in entities if e.key in keep]
        facts = [f for f in facts if f.subject in keep and f.object in keep]
    if max_edges is not None and len(facts) > max_edges:
        best = sorted(facts, key=lambda f: (-f.sources, -f.confidence, f.subject, f.predicate, f.object, f.polarity))
        chosen = {id(f) for f in best[:max(max_edges, 0)]}
        facts = [f for f in facts if id(f) in chosen]
        linked = {key for f in facts for key in (f.subject, f.object)} | ({kg_graph.entity(focus).key} if focus else set())
        entities = [e for e in entities if e.key in linked]  # no node left without its facts
    return entities, facts


def view_data(kg_graph: KnowledgeGraph, entities: list[Entity] | None = None,
              facts: list[Fact] | None = None) -> dict[str, Any]:
    """The JSON-able data the page draws: nodes, edges (one per fact), documents, legend; of the
    given ``entities`` and ``facts`` (default all of the graph's, see :func:`select_view`)."""
    shown_entities = kg_graph.entities if entities is None else entities
    shown_facts = kg_graph.facts if facts is None else facts
    entities_by_key = {e.key: e for e in kg_graph.entities}
    degree: dict[str, int] = {}
    for fact in shown_facts:
        for key in (fact.subject, fact.object):
            degree[key] = degree.get(key, 0) + 1
    nodes = []
    for entity in shown_entities:
        nodes.append({
            "id": entity.key, "label": entity.label, "type": entity.type, "aliases": list(entity.aliases),
            "identifiers": dict(entity.identifiers), "documents": list(entity.documents[:DOCUMENTS_SHOWN]),
            "documentCount": len(entity.documents),
            "mentions": entity.mentions, "degree": degree.get(entity.key, 0),
            "value": format_amount(entity.value) if entity.value else None,
            "date": entity.date.value if entity.date else None,
        })
    edges = []
    for number, fact in enumerate(shown_facts):
        qualifiers = fact.qualifier_map
        if "value" in qualifiers:
            amount, _, currency = qualifiers["value"].partition(" ")
            if amount.isdigit():
                qualifiers["value"] = format_amount(Amount(int(amount), currency))
        edges.append({
            "id": f"fact{number}", "from": fact.subject, "to": fact.object, "predicate": fact.predicate,
            "polarity": fact.polarity, "modality": fact.modality, "confidence": round(fact.confidence, 4),
            "date": fact_date(fact, entities_by_key), "qualifiers": qualifiers,
            "evidence": [{"document": e.document, "sentence": e.sentence, "start": e.start, "end": e.end,
                          "rule": e.rule} for e in fact.evidence[:EVIDENCE_SHOWN]],
            "evidenceCount": len(fact.evidence),
        })
    present_types = {e.type for e in shown_entities}
    present_predicates = {f.predicate for f in shown_facts}
    docs = documents(kg_graph)
    title = _title(docs)
    if entities is not None or facts is not None:  # only the documents the page cites
        cited = ({d for e in shown_entities for d in e.documents[:DOCUMENTS_SHOWN]}
                 | {ev.document for f in shown_facts for ev in f.evidence[:EVIDENCE_SHOWN]})
        docs = {key: row for key, row in docs.items() if key in cited}
    selected = None
    if len(shown_entities) < len(kg_graph.entities) or len(shown_facts) < len(kg_graph.facts):
        selected = {"entities": len(kg_graph.entities), "facts": len(kg_graph.facts)}
    return {
        "title": title, "selected": selected,
        "types": [t for t in TYPES if t in present_types],
        "colors": TYPE_COLORS, "shapes": TYPE_SHAPES,
        "predicates": [p for p in PREDICATES if p in present_predicates],
        "polarities": list(POLARITIES),
        "modalities": [m for m in MODALITIES if m in {f.modality for f in shown_facts}],
        "nodes": nodes, "edges": edges, "documents": docs,
    }


def _title(docs: dict[str, dict[str, str]]) -> str:
    if len(docs) == 1:
        only = next(iter(docs.values()))
        return only.get("title") or only["id"]
    return f"{len(docs)} documents"


def embed_json(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``</script>``, ``<!--`` or raw U+2028.

    >>> embed_json({"label": "</script><b>"})
    '{"label": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def vis_network_assets() -> tuple[str, str, str]:
    """The vis-network standalone script, its CSS and its version, from the installed ``pyvis``.

    Raises :class:`KGError` when pyvis (pinned in ``requirements.txt``) is not installed.
    """
    try:
        distribution = importlib.metadata.distribution("pyvis")
    except importlib.metadata.PackageNotFoundError:
        raise KGError("kg view needs the pyvis package for its vis-network script: "
                      "run `make setup` (or `pip install -r requirements.lock`)") from None
    scripts = {}
    for file in distribution.files or ():
        match = re.search(r"templates/lib/vis-([0-9.]+)/vis-network\.min\.js$", str(file).replace("\\", "/"))
        if match:
            scripts[tuple(int(part) for part in match.group(1).split("."))] = file
    if not scripts:
        raise KGError(f"pyvis {distribution.version} ships no vis-network.min.js; reinstall it with `make setup`")
    version = max(scripts)
    script_path = Path(str(distribution.locate_file(scripts[version])))
    css_path = script_path.with_name("vis-network.css")
    css = css_path.read_text(encoding="utf-8") if css_path.is_file() else ""
    return script_path.read_text(encoding="utf-8"), css, ".".join(map(str, version))


def _inline_script(text: str) -> str:
    """Script text that cannot close its ``<script>`` element early."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def render_view(kg_graph: KnowledgeGraph, *, title: str | None = None, focus: str | None = None,
                depth: int = 1, max_nodes: int | None = None, max_edges: int | None = None) -> str:
    """The page as a string (see :func:`write_view`)."""
    import html

    from kg import __version__

    if focus is None and max_nodes is None and max_edges is None:
        data = view_data(kg_graph)
    else:
        data = view_data(kg_graph, *select_view(kg_graph, focus=focus, depth=depth, max_nodes=max_nodes,
                                                max_edges=max_edges))
    if title:
        data["title"] = title
    vis_js, vis_css, vis_version = vis_network_assets()
    parts = {
        "TITLE": html.escape(f"geokg — {data['title']}"),
        "GENERATOR": html.escape(f"geokg {__version__}; vis-network {vis_version} (from the pyvis package)"),
        "VIS_CSS": vis_css.replace("</", "<\\/"),
        "VIEW_CSS": (RESOURCES / "view.css").read_text(encoding="utf-8").replace("</", "<\\/"),
        "VIS_JS": _inline_script(vis_js),
        "VIEW_JS": _inline_script((RESOURCES / "view.js").read_text(encoding="utf-8")),
        "DATA": embed_json(data),
    }
    template = (RESOURCES / "view.html").read_text(encoding="utf-8")
    return re.sub(r"@@([A-Z_]+)@@", lambda m: parts[m.group(1)], template)


def write_view(kg_graph: KnowledgeGraph, path: str | Path, *, title: str | None = None, focus: str | None = None,
               depth: int = 1, max_nodes: int | None = None, max_edges: int | None = None) -> Path:
    """Write the interactive view of ``kg_graph`` to ``path`` (one HTML file) and return the path.

    Parameters
    ----------
    kg_graph
        A built or loaded graph (:func:`kg.build`, :func:`kg.load`).
    path
        The HTML file to write; its folder is created.
    title
        The page's heading; default the document's title (or the number of documents).
    focus, depth, max_nodes, max_edges
        Show only the entity named ``focus`` and its neighbours up to ``depth`` facts away, at most
        ``max_nodes`` entities (the most connected first) and ``max_edges`` facts (the best
        supported first); see :func:`select_view`.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_view(kg_graph, title=title, focus=focus, depth=depth, max_nodes=max_nodes,
                                max_edges=max_edges), encoding="utf-8")
    return path
