#!/usr/bin/env python3
"""Write N generated news-like articles with their gold facts, for scale tests and benchmarks.

    scripts/make_corpus.py N [--out DIR] [--seed S]      # DIR/NNNNNN_slug.txt + .meta.json + .gold.json
    scripts/make_corpus.py N --jsonl FILE [--seed S]     # one JSON Lines corpus (gold beside it: FILE.gold.jsonl)

The articles come from templates filled from one seeded "world": countries, their ministers
(people with titles), companies (some named after a country), events with a host and a city,
minerals, deals with amounts in several currencies and scales, dates relative to the published
date, negations (not invited, declined to attend) and modalities (planned, proposed, hypothetical,
reported). The same seed gives the same corpus byte for byte, and article ``i`` depends only on the
seed and ``i``: the first 10 articles of a 20-article corpus are the 10-article corpus. The same
people, companies and events recur across articles (several outlets report one summit), so a build
must merge them.

Each ``.gold.json`` is in the scorer's format (``../shared/eval/README.md``); entity ids are the
geokg keys the build is expected to give (``country:CL``, ``person:ana_torres``), so the gold of a
corpus is the union of its articles' gold (:func:`corpus_gold`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Article", "World", "make_world", "make_article", "make_corpus", "corpus_gold", "write_corpus", "write_jsonl"]

# (code, name, demonym, event cities recognised as places by the pipeline)
COUNTRIES = [
    ("AU", "Australia", "Australian", ["Perth", "Sydney"]),
    ("CA", "Canada", "Canadian", ["Vancouver", "Toronto"]),
    ("IN", "India", "Indian", ["Mumbai"]),
    ("JP", "Japan", "Japanese", ["Osaka"]),
    ("KR", "South Korea", "South Korean", ["Busan"]),
    ("NG", "Nigeria", "Nigerian", ["Lagos"]),
    ("ZA", "South Africa", "South African", ["Johannesburg"]),
    ("FR", "France", "French", ["Marseille"]),
    ("DE", "Germany", "German", ["Munich", "Hamburg"]),
    ("BR", "Brazil", "Brazilian", ["Rio de Janeiro"]),
    ("MX", "Mexico", "Mexican", ["Monterrey"]),
    ("MA", "Morocco", "Moroccan", ["Casablanca"]),
    ("KZ", "Kazakhstan", "Kazakh", ["Almaty"]),
    ("AR", "Argentina", "Argentine", ["Cordoba"]),
    ("ID", "Indonesia", "Indonesian", ["Surabaya"]),
    ("CL", "Chile", "Chilean", ["Antofagasta"]),
    ("PE", "Peru", "Peruvian", []),
    ("NO", "Norway", "Norwegian", ["Bergen"]),
    ("PL", "Poland", "Polish", ["Krakow"]),
    ("ZM", "Zambia", "Zambian", ["Kitwe"]),
    ("PH", "Philippines", "Philippine", ["Cebu"]),
    ("VN", "Vietnam", "Vietnamese", []),
    ("KE", "Kenya", "Kenyan", []),
    ("GH", "Ghana", "Ghanaian", []),
    ("BO", "Bolivia", "Bolivian", []),
    ("MN", "Mongolia", "Mongolian", []),
    ("MY", "Malaysia", "Malaysian", []),
    ("EG", "Egypt", "Egyptian", []),
    ("SE", "Sweden", "Swedish", []),
    ("FI", "Finland", "Finnish", []),
    ("CN", "China", "Chinese", []),
    ("TZ", "Tanzania", "Tanzanian", []),
]
MINERALS = ["lithium", "cobalt", "nickel", "copper", "graphite", "rare earths", "manganese", "gallium",
            "germanium", "tungsten", "bauxite", "niobium", "vanadium", "platinum", "uranium"]
FIRST = ["Ana", "Luis", "Mark", "Marta", "Kenji", "Amara", "Pieter", "Elena", "Tomas", "Nadia", "Ravi", "Grace",
         "Omar", "Ingrid", "Mateo", "Leila", "Daniel", "Yuki", "Samuel", "Clara", "Hugo", "Priya", "Felix", "Zara"]
LAST = ["Torres", "Ramos", "Dubois", "Okafor", "Lindqvist", "Moreau", "Castillo", "Nakamura", "Hartmann",
        "Mensah", "Kowalski", "Haddad", "Fischer", "Varga", "Alvarez", "Sato", "Banda", "Novak", "Rossi",
        "Petrov", "Silva", "Kimura", "Osei", "Larsen", "Meyer", "Duarte", "Halvorsen", "Ibrahim", "Brandt", "Kaur"]
TITLES = ["Foreign Minister", "Trade Minister", "Mining Minister", "Finance Minister"]
COMPANY_HEADS = ["Meridian", "Northgate", "Blue Ridge", "Southern Cross", "Keystone", "Atlas", "Redstone",
                 "Silverline", "Ironbark", "Summit Peak", "Granite", "Coastal"]
COMPANY_KINDS = ["Mining Corp", "Metals Ltd", "Resources Plc", "Minerals Group"]
THEMES = ["Critical Minerals Summit", "Battery Metals Forum", "Mining Conference", "Raw Materials Summit",
          "Metals Forum", "Energy Minerals Conference"]
OUTLETS = ["Meridian Wire", "Pacific Ledger", "Atlas Post", "Northern Courier", "Global Desk", "Harbour Times",
           "Continental Report", "Daily Bulletin"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
# (amount text, amount, ISO code): the currency follows from the figure, so two deals whose names
# slug alike ("$400 million" and "€400 million") never both occur.
CURRENCIES = [("$", "USD"), ("€", "EUR"), ("A$", "AUD"), ("£", "GBP")]
EVENT_PREFIX = {"Rio de Janeiro": "Rio"}  # "Rio de Janeiro Critical Minerals Summit" reads as an organisation
AWKWARD_PLACES = {"Kitwe", "Rio de Janeiro"}  # "in Kitwe on Monday" reads as a person
DEAL_KINDS = ["supply deal", "processing deal", "deal"]


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    demonym: str
    cities: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"country:{self.code}"


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    title: str
    country: Country

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def key(self) -> str:
        return f"person:{slug(self.name)}"


@dataclass(frozen=True)
class Company:
    name: str
    home: Country

    @property
    def key(self) -> str:
        return f"org:{slug(self.name)}"


@dataclass(frozen=True)
class Event:
    name: str
    host: Country
    city: str
    mineral: str

    @property
    def key(self) -> str:
        return f"event:{slug(self.name)}"


@dataclass(frozen=True)
class World:
    countries: tuple[Country, ...]
    people: tuple[Person, ...]
    companies: tuple[Company, ...]
    events: tuple[Event, ...]


@dataclass
class Article:
    """One generated article: its text, sidecar metadata and gold annotation."""

    id: str
    title: str
    published: str
    outlet: str
    text: str
    gold: dict[str, object]

    @property
    def meta(self) -> dict[str, str]:
        return {"id": self.id, "title": self.title, "published": self.published, "outlet": self.outlet}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")


def make_world(seed: int = 0) -> World:
    """The cast every article draws from: the same for a seed whatever the corpus size."""
    rng = random.Random(f"world:{seed}")
    countries = tuple(Country(code, name, demonym, tuple(cities)) for code, name, demonym, cities in COUNTRIES)
    names = [(f, la) for f in FIRST for la in LAST]
    rng.shuffle(names)
    people = []
    for country in countries:
        for title in rng.sample(TITLES, 2):
            first, last = names.pop()
            people.append(Person(first, last, title, country))
    companies = [Company(f"{head} {kind}", rng.choice(countries))
                 for head, kind in zip(COMPANY_HEADS, rng.sample(COMPANY_KINDS * 3, len(COMPANY_HEADS)))]
    # organisations named after a country: the name must stay one organisation
    for country in rng.sample([c for c in countries if " " not in c.name], 8):
        mineral = rng.choice(["Lithium", "Copper", "Nickel", "Cobalt", "Graphite"])
        companies.append(Company(f"{country.name} {mineral} {rng.choice(['Corp', 'Holdings'])}", country))
    events = []
    for country in countries:
        for city in country.cities:
            theme = THEMES[len(events) % len(THEMES)]
            events.append(Event(f"{EVENT_PREFIX.get(city, city)} {theme}", country, city, rng.choice(MINERALS)))
    return World(countries, tuple(people), tuple(companies), tuple(events))


@dataclass
class _Gold:
    entities: dict[str, dict[str, object]] = field(default_factory=dict)
    relations: list[dict[str, object]] = field(default_factory=list)

    def entity(self, key: str, type_: str, name: str, *aliases: str) -> str:
        row = self.entities.setdefault(key, {"id": key, "type": type_, "name": name, "aliases": []})
        known = row["aliases"]
        assert isinstance(known, list)
        for alias in aliases:
            if alias != name and alias not in known:
                known.append(alias)
        return key

    def relation(self, subject: str, predicate: str, obj: str, evidence: str, *, polarity: str = "positive",
                 modality: str = "asserted", **qualifiers: str) -> None:
        row: dict[str, object] = {"subject": subject, "predicate": predicate, "object": obj, "polarity": polarity,
                                  "modality": modality, "evidence": evidence}
        row.update(qualifiers)
        self.relations.append(row)

    def country(self, c: Country, *aliases: str) -> str:
        return self.entity(c.key, "Country", c.name, *aliases)

    def person(self, p: Person, *aliases: str) -> str:
        return self.entity(p.key, "Person", p.name, *aliases)

    def mineral(self, name: str) -> str:
        return self.entity(f"mineral:{slug(name)}", "Mineral", name)


class _Writer:
    """Fills templates for one article; each method returns a paragraph and records its gold."""

    def __init__(self, world: World, rng: random.Random, published: dt.date) -> None:
        self.w, self.rng, self.published, self.gold = world, rng, published, _Gold()

    # dates relative to the published date
    def weekday(self) -> tuple[str, str]:
        back = self.rng.randrange(0, 5)
        day = self.published - dt.timedelta(days=back)
        while day.weekday() > 4:
            day -= dt.timedelta(days=1)
        return WEEKDAYS[day.weekday()], day.isoformat()

    def next_month(self) -> str:
        year, month = self.published.year + self.published.month // 12, self.published.month % 12 + 1
        return f"{year:04d}-{month:02d}"

    def others(self, *exclude: Country, k: int = 1) -> list[Country]:
        pool = [c for c in self.w.countries if c not in exclude]
        return self.rng.sample(pool, k)

    def amount(self) -> tuple[str, str]:
        if self.rng.random() < 0.5:
            figure, scale = f"{self.rng.randrange(11, 99) / 10:g}", "billion"
        else:
            figure, scale = str(self.rng.randrange(1, 20) * 50), "million"
        symbol, _code = CURRENCIES[sum(map(ord, figure + scale)) % len(CURRENCIES)]
        return f"{symbol}{figure} {scale}", f"{symbol}{figure} {scale}"

    def event_story(self) -> str:
        event = self.rng.choice(self.w.events)
        g = self.gold
        ev = g.entity(event.key, "Event", event.name)
        host = g.country(event.host)
        city = g.entity(f"location:{slug(event.city)}", "Location", event.city)
        when = self.next_month()
        lead = f"{event.host.name} will host the {event.name} in {event.city} next month."
        g.relation(host, "hosts", ev, lead, modality="planned", date=when)
        g.relation(ev, "locatedIn", city, lead, modality="planned")
        sentences = [lead]
        invited = self.others(event.host, k=3)
        a, b, snubbed = invited
        sentence = f"{a.name} and {b.name} were invited to the {event.name}."
        for c in (a, b):
            g.relation(g.country(c), "invitedTo", ev, sentence)
        sentences.append(sentence)
        sentence = f"{snubbed.name} was not invited to the {event.name}."
        g.relation(g.country(snubbed), "invitedTo", ev, sentence, polarity="negative")
        sentences.append(sentence)
        person = self.rng.choice([p for p in self.w.people if p.country in (a, b)])
        sentence = f"{person.country.demonym} {person.title} {person.name} will attend the {event.name}, officials said."
        who = g.person(person)
        g.country(person.country, person.country.demonym)
        g.relation(who, "attends", ev, sentence, modality="planned")
        g.relation(who, "holdsPosition", person.country.key, sentence, role=person.title)
        sentences.append(sentence)
        if self.rng.random() < 0.6:
            decliner = self.rng.choice(self.others(event.host, a, b, snubbed))
            sentence = f"{decliner.name} declined to attend the {event.name}."
            g.relation(g.country(decliner), "attends", ev, sentence, polarity="negative")
            sentences.append(sentence)
        return " ".join(sentences)

    def deal_story(self) -> str:
        g = self.gold
        country = self.rng.choice(self.w.countries)
        mineral = self.rng.choice([m for m in MINERALS if " " not in m])
        text, _ = self.amount()
        name = f"{text} {mineral} {self.rng.choice(DEAL_KINDS)}"
        deal = g.entity(f"deal:{slug(name)}", "Deal", name)
        day, date = self.weekday()
        if self.rng.random() < 0.5:
            company = self.rng.choice(self.w.companies)
            partner, partner_name = g.entity(company.key, "Organization", company.name), company.name
        else:
            other = self.others(country)[0]
            partner, partner_name = g.country(other), other.name
        sentence = f"{country.name} signed a {name} with {partner_name} on {day}."
        g.relation(g.country(country), "partyTo", deal, sentence, date=date)
        g.relation(partner, "partyTo", deal, sentence)
        g.relation(deal, "concerns", g.mineral(mineral), sentence)
        return sentence

    def meeting_story(self) -> str:
        g = self.gold
        first = self.rng.choice(self.w.people)
        second = self.rng.choice([p for p in self.w.people if p.country != first.country])
        place = self.rng.choice([e.city for e in self.w.events if e.city not in AWKWARD_PLACES])
        day, date = self.weekday()
        sentence = (f"{first.country.demonym} {first.title} {first.name} met {second.country.name}'s {second.title} "
                    f"{second.name} in {place} on {day}.")
        a, b = g.person(first), g.person(second)
        g.country(first.country, first.country.demonym)
        g.country(second.country)
        g.entity(f"location:{slug(place)}", "Location", place)
        g.relation(a, "holdsPosition", first.country.key, sentence, role=first.title)
        g.relation(b, "holdsPosition", second.country.key, sentence, role=second.title)
        g.relation(a, "metWith", b, sentence, date=date, place=place)
        return sentence

    def minerals_story(self) -> str:
        g = self.gold
        country = self.rng.choice(self.w.countries)
        c = g.country(country)
        first, second, third = self.rng.sample(MINERALS, 3)
        sentences = []
        sentence = f"{country.name} has large reserves of {first}."
        g.relation(c, "hasReserves", g.mineral(first), sentence)
        sentences.append(sentence)
        if self.rng.random() < 0.5:
            sentence = f"{country.name} is a major producer of {second} and {third}."
            g.relation(c, "produces", g.mineral(second), sentence)
            g.relation(c, "produces", g.mineral(third), sentence)
        else:
            sentence = f"{country.name} is reportedly a major producer of {second}."
            g.relation(c, "produces", g.mineral(second), sentence, modality="reported")
        sentences.append(sentence)
        other = self.others(country)[0]
        if self.rng.random() < 0.5:
            sentence = f"{other.name} has restricted exports of {third}."
            g.relation(g.country(other), "restrictsExportOf", g.mineral(third), sentence)
        else:
            sentence = f"{other.name} could restrict exports of {third}, analysts said."
            g.relation(g.country(other), "restrictsExportOf", g.mineral(third), sentence, modality="hypothetical")
        sentences.append(sentence)
        return " ".join(sentences)

    def policy_story(self) -> str:
        g = self.gold
        country, other, third = self.others(k=3)
        sentences = []
        sentence = f"{country.name} is seeking to reduce its dependence on {other.name}."
        g.relation(g.country(country), "seeksToReduceDependenceOn", g.country(other), sentence)
        sentences.append(sentence)
        mineral = self.rng.choice(MINERALS)
        sentence = f"{country.name} proposed a {mineral} partnership with {third.name}."
        g.mineral(mineral)
        g.relation(g.country(country), "proposesPartnership", g.country(third), sentence, modality="proposed")
        sentences.append(sentence)
        company = self.rng.choice(self.w.companies)
        target = self.rng.choice([c for c in self.w.countries if c is not company.home])
        text, _ = self.amount()
        sentence = f"{company.name} plans to invest {text} in {target.name}."
        g.relation(g.entity(company.key, "Organization", company.name), "investsIn", g.country(target), sentence,
                   modality="planned")
        sentences.append(sentence)
        return " ".join(sentences)


STORIES = ("event_story", "deal_story", "meeting_story", "minerals_story", "policy_story")


def make_article(world: World, index: int, *, seed: int = 0) -> Article:
    """Article number ``index`` of the corpus of ``seed`` (independent of the corpus size)."""
    rng = random.Random(f"article:{seed}:{index}")
    published = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 700))
    writer = _Writer(world, rng, published)
    kinds = rng.sample(STORIES, rng.randrange(2, 4))
    paragraphs = [getattr(writer, kind)() for kind in kinds]
    paragraphs.append("Officials gave no further details.")
    first = paragraphs[0].split(". ")[0].rstrip(".")
    identifier = f"{index:06d}_{slug(first)[:40].rstrip('_')}"
    gold = {"id": identifier, "note": f"generated by scripts/make_corpus.py (seed {seed}, article {index})",
            "entities": list(writer.gold.entities.values()), "relations": writer.gold.relations}
    return Article(id=identifier, title=first, published=published.isoformat(), outlet=rng.choice(OUTLETS),
                   text="\n\n".join(paragraphs) + "\n", gold=gold)


def make_corpus(n: int, *, seed: int = 0, start: int = 0) -> Iterator[Article]:
    """Articles ``start`` … ``start + n - 1`` of the corpus of ``seed``."""
    world = make_world(seed)
    for index in range(start, start + n):
        yield make_article(world, index, seed=seed)


def corpus_gold(articles: list[Article]) -> dict[str, object]:
    """The gold of several articles as one: entities by key, relations by (s, p, o, polarity)."""
    entities: dict[str, dict[str, object]] = {}
    relations: dict[tuple[str, ...], dict[str, object]] = {}
    for article in articles:
        for row in article.gold["entities"]:  # type: ignore[union-attr]
            known = entities.setdefault(row["id"], {**row, "aliases": []})
            known["aliases"] = sorted({*known["aliases"], *row["aliases"]})  # type: ignore[misc]
        for row in article.gold["relations"]:  # type: ignore[union-attr]
            s, o = row["subject"], row["object"]
            if row["predicate"] == "metWith":
                s, o = sorted((s, o))
            relations.setdefault((s, row["predicate"], o, row["polarity"]), row)
    return {"id": "corpus", "entities": list(entities.values()), "relations": list(relations.values())}


def write_corpus(articles: Iterator[Article] | list[Article], out: Path) -> int:
    """Write ``ID.txt``, ``ID.meta.json`` and ``ID.gold.json`` per article into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for article in articles:
        (out / f"{article.id}.txt").write_text(article.text, encoding="utf-8")
        (out / f"{article.id}.meta.json").write_text(json.dumps(article.meta, indent=1) + "\n", encoding="utf-8")
        (out / f"{article.id}.gold.json").write_text(json.dumps(article.gold, indent=1) + "\n", encoding="utf-8")
        count += 1
    return count


def write_jsonl(articles: Iterator[Article] | list[Article], path: Path) -> int:
    """Write one JSON Lines corpus (``text`` plus metadata) and its gold beside it (``PATH.gold.jsonl``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    gold_path = path.with_name(path.name + ".gold.jsonl") if path.suffix != ".jsonl" else path.with_suffix(".gold.jsonl")
    count = 0
    with path.open("w", encoding="utf-8") as corpus, gold_path.open("w", encoding="utf-8") as gold:
        for article in articles:
            corpus.write(json.dumps({"text": article.text, **article.meta}, ensure_ascii=False) + "\n")
            gold.write(json.dumps(article.gold, ensure_ascii=False) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="write N generated news-like articles with gold facts")
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("--out", type=Path, default=Path("corpus"), help="folder for the files (default: corpus)")
    parser.add_argument("--jsonl", type=Path, help="write one JSON Lines corpus to this file instead of files")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0): same seed, same corpus")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be 0 or more")
    articles = make_corpus(args.n, seed=args.seed)
    if args.jsonl:
        count = write_jsonl(articles, args.jsonl)
        print(f"{count} articles in {args.jsonl}", file=sys.stderr)
    else:
        count = write_corpus(articles, args.out)
        print(f"{count} articles in {args.out}/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
