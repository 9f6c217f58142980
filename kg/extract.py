"""spaCy Doc → mentions and relation mentions (no rdflib here).

The Doc comes from :func:`kg.nlp.pipeline.make_nlp`, so ``doc.ents`` carries our labels. Relation
rules are data (``kg/nlp/resources/relations.json``) read by the small engine below; the few
rules that are not verb patterns (titles before names, a country before an event name, an event
followed by its place, deals) are named functions here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.amounts import parse_amount
from kg.dates import resolve_date
from kg.nlp.gazetteer import appositive_titles, lexicon, places
from kg.records import Article, Mention, RelationMention

__all__ = ["Extraction", "extract", "relation_rules", "DOMAINS"]

RESOURCES = Path(__file__).parent / "nlp" / "resources"

DOMAINS: dict[str, tuple[set[str], set[str]]] = {
    "holdsPosition": ({"Person"}, {"Country", "Organization"}),
    "attends": ({"Person", "Country", "Organization"}, {"Event"}),
    "invitedTo": ({"Person", "Country", "Organization"}, {"Event"}),
    "hosts": ({"Country", "Organization", "Person"}, {"Event"}),
    "locatedIn": ({"Event", "Organization", "Location"}, {"Location", "Country"}),
    "metWith": ({"Person", "Country", "Organization"}, {"Person", "Country", "Organization"}),
    "presentedTo": ({"Person", "Country"}, {"Person", "Country"}),
    "partyTo": ({"Country", "Organization", "Person"}, {"Deal"}),
    "concerns": ({"Deal", "Event"}, {"Mineral"}),
    "hasReserves": ({"Country", "Organization"}, {"Mineral"}),
    "produces": ({"Country", "Organization"}, {"Mineral"}),
    "restrictsExportOf": ({"Country"}, {"Mineral"}),
    "proposesPartnership": ({"Country", "Organization", "Person"}, {"Country", "Organization"}),
    "seeksToReduceDependenceOn": ({"Country", "Organization"}, {"Country"}),
    "investsIn": ({"Country", "Organization"}, {"Country", "Organization", "Deal", "Mineral"}),
}
_LABEL_TYPES = {"COUNTRY": "Country", "DEMONYM": "Country", "DEAL": "Deal", "PERSON": "Person", "ORG": "Organization",
                "EVENT": "Event", "MINERAL": "Mineral", "LOCATION": "Location"}
_PLACE_PREPS = {"in", "at", "near", "outside", "inside", "within", "across", "around"}
_MOTION = {"travel", "fly", "visit", "trip", "arrive", "go", "head", "come", "return", "journey", "visit"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# Titles of one office holder: "the Bolivian minister" stands for Bolivia in what it does, not in
# what it refuses or misses (a delegation, government or ministry does stand for it either way)
_ONE_HOLDER = {"minister", "foreign minister", "president", "premier", "ambassador", "envoy", "negotiator",
               "official", "spokesman", "spokeswoman", "spokesperson"}
_PRONOUNS = {"it", "its", "itself", "they", "their", "them", "themselves"}
_PERSON_PRONOUNS = {"he", "his", "him", "she", "her"}
_WH = {"which", "that", "who", "whom", "whose"}


@dataclass(frozen=True)
class Extraction:
    """What one document yields: its mentions and relation mentions, in text order."""

    mentions: tuple[Mention, ...]
    relations: tuple[RelationMention, ...]


@lru_cache(maxsize=1)
def relation_rules() -> dict[str, Any]:
    """The relation rules and word lists of ``relations.json``, loaded once."""
    data: dict[str, Any] = json.loads((RESOURCES / "relations.json").read_text(encoding="utf-8"))
    for key in ("negators", "planned", "proposed", "hypothetical", "reported", "actor_nouns"):
        data[key] = set(data[key])
    return data


# resolve_date depends only on its arguments, and the articles of a corpus repeat their dates
# ("on Monday" against one publication date): dateparser is the costliest call of the extractor.
_resolve_date = lru_cache(maxsize=4096)(resolve_date)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")


@dataclass
class _State:
    """Per-document working state: mentions by token, and what was said last.

    The Doc's tokens, entities and sentences are read once here: spaCy builds a new Python
    object each time one is asked for (``doc.ents`` rebuilds every entity span).
    """

    doc: Any
    article: Article
    tokens: list[Any] = field(init=False)
    ents: tuple[Any, ...] = field(init=False)
    dates: tuple[Any, ...] = field(init=False)  # the DATE entities
    sentences: list[Any] = field(init=False)
    sentence_of: dict[int, int] = field(init=False)  # token.i → sentence number
    by_token: dict[int, Mention] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    deals: dict[int, Mention] = field(default_factory=dict)  # deal head token → deal mention
    events: list[tuple[int, Mention]] = field(default_factory=list)  # (token, mention) in order
    deal_order: list[tuple[int, Mention]] = field(default_factory=list)
    trades: dict[int, tuple[Any, Any]] = field(default_factory=dict)  # deal head → (buying or selling word, stake)
    actors: list[tuple[int, Mention, bool]] = field(default_factory=list)  # (token, mention, is subject)
    place_mentions: dict[int, Mention] = field(default_factory=dict)
    _sentence_ents: dict[int, list[Any]] = field(default_factory=dict)
    _sentence_texts: dict[int, tuple[int, int, str]] = field(default_factory=dict)
    _text: str | None = None

    def __post_init__(self) -> None:
        self.tokens = list(self.doc)
        self.ents = tuple(self.doc.ents)
        self.dates = tuple(ent for ent in self.ents if ent.label_ == "DATE")
        self.sentences = list(self.doc.sents)
        self.sentence_of = {}
        for number, sent in enumerate(self.sentences):
            for i in range(sent.start, sent.end):
                self.sentence_of[i] = number

    def sentence(self, i: int) -> Any:
        """The sentence of token ``i`` (what ``token.sent`` gives, without rebuilding it)."""
        return self.sentences[self.sentence_of[i]]

    def sentence_ents(self, i: int) -> list[Any]:
        """The entities inside the sentence of token ``i`` (what ``token.sent.ents`` gives)."""
        number = self.sentence_of[i]
        found = self._sentence_ents.get(number)
        if found is None:
            sent = self.sentences[number]
            found = []
            for ent in self.ents:  # as spaCy's Span.ents: stop at an entity running past the end
                if ent.start >= sent.start:
                    if ent.end <= sent.end:
                        found.append(ent)
                    else:
                        break
            self._sentence_ents[number] = found
        return found

    def sentence_text(self, i: int) -> tuple[int, int, str]:
        """The start, end and stripped text of the sentence of token ``i``."""
        number = self.sentence_of[i]
        found = self._sentence_texts.get(number)
        if found is None:
            sent = self.sentences[number]
            if self._text is None:
                self._text = self.doc.text
            text = self._text[sent.start_char:sent.end_char]  # sent.text, without joining its tokens again
            found = self._sentence_texts[number] = (sent.start_char, sent.end_char, text.strip())
        return found

    def add(self, span: Any, mention: Mention) -> None:
        self.mentions.append(mention)
        for i in range(span.start, span.end):
            self.by_token[i] = mention


def _is_place(span: Any) -> bool:
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in _PLACE_PREPS:
        return True
    if root.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_ in _MOTION:
        return True
    return root.dep_ == "dobj" and head.lemma_ in {"visit", "tour"}


_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def _opens_dateline(span: Any) -> bool:
    """"Athens, 9 June 2026 - ", "LOMIE, Cameroon - ": a name opening a paragraph before a comma, a
    date or a country, and a spaced dash is where the story was filed, not an actor."""
    doc = span.doc
    if not span[0].is_sent_start or span.end >= len(doc) or doc[span.end].text != ",":
        return False
    for i in range(span.end + 1, min(span.end + 7, len(doc))):
        token = doc[i]
        if token.text in {"-", "–", "—"} and doc[i - 1].whitespace_:
            return i > span.end + 1
        if not (token.ent_type_ in {"DATE", "COUNTRY"} or token.like_num or token.text == ","
                or token.text.rstrip(".").casefold() in _MONTHS):
            return False  # ("LONDON, Nov 10 –": the NER may leave a short date untyped)
    return False


def _place_label(text: str) -> str:
    return re.sub(r",?\s*D\.?\s?C\.?$", "", text).strip()


def _mention(span: Any, type_: str, sentence: int, key: str | None = None, role: str = "actor", **extra: Any) -> Mention:
    return Mention(start=span.start_char, end=span.end_char, text=span.text, type=type_, key=key,
                   role=role, sentence=sentence, **extra)


def collect_mentions(state: _State) -> None:
    """doc.ents → mentions; capitals and seats of government are places after "in"/"at"."""
    sentence_of = state.sentence_of
    names = {part for ent in state.ents if ent.label_ == "PERSON" and len(ent) > 1 for part in (ent[0].text, ent[-1].text)}
    # "Naaja Nathanielsen, Greenland's Minister for …" (the NER said ORG) … "Nathanielsen said"
    names |= {part for ent in state.ents if ent.label_ in {"ORG", "LOCATION"} and _titled_name(ent)
              for part in (ent[0].text, ent[-1].text)}
    names -= {"Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr."}
    surnames = {ent[k:].text for ent in state.ents if ent.label_ == "PERSON" and len(ent) > 2 for k in range(1, len(ent) - 1)}
    named_as = _names_typed_elsewhere(state.ents)
    for ent in state.ents:
        label = ent.label_
        if label in {"ORG", "LOCATION", "PERSON"} and not ent.ent_id_ and named_as.get(ent.text, label) != label:
            label = named_as[ent.text]  # "Lusolitio" after "Lusolitio Mineracao" (the NER called it a place)
        if label in {"ORG", "LOCATION"} and len(ent) == 1 and ent.text in names:
            label = "PERSON"  # the NER's "Rojas" (ORG) is the minister Valentina Rojas named before
        elif label in {"ORG", "LOCATION"} and len(ent) > 1 and not ent.ent_id_ and ent.text in surnames:
            label = "PERSON"  # "Van Peteghem" (ORG) is Vincent Van Peteghem named before
        elif label == "PERSON" and len(ent) == 1 and ent.text not in names and not _after_title(ent):
            continue  # a lone capitalised word the NER calls a person ("Nalco", "Kvanefjeld") is too unsure
        elif label in {"ORG", "LOCATION"} and _titled_name(ent):
            label = "PERSON"  # "Its chief executive, Lerato Dlamini," (the NER said ORG, or a place)
        elif label in {"ORG", "LOCATION", "PERSON"} and len(ent) == 1 and not ent.ent_id_ \
                and ent.text.casefold() in _reference_words("Country"):
            continue  # "the Sultanate", "the State", a headline's "as Kingdom pitches": the country spoken of, no name
        elif label in {"ORG", "LOCATION", "PERSON"} and not ent.ent_id_ and re.sub(
                r"^the\s+", "", ent.text.casefold()) in _event_or_deal_references("deal"):
            continue  # "Under the MOU": the NER's organisation is the deal spoken of
        elif label in {"PERSON", "LOCATION"} and not ent.ent_id_ and _beside_company_noun(ent):
            label = "ORG"  # "Barrick, the Canadian miner that …", "Peru's Minsur, the largest tin producer"
        if label in {"PERSON", "LOCATION"} and not ent.ent_id_ and _names_outlet(ent.text, state.article.outlet):
            label = "ORG"  # "BAMAKO, 26 February (Sahel Presse) –", "By Ama Mensah, Gulf Horizon": the publisher
        number = sentence_of[ent.start]
        if label in {"ORG", "PERSON", "LOCATION"} and not ent.ent_id_ and _opens_dateline(ent):
            label = "LOCATION"  # "LOMIE, Cameroon - The road …"
        if label in {"CITY", "SEAT"}:
            if _is_place(ent) or _opens_dateline(ent):
                text = _place_label(ent.text)
                mention = _mention(ent, "Location", number, f"location:{_slug(text)}", role="place")
            else:
                actor = "Organization" if ent.ent_id_.startswith("org:") else "Country"  # "Brussels" is the EU
                mention = _mention(ent, actor, number, ent.ent_id_)
        elif label == "DEAL":
            mention = _mention(ent, "Deal", number, None, value=parse_amount(ent.text))
            state.deals[ent.root.i] = mention
            state.deal_order.append((ent.root.i, mention))
        elif label in _LABEL_TYPES:
            type_ = _LABEL_TYPES[label]
            key = ent.ent_id_ if label in {"COUNTRY", "DEMONYM", "MINERAL"} or ent.ent_id_.startswith("org:") else None
            key = key or None
            if type_ == "Location":
                key = f"location:{_slug(_place_label(ent.text))}"
            mention = _mention(ent, type_, number, key, role="place" if type_ == "Location" else "actor")
            if type_ == "Event":
                mention = _with_event_date(state, ent, mention)
        else:
            continue
        _register(state, ent, mention)
    collect_acronyms(state)
    collect_surnames(state, names)
    collect_unnamed_events(state)
    collect_gatherings(state)
    collect_event_places(state)
    state.mentions.sort(key=lambda m: m.start)
    state.events.sort(key=lambda item: item[0])
    state.actors.sort(key=lambda item: item[0])


def _names_outlet(text: str, outlet: str | None) -> bool:
    """Whether ``text`` is the name of the article's outlet (its metadata), or its first words
    ("Metals Desk" of "Metals Desk Weekly")."""
    if not outlet:
        return False
    name, outlet = text.casefold(), outlet.casefold()
    return outlet == name or (" " in name and outlet.startswith(f"{name} "))  # not "Lagos" of "Lagos Business Journal"


def _names_typed_elsewhere(ents: Iterable[Any]) -> dict[str, str]:
    """The type a name has where the text is surer of it: an organisation's name ("Al Mada", "the
    royal holding company"), or the first word of a longer organisation or place name ("Lusolitio"
    for "Lusolitio Mineracao", "Kwale" for "Kwale County", "Manara" for the listed "Manara Minerals")
    keeps that type where it stands alone."""
    ents = list(ents)
    typed: dict[str, str] = {}
    firsts: dict[str, set[str]] = {}
    from kg.nlp.components import _MEDIA_WORDS, _ORG_WORDS, _PLACE_TAILS

    for ent in ents:
        if ent.label_ in {"PERSON", "ORG", "LOCATION"} and not ent.ent_id_ and _beside_company_noun(ent):
            typed[ent.text] = "ORG"  # "Al Noor, the state holding company"
        # (an outlet's name says nothing of its first word: "Sahel Presse", "Lagos Business Journal")
        sure = (ent.label_ == "ORG" and ent[-1].text in _ORG_WORDS - _MEDIA_WORDS) or (
            ent.label_ == "LOCATION" and ent[-1].text in _PLACE_TAILS)
        if sure and len(ent) > 1 and ent[0].is_title and ent[0].pos_ == "PROPN" \
                and (not ent[0].ent_id_ or ent.ent_id_.startswith("org:")) \
                and ent[0].lower_ not in {"the", "new", "north", "south", "east", "west"}:
            firsts.setdefault(ent[0].text, set()).add(ent.label_)
    persons = {ent.text for ent in ents if ent.label_ == "PERSON" and len(ent) > 1}
    for first, labels in firsts.items():
        if len(labels) == 1 and first not in typed and first not in persons:
            typed[first] = labels.pop()
    return typed


def collect_event_places(state: _State) -> None:
    """"the Arctic Battery Metals Forum in Oulu", "the … Forum, which will be held in Cholpon-Ata":
    a capitalised name the NER left untyped right after "in"/"at" close behind an event is a place."""
    doc = state.doc
    for index, _event in list(state.events):
        end = doc[index].i + 1
        while end < len(doc) and doc[end].ent_type_ == "EVENT":
            end += 1
        for i in range(end, min(end + 9, len(doc) - 1)):
            if doc[i].is_sent_start or doc[i].text in {".", ";", ":"}:
                break
            if doc[i].lower_ not in {"in", "at"}:
                continue
            j = i + 1
            misread = state.by_token.get(j)
            if misread is not None and misread.type == "Organization" and misread.key is None \
                    and misread.end == doc[j].idx + len(doc[j]) and (j + 1 >= len(doc) or not doc[j + 1].is_title):
                # "its annual conference in Athlone": the NER's one-word "organisation" there is the venue
                state.mentions.remove(misread)
                state.actors = [a for a in state.actors if a[1] is not misread]
                del state.by_token[j]
                span = doc[j:j + 1]
                text = _place_label(span.text)
                _register(state, span, _mention(span, "Location", state.sentence_of[j], f"location:{_slug(text)}", role="place"))
                break
            if doc[j].ent_type_ or j in state.by_token or not doc[j].is_title or doc[j].pos_ != "PROPN":
                break
            k = j + 1
            while k + 1 < len(doc) and (doc[k].is_title and doc[k].pos_ == "PROPN" and not doc[k].ent_type_
                                         or (doc[k].text == "-" and not doc[k - 1].whitespace_ and doc[k + 1].is_title)):
                k += 1 if doc[k].text != "-" else 2
            span = doc[j:k]
            text = _place_label(span.text)
            _register(state, span, _mention(span, "Location", state.sentence_of[j], f"location:{_slug(text)}", role="place"))
            break


def _register(state: _State, span: Any, mention: Mention) -> None:
    state.add(span, mention)
    if mention.type == "Event":
        state.events.append((span.root.i, mention))
    if mention.type in {"Country", "Organization", "Person"}:
        is_subject = span.root.dep_ in _SUBJECTS or span.root.dep_ == "poss"
        state.actors.append((span.root.i, mention, is_subject))


def _after_title(span: Any) -> bool:
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].ent_type_ == "TITLE"


@lru_cache(maxsize=None)
def _reference_words(type_: str) -> frozenset[str]:
    """Nouns that refer to a thing of this type ("the miner", "the bloc") in ``relations.json``."""
    return frozenset(relation_rules()["references"].get(type_, []))


def _beside_company_noun(span: Any) -> bool:
    words = _reference_words("Organization")
    root = span.root
    near = [root.head] if root.dep_ == "appos" else []
    near += [c for c in root.children if c.dep_ == "appos"]
    return any(t.lemma_.casefold() in words for t in near)


def _titled_name(ent: Any) -> bool:
    """Two to five capitalised words in apposition to a title noun, no listed or known place: a
    person's name whatever the NER called it."""
    return 2 <= len(ent) <= 5 and all(t.is_title or t.text == "-" for t in ent) and not ent.ent_id_ \
        and ent.text not in places() and _beside_title_noun(ent)


