"""A short Markdown report of a built graph (``kg report DIR``).

Sections: sources, counts by type and by predicate, the most central actors, the deals with their
values, each event with who hosts, attends, is invited and who does not or is not, and a timeline of
the dated facts. Every fact cites its first evidence sentence.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from kg.records import MODALITIES, PREDICATES, TYPES, Entity, Fact
from kg.view import documents, fact_date, format_amount

if TYPE_CHECKING:
    from kg.api import KnowledgeGraph

__all__ = ["render_report", "write_report"]

#: How an event's facts read, by (predicate, polarity), seen from the subject.
_EVENT_ROLES = {
    ("hosts", "positive"): "hosts", ("hosts", "negative"): "does not host",
    ("attends", "positive"): "attends", ("attends", "negative"): "does not attend",
    ("invitedTo", "positive"): "invited", ("invitedTo", "negative"): "not invited",
}


def _md(text: object) -> str:
    """One line of Markdown showing ``text`` as it is: no table break, link, tag, math or emphasis.

    >>> _md("a | b $5\\n<b>")
    'a \\\\| b \\\\$5 \\\\<b>'
    """
    text = " ".join(str(text).split())
    for char in "\\|$*<[]`":
        text = text.replace(char, "\\" + char)
    return text


def _quote(fact: Fact, *, limit: int = 220) -> str:
    if not fact.evidence:
        return ""
    sentence = " ".join(fact.evidence[0].sentence.split())
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rstrip() + "…"
    return f"“{sentence}” ({fact.evidence[0].document})"


def _fact_text(fact: Fact, labels: dict[str, str]) -> str:
    negation = " (NOT)" if fact.polarity == "negative" else ""
    return f"{labels[fact.subject]} —{fact.predicate}{negation}→ {labels[fact.object]}"


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md(value) for value in row) + " |" for row in rows]
    return lines


def _sources(kg_graph: KnowledgeGraph) -> list[str]:
    lines = ["## Sources", ""]
    for doc in documents(kg_graph).values():
        about = ", ".join(v for v in (doc.get("outlet"), doc.get("published")) if v)
        line = f"- `{doc['id']}`" + (f": {_md(doc['title'])}" if doc.get("title") else "")
        line += f" ({_md(about)})" if about else ""
        url = doc.get("source_url", "")
        if url.startswith(("http://", "https://")) and not any(c in url for c in " <>"):
            line += f" <{url}>"
        lines.append(line)
    return lines


def _counts(kg_graph: KnowledgeGraph) -> list[str]:
    types = Counter(e.type for e in kg_graph.entities)
    lines = ["## Counts", "", f"{len(kg_graph.entities)} entities, {len(kg_graph.facts)} facts "
             f"({sum(f.polarity == 'negative' for f in kg_graph.facts)} negative).", ""]
    lines += _table(["entity type", "entities"], [[t, types[t]] for t in TYPES if types[t]])
    lines.append("")
    modalities = [m for m in MODALITIES if any(f.modality == m for f in kg_graph.facts)]
    rows = []
    for predicate in PREDICATES:
        own = [f for f in kg_graph.facts if f.predicate == predicate]
        if own:
            rows.append([predicate, len(own), sum(f.polarity == "positive" for f in own),
                         sum(f.polarity == "negative" for f in own),
                         *(sum(f.modality == m for f in own) for m in modalities)])
    lines += _table(["predicate", "facts", "positive", "negative", *modalities], rows)
    return lines


def _central(kg_graph: KnowledgeGraph, *, top: int) -> list[str]:
    from kg.analytics import central_actors

    rows = [[n, r["label"], r["type"], f"{r['pagerank']:.3f}", r["degree"]]
            for n, r in enumerate(central_actors(kg_graph.nx, top=top), 1)]
    lines = ["## Most central actors", "",
             "PageRank over all facts (weighted by confidence), with the number of facts.", ""]
    return lines + (_table(["#", "actor", "type", "PageRank", "facts"], rows) if rows else ["(no actors)"])


def _deals(kg_graph: KnowledgeGraph, labels: dict[str, str], entities: dict[str, Entity]) -> list[str]:
    from kg.queries import deals

    lines = ["## Deals", ""]
    found = deals(kg_graph)
    if not found:
        return lines + ["(no deals)"]
    rows = []
    for deal in found:
        parties = ", ".join(p + ("" if pol == "positive" else " (NOT)") + ("" if mod == "asserted" else f" ({mod})")
                            for p, pol, mod in deal.parties)
        evidence = [f for f in kg_graph.facts if deal.key in (f.subject, f.object)]
        date = entities[deal.key].date.value if deal.key in entities and entities[deal.key].date else ""
        rows.append([deal.label, format_amount(deal.value) if deal.value else "not stated", parties or "?",
                     ", ".join(deal.minerals), date,
                     _quote(max(evidence, key=lambda f: f.confidence)) if evidence else ""])
    return lines + _table(["deal", "value", "parties", "minerals", "date", "evidence"], rows)


def _events(kg_graph: KnowledgeGraph, labels: dict[str, str]) -> list[str]:
    lines = ["## Events", ""]
    events = [e for e in kg_graph.entities if e.type == "Event"]
    if not events:
        return lines + ["(no events)"]
    for event in sorted(events, key=lambda e: (e.date.value if e.date else "9999", e.label)):
        own = [f for f in kg_graph.facts if f.object == event.key and (f.predicate, f.polarity) in _EVENT_ROLES]
        places = [labels[f.object] for f in kg_graph.facts
                  if f.subject == event.key and f.predicate == "locatedIn" and f.polarity == "positive"]
        where = ", ".join(([event.date.value] if event.date else []) + places)
        lines += [f"### {_md(event.label)}" + (f" ({_md(where)})" if where else ""), ""]
        by_role: dict[str, list[str]] = {}
        for fact in own:
            who = labels[fact.subject] + ("" if fact.modality == "asserted" else f" ({fact.modality})")
            by_role.setdefault(_EVENT_ROLES[fact.predicate, fact.polarity], []).append(who)
        for role in _EVENT_ROLES.values():
            if role in by_role:
                lines.append(f"- **{role}**: {_md(', '.join(by_role[role]))}")
        if not own:
            lines.append("- no host, attendee or invitation recorded")
        lines.append("")
        own.sort(key=lambda f: (list(_EVENT_ROLES).index((f.predicate, f.polarity)), labels[f.subject]))
        rows = [[labels[f.subject], _EVENT_ROLES[f.predicate, f.polarity], f.modality, f"{f.confidence:.2f}", _quote(f)]
                for f in own]
        if rows:
            lines += _table(["who", "role", "modality", "confidence", "evidence"], rows) + [""]
    return lines[:-1] if lines[-1] == "" else lines


def _timeline(kg_graph: KnowledgeGraph, labels: dict[str, str], entities: dict[str, Entity]) -> list[str]:
    dated = [(date, f) for f in kg_graph.facts if (date := fact_date(f, entities))]
    dated.sort(key=lambda pair: (pair[0], pair[1].predicate, labels[pair[1].subject]))
    rows = [[date, _fact_text(f, labels), f.modality, f"{f.confidence:.2f}", _quote(f)] for date, f in dated]
    lines = ["## Timeline", "", "Facts with a date (their own, else their event's or deal's), oldest first.", ""]
    if not rows:
        return lines + ["(no dated facts)"]
    return lines + _table(["date", "fact", "modality", "confidence", "evidence"], rows)


def render_report(kg_graph: KnowledgeGraph, *, top: int = 10, title: str = "geokg report") -> str:
    """The report as Markdown text (see :func:`write_report`)."""
    labels = {e.key: e.label for e in kg_graph.entities}
    entities = {e.key: e for e in kg_graph.entities}
    sections = [[f"# {title}"], _sources(kg_graph), _counts(kg_graph), _central(kg_graph, top=top),
                _deals(kg_graph, labels, entities), _events(kg_graph, labels), _timeline(kg_graph, labels, entities)]
    return "\n\n".join("\n".join(section) for section in sections) + "\n"


def write_report(kg_graph: KnowledgeGraph, path: str | Path, *, top: int = 10) -> Path:
    """Write the Markdown report of ``kg_graph`` to ``path`` and return the path.

    Parameters
    ----------
    kg_graph
        A built or loaded graph (:func:`kg.build`, :func:`kg.load`).
    path
        The Markdown file to write; its folder is created.
    top
        How many central actors to list.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(kg_graph, top=top), encoding="utf-8")
    return path
