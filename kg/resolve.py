"""Mentions → canonical entities; relation mentions → facts with evidence and confidence.

One node per real thing: countries, minerals and places by their gazetteer key; people by their
full name (a surname alone joins the full name it abbreviates, the latest one when two people
share it); organisations, events and deals by their normalised name.

Confidence of a fact (documented in README):
``1 − (1 − s) · 0.7^(n − 1) · 0.5^(d − 1)`` where ``s`` is the strength of the most direct rule that
found it (0–1, in ``relations.json`` and the rule functions), ``n`` the number of distinct
supporting sentences and ``d`` the number of distinct documents.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from kg.extract import Extraction
from kg.nlp.gazetteer import country_by_code, lexicon, minerals, organizations, seats
from kg.records import Article, Entity, Evidence, Fact, Mention, RelationMention

__all__ = ["resolve", "confidence", "entity_key"]

_MODALITY_ORDER = ("asserted", "planned", "proposed", "reported", "hypothetical")


def confidence(strength: float, sentences: int, documents: int) -> float:
    """The confidence of a fact from its best rule and its support.

    >>> confidence(0.9, 1, 1), confidence(0.6, 1, 1) < confidence(0.6, 2, 1) < confidence(0.6, 2, 2)
    (0.9, True)
    """
    value = 1 - (1 - strength) * 0.7 ** (max(sentences, 1) - 1) * 0.5 ** (max(documents, 1) - 1)
    return round(min(value, 0.999 if strength < 1 else 1.0), 3)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")


def _clean_name(text: str) -> str:
    text = re.sub(r"[’']s$", "", text.strip())
    return re.sub(r"^(the|The)\s+", "", text)


def entity_key(mention: Mention) -> str:
    """The canonical key of a mention that does not depend on other mentions."""
    if mention.key:
        return mention.key
    kind = {"Organization": "org", "Event": "event", "Deal": "deal", "Location": "location",
            "Person": "person", "Mineral": "mineral", "Country": "country"}[mention.type]
    name = mention.name or _clean_name(mention.text)
    if mention.type == "Organization":
        name = _without_legal_form(name)
    return f"{kind}:{_slug(name)}"


@lru_cache(maxsize=1)
def _legal_forms() -> frozenset[str]:
    """The legal forms of ``lexicon.json`` (what ends a company's name and may be left out of it),
    without dots and case."""
    return frozenset(form.replace(".", "").casefold() for form in lexicon()["legal_forms"])


def _without_legal_form(name: str) -> str:
    """"Red Range Lithium Ltd." → "Red Range Lithium" (one entity, however an article or an outlet
    writes it); a name that is nothing but a legal form stays."""
    words = name.split()
    while len(words) > 1 and words[-1].replace(".", "").rstrip(",").casefold() in _legal_forms():
        words.pop()
        if len(words) > 1 and words[-1] == "&":  # "Tan & Co"
            words.pop()
        words[-1] = words[-1].rstrip(",")
    return " ".join(words)


def _person_keys(mentions: Sequence[tuple[str, Mention]]) -> dict[int, str]:
    """Map each person mention (by index) to the key of the full name it stands for."""
    keys: dict[int, str] = {}
    full: list[tuple[int, list[str], str]] = []  # (position, tokens, key)
    for index, (_doc, mention) in enumerate(mentions):
        if mention.type != "Person":
            continue
        words = _clean_name(mention.text).split()
        if len(words) >= 2:
            key = f"person:{_slug(' '.join(words))}"
            # "Jaishankar" then "S Jaishankar": an earlier short form joins the longer name
            full.append((index, words, key))
    # "A. Sadykov" is no name of its own when "Almazbek Sadykov" is given in full
    full = [(i, w, k) for i, w, k in full if not (len(w) == 2 and re.fullmatch(r"[A-Z]\.?", w[0]) and any(
        len(o) >= 2 and o[-1] == w[1] and o[0][0] == w[0][0] and o != w for _j, o, _k in full))]
    for index, (_doc, mention) in enumerate(mentions):
        if mention.type != "Person":
            continue
        words = _clean_name(mention.text).split()
        if len(words) == 2 and re.fullmatch(r"[A-Z]\.?", words[0]):
            # "A. Sadykov" after "Almazbek Sadykov": an initial and the surname
            initialled = {k for _, w, k in full if len(w) >= 2 and w[-1] == words[1] and w[0][0] == words[0][0]
                          and w != words}
            if len(initialled) == 1:
                keys[index] = initialled.pop()
                continue
        if len(words) >= 2:
            longer = [k for _, w, k in full if len(w) > len(words) and w[-len(words):] == words]
            keys[index] = longer[0] if len(set(longer)) == 1 else f"person:{_slug(' '.join(words))}"
            continue
        matches = [(position, key) for position, w, key in full
                   if words and (w[-1] == words[0] or w[0] == words[0] or _bare_surname(w[-1]) == words[0])]
        distinct = {key for _, key in matches}
        if len(distinct) == 1:
            keys[index] = matches[0][1]
        elif distinct:
            before = [(p, k) for p, k in matches if p < index]
            keys[index] = (before or matches)[-1][1]
        else:
            keys[index] = f"person:{_slug(' '.join(words))}"
    return keys


_SURNAME_PARTICLES = {"al", "el", "bin", "ibn", "abu", "ben", "da", "de", "di", "du", "van", "von", "le", "la"}


def _bare_surname(word: str) -> str:
    """"al-Aufi" → "Aufi": a surname without its particle (the NER often drops it)."""
    head, _, rest = word.partition("-")
    return rest if rest and head.casefold() in _SURNAME_PARTICLES else word


def _org_keys(mentions: Sequence[tuple[str, Mention]]) -> dict[int, str]:
    """Organisations by name, within one document:

    - a name the gazetteer knows under one of its forms takes that entry's key wherever the
      document writes it ("JOGMEC" after "Japan Organization for Metals and Energy Security (JOGMEC)");
    - an acronym joins the organisation whose initials it spells;
    - a one-word name joins the one longer name of the document it is a word of ("Lusolitio"
      after "Lusolitio Mineracao", "Tianhe" after "Sichuan Tianhe Lithium Industry", "the
      Commission" after "the European Commission").
    """
    keys: dict[int, str] = {}
    known = {}  # the gazetteer's key of a name this document writes
    for _doc, mention in mentions:
        if mention.type == "Organization" and mention.key:
            known.setdefault(_clean_name(mention.text), mention.key)
    initials = {}
    for _doc, mention in mentions:
        if mention.type != "Organization":
            continue
        name = _clean_name(mention.text)
        for form in (name, _without_legal_form(name)):
            letters = "".join(w[0] for w in re.split(r"[\s\-]+", form) if w and w[0].isupper())
            if len(letters) >= 2:
                initials.setdefault(letters, entity_key(mention))
    # the words of the document's longer names, each with the names it is a word of
    containing: dict[tuple[str, str], set[str]] = {}
    for doc, mention in mentions:
        words = _without_legal_form(_clean_name(mention.text)).split()
        if mention.type == "Organization" and len(words) > 1:
            for word in words:
                if word[:1].isupper():
                    containing.setdefault((doc, word), set()).add(known.get(_clean_name(mention.text)) or entity_key(mention))
    for index, (doc, mention) in enumerate(mentions):
        if mention.type != "Organization":
            continue
        name = _clean_name(mention.text)
        key = entity_key(mention)
        if not mention.key and (mention.name in known or name in known):
            key = known[mention.name if mention.name in known else name]
        elif name.isupper() and name in initials and initials[name] != key:
            key = initials[name]
        elif not mention.key and " " not in name and len(containing.get((doc, name), ())) == 1:
            key = next(iter(containing[(doc, name)]))
        keys[index] = key
    return keys


def _deal_head(mention: Mention) -> str:
    head = re.split(r"\s+with\s+|\s+on\s+|\s+between\s+", _clean_name(mention.text))[0].split()[-1].casefold()
    return re.sub(r"s$", "", head)


def _deal_keys(mentions: Sequence[tuple[str, Mention]]) -> dict[int, str]:
    """Deals of one document with the same head word ("the Washington framework", "the Regional
    Economic Integration Framework") are one deal unless they have different values; two deals of
    one document with the same value ("an A$1.2bn pact", "the A$1.2bn investment partnership") are
    one."""
    keys: dict[int, str] = {}
    deals = [(i, m) for i, (_d, m) in enumerate(mentions) if m.type == "Deal"]
    by_head: dict[str, list[tuple[int, Mention]]] = defaultdict(list)
    for index, mention in deals:
        by_head[_deal_head(mention)].append((index, mention))
    for group in by_head.values():
        values = {m.value.amount for _i, m in group if m.value is not None}
        if len(values) > 1:
            continue
        primary = max(group, key=_deal_weight)[1]
        for index, mention in group:
            short = len(mention.text.split()) <= 3 and not re.search(r"\s(on|for|over)\s", mention.text)
            if mention is primary or (mention.value is None and short):
                keys[index] = entity_key(primary)  # "a follow-up agreement on reactors" stays its own deal
    by_value: dict[tuple[int, str], list[tuple[int, Mention]]] = defaultdict(list)
    for index, mention in deals:
        if mention.value is not None:
            by_value[(mention.value.amount, mention.value.currency)].append((index, mention))
    for group in by_value.values():
        merged = {keys.get(i, entity_key(m)) for i, m in group}
        if len(merged) > 1:
            primary = entity_key(max(group, key=_deal_weight)[1])
            for index, mention in deals:
                if keys.get(index, entity_key(mention)) in merged:
                    keys[index] = primary
    return keys


@lru_cache(maxsize=1)
def _deal_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in (*lexicon()["deal_heads"], *lexicon()["deal_references"]))


def _deal_reference_keys(mentions: Sequence[tuple[str, Mention]], keys: dict[int, str],
                         parties: Sequence[tuple[int, int]]) -> dict[int, str]:
    """A short deal reference named by a party or a project of exactly one other deal of the
    document is that deal: "the Gécamines deal" (Gécamines is a party of the stake sale), "the Reko
    Diq deal" (the stake is in the Reko Diq project), "the German pact" (Germany signed it).

    ``keys`` are the document's keys so far, ``parties`` pairs (party, deal) of positive partyTo
    relations, as indices into ``mentions``. A reference is a deal without a value of at most four
    words ending in a deal word; each capitalised name before the head must be a party of the deal
    (by its key, so a demonym counts) or stand in its text, each other word must stand in its text,
    but for a mineral when the reference shares a party with the deal (a headline's "CBMM seals
    niobium supply pact" for "CBMM signed a $450 million supply agreement")."""
    deals = [i for i, (_d, m) in enumerate(mentions) if m.type == "Deal"]
    by_name: dict[str, set[str]] = defaultdict(set)
    for i, (_d, mention) in enumerate(mentions):
        by_name[_clean_name(mention.text).casefold()].add(keys[i])
    party_keys: dict[str, set[str]] = defaultdict(set)
    for party, deal in parties:
        party_keys[keys[deal]].add(keys[party])
    mineral_words = {m.text.casefold() for _d, m in mentions if m.type == "Mineral"}
    texts: dict[str, list[str]] = defaultdict(list)
    for i in deals:
        texts[keys[i]] += [t.casefold() for t in (mentions[i][1].text, mentions[i][1].name) if t]
    changed: dict[int, str] = {}
    for i in deals:
        mention = mentions[i][1]
        words = _clean_name(mention.text).split()
        if mention.value is not None or not 2 <= len(words) <= 4 or words[-1].casefold() not in _deal_words():
            continue
        modifiers = words[:-1]
        names = [n for n in re.split(r"\s*\b[a-z][\w-]*\b\s*", " ".join(modifiers)) if n]
        others = [w for w in modifiers if w[:1].islower()]
        minerals = {w for w in others if w.casefold() in mineral_words}
        candidates = {key for key in texts if key != keys[i]
                      and all(by_name.get(n.casefold(), set()) & party_keys[key] or _stands_in(n, texts[key])
                              for n in names)
                      and all(_stands_in(w, texts[key]) or (w in minerals and party_keys[keys[i]] & party_keys[key])
                              for w in others)}
        if len(candidates) != 1:
            continue
        target = candidates.pop()
        group = [j for j in deals if keys[j] == keys[i]]
        alone = any(mentions[j][1].value is not None or len(_clean_name(mentions[j][1].text).split()) > 4
                    for j in group)  # merged with a longer deal by its head word: only the reference moves
        for j in [i] if alone else group:
            changed[j] = target
    return changed


def _stands_in(word: str, texts: list[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(word.casefold())}(?!\w)", text) for text in texts)


def _deal_weight(item: tuple[int, Mention]) -> tuple[bool, int]:
    """The mention that names a deal best: one with a value, then the longest."""
    return item[1].value is not None, len(item[1].text)


def _event_keys(mentions: Sequence[tuple[str, Mention]]) -> dict[int, str]:
    """Events by name; a name contained in a longer one joins it ("Minerals Conference")."""
    keys: dict[int, str] = {}
    names = sorted({_clean_name(m.text) for _d, m in mentions if m.type == "Event"}, key=len, reverse=True)
    for index, (_doc, mention) in enumerate(mentions):
        if mention.type != "Event":
            continue
        name = _clean_name(mention.text)
        longer = [n for n in names if len(n) > len(name) and n.endswith(name)]
        keys[index] = f"event:{_slug(longer[0] if len(longer) == 1 else name)}"
    return keys


def _label(key: str, mentions: list[Mention]) -> str:
    kind, _, rest = key.partition(":")
    if kind == "country":
        return country_by_code(rest).name
    if kind == "mineral":
        for row in minerals():
            if row["key"] == rest:
                return str(row["label"])
    if kind == "org":
        for row in organizations():
            if row["key"] == rest:
                return str(row["label"])
    named = [m.name for m in mentions if m.name]
    if named and not any(m.type == "Event" and not m.name for m in mentions):
        return Counter(named).most_common(1)[0][0]
    texts = Counter(_clean_name(m.text) for m in mentions if not m.name)
    return max(texts, key=lambda t: (len(t.split()), texts[t], -len(t)))


def _identifiers(key: str) -> tuple[tuple[str, str], ...]:
    kind, _, rest = key.partition(":")
    if kind == "country":
        country = country_by_code(rest)
        ids = [("iso3166", country.code), ("iso3166_alpha3", country.alpha3)]
        if country.wikidata:
            ids.append(("wikidata", country.wikidata))
        return tuple(ids)
    if kind == "mineral":
        for row in minerals():
            if row["key"] == rest and row.get("wikidata"):
                return (("wikidata", str(row["wikidata"])),)
    if kind == "org":
        for row in organizations():
            if row["key"] == rest and row.get("wikidata"):
                return (("wikidata", str(row["wikidata"])),)
    if kind == "location":
        for row in seats():
            if _slug(row["text"]) == rest and row.get("wikidata"):
                return (("wikidata", str(row["wikidata"])),)
    return ()


def resolve(pairs: Iterable[tuple[Article, Extraction]]) -> tuple[list[Entity], list[Fact]]:
    """Canonical entities and facts of a set of documents (sorted by key, then by fact key)."""
    pairs = list(pairs)
    flat: list[tuple[str, Mention]] = [(a.id, m) for a, x in pairs for m in x.mentions]
    index_of = {(doc, id(m)): i for i, (doc, m) in enumerate(flat)}
    relations: dict[str, list[RelationMention]] = defaultdict(list)
    for article, extraction in pairs:
        relations[article.id] += extraction.relations
    keys = {i: entity_key(m) for i, (_d, m) in enumerate(flat)}
    for per_doc in _by_document(flat):
        local = [flat[i] for i in per_doc]
        for resolver in (_person_keys, _org_keys, _event_keys, _deal_keys):
            for local_index, key in resolver(local).items():
                keys[per_doc[local_index]] = key
        position = {id(m): n for n, (_d, m) in enumerate(local)}
        parties = [(position[id(r.subject)], position[id(r.object)]) for r in relations[local[0][0]]
                   if r.predicate == "partyTo" and r.polarity == "positive" and r.object.type == "Deal"
                   and id(r.subject) in position and id(r.object) in position]
        local_keys = {n: keys[i] for n, i in enumerate(per_doc)}
        for local_index, key in _deal_reference_keys(local, local_keys, parties).items():
            keys[per_doc[local_index]] = key

    grouped: dict[str, list[Mention]] = defaultdict(list)
    documents: dict[str, set[str]] = defaultdict(set)
    for i, (doc, mention) in enumerate(flat):
        grouped[keys[i]].append(mention)
        documents[keys[i]].add(doc)
    entities = []
    for key, ms in sorted(grouped.items()):
        label = _label(key, ms)
        aliases = sorted({_clean_name(m.text) for m in ms} - {label})
        # the canonical value and date, without the words one mention wrote them in (as the RDF has them)
        value = next((replace(m.value, text="") for m in ms if m.value is not None), None)
        date = next((replace(m.date, text="") for m in ms if m.date is not None), None)
        entities.append(Entity(key=key, label=label, type=ms[0].type, aliases=tuple(aliases),
                               identifiers=_identifiers(key), documents=tuple(sorted(documents[key])),
                               mentions=len(ms), value=value, date=date))

    def key_of(doc: str, mention: Mention) -> str:
        found = index_of.get((doc, id(mention)))
        return keys[found] if found is not None else entity_key(mention)

    support: dict[tuple[str, str, str, str], list[tuple[RelationMention, str]]] = defaultdict(list)
    for article, extraction in pairs:
        for relation in extraction.relations:
            s = key_of(article.id, relation.subject)
            o = key_of(article.id, relation.object)
            if s == o:
                continue
            if relation.predicate == "metWith" and o < s:
                s, o = o, s
            support[(s, relation.predicate, o, relation.polarity)].append((relation, article.id))
    outlets = {article.id: article.outlet or f"document:{article.id}" for article, _x in pairs}
    facts = [_fact(k, rs, outlets) for k, rs in sorted(support.items())]
    return entities, facts


def _by_document(flat: list[tuple[str, Mention]]) -> list[list[int]]:
    order: dict[str, list[int]] = defaultdict(list)
    for i, (doc, _m) in enumerate(flat):
        order[doc].append(i)
    return list(order.values())


def _fact(key: tuple[str, str, str, str], support: list[tuple[RelationMention, str]],
          outlets: dict[str, str]) -> Fact:
    s, p, o, polarity = key
    best = max(r.strength for r, _ in support)
    modalities = Counter(r.modality for r, _ in support if r.strength == best)
    modality = sorted(modalities, key=lambda m: (-modalities[m], _MODALITY_ORDER.index(m)))[0]
    evidence = sorted({
        Evidence(document=doc, sentence=r.sentence_text, start=r.sentence_start, end=r.sentence_end, rule=r.rule)
        for r, doc in support
    }, key=lambda e: (e.document, e.start, e.rule))
    qualifiers: dict[str, str] = {}
    for r, _doc in sorted(support, key=lambda item: -item[0].strength):
        for name, value in r.qualifiers:
            qualifiers.setdefault(name, value)
    sentences = len({(e.document, e.start) for e in evidence})
    docs = len({e.document for e in evidence})
    sources = len({outlets.get(e.document, e.document) for e in evidence})
    return Fact(subject=s, predicate=p, object=o, polarity=polarity, modality=modality,
                confidence=confidence(best, sentences, docs), evidence=tuple(evidence),
                qualifiers=tuple(sorted(qualifiers.items())), sources=sources)