def _beside_title_noun(span: Any) -> bool:
    words = appositive_titles()
    root = span.root
    near = [root.head] if root.dep_ == "appos" else []
    near += [c for c in root.children if c.dep_ == "appos"]
    return any(t.lemma_.casefold() in words or t.lower_ in words for t in near)


def collect_acronyms(state: _State) -> None:
    """"Khanij Bidesh India Ltd (KABIL)": the acronym in brackets names the same organisation."""
    tokens = state.tokens
    full_names: dict[str, str] = {}
    known: dict[int, str] = {}  # a full name's mention → the key its listed acronym has
    for token in tokens:
        if token.text == "(" and token.i + 2 < len(tokens) and tokens[token.i + 2].text == ")":
            before = state.by_token.get(token.i - 1)
            acronym = tokens[token.i + 1].text
            if before is not None and before.type == "Organization" and acronym.isupper() and len(acronym) >= 2:
                full_names[acronym] = _clean_owner(before.text)
                listed = state.by_token.get(token.i + 1)
                if listed is not None and listed.type == "Organization" and listed.key and not before.key:
                    known[id(before)] = listed.key  # "the Authority for … Markets (ARECOMS)": the listed body
        # "The Export and Investment Fund of Denmark, known as EIFO,"
        if token.lower_ == "known" and token.i + 2 < len(tokens) and tokens[token.i + 1].lower_ == "as":
            before = state.by_token.get(token.i - 2) if tokens[token.i - 1].text == "," else state.by_token.get(token.i - 1)
            after = state.by_token.get(token.i + 2)
            if before is not None and after is not None and before.type == after.type == "Organization":
                full_names[after.text] = _clean_owner(before.text)
    if not full_names:
        return
    for index, mention in enumerate(state.mentions):
        if id(mention) in known:
            keyed = Mention(**{**mention.__dict__, "key": known[id(mention)]})
            state.mentions[index] = keyed
            for i, current in list(state.by_token.items()):
                if current is mention:
                    state.by_token[i] = keyed
            state.actors = [(i, keyed if m is mention else m, s_) for i, m, s_ in state.actors]
            continue
        name = full_names.get(mention.text)
        if name is not None and mention.type == "Organization" and not mention.key:
            named = Mention(**{**mention.__dict__, "name": name, "key": None})
            state.mentions[index] = named
            for i, current in list(state.by_token.items()):
                if current is mention:
                    state.by_token[i] = named
            state.actors = [(i, named if m is mention else m, s_) for i, m, s_ in state.actors]


def collect_surnames(state: _State, names: set[str]) -> None:
    """A surname alone ("Marsh met …") is a person when the full name was given; the NER may miss it."""
    for token in state.tokens:
        if (token.i not in state.by_token and token.text in names and not token.ent_type_ and token.is_title
                and (token.pos_ == "PROPN" or token.dep_ in {"nsubj", "nsubjpass", "conj", "pobj", "dobj"})):
            span = state.doc[token.i:token.i + 1]
            _register(state, span, _mention(span, "Person", state.sentence_of[token.i]))


@lru_cache(maxsize=1)
def _unnamed_event_heads() -> frozenset[str]:
    return frozenset({w.casefold() for w in lexicon()["event_lower_heads"]} - {"talks", "meeting", "dialogue"})


def collect_unnamed_events(state: _State) -> None:
    """"BRICS leaders ended their annual summit": an event named by who holds it ("BRICS summit"),
    only in a document that names no event."""
    if state.events:
        return
    heads = _unnamed_event_heads()
    for token in state.tokens:
        if token.pos_ != "NOUN" or token.lower_ not in heads or token.i in state.by_token:
            continue
        owner = None
        for child in token.children:
            if child.dep_ in {"poss", "compound"} and child.i in state.by_token:
                owner = state.by_token[child.i]
            elif child.dep_ == "poss" and child.lower_ in {"their", "its"}:
                verb = _governor(token)
                for subject in _subjects(verb) if verb is not None else []:
                    holders = [state.by_token[c.i] for c in subject.children
                               if c.dep_ == "compound" and c.i in state.by_token]
                    owner = holders[0] if holders else owner
        if owner is None or owner.type not in {"Organization", "Country"}:
            continue
        start = min(c.i for c in token.children if c.dep_ in {"poss", "det", "amod", "compound"}) if any(
            c.dep_ in {"poss", "det", "amod", "compound"} for c in token.children) else token.i
        span = state.doc[start:token.i + 1]
        label = f"{_clean_owner(owner.text)} {token.lower_}"
        mention = _mention(span, "Event", state.sentence_of[token.i], name=label)
        mention = _with_event_date(state, span, mention)
        _register(state, span, mention)
        return


# Lower-case gatherings named by their subject ("a critical minerals roundtable", "a regional mining
# ministers' meeting"): the head, the words that say what it is about, and the verbs that say it is
# a gathering someone goes to.
_GATHERING_HEADS = {"ministerial", "roundtable", "meeting", "summit", "conference", "forum"}
_GATHERING_TOPICS = {"mineral", "minerals", "mining", "minister", "ministers", "ministerial", "metal", "metals",
                     "material", "materials", "resource", "resources", "battery", "energy", "investment", "investor",
                     "supply", "chain", "leaders", "producers", "countries"}
_GATHERING_VERBS = {"attend", "host", "invite", "join", "skip", "chair", "convene", "participate", "boycott",
                    "send", "lead", "take", "sign", "agree", "hold", "organise", "organize", "co-host"}


def collect_gatherings(state: _State) -> None:
    """"was not invited to a regional mining ministers' meeting that Congo hosted", "will take part in
    the US-hosted critical minerals ministerial": a gathering written in lower case, named by what it
    is about and the object of a verb of going, hosting or inviting, is an event."""
    named = {w.casefold() for _i, event in state.events for w in event.text.split()}
    for last in state.tokens:
        if not last.is_lower or last.lower_ not in _GATHERING_HEADS or last.i in state.by_token:
            continue
        token = last
        if last.pos_ == "ADJ" and last.dep_ == "amod" and last.head.i == last.i - 1 and last.head.pos_ == "NOUN":
            token = last.head  # "critical minerals ministerial": the parser made the head a modifier of "minerals"
        elif last.pos_ != "NOUN":
            continue
        before = [c for c in token.children if c.i < token.i and c.dep_ in {"compound", "amod", "poss", "nmod", "nummod"}]
        if token is not last:
            before.append(token)
        words = [t for c in before for t in (c.subtree if c is not token else (c,)) if t.i < last.i]
        topical = [t for t in words if t.ent_type_ == "MINERAL" or (t.is_lower and t.lemma_ in _GATHERING_TOPICS)]
        owners = [t for c in before if c.dep_ != "amod" for t in (c.subtree if c is not token else (c,))]
        if not topical or any(t.i in state.by_token and state.by_token[t.i].type != "Mineral" for t in owners):
            continue  # "Washington's roundtable", "the ASEAN ministers' meeting": a named one ("US-hosted" names none)
        head = token
        while head.dep_ in {"pobj"} and head.head.dep_ == "prep":
            head = head.head.head
        if head.dep_ in {"dobj", "nsubjpass"}:
            head = head.head  # "declined to attend a battery metals roundtable"
        if not (head.lemma_ in _GATHERING_VERBS or (token.dep_ == "pobj" and token.head.lower_ == "at")):
            continue
        if {last.lower_, *(t.lower_ for t in words if t.lemma_ in {"minister", "ministerial"})} & named:
            continue  # "a ministerial meeting on critical minerals" … "The Critical Minerals Ministerial": named
        start = min(t.i for c in before for t in (c.subtree if c is not token else (c,)))
        while start < last.i and (state.tokens[start].dep_ == "det" or state.tokens[start].is_punct):
            start += 1
        span = state.doc[start:last.i + 1]
        mention = _with_event_date(state, span, _mention(span, "Event", state.sentence_of[last.i]))
        _register(state, span, mention)


def _clean_owner(text: str) -> str:
    return re.sub(r"^(the|The)\s+", "", re.sub(r"[’']s$", "", text))


def _with_event_date(state: _State, ent: Any, mention: Mention) -> Mention:
    """An event name followed closely by "on DATE" takes that date."""
    for other in state.dates:
        if ent.end <= other.start <= ent.end + 4:
            date = _resolve_date(other.text, state.article.published)
            if date is not None and date.precision == "day":
                return Mention(**{**mention.__dict__, "date": date})
    return mention


@lru_cache(maxsize=1)
def _deal_heads() -> frozenset[str]:
    return frozenset(w.casefold() for w in lexicon()["deal_heads"])


