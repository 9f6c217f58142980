"""Write a build: Turtle, JSON-LD, GraphML, entities.jsonl and facts.jsonl.

Every file is written to a temporary name and renamed, so a reader never sees half a file.
GraphML takes plain scalars only: lists become JSON strings, every attribute has one type.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.rdf.iris import entity_iri
from kg.records import Entity, Fact

__all__ = ["write_outputs", "graphml_view", "entity_row", "fact_row", "atomic_write"]


def atomic_write(path: Path, data: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def entity_row(entity: Entity) -> dict[str, object]:
    row: dict[str, object] = {
        "id": str(entity_iri(entity.key)), "key": entity.key, "label": entity.label, "type": entity.type,
        "aliases": list(entity.aliases), "identifiers": entity.identifier_map,
        "documents": list(entity.documents), "mentions": entity.mentions,
    }
    if entity.value is not None:
        row["value"] = {"amount": entity.value.amount, "currency": entity.value.currency}
    if entity.date is not None:
        row["date"] = entity.date.value
    return row


def fact_row(fact: Fact, entities: dict[str, Entity]) -> dict[str, object]:
    def node(key: str) -> dict[str, str]:
        entity = entities[key]
        return {"id": str(entity_iri(key)), "label": entity.label, "type": entity.type}

    qualifiers: dict[str, object] = dict(fact.qualifiers)
    if "value" in qualifiers:
        amount, _, currency = str(qualifiers["value"]).partition(" ")
        qualifiers["value"] = {"amount": int(amount), "currency": currency}
    return {
        "subject": node(fact.subject), "predicate": fact.predicate, "object": node(fact.object),
        "polarity": fact.polarity, "modality": fact.modality, "qualifiers": qualifiers,
        "confidence": fact.confidence,
        "documents": len(fact.documents), "sources": fact.sources,
        "evidence": [{"document": e.document, "sentence": e.sentence, "start": e.start, "end": e.end,
                      "rule": e.rule} for e in fact.evidence],
    }


# Characters XML 1.0 does not allow (C0 controls other than tab, newline, carriage return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def graphml_view(entities: Iterable[Entity], facts: Iterable[Fact]) -> nx.MultiDiGraph:
    """The view written to GraphML: plain scalars, one type per attribute, ``label`` for Gephi."""
    view = nx.MultiDiGraph()
    for entity in entities:
        ids = entity.identifier_map
        view.add_node(entity.key, label=_xml_text(entity.label), type=entity.type, iso3166=ids.get("iso3166", ""),
                      wikidata=ids.get("wikidata", ""), mentions=int(entity.mentions),
                      aliases=_xml_text(json.dumps(list(entity.aliases), ensure_ascii=False)))
    for fact in facts:
        documents = sorted({e.document for e in fact.evidence})
        view.add_edge(fact.subject, fact.object, key=f"{fact.subject}.{fact.predicate}.{fact.object}.{fact.polarity}",
                      label=fact.predicate, predicate=fact.predicate, polarity=fact.polarity,
                      negative=fact.polarity == "negative", modality=fact.modality,
                      confidence=float(fact.confidence), evidence=_xml_text(fact.evidence[0].sentence),
                      documents=_xml_text(json.dumps(documents)), sources=int(fact.sources),
                      weight=float(len(fact.evidence)))
    return view


def write_outputs(out: Path, graph: Graph, entities: list[Entity], facts: list[Fact]) -> dict[str, Path]:
    """Write every export of a build into ``out``; returns the paths by format."""
    out.mkdir(parents=True, exist_ok=True)
    by_key = {e.key: e for e in entities}
    paths = {
        "turtle": out / "graph.ttl", "jsonld": out / "graph.jsonld", "graphml": out / "graph.graphml",
        "nt": out / "graph.nt", "entities": out / "entities.jsonl", "facts": out / "facts.jsonl",
        "gexf": out / "graph.gexf", "csv": out / "facts.csv",
    }
    atomic_write(paths["turtle"], graph.serialize(format="turtle"))
    atomic_write(paths["jsonld"], graph.serialize(format="json-ld", indent=2))
    lines = sorted(line for line in graph.serialize(format="nt").splitlines() if line.strip())
    atomic_write(paths["nt"], "\n".join(lines) + "\n")
    atomic_write(paths["entities"], "".join(json.dumps(entity_row(e), ensure_ascii=False) + "\n" for e in entities))
    atomic_write(paths["facts"], "".join(json.dumps(fact_row(f, by_key), ensure_ascii=False) + "\n" for f in facts))
    view = graphml_view(entities, facts)
    atomic_write(paths["graphml"], "\n".join(nx.generate_graphml(view)) + "\n")
    atomic_write(paths["gexf"], "\n".join(nx.generate_gexf(view)) + "\n")
    atomic_write(paths["csv"], facts_csv(facts, by_key))
    return paths


def facts_csv(facts: Iterable[Fact], entities: dict[str, Entity]) -> str:
    """One row per fact: labels, predicate, polarity, modality, confidence, qualifiers, evidence."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["subject", "subject_type", "predicate", "object", "object_type", "polarity", "modality",
                     "confidence", "role", "item", "value", "date", "place", "sources", "documents", "evidence", "rules"])
    for fact in facts:
        q = fact.qualifier_map
        writer.writerow([entities[fact.subject].label, entities[fact.subject].type, fact.predicate,
                         entities[fact.object].label, entities[fact.object].type, fact.polarity, fact.modality,
                         f"{fact.confidence:.3f}", q.get("role", ""), q.get("item", ""), q.get("value", ""),
                         q.get("date", ""), q.get("place", ""), len({e.document for e in fact.evidence}),
                         " ".join(sorted({e.document for e in fact.evidence})), fact.evidence[0].sentence,
                         " ".join(sorted({e.rule for e in fact.evidence}))])
    return buffer.getvalue()
