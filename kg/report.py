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


def _more(count: int, what: str, hint: str) -> list[str]:
    return [] if count <= 0 else ["", f"… and {count} more {what} ({hint})."]


def _sources(kg_graph: KnowledgeGraph, *, limit: int | None) -> list[str]:
    lines = ["## Sources", ""]
    docs = list(documents(kg_graph).values())
    if limit is not None and len(docs) > limit:
        outlets = Counter(doc.get("outlet", "(no outlet)") for doc in docs)
        lines += [f"{len(docs)} documents from {len(outlets)} outlets.", ""]
        lines += _table(["outlet", "documents"], [[o, n] for o, n in outlets.most_common(limit)])
        return lines + _more(len(outlets) - limit, "outlets", "entities.jsonl and graph.nt name every document")
    for doc in docs:
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


def _deals(kg_graph: KnowledgeGraph, labels: dict[str, str], entities: dict[str, Entity],
           by_entity: dict[str, list[Fact]], *, limit: int | None) -> list[str]:
    from kg.queries import deals

    lines = ["## Deals", ""]
    found = deals(kg_graph)
    if not found:
        return lines + ["(no deals)"]
    hidden = 0
    if limit is not None and len(found) > limit:  # the deals most documents report
        reported = sorted(found, key=lambda d: (-len(entities[d.key].documents) if d.key in entities else 0, d.label))
        hidden, kept = len(found) - limit, {d.key for d in reported[:limit]}
        found = [d for d in found if d.key in kept]
        lines += [f"The {limit} deals reported by the most documents, of {len(found) + hidden}.", ""]
    rows = []
    for deal in found:
        parties = ", ".join(p + ("" if pol == "positive" else " (NOT)") + ("" if mod == "asserted" else f" ({mod})")
                            for p, pol, mod in deal.parties)
        evidence = by_entity.get(deal.key, [])
        date = entities[deal.key].date.value if deal.key in entities and entities[deal.key].date else ""
        rows.append([deal.label, format_amount(deal.value) if deal.value else "not stated", parties or "?",
                     ", ".join(deal.minerals), date,
                     _quote(max(evidence, key=lambda f: f.confidence)) if evidence else ""])
    return (lines + _table(["deal", "value", "parties", "minerals", "date", "evidence"], rows)
            + _more(hidden, "deals", "`kg ask DIR deals PARTY` lists a party's deals"))


def _events(kg_graph: KnowledgeGraph, labels: dict[str, str], by_entity: dict[str, list[Fact]], *,
            limit: int | None) -> list[str]:
    lines = ["## Events", ""]
    events = [e for e in kg_graph.entities if e.type == "Event"]
    if not events:
        return lines + ["(no events)"]
    for event in sorted(events, key=lambda e: (e.date.value if e.date else "9999", e.label)):
        own = [f for f in by_entity.get(event.key, [])
               if f.object == event.key and (f.predicate, f.polarity) in _EVENT_ROLES]
        places = [labels[f.object] for f in by_entity.get(event.key, [])
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
        shown = own if limit is None else own[:limit]
        rows = [[labels[f.subject], _EVENT_ROLES[f.predicate, f.polarity], f.modality, f"{f.confidence:.2f}", _quote(f)]
                for f in shown]
        if rows:
            lines += _table(["who", "role", "modality", "confidence", "evidence"], rows)
            lines += _more(len(own) - len(shown), "facts", "`kg ask DIR attendees|invited|hosts EVENT` lists them") + [""]
    return lines[:-1] if lines[-1] == "" else lines


def _timeline(kg_graph: KnowledgeGraph, labels: dict[str, str], entities: dict[str, Entity], *,
              limit: int | None) -> list[str]:
    dated = [(date, f) for f in kg_graph.facts if (date := fact_date(f, entities))]
    dated.sort(key=lambda pair: (pair[0], pair[1].predicate, labels[pair[1].subject]))
    earlier = 0
    if limit is not None and len(dated) > limit:  # the latest ones
        earlier, dated = len(dated) - limit, dated[-limit:]
    rows = [[date, _fact_text(f, labels), f.modality, f"{f.confidence:.2f}", _quote(f)] for date, f in dated]
    lines = ["## Timeline", "", "Facts with a date (their own, else their event's or deal's), oldest first.", ""]
    if not rows:
        return lines + ["(no dated facts)"]
    if earlier:
        lines += [f"The latest {limit}; {earlier} earlier dated facts are not shown "
                  "(`kg ask DIR timeline ENTITY` gives one entity's).", ""]
    return lines + _table(["date", "fact", "modality", "confidence", "evidence"], rows)


def render_report(kg_graph: KnowledgeGraph, *, top: int = 10, title: str = "geokg report",
                  limit: int | None = 50) -> str:
    """The report as Markdown text (see :func:`write_report`)."""
    labels = {e.key: e.label for e in kg_graph.entities}
    entities = {e.key: e for e in kg_graph.entities}
    by_entity: dict[str, list[Fact]] = {}
    for fact in kg_graph.facts:
        by_entity.setdefault(fact.subject, []).append(fact)
        if fact.object != fact.subject:
            by_entity.setdefault(fact.object, []).append(fact)
    sections = [[f"# {title}"], _sources(kg_graph, limit=limit), _counts(kg_graph), _central(kg_graph, top=top),
                _deals(kg_graph, labels, entities, by_entity, limit=limit),
                _events(kg_graph, labels, by_entity, limit=limit),
                _timeline(kg_graph, labels, entities, limit=limit)]
    return "\n\n".join("\n".join(section) for section in sections) + "\n"


def write_report(kg_graph: KnowledgeGraph, path: str | Path, *, top: int = 10, limit: int | None = 50) -> Path:
    """Write the Markdown report of ``kg_graph`` to ``path`` and return the path.

    Parameters
    ----------
    kg_graph
        A built or loaded graph (:func:`kg.build`, :func:`kg.load`).
    path
        The Markdown file to write; its folder is created.
    top
        How many central actors to list.
    limit
        At most this many rows in a section (sources by outlet, the deals most reported, each
        event's facts, the latest dated facts), each section saying what it left out; ``None``
        for everything.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(kg_graph, top=top, limit=limit), encoding="utf-8")
    return path