def collect_deals(state: _State) -> None:
    """Deal nouns ("a $500 million deal with X") become Deal mentions when named by value or party."""
    heads = _deal_heads()
    doc = state.doc
    for token in state.tokens:
        if token.pos_ not in {"NOUN", "PROPN"} or token.i in state.deals or (token.lower_ not in heads and not (
                token.lower_ == "venture" and any(c.lower_ == "joint" for c in token.children)
                and token.dep_ not in {"appos", "attr"})):
            # "form a joint venture between X and Y" is a deal too; "Western Zinc, a joint venture between
            # X and Y" is a company
            continue
        if token.i in state.by_token:
            continue
        left = [t for t in token.lefts for t in t.subtree]
        left = [t for t in left if t.i < token.i]
        while left and (left[0].dep_ in {"det", "poss", "case", "punct"} or left[0].lower_ in {"estimated", "new", "proposed"}):
            left = left[1:]
        if left and any(t.dep_ == "poss" for t in left):
            left = [t for t in left if t.i > max(x.i for x in left if x.dep_ in {"poss", "case"})]
        start = left[0].i if left else token.i
        end = token.i + 1
        party = None
        of = [o for c in token.rights if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
              if o.dep_ == "pobj" and o.i not in state.by_token and o.pos_ == "NOUN"]
        for child in [*token.rights, *(c for o in of[:1] for c in o.rights)]:
            # "a memorandum of cooperation between JOGMEC and KOMIR", "a joint venture between X and Y"
            if child.dep_ == "prep" and child.lower_ in {"with", "between"}:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects and objects[0].i in state.by_token:
                    party = state.by_token[objects[0].i]
                    if child.lower_ == "with" or not parse_amount(doc[start:token.i].text):
                        # ("a $15 million agreement between X and Y" is named by its value)
                        # the party's own phrase, not its apposition or clause ("with South Korea's
                        # POSCO Holdings, which plans to build a lithium refinery")
                        limit = _phrase_end(objects[0])
                        end = max([t.i for t in objects[0].subtree if t.i in state.by_token and t.i < limit]
                                  or [objects[0].i]) + 1
        money = parse_amount(doc[start:token.i].text)
        worth = None
        for child in token.rights:  # "a partnership worth A$1.2bn", "an agreement valued at $2bn"
            if money is None and child.lower_ in {"worth", "valued"}:
                money = parse_amount(doc[child.i:child.right_edge.i + 1].text)
                phrase = doc[child.i:child.right_edge.i + 1].text
                if money is not None and money.text in phrase:
                    worth = (child.i, phrase[:phrase.index(money.text) + len(money.text)])
        # "the strategic partnership on raw materials that Greenland signed with the EU": signed by a named
        # party (the parser may hang the clause on "materials")
        signed_by = any(c.dep_ == "relcl" and c.lemma_ in _SIGNING and any(
            s.dep_ == "nsubj" and s.i in state.by_token for s in c.children) for c in _with_topic(token))
        if token.lower_ in {"partnership", "partnerships", "venture"}:
            signed = signed_by or _deal_verb_of(token) in _SIGNING and not (
                token.dep_ == "dobj" and token.head.dep_ in {"xcomp", "ccomp"}
                and token.head.head.lemma_ in relation_rules()["proposed"])  # "proposed establishing a partnership"
            if money is None and not signed:
                continue  # "proposed a partnership with Bolivia" is a proposal, not a deal
        if token.lower_ in {"package", "packages", "loan", "loans"} and money is None:
            continue  # "a €200 million rescue package" is a deal; "a separate package for upgrades" is not named
        named = any(t.pos_ == "PROPN" or t.i in state.by_token for t in doc[start:token.i])
        if not named and any(t.ent_type_ == "DATE" for t in doc[token.left_edge.i:token.i]):
            named = True  # "the 2025 accord", "last year's bilateral minerals agreement"
        indefinite = any(c.lower_ in {"a", "an"} for c in token.children)
        if not named and (signed_by or indefinite and (any(
                c.dep_ in {"acl", "relcl"} and c.lemma_ in relation_rules()["deal_verbs"] for c in token.children)
                or (token.dep_ in {"dobj", "nsubjpass"} and token.head.lemma_ in relation_rules()["deal_verbs"]))):
            named = True  # "a pact that Brazil and Russia had floated", "might sign a follow-up agreement"
            for child in [*token.rights, *(c for o in of[:1] for c in o.rights)]:
                # "a memorandum of understanding on the joint exploration of copper": on the deal or its kind
                if child.dep_ == "prep" and child.lower_ in {"on", "for", "over"} and party is None:
                    end = _phrase_end(child) if signed_by else child.right_edge.i + 1
        if money is None and party is None and not named:
            continue
        if money is None and any(c.dep_ == "det" and c.lower_ == "any" for c in token.children):
            continue  # "warned Niger against any uranium deal with Iran": no deal is named
        if token.lower_ in {"loan", "loans"} and _deal_verb_of(token) not in _SIGNING | {"secure", "offer", "obtain"}:
            continue  # "signed a EUR 180 million loan" is a deal; "approved a loan to X" is a decision about one
        span = doc[start:end]
        # "a smaller agreement worth 2.4 billion afghanis": the value is part of the name
        name = f"{span.text} {worth[1]}" if worth is not None and worth[0] >= end else None
        mention = _mention(span, "Deal", state.sentence_of[token.i], None, value=money, name=name)
        state.mentions.append(mention)
        state.deals[token.i] = mention
        state.deal_order.append((token.i, mention))


# "sell a stake", "buy a stake" and "pay $1bn for a stake", "the sale of a stake"
_STAKE_VERBS = {"buy", "sell", "acquire", "purchase", "take", "offload", "divest"}
# what else is sold for a price: "sell its Brazilian nickel business to MMG for up to $500 million"
_TRADED = {"stake", "business", "unit", "division", "subsidiary", "asset", "operation", "mine", "project"}
_PRICE_VERBS = {"pay", "invest", "spend"}
_TRADE_NOUNS = {"sale", "purchase", "acquisition"}


def collect_stakes(state: _State) -> None:
    """A stake bought or sold for a price is a deal: "agreed to sell its 55% stake in X to Y for
    $1.6 billion", "will pay $1.1 billion for a 51 percent stake in X", "completed the sale of a 15
    percent stake in X to Y for $540 million". Without a price ("took a 20 percent stake in X in
    January") the stake is not named and no deal is made. A stake traded inside a deal's own clause
    ("signed an agreement under which KABIL will take a 26% stake in …", "a deal to sell its stake
    to CGN") tells that deal's parties instead."""
    doc = state.doc
    for token in state.tokens:
        if token.lemma_ not in _TRADED or token.pos_ != "NOUN" or token.i in state.deals or token.i in state.by_token:
            continue
        if token.dep_ == "dobj" and token.head.lemma_ in _STAKE_VERBS - ({"take"} if token.lemma_ != "stake" else set()):
            trade, priced = token.head, [t for t in token.head.subtree if t.i > token.i and t.lower_ == "for"
                                         and t.dep_ == "prep"] or _price_after(token)[1]
        elif token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.head.lemma_ in _PRICE_VERBS:
            trade, priced = token.head.head, [c for c in token.head.head.children if c.dep_ == "dobj"]
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_ in _TRADE_NOUNS:
            trade = token.head.head
            priced = [t for t in trade.subtree if t.i > token.i and t.lower_ == "for" and t.dep_ == "prep"]
        else:
            continue
        owner = next((a.i for a in token.ancestors if a.i in state.deals and state.sentence_of[a.i] == state.sentence_of[token.i]), None)
        if owner is not None:
            state.trades.setdefault(owner, (trade, token))
            continue
        left = [t for t in doc[token.left_edge.i:token.i] if t.dep_ not in {"det", "poss", "case"}
                and not any(a.dep_ == "poss" for a in t.ancestors if a.i < token.i)]
        start = left[0].i if left else token.i
        money = parse_amount(doc[start:token.i].text)
        for price in priced:
            money = money or parse_amount(doc[price.left_edge.i:price.right_edge.i + 1].text)
        if money is None:
            continue
        end = _phrase_end(token)  # "a 51 percent stake in Kafue Copper Mines"
        span = doc[start:end]
        name = span.text if money.text in span.text else f"{span.text} for {money.text}"
        mention = _mention(span, "Deal", state.sentence_of[token.i], None, value=money, name=name)
        state.mentions.append(mention)
        state.deals[token.i] = mention
        state.deal_order.append((token.i, mention))
        state.trades[token.i] = (trade, token)


def _price_after(stake: Any) -> tuple[list[Any], list[Any]]:
    """The words after a traded stake up to the next clause ("sell its 55% stake in X's Y mine to a
    consortium led by Z for about $1.6 billion", where the parser hangs "mine" and all after it on
    another verb): the "to"/"from" phrases before the price and the "for" that carries the price."""
    sentence = stake.sent
    passed: list[Any] = []
    for word in sentence[stake.i + 1 - sentence.start:]:
        if (word.pos_ in {"VERB", "AUX"} and word.dep_ != "acl") or word.lower_ in {";", "and", "but"}:
            break
        if word.lower_ == "for" and word.dep_ == "prep":
            return passed, [word] if any(t.ent_type_ == "MONEY" for t in word.subtree) else []
        if word.lower_ in {"to", "from"} and word.dep_ in {"prep", "dative"}:
            passed.append(word)
    return [], []


def _phrase_end(node: Any) -> int:
    """The end of a noun phrase without its apposition, clauses and "to"/"from"/"for" phrases."""
    end = node.i + 1
    for child in node.rights:
        if child.dep_ in {"appos", "punct", "relcl", "acl", "cc", "conj", "advcl"} or (
                child.dep_ in {"prep", "dative"} and child.lower_ in {"to", "from", "for"}):
            break
        end = max(end, _phrase_end(child))
    return end


def stake_parties(state: _State) -> Iterator[RelationMention]:
    """Who buys and who sells a stake: the subject of "sell"/"buy"/"pay", the "to" of a sale, the
    "from" of a purchase; what the deal concerns: the minerals of what the stake is in."""
    for index, (trade, stake) in state.trades.items():
        token, deal = state.doc[index], state.deals[index]
        verb = trade if trade.pos_ in {"VERB", "AUX"} else _governor(trade)
        found: list[tuple[Any, str]] = []
        if verb is not None:
            subjects = _subjects(verb)
            if not subjects and verb.dep_ in {"acl", "advcl"} and any(c.lower_ == "to" for c in verb.children):
                # "Manara is in advanced talks to buy a 15% stake": the subject of "is"
                above = verb.head if verb.head.pos_ in {"VERB", "AUX"} else _governor(verb.head)
                subjects = _subjects(above) if above is not None else []
            found += [(s, "partyTo.stake.subject.v1") for s in subjects]
        # "to"/"from" on the trading word, on the stake, or (misparsed) on what the stake is in
        inside = [o for p in stake.children if p.dep_ == "prep" and p.lower_ == "in" for o in p.children if o.dep_ == "pobj"]
        for holder in dict.fromkeys((trade, stake, *inside, *([verb] if verb is not None else []))):
            found += [(o, "partyTo.stake.counterpart.v1") for p in holder.children
                      if p.dep_ in {"prep", "dative"} and p.lower_ in {"to", "from"} for o in p.children if o.dep_ == "pobj"]
        if not any(rule == "partyTo.stake.counterpart.v1" for _n, rule in found):
            # misparsed: the "to" before the price hangs elsewhere
            found += [(o, "partyTo.stake.counterpart.v1") for p in _price_after(stake)[0] for o in p.children
                      if o.dep_ == "pobj"]
        clause = verb if verb is not None else trade
        polarity, modality = polarity_of(clause), modality_of(clause)
        seen: set[int] = set()
        for node, rule in found:
            for mention in _mentions_for(state, node, {"Country", "Organization"}):
                if id(mention) not in seen:
                    seen.add(id(mention))
                    yield _relation(state, mention, "partyTo", deal, token, rule, 0.7, polarity, modality)
        # "a stake in a copper mine", "its Brazilian nickel business"
        words = [*(t for p in stake.children if p.dep_ == "prep" and p.lower_ == "in" for t in p.subtree),
                 *(t for c in stake.lefts if c.dep_ in {"compound", "amod", "nmod"} for t in c.subtree)]
        minerals = {id(m): m for t in words if (m := state.by_token.get(t.i)) is not None and m.type == "Mineral"}
        for mineral in minerals.values():
            yield _relation(state, deal, "concerns", mineral, token, "concerns.stake.v1", 0.7, "positive", modality)


_SIGNING = {"sign", "ink", "seal", "conclude", "agree", "launch", "announce", "forge", "establish", "finalise",
            "finalize", "strike", "reach", "ratify", "form"}


def _with_topic(token: Any) -> list[Any]:
    """The children of a deal noun and of what its "on"/"for" phrase names ("a partnership on raw
    materials that X signed")."""
    return [*token.children, *(c for p in token.children if p.dep_ == "prep" and p.lower_ in {"on", "for"}
                               for o in p.children if o.dep_ == "pobj" for c in o.children)]


def _deal_verb_of(token: Any) -> str:
    """The lemma of the verb that has the deal noun as its object or is its relative clause."""
    if token.dep_ in {"dobj", "nsubjpass"} and token.head.pos_ in {"VERB", "AUX"}:
        return str(token.head.lemma_)
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_ in {"signing", "sign", "conclusion"}:
        return "sign"  # "the signing of a joint venture between X and Y"
    for child in token.children:
        if child.dep_ in {"relcl", "acl"} and child.pos_ == "VERB":
            return str(child.lemma_)
    return ""


# --- argument finding -------------------------------------------------------------------------

def _subjects(token: Any) -> list[Any]:
    """The grammatical subject, climbing through "is set to attend", "keen to reduce", "X and signed"."""
    current = token
    for _ in range(6):
        subjects = [c for c in current.children if c.dep_ in _SUBJECTS]
        if subjects:
            found = []
            for subject in subjects:
                if subject.lower_ in _WH and current.dep_ == "relcl":
                    found.append(current.head)
                else:
                    found.append(subject)
            return found
        if current.dep_ == "relcl":
            return [current.head]
        if current.dep_ == "acl":
            # "the bloc's drive to cut its reliance": the possessor of the noun controls the verb
            owners = [c for c in current.head.children if c.dep_ == "poss"]
            if owners:
                return owners
            if current.head.dep_ in {"dobj", "attr"} and current.head.head.pos_ in {"VERB", "AUX"} \
                    and any(c.lower_ == "to" for c in current.children if c.dep_ == "aux"):
                current = current.head.head  # "Colombo has no plans to ban exports": the subject of "has"
                continue
        if current.dep_ in {"xcomp", "acomp"} or (current.dep_ == "conj" and current.pos_ in {"VERB", "AUX"}):
            current = current.head
            continue
        break
    return []


def _governor(token: Any) -> Any | None:
    """The verb a noun hangs from (through prepositions, coordination and apposition)."""
    current = token
    if token.dep_ == "ROOT" and token.pos_ == "NOUN":
        # "Lee held talks with Samia": the small model sometimes makes the noun the root and the
        # verb its modifier; the verb with a subject of its own still governs it
        for child in token.children:
            if child.dep_ == "amod" and child.pos_ == "VERB" and child.i < token.i \
                    and any(c.dep_ in _SUBJECTS for c in child.children):
                return child
    for _ in range(6):
        if current.dep_ in {"ROOT"} and current.pos_ not in {"VERB", "AUX"}:
            return None
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return current
    return None


def _follow(token: Any, path: str) -> list[Any]:
    """Follow an argument path ("subj", "gov_subj", "prep:to", "dobj>prep:of", …) from a token."""
    current = [token]
    for step in path.split(">"):
        found: list[Any] = []
        for node in current:
            if step == "subj":
                found += _subjects(node)
            elif step == "gov_subj" or step.startswith("gov_subj("):
                verb = _governor(node)
                allowed = set(step[9:-1].split("|")) if step.startswith("gov_subj(") else None
                if verb is not None and (allowed is None or verb.lemma_ in allowed):
                    found += _subjects(verb)
            elif step == "among_subj":
                # "Japan and India are among the countries invited"
                head = node.head if node.dep_ in {"acl", "relcl"} else None
                if head is not None and head.head.dep_ == "prep" and head.head.lower_ == "among":
                    found += _subjects(head.head.head)
            elif step == "gov":
                verb = _governor(node)
                found += [verb] if verb is not None else []
            elif step.startswith("next:"):
                # the word right after the preposition, whatever the parser made of it: a
                # token-sequence fallback ("a partnership with Kinshasa covering cobalt")
                word = step[5:]
                for child in node.children:
                    if child.dep_ == "prep" and child.lower_ == word and child.i + 1 < len(child.doc):
                        following = child.doc[child.i + 1]
                        if following.dep_ == "det" and following.i + 1 < len(child.doc):
                            following = child.doc[following.i + 1]
                        if following.ent_type_ != "DEMONYM":  # "with American mining companies": not the US
                            found.append(following)
            elif step.startswith("deep_prep:"):
                word = step[10:]
                for child in node.children:
                    if child.dep_ == "dobj":
                        found += [c for t in child.subtree if t.dep_ == "prep" and t.lower_ == word
                                  for c in t.children if c.dep_ == "pobj"]
            elif step == "countries_in":
                # "invested in rare earth projects in Australia and France", "for a stake in a project
                # in Namibia": the countries inside (one asset, "a mine in Ukraine", is the asset's owner's)
                if node.tag_ != "NNS" and node.lemma_ not in {"stake", "share", "interest"}:
                    continue
                named = [t for t in node.subtree if t.ent_type_ == "COUNTRY" and t.i != node.i]
                found += named or [t for t in node.subtree if t.ent_type_ == "DEMONYM" and t.i != node.i]
            elif step == "minerals_in":
                found += [t for t in node.subtree if t.ent_type_ == "MINERAL"]
            elif step == "compound_head":
                found += [node.head] if node.dep_ in {"compound", "nmod", "amod"} else []
            elif step == "acl_agent":
                # "export restrictions on gallium and rare earths imposed by China": the participle may
                # hang from the last item of the phrase, so the agent is looked for in its subtree
                found += [o for t in node.subtree if t.dep_ == "acl" and t.tag_ == "VBN"
                          for a in t.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"][:1]
            elif step == "acl_head":
                found += [node.head] if node.dep_ == "acl" else []  # "a forum organised by X"
            elif step == "passive_subj":
                # "Myanmar, whose … state is …, has not been invited": a passive verb the parser left
                # without a subject, coordinated to a clause whose subject is a name
                if any(c.dep_ == "auxpass" for c in node.children) and not any(c.dep_ == "nsubjpass" for c in node.children):
                    found += [s for s in _subjects(node) if s.ent_type_ in {"COUNTRY", "DEMONYM", "ORG", "PERSON"}][:1]
            elif step == "appos_head":
                found += [node.head] if node.dep_ == "appos" else []
            elif step == "attr_subj":
                found += _subjects(node.head) if node.dep_ == "attr" else []
                if node.dep_ == "pobj" and node.head.lower_ == "among" and node.head.head.lemma_ in {"be", "rank", "remain"}:
                    found += _subjects(node.head.head)  # "X is among the world's top producers"
            elif step.startswith("prep:"):
                word = step[5:]
                preps = [c for c in node.children if c.dep_ in {"prep", "agent", "dative"} and c.lower_ == word]
                if preps:
                    # the preposition said again for more items: "licences for graphite since 2023 and for
                    # rare earths since April", "exports of rare earths, as well as of gallium and graphite"
                    above = {node.i, *(a.i for a in node.ancestors)}
                    preps += [q for q in node.sent if q.lower_ == word and q.i > preps[0].i and q.pos_ == "ADP"
                              and ((q.dep_ == "conj" and (_conj_root(q).i in above or (
                                  _conj_root(q).dep_ == "prep" and _conj_root(q).head.i in above)))
                                   or (q.dep_ == "prep" and (q.head.dep_ == "cc" or q.head.lower_ == "as")
                                       and q.head.head.i in above))]
                for child in preps:
                    found += [c for c in child.children if c.dep_ == "pobj"]
            elif step == "agent":
                agents = [c for c in node.children if c.dep_ == "agent"]
                if not agents and any(c.dep_ == "auxpass" for c in node.children):
                    # "was signed in Lusaka by X and Y": the parser hangs "by" on the place
                    agents = [b for p in node.children if p.dep_ == "prep" and p.lower_ in {"in", "at"}
                              for o in p.children if o.dep_ == "pobj" and o.ent_type_ in {"CITY", "GPE", "LOC", "FAC"}
                              for b in o.children if b.dep_ == "prep" and b.lower_ == "by"]
                found += agents
            else:
                found += [c for c in node.children if c.dep_ == step]
        current = found
    return current


def _conj_root(token: Any) -> Any:
    """The first of a coordination ``token`` is in."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _needs(token: Any, needs: list[str]) -> bool:
    for need in needs:
        dep, _, words = need.partition(":")
        allowed = set(words.split("|"))
        if not any(c.dep_ == dep and (c.lower_ in allowed or c.lemma_ in allowed) for c in token.children):
            return False
    return True


def _antecedent(state: _State, token: Any, types: set[str], avoid: tuple[Mention, ...] = ()) -> list[Mention]:
    """The last subject-like actor mentioned before ``token`` (pronouns "it", "its", "they"),
    never one of ``avoid`` (the subject of the clause, for an object pronoun: "presented her")."""
    avoided = {entity_key_hint(m) for m in avoid}
    candidates = [(i, m, s) for i, m, s in state.actors
                  if i < token.i and m.type in types and entity_key_hint(m) not in avoided]
    if not candidates:
        return []
    if avoid and token.dep_ in {"dobj", "dative", "pobj"} and token.lower_ in {"him", "her", "them"}:
        # "he called on President X … and presented him with": an object pronoun is the other
        # person named earlier in its own sentence, when there is one
        here = [c for c in candidates if state.sentence_of[c[0]] == state.sentence_of[token.i]]
        if here:
            return [here[-1][1]]
    subjects = [c for c in candidates if c[2]]
    chosen = (subjects or candidates)[-1][1]
    return [chosen]


def _mentions_for(state: _State, token: Any, types: set[str], fallback: str | None = None,
                  avoid: tuple[Mention, ...] = ()) -> list[Mention]:
    """Mentions a token stands for: its own, its coordinated ones, a pronoun's, a reference's."""
    result: list[Mention] = []
    nodes = [token, *token.conjuncts]
    if token.i in state.by_token:
        # "Fiji, Solomon Islands, Vanuatu and Tonga": the parser may hang the second name of a list
        # on the first as an apposition and the rest on it; a name of the same type is a list item
        items = [c for c in token.children if c.dep_ == "appos" and c.i in state.by_token
                 and state.by_token[c.i].type == state.by_token[token.i].type]
        if any(c.conjuncts for c in items):  # the list ends on "and …"
            nodes += [n for c in items for n in (c, *c.conjuncts)]
    for node in nodes:
        if node.i in state.deals:
            result.append(state.deals[node.i])
        elif node.i in state.by_token:
            result.append(state.by_token[node.i])
            if "Mineral" in types:  # "copper-gold ore": copper too
                result += [state.by_token[c.i] for c in node.children if c.dep_ == "compound" and c.i in state.by_token]
        elif node.lower_ in {"they", "it"} and node.dep_ == "nsubj" and node.head.dep_ == "ccomp" \
                and (main := [c for c in node.head.head.children if c.dep_ in _SUBJECTS]) and main[0].i != node.i \
                and main[0].i not in state.by_token and main[0].lower_ not in _PRONOUNS \
                and (speakers := _mentions_for(state, main[0], types)):
            result += speakers  # "The Polish government said it does not intend to": Poland, not the last subject
        elif node.lower_ in {"he", "she"} and node.dep_ == "nsubj" and node.head.dep_ == "ccomp" \
                and (main := [c for c in node.head.head.children if c.dep_ in _SUBJECTS]) and main[0].i != node.i \
                and main[0].i not in state.by_token and main[0].lower_ not in _PRONOUNS | _PERSON_PRONOUNS \
                and any(c.dep_ == "poss" and c.i in state.by_token for c in main[0].children) \
                and (speakers := _mentions_for(state, main[0], types)):
            result += speakers  # "Congo's mines minister had confirmed he would attend": Congo's minister, not the last person
        elif node.lower_ in {"its", "their"} and node.dep_ == "poss" and node.head.dep_ == "dobj" \
                and (owners := [m for s in _subjects(node.head.head) if s.lower_ not in _PRONOUNS and s.i != node.i
                                for m in _mentions_for(state, s, types & {"Country", "Organization"})]):
            result += owners  # "delegations from Chile and Canada had confirmed their participation": theirs
        elif node.lower_ == "it" and fallback in {"event", "deal"} and not types & {"Country", "Organization"} \
                and node.dep_ in {"dobj", "pobj"}:
            result += _last(state, node, fallback)  # "President Chapo is scheduled to close it": the event
        elif node.lower_ in _PRONOUNS and types & {"Country", "Organization"}:
            result += _antecedent(state, node, {"Country", "Organization"}, avoid)
        elif node.lower_ in _PERSON_PRONOUNS and "Person" in types:
            result += _antecedent(state, node, {"Person"}, avoid)
        elif node.dep_ == "appos" and node.head.i in state.by_token:
            result.append(state.by_token[node.head.i])  # "FWO, the army's engineering arm, which signed"
        elif node.ent_type_ == "TITLE" and (person := _person_after_title(state, node)) is not None:
            result.append(person)  # "met Deputy Minister of Natural Resources Denis Volkov" (the parse ends on the title)
        elif not any(c.dep_ == "appos" and c.i in state.by_token for c in node.children) and any(
                c.dep_ == "appos" and c.ent_type_ == "TITLE" and _person_after_title(state, c) for c in node.children):
            # "met his Russian counterpart, Deputy Minister … Denis Volkov"
            result += [p for c in node.children if c.dep_ == "appos" and c.ent_type_ == "TITLE"
                       and (p := _person_after_title(state, c)) is not None]
        elif any(c.dep_ == "appos" and c.i in state.by_token for c in node.children):
            # "Pakistan's Minister for Petroleum, Ali Rehman Khattak, presented …"
            result += [state.by_token[c.i] for c in node.children if c.dep_ == "appos" and c.i in state.by_token]
        elif "Person" in types and node.i not in state.by_token and node.lemma_.casefold() in appositive_titles() \
                and (held := [state.by_token[a.i] for p in node.children if p.dep_ == "prep" and p.lower_ == "of"
                              for o in p.children if o.dep_ == "pobj" for a in o.children if a.dep_ == "appos"
                              and a.i in state.by_token and state.by_token[a.i].type == "Person"]):
            result += held  # "The governor of Sonora, Alfonso Durazo, will …": the parser hung the name on the place
        elif node.lemma_ in _OWNED_SITES and types & {"Organization", "Country"} and (owners := [
                m for c in node.children if c.dep_ == "poss" for m in _mentions_for(state, c, types & {"Organization", "Country"})]
                + [m for c in [*node.children, *(g for p in node.children if p.dep_ == "prep" for o in p.children
                                                   if o.dep_ == "pobj" for g in o.children)]
                   if c.dep_ == "acl" and c.lemma_ in {"own", "operate", "run", "control"}
                   for a in c.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
                   for m in _mentions_for(state, p, types & {"Organization", "Country"})]):
            result += owners  # "its deposit holds …", "the operation, owned by MCC, produced …"
        elif node.lower_ in _WH and node.head.dep_ == "relcl":
            result += _mentions_for(state, node.head.head, types)
        elif node.lower_ in _WH and node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.dep_ == "relcl":
            result += _mentions_for(state, node.head.head.head, types)  # "the summit, to which X was invited"
        elif node.lemma_.casefold() in relation_rules()["actor_nouns"] and any(
                c.i in state.by_token for c in node.children if c.dep_ in {"poss", "compound", "amod"}):
            result += [state.by_token[c.i] for c in node.children
                       if c.dep_ in {"poss", "compound", "amod"} and c.i in state.by_token]
        elif node.lemma_.casefold() in relation_rules()["actor_nouns"] and \
                [m for m in _of_mentions(state, node) if m.type in types]:
            result += _of_mentions(state, node)  # "the presidents of Kazakhstan and Uzbekistan"
        elif node.lower_ in {"they", "it", "he", "she"} and node.dep_ == "nsubj" and node.head.dep_ == "ccomp" \
                and (main := [c for c in node.head.head.children if c.dep_ in _SUBJECTS]) and main[0].i != node.i \
                and (speakers := _mentions_for(state, main[0], types)):
            result += speakers  # "The presidents … have confirmed they will attend"
        elif "Mineral" in types and node.lemma_.casefold() in _MINERAL_FORMS and (kinds := [
                state.by_token[c.i] for c in node.children if c.dep_ in {"compound", "amod", "nmod"}
                and c.i in state.by_token and state.by_token[c.i].type == "Mineral"]):
            result += kinds  # "exports of nickel ore", "graphite concentrate": the mineral it is of
        elif node.i not in state.by_token and node.lemma_ in _LED_GROUPS and (leaders := [
                m for c in node.children if c.dep_ == "acl" and c.lemma_ in {"lead", "head"}
                for a in c.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"
                for m in _mentions_for(state, o, types & {"Country", "Organization"})]):
            result += leaders  # "a consortium led by Nippon Steel": the group's leader stands for it
        elif fallback and _reference(state, node, fallback):
            result += _reference(state, node, fallback)
        else:
            result += _noun_reference(state, node, types)
    return [m for m in result if m.type in types]


_LED_GROUPS = {"consortium", "group", "alliance", "coalition", "syndicate"}
# Forms a mineral is traded in: "nickel ore", "graphite concentrate" are the mineral ("lithium projects" are not).
_MINERAL_FORMS = {"ore", "concentrate", "oxide", "carbonate", "hydroxide", "sulphate", "sulfate", "metal", "powder",
                  "sand", "flake", "brine", "cathode", "ingot", "feedstock"}
# Sites whose owner ("its deposit", "the mine, owned by X") is what holds or produces.
_OWNED_SITES = {"deposit", "mine", "project", "operation", "field", "asset", "concession", "smelter", "refinery"}
_COURTESY = {"mr", "mrs", "ms", "dr", "prof", "hon", "sir", ""}  # "" is a lone "." after "Mr"


def _person_after_title(state: _State, token: Any) -> Mention | None:
    """The person named right after the title ``token`` is part of ("Deputy Minister … Denis Volkov")."""
    doc = state.doc
    i = token.i
    while i < len(doc) and doc[i].ent_type_ == "TITLE" and i - token.i < 12:
        i += 1
    if i < len(doc) and doc[i].text == ",":
        i += 1
    while i < len(doc) - 1 and doc[i].lower_.rstrip(".") in _COURTESY:
        i += 1
    if i + 1 < len(doc) and doc[i].lower_ == "of":
        # "met with Minister of Foreign Affairs and Trade of Hungary Gergely Varga"
        j = i + 2 if doc[i + 1].lower_ == "the" else i + 1
        country = state.by_token.get(j)
        while country is not None and country.type == "Country" and state.by_token.get(j) is country:
            j += 1
        if country is not None and country.type == "Country":
            i = j
    found = state.by_token.get(i)
    return found if found is not None and found.type == "Person" else None


def _listed_before(state: _State, token: Any, types: set[str]) -> list[Mention]:
    """Mentions listed right before ``token``'s mention ("A, B and [Title] C") that the parser did
    not coordinate: a token-sequence pattern that survives the small model's parse errors."""
    mention = state.by_token.get(token.i)
    if mention is None or token.conjuncts or mention.type not in types:
        return []
    doc = state.doc

    def skip_titles(i: int) -> int:
        while i >= 0 and doc[i].ent_type_ == "TITLE":
            i -= 1
        return i

    span = doc.char_span(mention.start, mention.end)
    found: list[Mention] = []
    i = (span.start if span is not None else token.i) - 1
    while True:
        joint = skip_titles(i)
        if joint < 1 or doc[joint].lower_ not in {"and", ","}:
            break
        previous = state.by_token.get(skip_titles(joint - 1))
        if previous is None or previous.type != mention.type or previous in found:
            break
        found.append(previous)
        previous_span = doc.char_span(previous.start, previous.end)
        if previous_span is None:
            break
        i = previous_span.start - 1
    return found


def _of_mentions(state: _State, token: Any) -> list[Mention]:
    found: list[Mention] = []
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "from"}):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found += [state.by_token[n.i] for n in [pobj, *pobj.conjuncts] if n.i in state.by_token]
            if pobj.i not in state.by_token and pobj.pos_ == "NOUN":
                found += _of_mentions(state, pobj)  # "the ministers of mines of Burkina Faso and Niger"
    return [m for m in found if m.type in {"Country", "Organization"}]


_COUNT_WORDS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, **{str(n): n for n in range(2, 30)}}


def _noun_reference(state: _State, token: Any, types: set[str]) -> list[Mention]:
    """"the metal", "the bloc", "the country's", "both governments", "the two leaders"."""
    if token.pos_ not in {"NOUN", "NUM"} and not (  # "the Sultanate", capitalised as a title
            token.pos_ == "PROPN" and token.i not in state.by_token and token.lower_ in _reference_words("Country")):
        return []
    determiners = {c.lower_ for c in token.children if c.dep_ in {"det", "predet", "nummod", "poss", "amod"}}
    lemma, lower = token.lemma_.casefold(), token.lower_
    for type_ in types:
        words = _reference_words(type_)
        if lemma not in words and lower not in words:
            continue
        counts = _COUNT_WORDS
        wanted = max([counts[w] for w in determiners if w in counts] + [2 if lower == "two" else 0])
        pairs = wanted > 0
        if not pairs and not determiners & {"the", "this", "that"}:
            continue
        before = [m for m in state.mentions if m.type == type_ and m.start < token.idx]
        left = token.left_edge.i
        named = state.by_token.get(left - 2) if left >= 2 and state.doc[left - 1].text in {":", ",", "—", "–"} else None
        if not pairs and named is not None and named.type == type_:
            return [named]  # "More on Cameco: the Saskatoon-based company, which mines …"
        if not pairs and type_ in {"Country", "Organization"}:
            # "The country holds 80% of …": the country the text is about (its focal country), else
            # the last one acting as a subject, not the last one named ("… exports to the US").
            # ("the Sultanate", capitalised, is the one just spoken of: the focal country may be another)
            focal = _focal_country(state) if type_ == "Country" and token.pos_ != "PROPN" else None
            acting = [m for i, m, subject in state.actors if subject and m.type == type_ and i < token.i]
            before = [focal] if focal is not None else (acting or before)
        if pairs:
            distinct: list[Mention] = []
            for mention in reversed(before):
                if all(entity_key_hint(m) != entity_key_hint(mention) for m in distinct):
                    distinct.append(mention)
                if len(distinct) == wanted:
                    return distinct
            continue
        if before:
            return [before[-1]]
    return []


def entity_key_hint(mention: Mention) -> str:
    """A key good enough to tell two mentions of different things apart inside one document."""
    return mention.key or mention.text.split()[-1].casefold()


@lru_cache(maxsize=None)
def _event_or_deal_references(kind: str) -> frozenset[str]:
    """Words that refer back to the last event or deal ("the meet", "the pact"), casefolded."""
    name = {"event": "event_references", "deal": "deal_references"}.get(kind)
    if name is None:
        return frozenset()  # a mineral is taken from the sentences around, never from a noun's reference
    return frozenset(w.casefold() for w in lexicon()[name])


def _reference(state: _State, token: Any, kind: str) -> list[Mention]:
    """"the meet", "the table", "the deal": the last event or deal mentioned up to here."""
    refs = _event_or_deal_references(kind)
    if token.lemma_.casefold() not in refs and token.lower_ not in refs:
        return []
    if kind == "deal" and any(c.lower_ in {"a", "an", "another", "any", "no"} for c in token.children):
        return []  # "might sign a follow-up agreement" is a new deal, not the last one; "has not signed any
        # offtake agreement" names none
    if kind == "event" and any(c.lower_ in {"a", "an", "another"} for c in token.children) \
            and any(c.dep_ in {"compound", "acl", "relcl"} for c in token.children):
        return []  # "attended a business forum organised by the chamber" is another gathering
    return _last(state, token, kind)


def _in_other_clause(token: Any, other: Any) -> bool:
    """"Namibia has not been invited, METI said, but Ithete is expected to attend the Forum": a
    later clause with a subject of its own (joined by "but", "and") is about something else."""
    if other.i < token.i:
        return False
    for ancestor in other.ancestors:
        if ancestor.i == token.i:
            return False
        if ancestor.dep_ == "conj" and ancestor.pos_ in {"VERB", "AUX"} and not ancestor.is_ancestor(token) \
                and any(c.dep_ in _SUBJECTS for c in ancestor.children):
            return True
    return False


def _last(state: _State, token: Any, kind: str) -> list[Mention]:
    if kind == "mineral":
        # "Kazakhstan mined 23,000 tonnes of uranium. Kazatomprom accounts for 40% of global supply":
        # the one mineral of this sentence or, with none here, of the sentence before
        here = state.sentence_of[token.i]
        for number in (here, here - 1):
            minerals = {m.key: m for m in state.mentions if m.type == "Mineral" and m.sentence == number}
            if minerals:
                return list(minerals.values()) if len(minerals) == 1 else []
        return []
    order = state.events if kind == "event" else state.deal_order
    same_sentence = [m for i, m in order if state.sentence_of[i] == state.sentence_of[token.i]
                     and not _in_other_clause(token, state.tokens[i])]
    before = [m for i, m in order if i < token.i]
    if same_sentence:
        return [same_sentence[0]]
    if before:
        return before[-1:]
    # "will host a ministerial meeting … The Critical Minerals Ministerial will be chaired by":
    # an indefinite reference before any named event points forward.
    indefinite = any(c.lower_ in {"a", "an"} for c in token.children)
    after = [m for i, m in order if i > token.i]
    return after[:1] if indefinite else []


# --- polarity and modality --------------------------------------------------------------------

_PLAN_NOUNS = {"plan", "intention", "intent", "proposal", "decision", "move", "bid"}


def _chain(token: Any) -> list[Any]:
    """The trigger and the verbs and adjectives that govern it through xcomp/acomp/aux chains."""
    chain = [token]
    current = token
    for _ in range(5):
        if _misparsed_relative(current):
            break  # "invited to the Dialogue that Australia is hosting": the hosting is not the invitation
        if (current.dep_ in {"xcomp", "acomp", "attr", "dobj", "pobj", "prep", "ccomp"}
                or (current.dep_ == "acl" and current.head.dep_ in {"dobj", "attr"}
                    and current.head.lemma_ in _PLAN_NOUNS)) and current.head is not current:
            current = current.head
            chain.append(current)
            if current.pos_ in {"VERB", "AUX"} and current.dep_ not in {"xcomp", "acomp"}:
                break
        else:
            break
    return chain


def _misparsed_relative(node: Any) -> bool:
    """A "that" clause hung as a complement right after a noun, its verb lacking an object of its own
    ("not invited to the Dialogue that Australia is hosting"): a relative clause on that noun."""
    if node.dep_ != "ccomp" or any(c.dep_ in {"dobj", "attr", "acomp", "xcomp", "ccomp"} for c in node.children):
        return False
    mark = next((c for c in node.children if c.dep_ in {"mark", "nsubj", "dobj"} and c.lower_ in {"that", "which"}), None)
    return mark is not None and mark.i > 0 and node.doc[mark.i - 1].pos_ in {"NOUN", "PROPN"} \
        and mark.i < node.i and node.head.i < mark.i


def _denied_by_conjunct(node: Any, lemmas: set[str]) -> bool:
    """"was expected to sign the deal but did not sign": a negated conjunct that repeats a verb of
    the chain with no subject or object of its own takes the expectation back."""
    for conj in node.children:
        if conj.dep_ == "conj" and conj.lemma_ in lemmas and any(c.dep_ == "neg" for c in conj.children) \
                and not any(c.dep_ in {"nsubj", "nsubjpass", "dobj"} for c in conj.children):
            return True
    return False


_NEGATING_NOUNS = {"refusal", "failure", "reluctance", "unwillingness", "inability"}


def polarity_of(token: Any, base: str = "positive") -> str:
    """Negative when the trigger or a governing verb is negated or is a negator ("declined to")."""
    rules = relation_rules()
    negated = False
    chain = _chain(token)
    lemmas = {node.lemma_ for node in chain if node.pos_ in {"VERB", "AUX"}}
    if token.dep_ in {"acl", "xcomp"} and token.head.lemma_ in _NEGATING_NOUNS and token.head.pos_ == "NOUN":
        negated = True  # "Mexico's refusal to sign the declaration", "its failure to attend"
    for node in chain:
        if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children))
               for c in node.children) or (
                node is not token and node.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in node.children)) or (
                node is token and node.pos_ == "VERB" and any(
                    c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in node.children)):
            negated = not negated  # "has no plans to ban", "has no intention of attending", "received no invitation"
        if node is not token and node.lemma_ in rules["negators"]:
            negated = not negated
        if not negated and _denied_by_conjunct(node, lemmas):
            negated = True
    if base == "negative":
        return "positive" if negated else "negative"
    return "negative" if negated else "positive"


def modality_of(token: Any, base: str | None = None, ignore: Iterable[str] = ()) -> str:
    """planned ("will", "set to"), proposed ("floated"), hypothetical ("could", "if"), reported."""
    rules = relation_rules()
    if token.pos_ in {"NOUN", "PROPN"} and token.dep_ not in {"dobj", "nsubj", "nsubjpass", "attr"}:
        chain = [token]  # "a panel over Indonesia's ban on exports": the ban is not what is planned
    else:
        chain = _chain(token)
    words: set[str] = set()
    for node in chain:
        words |= {c.lower_ for c in node.children if c.dep_ in {"aux", "auxpass", "mark", "advmod"}}
        if node is not token:
            words.add(node.lemma_)
    words |= {c.lower_ for c in token.children if c.dep_ == "amod"}
    words -= set(ignore)
    reported_speech = any(n.dep_ == "ccomp" and n.head.lemma_ in rules["reporting_verbs"] for n in chain)
    if "would" in words and not words & {"if", "unless"} and reported_speech:
        words.discard("would")  # "Mwale said Zambia would host the forum": the future seen from the past
        words.add("will")
    if words & rules["hypothetical"]:
        return "hypothetical"
    if words & rules["reported"]:
        return "reported"
    if base:
        return base
    if words & rules["proposed"]:
        return "proposed"
    if words & rules["planned"]:
        return "planned"
    if words & rules["reported"]:
        return "reported"
    return "asserted"


# --- rules -----------------------------------------------------------------------------------

def _relation(state: _State, subject: Mention, predicate: str, obj: Mention, token: Any, rule: str,
              strength: float, polarity: str, modality: str, qualifiers: dict[str, str] | None = None) -> RelationMention:
    start, end, text = state.sentence_text(token.i)
    return RelationMention(
        subject=subject, predicate=predicate, object=obj, polarity=polarity, modality=modality,
        rule=rule, strength=strength, sentence_start=start, sentence_end=end,
        sentence_text=text, qualifiers=tuple(sorted((qualifiers or {}).items())),
    )


def _qualifiers(state: _State, token: Any, rule: dict[str, Any]) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in rule.get("item", []):
        items = _follow(token, path)
        if items:
            item = items[0]
            found["item"] = state.doc[item.left_edge.i:item.right_edge.i + 1].text
            break
    ents = [ent for ent in state.sentence_ents(token.i) if ent.label_ in {"DATE", "MONEY"}]
    subtree = {t.i for t in token.subtree} if ents else set()
    for ent in ents:
        if ent.label_ == "DATE" and "date" not in found and ent.root.i in subtree:
            if ent.root.head.i == token.i or ent.root.head.head.i == token.i:
                date = _resolve_date(ent.text, state.article.published)
                if date is not None:
                    found["date"] = date.value
        if ent.label_ == "MONEY" and "value" not in found and ent.root.i in subtree:
            amount = parse_amount(ent.text)
            if amount is not None:
                found["value"] = f"{amount.amount} {amount.currency}"
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"at", "in"}:
            for pobj in prep.children:
                mention = state.by_token.get(pobj.i)
                if mention is not None and mention.role == "place" and "place" not in found:
                    found["place"] = _place_label(mention.text)
                    found["place_token"] = pobj.i  # type: ignore[assignment]
                    state.place_mentions[pobj.i] = mention  # type: ignore[attr-defined]
    return found


@lru_cache(maxsize=1)
def _rules_by_trigger() -> dict[str, tuple[int, ...]]:
    """Trigger word → the numbers of the rules it triggers, in the order of ``relations.json``."""
    index: dict[str, list[int]] = {}
    for number, rule in enumerate(relation_rules()["rules"]):
        for word in rule["trigger"]["lemma"]:
            index.setdefault(word, []).append(number)
    return {word: tuple(sorted(set(numbers))) for word, numbers in index.items()}


def _triggered_rules(token: Any) -> list[dict[str, Any]]:
    """The rules whose trigger is the token's lemma or lower-cased text, in file order."""
    by_trigger = _rules_by_trigger()
    lemma, lower = token.lemma_, token.lower_
    if lemma not in by_trigger and lower not in by_trigger:
        return []
    numbers = by_trigger.get(lemma, ())
    if lower != lemma and lower in by_trigger:
        numbers = tuple(sorted(set(numbers) | set(by_trigger[lower])))
    pos = token.pos_
    rules = relation_rules()["rules"]
    return [rules[n] for n in numbers if pos in rules[n]["trigger"]["pos"]]


def apply_rules(state: _State) -> Iterator[RelationMention]:
    """Run every data rule of ``relations.json`` over the Doc."""
    for token in state.tokens:
        for rule in _triggered_rules(token):
            if "needs" in rule and not _needs(token, rule["needs"]):
                continue
            if "needs_path" in rule and not all(
                    any(n.lemma_ in set(words.split("|")) or n.lower_ in set(words.split("|")) for n in _follow(token, path))
                    for path, _, words in (need.partition("=") for need in rule["needs_path"])):
                continue
            if "not_with" in rule and any(
                    c.dep_ == dep and c.lower_ in set(words.split("|"))
                    for dep, _, words in (n.partition(":") for n in rule["not_with"]) for c in token.children):
                continue  # "left before the signing" is no withdrawal
            if rule.get("no_infinitive") and any(
                    c.lower_ == "to" and c.dep_ == "aux" for t in token.subtree if t.pos_ in {"VERB", "AUX"} for c in t.children):
                continue  # "called on Japan to lift its ban" is a demand, not a visit
            if "governor" in rule:
                verb = _governor(token)
                if verb is None or verb.lemma_ not in rule["governor"]:
                    continue
                anchor = verb
            else:
                anchor = token
            yield from _apply(state, token, anchor, rule)


# People whose hosting is a gathering's ("will host mining ministers from the region").
_GATHERED = {"minister", "leader", "delegate", "delegation", "official", "representative", "head", "counterpart",
             "envoy", "investor"}
_ASKING = {"invite", "urge", "ask", "encourage", "press", "call", "persuade", "request"}


def _apply(state: _State, token: Any, anchor: Any, rule: dict[str, Any]) -> Iterator[RelationMention]:
    predicate = rule["predicate"]
    if predicate == "attends" and token.dep_ == "xcomp" and token.head.lemma_ in _ASKING:
        return  # "invited Samia to attend", "urged Peru to join": an invitation, not attendance
    if predicate == "partyTo" and token.lemma_ == "agree" and any(c.dep_ == "xcomp" for c in token.children) \
            and not any(c.dep_ in {"dobj", "prep"} and c.i in state.deals for c in token.children):
        return  # "the two leaders agreed to raise trade": a resolve, not the signing of a deal
    if any(c.dep_ == "mark" and c.lower_ == "whether" for node in _chain(anchor) for c in node.children):
        return  # "has not confirmed whether it will attend": an open question states nothing
    domain, range_ = DOMAINS[predicate]
    if "object_types" in rule:
        range_ = range_ & set(rule["object_types"])
    subjects: list[Mention] = []
    held: list[Mention] = []  # countries named only through one office holder's title
    for path in rule["subject"]:
        for node in _follow(token, path):
            found = _mentions_for(state, node, domain, rule.get("subject_fallback"))
            if node.i not in state.by_token and node.lemma_.casefold() in _ONE_HOLDER:
                held += [m for m in found if m.type == "Country"]
            subjects += found
            subjects += _listed_before(state, node, domain)
        if subjects:
            break
    if not subjects:
        return
    objects: list[Mention] = []
    named_object = gathered = False
    for path in rule["object"]:
        for node in _follow(token, path):
            place = state.by_token.get(node.i)
            if rule.get("place_means_event") and ((place is not None and place.role == "place") or node.ent_type_ == "CITY"):
                continue  # "lead his country's delegation to Port Moresby": to the gathering there
            if rule.get("people_mean_event") and place is None and node.lemma_.casefold() in _GATHERED:
                gathered = True
                continue  # "will host mining ministers from across the Pacific": a gathering of them
            named_object = True
            objects += _mentions_for(state, node, range_, rule.get("object_fallback"), tuple(subjects))
        if objects:
            break
    # With no object in the sentence ("is all set to attend") the last event is meant; an object
    # that is something else ("to join an outreach session") is not the last event.
    if not objects and not named_object and gathered:
        # "will host mining ministers from across the Pacific … next month. The Pacific Minerals Ministers
        # Meeting runs …": the gathering named in this sentence or the next, never an earlier one ("the
        # African Union convened its ministers in February" is another meeting)
        here = state.sentence_of[token.i]
        objects = [m for i, m in state.events if 0 <= state.sentence_of[i] - here <= 1
                   and not _in_other_clause(token, state.tokens[i])][:1]
    elif not objects and not named_object and rule.get("object_fallback"):
        objects = [m for m in _last(state, token, rule["object_fallback"]) if m.type in range_]
    polarity = polarity_of(anchor, rule.get("polarity", "positive"))
    if anchor.lemma_ in rule.get("governor_negates", ()):
        polarity = "negative" if polarity == "positive" else "positive"
    if rule.get("only_denied") and polarity == rule.get("polarity", "positive"):
        return  # "will allow exports of ore" says nothing of a restriction; "will not allow" does
    if predicate == "partyTo" and token.lemma_ == "agree" and polarity == "negative" and not named_object:
        return  # "Seoul proposed adding lithium, but Japan did not agree": a disagreement, no deal refused
    if polarity == "negative" and held:
        # "the Bolivian minister will not attend": one office holder's absence or refusal is not
        # the country's (its delegation may still come); "the Bolivian delegation will not attend" is
        kept = [m for m in subjects if m not in held or subjects.count(m) > held.count(m)]
        if not kept:
            return
        subjects = kept
    modality = modality_of(anchor, rule.get("modality"), rule.get("modality_ignores", ()))
    qualifiers = _qualifiers(state, anchor, rule)
    if modality == "asserted" and predicate in {"hosts", "attends"} and state.article.published \
            and (anchor.tag_ in {"VBG", "VBZ", "VBP"} or token.pos_ == "NOUN"):
        # "the Dialogue that Australia is hosting next week", "had confirmed their participation" in a
        # forum still to come: a present or untensed attendance of a later event is planned
        published = state.article.published
        dates = [qualifiers.get("date", "")] + [o.date.value for o in objects if o.type == "Event" and o.date is not None]
        if any(d[: len(published)] > published for d in dates):
            modality = "planned"
    place = state.place_mentions.get(qualifiers.pop("place_token", -1))  # type: ignore[attr-defined, arg-type]
    if not objects and rule.get("reciprocal"):
        unique = list(dict.fromkeys(subjects))
        for i, first in enumerate(unique):
            for second in unique[i + 1:]:
                yield _relation(state, first, predicate, second, token, rule["id"], rule["strength"],
                                polarity, modality, qualifiers)
        return
    if place is not None:
        for obj in dict.fromkeys(objects):
            if obj.type == "Event" and predicate in {"hosts", "attends"}:
                yield _relation(state, obj, "locatedIn", place, token, "locatedIn.verb.v1", 0.7,
                                "positive", modality)
    for subject in dict.fromkeys(subjects):
        for obj in dict.fromkeys(objects):
            if subject is obj:
                continue
            yield _relation(state, subject, predicate, obj, token, rule["id"], rule["strength"],
                            polarity, modality, qualifiers)


_GUESSED_POSTS = {"position.title.focal.v1", "position.title.dateline.v1", "position.title.capital.v1",
                  "position.title.sentence.v1", "position.title.near_subject.v1"}


def positions(state: _State) -> Iterator[RelationMention]:
    """Posts from titles; a post guessed from the document's focus, dateline or neighbours is
    dropped for a person whose post in another country the text states ("the Minister of Energy of
    Canada, Tim Hodgson" … "The Minister Hodgson confirmed": not Ecuador's)."""
    found = list(_positions(state))
    stated: dict[str, set[str | None]] = {}
    for relation in found:
        if relation.rule not in _GUESSED_POSTS and relation.object.type == "Country":
            stated.setdefault(entity_key_hint(relation.subject), set()).add(relation.object.key)
    for relation in found:
        keys = stated.get(entity_key_hint(relation.subject))
        if relation.rule in _GUESSED_POSTS and keys and relation.object.key not in keys:
            continue
        yield relation


def _positions(state: _State) -> Iterator[RelationMention]:
    """``India's External Affairs Minister S Jaishankar``, ``Prime Minister Shehbaz Sharif``.

    A title right before a person gives holdsPosition; the country or organisation is the one
    right before the title ("India's", "Chinese", "Tesla"), else the nearest country acting earlier
    in the same sentence, else (for national titles) the document's focal country.
    """
    doc = state.doc
    focal = _focal_country(state)
    dateline = _dateline_country(state)
    previous_title = ""
    claimed: dict[int, set[str | None]] = {}  # sentence → countries named right before a title there
    for ent in state.ents:
        if ent.label_ != "TITLE" or ent.end >= len(doc):
            continue
        if ent.start > 0 and doc[ent.start - 1].lower_ in {"his", "her"} and ent.ent_id_ == "title:country" \
                and ent.root.lower_ in {"spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "aide", "deputy"}:
            continue  # "a statement signed by his spokesman, Segun Tomori": the minister's aide
        person = state.by_token.get(ent.end)
        named_country = None
        if person is None and doc[ent.end].lower_ == "of":
            # "Minister of Foreign Affairs of the Kyrgyz Republic Almazbek Sadykov"
            country_at = ent.end + 2 if ent.end + 1 < len(doc) and doc[ent.end + 1].lower_ == "the" else ent.end + 1
            named_country = state.by_token.get(country_at)
            after = None
            if named_country is not None and named_country.type == "Country":
                past = country_at
                while past < len(doc) and state.by_token.get(past) is named_country:
                    past += 1
                if past + 1 < len(doc) and doc[past].text == ",":
                    past += 1  # "the Minister of Energy and Natural Resources of Canada, Tim Hodgson"
                    while past < len(doc) - 1 and doc[past].lower_.rstrip(".") in _COURTESY:
                        past += 1
                after = state.by_token.get(past)
            if after is not None and after.type == "Person":
                person = after
            else:
                named_country = None
        if person is None and ent.end + 1 < len(doc) and doc[ent.end].text == ",":
            after = ent.end + 1
            while after < len(doc) - 1 and doc[after].lower_.rstrip(".") in _COURTESY:
                after += 1  # "their Malian counterpart, Mr. Boubacar Diarra"
            person = state.by_token.get(after)  # "Pakistan's Minister for Petroleum, Ali Rehman Khattak,"
        if person is None or person.type != "Person":
            continue
        holder, rule, strength = None, "position.title.v1", 0.9
        before = ent.start - 1
        if before >= 0 and doc[before].lower_ in {"'s", "’s"}:
            before -= 1
        possessive = before >= 0 and doc[before].lower_ in {"their", "its"} and named_country is None
        if named_country is not None:
            holder = named_country
        while before >= 0 and doc[before].lower_ in {"her", "his", "their", "its"}:
            before -= 1
        if possessive and ent.ent_id_ == "title:country":
            holder = next(iter(_subject_before(state, doc[ent.start], "Country")), None)
            if holder is not None:
                rule, strength = "position.title.its.v1", 0.7
        if holder is None and before >= 0 and before in state.by_token:
            candidate = state.by_token[before]
            if candidate.type in {"Country", "Organization"}:
                holder = candidate
        if holder is None and ent.ent_id_ == "title:country":
            holder = _known_holder(state, person, ent)
            if holder is not None:
                rule, strength = "position.title.known.v1", 0.8
        if holder is None and ent.ent_id_ == "title:country":
            holder = _title_country(state, ent)
            if holder is not None:
                rule, strength = "position.title.country.v1", 0.7
        if holder is None and ent.ent_id_ == "title:country":
            # "Tanzanian Minerals Minister X held talks with Industry Minister Y": a country that
            # already names another title-holder of the sentence is not Y's
            taken = claimed.get(state.sentence_of[ent.start], set())
            earlier = [m for i, m, _s in state.actors if m.type == "Country" and i < ent.start
                       and state.sentence_of[i] == state.sentence_of[ent.start] and m.key not in taken]
            capital = None if earlier else _capital_before(state, ent)
            if earlier:
                holder, rule, strength = earlier[-1], "position.title.sentence.v1", 0.6
            elif capital is not None:
                holder, rule, strength = capital, "position.title.capital.v1", 0.6  # "In Islamabad, spokesperson X"
            elif focal is not None:
                holder, rule, strength = focal, "position.title.focal.v1", 0.5
            elif dateline is not None:
                holder, rule, strength = dateline, "position.title.dateline.v1", 0.45
            elif (near := [m for m in _subject_before(state, doc[ent.start], "Country", 1) if m.key not in taken]):
                # no focus, no dateline: "Peru hosted the summit. President José Jerí opened it"
                holder, rule, strength = near[-1], "position.title.near_subject.v1", 0.45
        if holder is None and ent.ent_id_ == "title:organization" \
                and (doc[ent.start].is_sent_start or (before >= 0 and doc[before].lower_ == "the")):
            # "Kazatomprom accounts for 40% of supply. Chief executive Meirzhan Yussupov said …": the
            # organisation that is the subject of this or the sentence before
            acting = _subject_before(state, doc[ent.start], "Organization", 2)
            if acting:
                holder, rule, strength = acting[-1], "position.title.org_subject.v1", 0.5
        if holder is None or (rule != "position.title.v1" and holder.key in _counterpart_countries(state, ent)):
            continue  # "Prime Minister Takaichi and her Vietnamese counterpart": she is not Vietnam's
        if rule == "position.title.v1" and holder.type == "Country":
            claimed.setdefault(state.sentence_of[ent.start], set()).add(holder.key)
        role = re.sub(r"^(Former|Then)\s+", "", ent.text)
        role = re.sub(r"^\w+ (counterpart)$", r"\1", role)
        if role.casefold() == "counterpart" and previous_title:
            role = previous_title
        previous_title = role
        yield _relation(state, person, "holdsPosition", holder, ent.root, rule, strength, "positive",
                        "asserted", {"role": role})
    yield from appositive_positions(state)


def _counterpart_countries(state: _State, title: Any) -> set[str | None]:
    """Countries named later in the sentence as someone's "counterpart" ("her Vietnamese counterpart")."""
    found: set[str | None] = set()
    for token in state.sentence(title.start):
        if token.i > title.start and token.lower_ in {"counterpart", "counterparts"}:
            for child in token.children:
                mention = state.by_token.get(child.i)
                if mention is not None and mention.type == "Country":
                    found.add(mention.key)
    return found


def appositive_positions(state: _State) -> Iterator[RelationMention]:
    """``Robert Haines, the bank's chairman``; ``Grace Lee, Australia's ambassador``;
    ``the bank's chairman, Robert Haines``."""
    words = appositive_titles()
    for token in state.tokens:
        if not (token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.ent_type_ == "TITLE")) \
                or token.lemma_.casefold() not in words and token.lower_ not in words:
            continue
        person = None
        if token.dep_ == "appos" and token.head.i in state.by_token:
            person = state.by_token[token.head.i]
        for child in token.children:
            if child.dep_ == "appos" and child.i in state.by_token:
                person = state.by_token[child.i]
        if person is None:
            # "Japan's ambassador to Sri Lanka, Kenji Moriyama": the parser hangs the name on the country
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"to", "in", "at"}):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    named = [state.by_token[c.i] for c in pobj.children if c.dep_ == "appos" and c.i in state.by_token]
                    person = named[0] if named else person
        if person is None or person.type != "Person":
            continue
        holders: list[Mention] = []
        for child in token.children:
            if child.dep_ == "poss" and child.lower_ in {"its", "their"} and token.lower_ in _NATIONAL_POSTS:
                holders += _subject_before(state, child, "Country")  # "South Africa … Its mining minister, X"
            elif child.dep_ == "poss" and child.lower_ in {"its", "their"}:
                # "the Minerals Council South Africa. Its chief executive, Lerato Dlamini": the
                # organisation named just before, whatever its role in its sentence, unless one is
                # the subject of the same sentence ("IRH … bought 51% of Mopani, and its chief executive")
                nearest = [m for m in state.mentions if m.type == "Organization" and m.end <= child.idx
                           and state.sentence_of[child.i] - m.sentence <= 1]
                acting = [m for m in _subject_before(state, child, "Organization", 0)]
                holders += acting or nearest[-1:]
            elif child.dep_ in {"poss", "compound", "amod"}:
                holders += _mentions_for(state, child, {"Country", "Organization"})
            if child.dep_ == "prep" and child.lower_ in {"of", "at"}:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    holders += _mentions_for(state, pobj, {"Country", "Organization"})
        if not holders:
            # "Evangelos Mytilineos, Chairman and Chief Executive Officer of METLEN": the "of" hangs on the last title
            for conj in token.conjuncts:
                for prep in (c for c in conj.children if c.dep_ == "prep" and c.lower_ in {"of", "at"}):
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        holders += _mentions_for(state, pobj, {"Country", "Organization"})
        modifiers = [c.text for c in token.children if c.dep_ in {"compound", "amod"} and c.i not in state.by_token]
        role = " ".join([*modifiers, token.text])
        for holder in holders[:1]:
            yield _relation(state, person, "holdsPosition", holder, token, "position.appositive.v1", 0.75,
                            "positive", "asserted", {"role": role})


_NATIONAL_POSTS = {"minister", "ambassador", "envoy", "premier", "undersecretary", "under-secretary", "vice-minister"}


def _subject_before(state: _State, token: Any, type_: str, sentences: int = 2) -> list[Mention]:
    """The last mention of a type that is a clause's grammatical subject before ``token``, within
    ``sentences`` sentences back: what "its" points to across a sentence break."""
    here = state.sentence_of[token.i]
    found = [m for i, m, _s in state.actors if i < token.i and m.type == type_ and state.tokens[i].dep_ in _SUBJECTS
             and here - state.sentence_of[i] <= sentences]
    return found[-1:]


def based_locations(state: _State) -> Iterator[RelationMention]:
    """``the Rawalpindi-based FWO``, ``the Perth-based miner``: the organisation is located there."""
    doc = state.doc
    for token in state.tokens:
        if token.lower_ != "based" or token.i < 2 or doc[token.i - 1].text not in {"-", "–"}:
            continue
        place = state.by_token.get(token.i - 2)
        before = doc[token.i - 2]
        if place is None and before.pos_ == "PROPN" and before.is_title:
            # "The Rawalpindi-based FWO": the NER often misses a city glued to "-based"
            span = doc[before.i:before.i + 1]
            place = _mention(span, "Location", state.sentence_of[before.i], f"location:{_slug(before.text)}",
                             role="place")
            _register(state, span, place)
        if place is None or place.type not in {"Location", "Country"}:
            continue
        head = token.head
        if place.type == "Country" and doc[token.i - 2].ent_type_ == "CITY":
            # "the Abu Dhabi-based investor": the city is where, not the country acting
            place = Mention(**{**place.__dict__, "type": "Location", "role": "place",
                               "key": f"location:{_slug(_place_label(place.text))}"})
            state.mentions.append(place)
        own = state.by_token.get(head.i)  # only the organisation "-based" describes, not its conjuncts
        for organization in [own] if own is not None and own.type == "Organization" else \
                _noun_reference(state, head, {"Organization"}):
            yield _relation(state, organization, "locatedIn", place, token, "locatedIn.based.v1", 0.7,
                            "positive", "asserted")


def _title_country(state: _State, title: Any) -> Mention | None:
    """The country a title names by itself ("Secretary of State": the United States)."""
    from kg.nlp.gazetteer import country_by_code, title_countries

    code = title_countries().get(re.sub(r"^(Former|Then|Acting)\s+", "", title.text).casefold())
    if code is None:
        return None
    return _implied_holder(state, f"country:{code}", country_by_code(code).name, "Country", title)


def _known_holder(state: _State, person: Mention, title: Any) -> Mention | None:
    """The country of a title-holder the gazetteer of office holders knows ("Prime Minister Giorgia
    Meloni": Italy), by full name, or by a surname only one country's office holder has
    ("President Tokayev")."""
    from kg.nlp.gazetteer import country_by_code, fold_name, leaders

    name = fold_name(person.text)
    codes = leaders().get(name if " " in name else f"~{name}", frozenset())
    if len(codes) != 1:
        return None
    code = next(iter(codes))
    if code == "EU":
        return _implied_holder(state, "org:european_union", "European Union", "Organization", title)
    try:
        label = country_by_code(code).name
    except KeyError:
        return None  # an office holder of a place the country data does not have
    return _implied_holder(state, f"country:{code}", label, "Country", title)


def _implied_holder(state: _State, key: str, label: str, type_: str, title: Any) -> Mention:
    """The mention of the country (or body) a title implies: the text's own, else one made at the
    title and named as the country is (so that the title does not become one of its aliases)."""
    found = next((m for m in state.mentions if m.key == key), None)
    if found is None:
        found = Mention(start=title.start_char, end=title.end_char, text=label, type=type_, key=key,
                        sentence=state.sentence_of[title.start])
        state.mentions.append(found)
    return found


def _capital_before(state: _State, title: Any) -> Mention | None:
    """"In Islamabad, Foreign Office spokesperson X said": the country of a capital named as a place
    earlier in the title's sentence."""
    number = state.sentence_of[title.start]
    places = [m for m in state.mentions if m.type == "Location" and m.sentence == number and m.end <= title.start_char]
    for place in reversed(places):
        code = _capital_codes().get(_place_label(place.text).casefold())
        if code is not None:
            found = next((m for m in state.mentions if m.key == f"country:{code}"), None)
            if found is not None:
                return found
    return None


@lru_cache(maxsize=1)
def _capital_codes() -> dict[str, str]:
    from kg.nlp.gazetteer import countries

    return {capital.casefold(): country.code for country in countries() for capital in country.capitals}


def _dateline_country(state: _State) -> Mention | None:
    """The country of the dateline's city ("NEW DELHI, Sept 13 -"), as one of the document's mentions."""
    from kg.nlp.gazetteer import countries

    place = state.article.dateline.casefold()
    if not place:
        return None
    for country in countries():
        if place in {c.casefold() for c in (*country.capitals, country.name)}:
            key = f"country:{country.code}"
            return next((m for m in state.mentions if m.key == key), None)
    return None


def _focal_country(state: _State) -> Mention | None:
    """The country the document is about: the most mentioned one (the first country acting as a
    subject counts two more: news leads with its protagonist), when it leads the next by half."""
    countries = [m for m in state.mentions if m.type == "Country"]
    if not countries:
        return None
    counts = Counter(m.key for m in countries)
    first = {}
    for mention in countries:
        first.setdefault(mention.key, mention)
    lead = next((m for _i, m, subject in state.actors if subject and m.type == "Country"), None)
    if lead is not None:
        counts[lead.key] += 2
    ranked = sorted(counts, key=lambda k: (-counts[k], first[k].start))
    if len(ranked) > 1 and counts[ranked[0]] < 1.5 * counts[ranked[1]]:
        return None  # no clear focus: better no fact than a guess
    return first[ranked[0]]


def event_hosts(state: _State) -> Iterator[RelationMention]:
    """``the US Global Minerals Conference``, ``a US-hosted summit``: the country hosts the event."""
    doc = state.doc
    for index, event in state.events:
        span = doc.char_span(event.start, event.end)
        if span is None or span.start == 0:
            continue
        before = span.start - 1
        host = state.by_token.get(before)
        rule = "hosts.prefix.v1"
        if host is None and doc[before].lower_ == "hosted" and before >= 2 and doc[before - 1].text in {"-", "–"}:
            host, rule = state.by_token.get(before - 2), "hosts.hyphen.v1"
        if host is None and doc[before].lower_ in {"-hosted"}:
            continue
        if host is not None and host.type == "Country" and host.role == "actor" and doc[before].ent_type_ == "COUNTRY":
            if before >= 1 and doc[before - 1].text in {"-", "–", "/"}:
                continue  # "the China-Africa summit" names no host
            yield _relation(state, host, "hosts", event, doc[index], rule, 0.75, "positive", "asserted")


def event_clause_attendance(state: _State) -> Iterator[RelationMention]:
    """"the Ministerial …, at which Japan and India signed a statement", "the forum, where Chile spoke":
    whoever acts at an event is there."""
    doc = state.doc
    for index, event in state.events:
        for clause in (c for c in doc[index].children if c.dep_ == "relcl" and c.pos_ in {"VERB", "AUX"}):
            at_which = any(c.dep_ == "prep" and c.lower_ in {"at", "during"} and any(p.lower_ == "which" for p in c.children)
                           for c in clause.children) or any(c.dep_ == "advmod" and c.lower_ == "where" for c in clause.children)
            if not at_which or polarity_of(clause) == "negative":
                continue  # "at which China did not sign" says nothing of China's presence
            for subject in (c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}):
                for mention in _mentions_for(state, subject, {"Country", "Organization", "Person"}):
                    if mention.role != "place":
                        yield _relation(state, mention, "attends", event, clause, "attend.at_which.v1", 0.6,
                                        "positive", modality_of(clause))


def event_places(state: _State) -> Iterator[RelationMention]:
    """An event followed within a few words by "in"/"at" a place is located there."""
    doc = state.doc
    for index, event in state.events:
        span = doc.char_span(event.start, event.end)
        if span is None:
            continue
        for i in range(span.end, min(span.end + 9, len(doc))):
            token = doc[i]
            if token.is_punct and token.text not in {"-"} and not (
                    token.text == "," and i + 1 < len(doc) and doc[i + 1].lower_ == "which") or token.is_sent_start:
                break
            if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"acl", "relcl"} \
                    and not (token.dep_ in {"aux", "auxpass"} and token.head.dep_ in {"acl", "relcl"}):
                break  # "the Forum, which will be held in Cholpon-Ata": the relative clause still places it
            if token.lower_ in {"in", "at"}:
                j = i + 1
                while j < len(doc) and doc[j].dep_ == "det":
                    j += 1
                place = state.by_token.get(j)
                if place is not None and place.type in {"Location", "Country"} and (place.role == "place" or place.type == "Country"):
                    yield _relation(state, event, "locatedIn", place, doc[index], "locatedIn.window.v1", 0.7,
                                    "positive", _event_modality(state, doc[index], event))
                    break


def event_places_by_verb(state: _State) -> Iterator[RelationMention]:
    """"delegations gathered in Riyadh for the Future Minerals Forum": the place of the clause an
    event is the purpose or setting of."""
    doc = state.doc
    for index, event in state.events:
        token = doc[index]
        if token.dep_ != "pobj" or token.head.lower_ not in {"for", "at", "to"}:
            continue
        verb = token.head.head
        if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_ not in relation_rules()["gathering_verbs"]:
            continue
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "at", "to"}):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                place = state.by_token.get(pobj.i)
                if place is not None and place.type in {"Location", "Country"} and (place.role == "place" or prep.lower_ == "to"):
                    if place.type == "Country" and place.key and state.doc[pobj.i].ent_type_ == "CITY":
                        place = Mention(**{**place.__dict__, "type": "Location", "role": "place",
                                           "key": f"location:{_slug(_place_label(place.text))}"})
                        state.mentions.append(place)
                    elif place.type == "Country":
                        continue
                    yield _relation(state, event, "locatedIn", place, token, "locatedIn.gathering.v1", 0.65,
                                    "positive", _event_modality(state, token, event))


def _event_modality(state: _State, token: Any, event: Mention) -> str:
    """An event still to come is planned: said so by its verb ("is set to host") or by its date."""
    verb = _governor(token)
    modality = modality_of(verb) if verb is not None else "asserted"
    if modality == "asserted" and event.date is not None and state.article.published:
        if event.date.value[: len(state.article.published)] > state.article.published:
            modality = "planned"
    return modality


def _deal_governor(token: Any) -> tuple[Any | None, bool]:
    """The verb a deal noun is the object of ("signed a deal"), or the verb of the clause a
    "with a deal" phrase hangs from; and whether the path went through "with"."""
    current, via_with = token, False
    for _ in range(6):
        if current.dep_ == "dobj" and current.head.pos_ in {"VERB", "AUX"}:
            return current.head, via_with
        if current.dep_ == "nsubjpass" and current.head.pos_ == "VERB" and current.head.lemma_ in (
                *relation_rules()["deal_verbs"], *relation_rules()["deal_negators"]):
            return current.head, via_with  # "an agreement was signed between X and Y"
        if current.dep_ in {"conj", "pobj", "prep", "appos"}:
            via_with = via_with or (current.dep_ == "prep" and current.lower_ == "with")
            current = current.head
            if current.pos_ in {"VERB", "AUX"}:
                return (current, True) if via_with else (None, False)
            continue
        break
    return None, False


def deal_parties(state: _State) -> Iterator[RelationMention]:
    """Parties of a deal: "with X", "between X and Y", the possessor, the clause's subject."""
    doc = state.doc
    for index, deal in state.deals.items():
        token = doc[index]
        found: list[tuple[Mention, str, float]] = []
        clauses = [token] + [c for c in token.children if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB"]
        clauses += [c for c in _with_topic(token) if c.head.i != token.i and c.dep_ == "relcl" and c.lemma_ in _SIGNING]
        verb, via_with = _deal_governor(token)
        denied = verb is not None and (polarity_of(verb) == "negative") != (verb.lemma_ in relation_rules()["deal_negators"])
        for clause in clauses[1:]:
            if clause.dep_ == "relcl" and clause.lemma_ in relation_rules()["deal_verbs"]:
                for subject in (c for c in clause.children if c.dep_ in _SUBJECTS and c.lower_ not in _WH):
                    for mention in _mentions_for(state, subject, {"Country", "Organization", "Person"}):
                        if denied and clause.lemma_ in relation_rules()["proposed"]:
                            # "did not sign the agreement that the bank offered", "ruled out the pact that
                            # Moscow had proposed": no deal was made, yet the offer was; whether its maker
                            # is party to it, proposed, or is not, the text leaves open: no fact
                            continue
                        modality = "proposed" if clause.lemma_ in relation_rules()["proposed"] else modality_of(clause)
                        yield _relation(state, mention, "partyTo", deal, token, "partyTo.relcl.v1", 0.7,
                                        polarity_of(clause), modality)
        kind = [c for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                if o.dep_ == "pobj" and o.pos_ == "NOUN" and o.i not in state.by_token for c in o.children]
        for child in [*(c for clause in clauses for c in clause.children), *kind]:
            # "a memorandum of cooperation between X and Y": the parties hang on the deal's kind
            if child.dep_ in {"prep", "agent"} and child.lower_ in {"with", "between", "by"}:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    for mention in _mentions_for(state, pobj, {"Country", "Organization", "Person"}):
                        found.append((mention, "partyTo.with.v1", 0.85))
                    if child.lower_ == "between":
                        # "between the … Authority and Minerals Development Oman": the parser may hang
                        # the first party under the second; "between" always names both
                        inside = {id(m): m for t in pobj.subtree if (m := state.by_token.get(t.i)) is not None
                                  and m.type in {"Country", "Organization", "Person"} and m.role != "place"
                                  and not (m.type == "Country" and t.dep_ in {"poss", "amod", "compound", "nmod"})}
                        found += [(m, "partyTo.between.v1", 0.8) for m in inside.values()]
            if child.dep_ == "poss":
                for mention in _mentions_for(state, child, {"Country", "Organization", "Person"}):
                    found.append((mention, "partyTo.poss.v1", 0.85))
        minerals = {id(m): m for t in doc[token.left_edge.i:token.i] if (m := state.by_token.get(t.i)) is not None
                    and m.type == "Mineral"}
        # "an agreement on the construction of a lithium refinery"; "a memorandum of understanding on
        # nickel" (on the deal's kind); "signed a supply agreement with Sojitz on Monday for dysprosium",
        # "an agreement was signed between X and Y on the financing of a rhenium plant" (on the verb)
        holders = [token, *(o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                            if o.dep_ == "pobj" and o.pos_ == "NOUN" and o.i not in state.by_token),
                   *(o for p in token.children if p.dep_ == "prep" and p.lower_ == "with" for o in p.children
                     if o.dep_ == "pobj")]
        if verb is not None and not via_with and verb.lemma_ in _SIGNING:
            holders += [verb, *(o for p in verb.children if p.dep_ == "prep" and p.lower_ == "with"
                                for o in p.children if o.dep_ == "pobj")]
        for prep in (c for holder in holders for c in holder.children
                     if c.dep_ == "prep" and c.lower_ in {"on", "for", "over", "covering"}
                     and not any(o.lemma_ in {"sideline", "margin"} for o in c.children)):
            minerals.update({id(m): m for t in prep.subtree if (m := state.by_token.get(t.i)) is not None
                             and m.type == "Mineral"})
        span = doc.char_span(deal.start, deal.end)
        heads = [token] + ([t for t in span if t.i != token.i and state.by_token.get(t.i) is deal]
                           if span is not None else [])  # a clause on a word of the deal's name, not of a party
        for clause in (c for head in heads for c in head.children if c.dep_ in {"relcl", "acl"}):
            # "a partnership under which KABIL will acquire stakes in lithium and cobalt projects"
            minerals.update({id(m): m for t in clause.subtree if (m := state.by_token.get(t.i)) is not None
                             and m.type == "Mineral"})
        if verb is not None and verb.lemma_ in _SIGNING:
            # "signed a EUR 180 million loan with X to develop a lithium mine": the purpose of the signing
            for clause in (c for c in verb.children if c.dep_ in {"advcl", "xcomp"}
                           and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)):
                minerals.update({id(m): m for t in clause.subtree if (m := state.by_token.get(t.i)) is not None
                                 and m.type == "Mineral"})
        if verb is not None and not via_with and verb.lemma_ in relation_rules()["deal_verbs"]:
            # "Bolivia signed a deal with Albemarle": the parser often hangs "with" on the verb;
            # "an agreement was signed between X and Y", "the MoU was signed by X and Y"
            for prep in (c for c in verb.children if (c.dep_ == "prep" and c.lower_ in {"with", "between"})
                         or (c.dep_ == "agent" and token.dep_ == "nsubjpass" and token.head.i == verb.i)):
                objects = [c for c in prep.children if c.dep_ == "pobj"] or [doc[prep.i + 1]] * (prep.i + 1 < len(doc))
                for pobj in objects:
                    for mention in _mentions_for(state, pobj, {"Country", "Organization", "Person"}):
                        found.append((mention, "partyTo.verb_with.v1", 0.8))
        for mineral in minerals.values():
            yield _relation(state, deal, "concerns", mineral, token, "concerns.compound.v1", 0.8, "positive",
                            modality_of(verb) if verb is not None else "asserted")
        if verb is not None and (via_with or verb.lemma_ in relation_rules()["deal_verbs"]
                                 or verb.lemma_ in relation_rules()["deal_negators"]):
            for subject in _subjects(verb):
                for mention in _mentions_for(state, subject, {"Country", "Organization", "Person"}):
                    found.append((mention, "partyTo.clause.v1", 0.6))
        polarity = polarity_of(verb) if verb is not None else "positive"
        if verb is not None and verb.lemma_ in relation_rules()["deal_negators"]:
            polarity = "negative" if polarity == "positive" else "positive"
        modality = modality_of(verb) if verb is not None else "asserted"
        if verb is not None and modality == "asserted" and verb.lemma_ in relation_rules()["proposed"]:
            modality = "proposed"  # "offered a rescue package", "floated a pact"
        for mention, rule, strength in found:
            yield _relation(state, mention, "partyTo", deal, token, rule, strength, polarity, modality)


def deal_terms(state: _State) -> Iterator[RelationMention]:
    """What a deal's terms are about: "Under the agreement, the investor will take half of the mine's
    copper output", "Under the MOU, South Korea will get priority access to graphite and nickel": the
    minerals of the clause a deal reference governs through "under"."""
    for token in state.tokens:
        if token.lower_ != "under" or token.dep_ != "prep" or token.head.pos_ not in {"VERB", "AUX"}:
            continue
        deals = [m for o in token.children if o.dep_ == "pobj" for m in _mentions_for(state, o, {"Deal"}, "deal")]
        if len(deals) != 1:
            continue
        clause = token.head
        # not in an apposition or an adverbial clause ("NMDC, the country's largest iron ore producer, will invest
        # … in graphite", "… in X, a local processor building a nickel and cobalt refinery")
        minerals = {id(m): m for t in clause.subtree if not (token.left_edge.i <= t.i <= token.right_edge.i)
                    and (m := state.by_token.get(t.i)) is not None and m.type == "Mineral"
                    and not any(a.dep_ in {"appos", "advcl"} for a in t.ancestors if clause.is_ancestor(a))}
        for mineral in minerals.values():
            yield _relation(state, deals[0], "concerns", mineral, token, "concerns.terms.v1", 0.7, "positive",
                            modality_of(clause))


RULE_FUNCTIONS = (positions, event_hosts, event_clause_attendance, event_places, event_places_by_verb, deal_parties, stake_parties,
                  deal_terms, based_locations, apply_rules)


def extract(doc: Any, article: Article) -> Extraction:
    """Read mentions and relation mentions from a Doc made by :func:`kg.nlp.pipeline.make_nlp`."""
    state = _State(doc=doc, article=article)
    collect_mentions(state)
    collect_deals(state)
    collect_stakes(state)
    relations: list[RelationMention] = []
    for function in RULE_FUNCTIONS:
        relations.extend(function(state))
    relations.extend(_signatories_posts(state, relations))
    relations.extend(_home_investments(state, relations))
    relations.extend(_measure_scope(state, relations))
    mentions = sorted(state.mentions, key=lambda m: (m.start, m.end))
    return Extraction(mentions=tuple(mentions), relations=tuple(_negation_wins(relations)))


def _signatories_posts(state: _State, relations: list[RelationMention]) -> Iterator[RelationMention]:
    """"The agreement was signed by JOGMEC President Takahara and Mines Minister Ithete", "the two
    ministers signed": a person signs for the country or organisation whose post they hold."""
    posts: dict[str, list[Mention]] = {}
    for relation in relations:
        if relation.predicate == "holdsPosition" and relation.object.type in {"Country", "Organization"}:
            posts.setdefault(entity_key_hint(relation.subject), []).append(relation.object)
    if not posts:
        return
    for relation in relations:
        if relation.predicate != "partyTo" or relation.subject.type != "Person":
            continue
        for holder in dict.fromkeys(posts.get(entity_key_hint(relation.subject), ())):
            yield RelationMention(**{**relation.__dict__, "subject": holder, "rule": "partyTo.signatory_post.v1",
                                     "strength": min(relation.strength, 0.6)})


_FACILITIES = {"plant", "smelter", "refinery", "facility", "factory", "mill", "mine", "concentrator", "expansion",
               "upgrade", "line", "hub", "complex", "operation", "operations", "park", "field", "deposit"}


def _home_investments(state: _State, relations: list[RelationMention]) -> Iterator[RelationMention]:
    """"X plans to invest $95 million in a new carbide plant", "will invest $40 million in a domestic
    smelter": a company's sum for a facility named by no country goes into its own country (where it
    is located, else the country the document is about)."""
    found = {(r.sentence_start, r.subject.key) for r in relations if r.predicate == "investsIn"}
    homes: dict[str, Mention] = {}
    for relation in relations:
        if relation.predicate == "locatedIn" and relation.subject.type == "Organization" \
                and relation.object.type == "Country":
            homes.setdefault(relation.subject.key, relation.object)
    focal: list[Mention | None] = []
    for token in state.tokens:
        if token.lemma_ != "invest" or token.pos_ != "VERB":
            continue
        if not any(c.dep_ == "dobj" and (c.ent_type_ == "MONEY" or any(t.ent_type_ == "MONEY" for t in c.subtree)
                                         or parse_amount(state.doc[c.left_edge.i:c.i + 1].text) is not None)
                   for c in token.children):  # "SEK 10 billion", which the model does not call money
            continue
        heads = [token, *(c for c in token.children if c.dep_ == "dobj")]  # "$500 million in new fields"
        targets = [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "in"
                   for p in c.children if p.dep_ == "pobj" and p.lemma_.casefold() in _FACILITIES]
        if not targets:
            continue
        named = [t for p in targets for t in p.subtree if t.ent_type_ in {"COUNTRY", "DEMONYM", "CITY", "SEAT", "GPE"}]
        capital = None
        if named and all(t.ent_type_ == "CITY" for t in named):
            # "a refinery in Vientiane province": a capital's name says the country
            codes = {_capital_codes().get(t.text.casefold()) for t in named}
            codes.discard(None)
            if len(codes) == 1:
                key = f"country:{codes.pop()}"
                capital = next((m for m in state.mentions if m.key == key and m.type == "Country"), None)
        if named and capital is None:
            continue
        subjects = [m for node in _follow(token, "subj") for m in _mentions_for(state, node, {"Organization"})]
        start = state.sentence_text(token.i)[0]
        for subject in dict.fromkeys(subjects):
            if (start, subject.key) in found:
                continue
            home = capital or homes.get(subject.key) or _possessor_country(state, subject)
            if home is None:
                if not focal:
                    focal.append(_focal_country(state))
                home = focal[0]
            if home is None:
                continue
            yield _relation(state, subject, "investsIn", home, token, "invest.home_facility.v1", 0.6,
                            polarity_of(token), modality_of(token))


def _possessor_country(state: _State, mention: Mention) -> Mention | None:
    """``Uzbekistan's Navoiyuran``: the country a company is named with."""
    first = min((i for i, m in state.by_token.items() if m is mention), default=None)
    if first is None or first < 2 or state.tokens[first - 1].lower_ not in {"'s", "’s"}:
        return None
    owner = state.by_token.get(first - 2)
    return owner if owner is not None and owner.type == "Country" else None


_MEASURE_NOUNS = {"ban", "measure", "restriction", "curb", "directive", "requirement", "rule", "quota", "regime",
                  "policy", "licence", "license", "licensing", "order", "decree", "embargo", "levy", "duty",
                  "suspension", "moratorium", "prohibition", "halt", "cap", "freeze", "control", "controls"}
_SCOPE_VERBS = {"cover": False, "apply": False, "include": False, "extend": False, "affect": False,
                "exempt": True, "exclude": True, "spare": True}


def _measure_scope(state: _State, relations: list[RelationMention]) -> Iterator[RelationMention]:
    """"The ban would not cover niobium", "the measure does not apply to nickel and cobalt": what an
    export measure already reported covers, or leaves out, is restricted (or not) by the same country."""
    restrictions = sorted((r for r in relations if r.predicate == "restrictsExportOf" and r.subject.type == "Country"),
                          key=lambda r: r.sentence_start)
    if not restrictions:
        return
    for token in state.tokens:
        if token.pos_ != "VERB" or token.lemma_ not in _SCOPE_VERBS:
            continue
        measure = [c for c in token.children if c.dep_ in _SUBJECTS and c.lemma_.casefold() in _MEASURE_NOUNS
                   and any(d.lower_ in {"the", "this", "that", "its"} for d in c.children)]
        if not measure:
            continue
        targets = [c for c in token.children if c.dep_ == "dobj"]
        targets += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "to"
                    for p in c.children if p.dep_ == "pobj"]
        minerals = [m for t in targets for m in _mentions_for(state, t, {"Mineral"})]
        start = state.sentence_text(token.i)[0]
        earlier = [r for r in restrictions if r.sentence_start <= start]
        if not minerals or not earlier:
            continue
        country = earlier[-1].subject
        polarity = polarity_of(token)
        if _SCOPE_VERBS[token.lemma_]:
            polarity = "negative" if polarity == "positive" else "positive"
        modality = modality_of(token)
        for mineral in minerals:
            if mineral.key == earlier[-1].object.key:
                continue
            yield _relation(state, country, "restrictsExportOf", mineral, token, "restrict.measure_scope.v1", 0.6,
                            polarity, modality)


def _negation_wins(relations: list[RelationMention]) -> list[RelationMention]:
    """A sentence that denies a fact ("X is not part of the deal") does not also assert it: a
    positive reading of the same subject, predicate and object from that sentence is dropped."""
    def key(r: RelationMention) -> tuple:
        return (r.sentence_start, r.subject.start, r.predicate, r.object.start)
    denied = {key(r) for r in relations if r.polarity == "negative"}
    if not denied:
        return relations
    return [r for r in relations if r.polarity == "negative" or key(r) not in denied]


def iter_relations(extractions: Iterable[Extraction]) -> Iterator[RelationMention]:
    for extraction in extractions:
        yield from extraction.relations
