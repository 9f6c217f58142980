"""The registered spaCy components of geokg.

- ``kg_paragraphs`` (before the parser): a line break ends a sentence, so headlines and
  paragraphs without a full stop are not glued to the next sentence.
- ``kg_entities`` (after the NER): merges the gazetteer rulers, the statistical NER and our
  name rules (event names, organisation names, a person after a title) into one set of
  ``doc.ents`` with our labels, the canonical key on ``ent.ent_id_`` where it is known.
"""



from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.nlp.gazetteer import KNOWN_PERSON, _json as _resource_json, ambiguous_country_names, lexicon, places, titles

__all__ = ["ParagraphSentencizer", "EntityMerger", "LABELS"]

# Labels of doc.ents after kg_entities.
LABELS = ("COUNTRY", "DEMONYM", "CITY", "SEAT", "MINERAL", "TITLE", "PERSON", "ORG", "EVENT",
          "LOCATION", "MONEY", "DATE")
# LOC (continents, seas, regions such as "the Gulf coast") is left out: news analysts rarely want
# them as nodes, and the small model's LOC is often a misread.
_NER_MAP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOCATION",
            "FAC": "LOCATION", "EVENT": "EVENT", "MONEY": "MONEY", "DATE": "DATE"}
_RULER_LABELS = {"COUNTRY", "DEMONYM", "CITY", "SEAT", "MINERAL", "TITLE"}
_NAME_TYPES = {"PERSON", "COUNTRY", "DEMONYM", "CITY", "SEAT", "GPE"}
# A single capitalised word that still belongs to a portfolio ("Vice Minister for Mining Affairs").
_PORTFOLIO_TAILS = {"Affairs", "Resources", "Development", "Security", "Transition", "Policy", "Relations"}
_NAME_WORD = r"^([A-Z0-9][\w.&'\-]*|of|and|on|for|&|-|–)$"
_PLACE_WORDS = {"Center", "Centre", "Bhawan", "Bhavan", "Palace", "Hall", "Building", "Airport", "Stadium", "Square"}
_MEDIA_WORDS = frozenset(lexicon()["media_suffixes"])  # "Meridian Wire", "Sahel Presse": a news outlet
_ORG_WORDS = set(lexicon()["org_suffixes"]) | set(lexicon()["legal_forms"]) | _MEDIA_WORDS | {"University", "Foundation", "Fund"}
_NAME_PARTICLES = {"da", "de", "do", "dos", "das", "del", "della", "di", "van", "von", "der", "den", "bin", "ibn", "al",
                   "el", "le", "du"}
# A capital or country name glued to one of these is another place ("Victoria Falls", "Mexico City").
_PLACE_TAILS = {"Falls", "Island", "Islands", "Bay", "Lake", "River", "Valley", "Province", "Region", "Delta",
                "Strait", "Peninsula", "Harbour", "Harbor", "Basin", "Plateau", "Heights", "Springs", "City",
                "Hill", "Hills", "Mountain", "Mountains", "Desert", "Coast", "County", "District", "Governorate"}
# A name followed by one of these nouns is a place ("the Boke region", "Kurunegala district").
_PLACE_NOUNS_AFTER = {"region", "province", "district", "county", "governorate", "prefecture", "municipality",
                      "area", "valley", "basin", "belt", "desert", "coast", "oblast", "regions", "provinces", "districts",
                      "counties", "governorates", "prefectures", "municipalities", "oblasts", "states"}
# "the port of Kamsar", "the town of Sotkamo": a place noun with "of" before a name.
_PLACE_NOUNS_OF = {"port", "town", "city", "village", "hub", "region", "province", "district", "county", "municipality",
                   "island", "state", "governorate", "prefecture", "towns", "cities", "villages", "regions", "provinces",
                   "districts", "counties", "municipalities", "islands", "states", "governorates", "prefectures"}
# "a mine in Sotkamo", "a complex at Jorf Lasfar": sites whose "in"/"at"/"near" object is a place.
_SITE_NOUNS = {"mine", "mines", "plant", "refinery", "smelter", "complex", "facility", "factory", "port", "deposit",
               "project", "site", "hub", "terminal", "zone", "park", "operation", "operations", "concession"}
# A name right before one of these (lower case, after a mineral or a few lower-case words) names a mining
# site, so it is a place wherever the article uses it ("the Lofdal heavy rare earths project", "Oyu
# Tolgoi, the vast mine", "rare earth deposits at Khalzan Buregtei").
_SITE_NAME_NOUNS = {"mine", "mines", "project", "projects", "deposit", "deposits", "field", "fields", "concession",
                    "concessions", "operation", "operations", "complex", "prospect", "tailings"}
# A name opening with one of these is a place ("Salar de Atacama", "Salar del Hombre Muerto").
_SITE_OPENERS = {"Salar", "Salares", "Salina", "Salinas"}
# Verbs whose subject is a company, not a site ("Vulcan said", "Vulcan signed").
_COMPANY_VERBS = {"say", "announce", "sign", "agree", "report", "raise", "acquire", "buy", "sell", "own", "hire",
                  "employ", "list", "issue", "pay", "decline", "file", "seek", "win", "appoint", "tell", "merge"}
# A name right after one of these nouns is an organisation ("state miner Tau-Ken Samruk", "carmaker BYD").
_COMPANY_NOUNS = {"company", "miner", "group", "firm", "carmaker", "automaker", "conglomerate", "producer", "lender",
                  "giant", "consortium", "trader", "startup", "start-up", "developer", "explorer", "operator",
                  "subsidiary", "smelter", "refiner"}
# Words of ministerial portfolios, to join "Lands and" to "Natural Resources Minister".
_PORTFOLIO_WORDS = {w for p in _resource_json("titles.json")["portfolios"] for w in p.split() if w[:1].isupper()} | {
    "Lands", "Land", "Coal", "Water", "Forestry", "Forests", "Fisheries", "Tourism", "Culture", "Education", "Labour",
    "Labor", "Justice", "Youth", "Sports", "Housing", "Infrastructure", "Communications", "Works", "Development",
    "Assets", "Geology", "Metallurgy", "Steel", "Power", "Electricity", "Water", "Digital", "Innovation", "Enterprise",
    "Employment", "Security", "Defence", "Cooperation", "International", "Regional", "Rural", "Urban", "Transport",
    "Business", "Mines", "Minerals", "Energy", "Trade", "Industry", "Environment", "Climate",
    "Industries", "Financial", "Services", "Technologies", "New", "Gender", "Equality", "Women", "Family", "Social",
    "Welfare", "Children", "Health", "Statistics", "Tourism", "Heritage", "Arts", "Science", "Research", "Aviation",
    "Civil", "Cooperatives", "Public", "Enterprises", "Local", "Maritime", "Ports", "Marine", "Livestock", "Irrigation",
    "Wildlife", "Sport", "Promotion"}
# Military and police ranks before a name ("Colonel Ousmane Abarchi") are not given names.
_RANKS = {"colonel", "general", "major", "captain", "lieutenant", "admiral", "brigadier", "commander", "sergeant",
          "marshal", "commodore", "col", "gen", "maj", "capt", "lt", "cmdr"}
# Legal forms that end a company's name ("Arcore AG", "Vale SA"; lexicon.json, as resolution reads them).
_LEGAL_FORMS = frozenset(lexicon()["legal_forms"])
# Titles that are also surnames ("Madeleine King").
_SURNAME_TITLES = {"King", "Queen"}
_NAME_OPENERS = frozenset(lexicon()["name_openers"])
_LEADING_JUNK = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our"}
# Courtesy words before a name are not part of it ("Dr. S. Jaishankar", "Shri G. Kishan Reddy", "Hon. Banda").
_HONORIFICS = {"dr", "dr.", "shri", "smt", "smt.", "hon", "hon.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prof",
               "prof.", "sir", "dame", "sri", "shrimati", "honourable", "honorable", "excellency"}


@Language.factory("kg_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> "ParagraphSentencizer":
    return ParagraphSentencizer()


class ParagraphSentencizer:
    """Mark the token after a line break as a sentence start (the parser keeps preset starts)."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if "\n" in token.text or "\n" in token.whitespace_:
                doc[token.i + 1].is_sent_start = True
        return doc


@Language.factory("kg_entities", requires=["doc.ents"], assigns=["doc.ents"])
def make_entities(nlp: Language, name: str) -> "EntityMerger":
    return EntityMerger(nlp)


class EntityMerger:
    """Find name spans with rules, then write one consistent set of ``doc.ents``."""

    def __init__(self, nlp: Language) -> None:
        words = lexicon()
        self.matcher = Matcher(nlp.vocab)
        name_word = {"TEXT": {"REGEX": _NAME_WORD}, "OP": "*"}
        first = {"TEXT": {"REGEX": r"^[A-Z0-9]"}}
        # a head of several words ("Round Table") is matched word by word
        self.matcher.add("EVENT", [[first, name_word, {"ORTH": {"IN": words["event_heads"]}}]]
                         + [[first, name_word, *({"ORTH": part} for part in head.split())]
                            for head in words["event_heads"] if " " in head], greedy="LONGEST")
        acronym = {"TEXT": {"REGEX": r"^(?=[A-Z0-9+]*[A-Z])([A-Z0-9]{2,}[+]?|[A-Z][a-z]+[0-9]+)$"}}
        lower_heads = {"LOWER": {"IN": words["event_lower_heads"]}}
        dash = {"ORTH": {"IN": ["-", "–", "—"]}}
        second_head = {"LOWER": {"IN": ["meeting", "session", "talks"]}, "OP": "?"}  # "ministerial meeting"
        self.matcher.add("EVENT_LOWER", [
            [acronym, lower_heads, second_head],
            # "the AUKUS defence industry forum", "a G7 critical minerals meeting"
            [acronym, {"IS_LOWER": True, "IS_ALPHA": True, "OP": "{1,3}"}, lower_heads],
            # "EU–Central Asia summit", "India–Australia Critical Minerals Working Group meeting"
            [first, name_word, dash, first, name_word, lower_heads, second_head],
            # "the EU-Africa raw materials dialogue", "an India–Japan critical minerals forum"
            [first, name_word, dash, first, name_word, {"IS_LOWER": True, "IS_ALPHA": True, "OP": "{1,3}"}, lower_heads],
            # "Doha talks", "the Tokyo summit"
            [{"ENT_TYPE": "CITY"}, {"LOWER": {"IN": ["talks", "summit", "conference", "forum", "dialogue"]}}],
        ], greedy="LONGEST")
        deal_names = {"ORTH": {"IN": words["deal_name_heads"]}}
        self.matcher.add("DEAL", [
            [first, name_word, deal_names],  # "Regional Economic Integration Framework"
            # "US–Ukraine minerals agreement", "EU–Kazakhstan raw-materials partnership"
            # (the words between are the deal's kind, not a clause: "Tau-Ken Samruk signed a … agreement")
            [first, name_word, dash, first, name_word,
             {"TEXT": {"REGEX": r"^([a-z]+|-)$"}, "POS": {"NOT_IN": ["VERB", "AUX", "DET", "PRON", "ADP"]}, "OP": "{0,4}"},
             {"LOWER": {"IN": words["deal_lower_heads"]}}],
            # "the Warsaw Declaration on Critical Raw Materials": a named deal runs over its "on …" tail
            [first, name_word, deal_names, {"LOWER": {"IN": ["on", "for"]}}, {"LOWER": "the", "OP": "?"},
             {"IS_TITLE": True}, {"TEXT": {"REGEX": r"^([A-Z][\w.&'\-]*|of|and)$"}, "OP": "*"}],
            # "the Convention on Biological Diversity": a treaty
            [{"ORTH": "Convention"}, {"LOWER": "on"}, {"LOWER": "the", "OP": "?"}, {"IS_TITLE": True},
             {"TEXT": {"REGEX": r"^([A-Z][\w.&'\-]*|of|and)$"}, "OP": "*"}],
        ], greedy="LONGEST")
        suffixes = [[{"ORTH": part} for part in suffix.split()] for suffix in words["org_suffixes"] + words["media_suffixes"] + words["legal_forms"]]
        tail = [{"LOWER": {"IN": ["of", "for"]}}, {"LOWER": "the", "OP": "?"}, {"IS_TITLE": True},
                {"TEXT": {"REGEX": r"^([A-Z][\w.&'\-]*|and|&)$"}, "OP": "*"}]
        # "the Authority for the Regulation and Control of Strategic Mineral Substances Markets": a body
        # word alone before its "for"/"of" tail opens the name
        long_tail = tail[:3] + [{"TEXT": {"REGEX": r"^([A-Z][\w.&'\-]*|and|&|of|the)$"},
                                 "ENT_TYPE": {"NOT_IN": ["COUNTRY", "DEMONYM", "CITY"]}, "OP": "*"}]
        bodies = [[{"ORTH": word}] for word in sorted(_STRONG_ORG_ENDS - {"Limited", "Ltd", "Inc", "PLC", "LLC", "Corp"})]
        self.matcher.add("ORG", [[first, name_word, *suffix] for suffix in suffixes]
                         + [[first, name_word, *suffix, *tail] for suffix in suffixes]
                         + [[{"LOWER": "the"}, *body, *long_tail] for body in bodies], greedy="LONGEST")
        self.titles = titles()
        self.not_names = set(words["not_names"]) | set(words["deal_heads"]) | set(words["deal_references"])
        self.policy_heads = set(words["policy_heads"])

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Span]:
        """Rule spans: event and organisation names, trimmed of leading articles and countries."""
        spans = []
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            label = "EVENT" if label == "EVENT_LOWER" else label
            if label == "DEAL" and doc[end - 1].is_lower and start > 0 and doc[start - 1].lower_ in {"a", "an"}:
                pass  # "a US–Ukraine minerals agreement" is still named by its parties
            start = _after_dateline(doc, start, end)
            if label == "ORG" and end - start > 2 and doc[start].text in _NAME_OPENERS and doc[start + 1].lower_ == "of":
                start += 2  # "Shares of International Holding Company rose"
            while start < end - 1 and (
                doc[start].lower_ in _LEADING_JUNK
                or (label == "EVENT" and doc[start].ent_type_ == "COUNTRY"
                    and not (doc[start + 1].text in {"-", "–"} and not doc[start].whitespace_))
            ):
                start += 1  # "the US Global Minerals Conference" is hosted by the US; "Korea-Africa …" is a name
            while end > start + 1 and (doc[end - 1].lower_ in {"and", "&", "of", "for"}
                                       or (doc[end - 1].lower_ == "the" and doc[end - 2].lower_ in {"of", "for"})):
                end -= 1  # "Japan Organization for Metals and Energy Security and …", "Ministry of X of the"
            if label == "EVENT" and doc[end - 1].text == "Convention" and end < len(doc) and doc[end].lower_ == "on":
                # "the UN Convention on the Law of the Sea" is a treaty, not a gathering
                label, end = "DEAL", end + 1
                while end < len(doc) and (doc[end].is_title or doc[end].lower_ in {"the", "of", "and"}) \
                        and not doc[end].is_sent_start:
                    end += 1
                while doc[end - 1].lower_ in {"the", "of", "and"}:
                    end -= 1
            if label == "EVENT" and end < len(doc) and doc[end].text in _PLACE_WORDS and not doc[end].is_sent_start:
                label, end = "LOCATION", end + 1  # "the Lima Convention Center" is a venue, not a gathering
            if label == "EVENT" and doc[end - 1].text == "Assembly" and end - start >= 2 \
                    and doc[end - 2].text in {"Legislative", "National", "Constituent", "Parliamentary"}:
                label = "ORG"  # "the Plurinational Legislative Assembly" is a parliament
            if label == "ORG" and doc[start].text in _STRONG_ORG_ENDS:
                # "the Ministry of Investment, Trade and Industry": a body's list of portfolios
                while end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].text in _PORTFOLIO_WORDS:
                    end += 2
                    while end < len(doc) and not doc[end].is_sent_start and (
                            (doc[end].is_title and doc[end].ent_type_ not in {"TITLE", "PERSON", "COUNTRY", "DEMONYM"})
                            or (doc[end].lower_ in {"and", "&"} and end + 1 < len(doc) and doc[end + 1].is_title)):
                        end += 1
            if label == "ORG":
                start, end, second = _split_org_pair(doc, start, end)
                if second is not None:
                    spans.append(Span(doc, second.start, _country_tail(doc, second.end), label="ORG", span_id=""))
                else:
                    end = _country_tail(doc, end)
            if end - start < 2 or any(doc[i].is_sent_start for i in range(start + 1, end)):
                continue
            if any("\n" in doc[i].whitespace_ for i in range(start, end - 1)):
                continue
            spans.append(Span(doc, start, end, label=label, span_id=""))
        return spans

    def set_annotations(self, doc: Doc, rule_spans: list[Span]) -> Doc:
        titles_ = self._long_titles(doc, [self._joined_portfolio(doc, e) for e in doc.ents if e.label_ == "TITLE"])
        titles_ = [self._portfolio_tail(doc, t) for t in titles_]
        titles_, surnamed = self._surname_titles(doc, titles_)
        rule_spans = rule_spans + self._mineral_country_names(doc)
        titles_, rule_spans = self._portfolio_before_title(doc, titles_, rule_spans)
        title_tokens = {i for e in titles_ for i in range(e.start, e.end)}
        candidates: list[Span] = []
        event_tokens = {i for s in rule_spans if s.label_ == "EVENT" for i in range(s.start, s.end)}
        deal_tokens = {i for s in rule_spans if s.label_ == "DEAL" for i in range(s.start, s.end)}
        for span in rule_spans:
            inside = {i for i in range(span.start, span.end)}
            if inside & title_tokens:
                continue  # never cut a title ("Pakistan Army" inside "Army Chief")
            if span.label_ == "ORG" and inside & (event_tokens | deal_tokens):
                continue  # "Global Minerals Conference" is an event, not the organisation "Global Minerals"
            candidates.append(span)
        rule_org = {i: n for n, c in enumerate(candidates) if c.label_ == "ORG" for i in range(c.start, c.end)}
        persons = self._persons_after_titles(doc, titles_) + surnamed
        ents, glued = self._glued_names(doc)
        candidates += glued
        person_tokens = {i for p in persons + [g for g in glued if g.label_ == "PERSON"] for i in range(p.start, p.end)}
        for ent in ents:
            if ent.label_ == "COUNTRY" and ent.end < len(doc) and doc[ent.end].text.startswith("$") and not ent[-1].whitespace_:
                continue  # "US$1.2 billion" is money, not the United States
            if ent.label_ == "MINERAL" and {i for i in range(ent.start, ent.end)} & title_tokens:
                continue  # "Minister of Coal and Mines": the portfolio of a title, not the mineral
            if ent.label_ in _RULER_LABELS or ent.ent_id_.startswith("org:"):
                candidates.append(ent)
                continue
            label = _NER_MAP.get(ent.label_)
            if label is None or {i for i in range(ent.start, ent.end)} & (title_tokens | person_tokens):
                continue
            if label == "ORG" and len({rule_org[i] for i in range(ent.start, ent.end) if i in rule_org}) > 1:
                continue  # the NER ran two named organisations together ("… Authority and Minerals Development")
            trimmed = self._trim(doc, ent, label)
            if trimmed is not None and label == "PERSON":
                trimmed = self._glued_given_name(doc, trimmed)
                trimmed = self._given_name_before(doc, trimmed)
            retyped = self._retype(doc, trimmed) if trimmed is not None else None
            if retyped is not None:
                candidates.append(retyped)
        # Persons after a title come first: on equal length they win over the NER's guesses.
        final = filter_spans(persons + [s for s in candidates if s.label_ != "TITLE"])
        final_tokens = {i for s in final for i in range(s.start, s.end)}
        final += [t for t in titles_ if not {i for i in range(t.start, t.end)} & final_tokens]
        final = self._ambiguous_countries(doc, final)
        final = self._lead_metal(doc, final)
        final = self._short_org_names(doc, final)
        final = self._name_tails(doc, final)
        final = self._site_names(doc, final)
        final = self._listed_with_places(doc, final)
        final = self._governments(doc, final)
        final = [s for s in final if not (s.label_ == "ORG" and not s.id_ and (
            s.text in self.not_names or s[-1].text in self.policy_heads))]  # "1600 GMT", "the MoU", "… Materials Act"
        doc.ents = [Span(doc, s.start, s.end, label=s.label_, span_id=s.id_ if s.label_ != "PERSON" else "")
                    for s in sorted(final, key=lambda s: s.start)]
        return doc

    @staticmethod
    def _surname_titles(doc: Doc, titles_: list[Span]) -> tuple[list[Span], list[Span]]:
        """``Madeleine King``, ``Ellen Queen``: a title word that is also a surname, right after a
        capitalised given name and before no name of its own ("King Charles"), ends a person's name."""
        kept, persons = [], []
        for title in titles_:
            before = doc[title.start - 1] if title.start > 0 else None
            after = doc[title.end] if title.end < len(doc) else None
            if len(title) == 1 and title.text in _SURNAME_TITLES and before is not None \
                    and before.is_title and before.pos_ == "PROPN" and before.is_alpha \
                    and before.ent_type_ in {"", "PERSON"} and before.lower_ not in _HONORIFICS \
                    and before.text not in _PORTFOLIO_WORDS and not title[0].is_sent_start \
                    and not (after is not None and after.is_title and not after.is_sent_start):
                start = before.i
                if start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" \
                        and doc[start - 1].ent_type_ == "PERSON" and not doc[start].is_sent_start:
                    start -= 1  # "Mary Ann King"
                persons.append(Span(doc, start, title.end, label="PERSON", span_id=""))
                continue
            kept.append(title)
        return kept, persons

    @staticmethod
    def _short_org_names(doc: Doc, spans: list[Span]) -> list[Span]:
        """``METLEN Energy & Metals`` … ``METLEN will also take part``: the capitals word that opens a
        named organisation is that organisation where it stands alone."""
        shorts = {s[0].text for s in spans if s.label_ == "ORG" and len(s) > 1 and s[0].is_upper
                  and len(s[0]) >= 3 and s[0].is_alpha and not s[0].ent_type_ in _RULER_LABELS}
        # "Swiss-based Arcore AG" … "Arcore chief executive": a company's name before its legal form
        shorts |= {s[0].text for s in spans if s.label_ == "ORG" and len(s) == 2 and s[-1].text in _LEGAL_FORMS
                   and s[0].is_title and s[0].is_alpha and len(s[0]) >= 3 and not s[0].ent_type_ in _RULER_LABELS}
        if not shorts:
            return spans
        taken = {i for s in spans if s.label_ != "PERSON" or len(s) > 1 for i in range(s.start, s.end)}
        added = [Span(doc, t.i, t.i + 1, label="ORG", span_id="") for t in doc
                 if t.text in shorts and t.i not in taken]
        if added:
            at = {s.start for s in added}
            spans = [s for s in spans if not (s.label_ == "PERSON" and len(s) == 1 and s.start in at)]
        return spans + added if added else spans

    @staticmethod
    def _name_tails(doc: Doc, spans: list[Span]) -> list[Span]:
        """An organisation's name runs over the proper nouns right after it that no other name
        holds ("Geological Survey and Mines Bureau", "Prairie Rare Earth Separation", "Minera Andina
        del Sur"), not over a byline's desk ("Coast Observer Reporter")."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        result = []
        for s in spans:
            end = s.end
            if s.label_ == "ORG" and not s.id_:
                while end < len(doc) and end - s.end < 3 and not doc[end].is_sent_start and doc[end - 1].whitespace_:
                    token = doc[end]
                    if end not in taken and token.is_title and token.is_alpha and token.pos_ == "PROPN" \
                            and token.lower_ not in _LEADING_JUNK | (_BYLINE_DESKS - {"bureau"}):
                        end += 1
                    elif end not in taken and token.lower_ in _NAME_PARTICLES and end + 1 < len(doc) \
                            and end + 1 not in taken and doc[end + 1].is_title and doc[end + 1].pos_ == "PROPN":
                        end += 2  # "Minera Andina del Sur"
                    else:
                        break
            if end != s.end:
                result.append(Span(doc, s.start, end, label=s.label_, span_id=s.id_))
                taken |= set(range(s.end, end))
            else:
                result.append(s)
        return result

    @staticmethod
    def _listed_with_places(doc: Doc, spans: list[Span]) -> list[Span]:
        """"exploration in Nuristan and Laghman": a name coordinated with a place (not a country)
        is a place too, where the NER guessed an organisation or a one-word person (a full name
        stays a person: "Tomasz Wrona in Warsaw and Daniela Paredes in Santiago")."""
        place_at = {i for s in spans if s.label_ in {"LOCATION", "CITY"} for i in range(s.start, s.end)}
        result = []
        for s in spans:
            root = s.root
            partners = [root.head] if root.dep_ == "conj" else []
            partners += [c for c in root.children if c.dep_ == "conj"]
            if (s.label_ == "ORG" or (s.label_ == "PERSON" and len(s) == 1)) and not s.id_ \
                    and s[-1].text not in _ORG_WORDS and not s.text.isupper() \
                    and partners and all(p.i in place_at for p in partners):
                s = Span(doc, s.start, s.end, label="LOCATION", span_id="")
            result.append(s)
        return result

    @staticmethod
    def _site_names(doc: Doc, spans: list[Span]) -> list[Span]:
        """A name the article gives to a mining site anywhere ("the Pulmoddai deposit", "Oyu Tolgoi,
        the vast mine", "deposits at Kangankunde", "the Salar de Atacama") is that place wherever it
        stands alone, not the organisation or person the NER guessed; a listed organisation, a name
        ending in a company word, or one that says or signs things keeps its type."""
        candidates = {s.text for s in spans if s.label_ in {"ORG", "PERSON"} and not s.id_
                      and s[-1].text not in _ORG_WORDS | _LEGAL_FORMS and not s.text.isupper()}
        if not candidates:
            return spans
        placed = {s.text for s in spans if s.label_ == "LOCATION" and not s.id_}
        sites = set()
        for text in candidates:
            words = text.split()
            occurrences = [doc[i:i + len(words)] for i in range(len(doc) - len(words) + 1)
                           if doc[i].text == words[0] and doc[i:i + len(words)].text == text]
            if (text in placed or any(_site_named(doc, o) for o in occurrences)) and not any(
                    o.root.dep_ == "nsubj" and o.root.head.lemma_ in _COMPANY_VERBS for o in occurrences):
                sites.add(text)
        if not sites:
            return spans
        return [Span(doc, s.start, s.end, label="LOCATION", span_id="")
                if s.label_ in {"ORG", "PERSON"} and not s.id_ and s.text in sites else s for s in spans]

    @staticmethod
    def _governments(doc: Doc, spans: list[Span]) -> list[Span]:
        """"the Government of Malawi" is the country (one name with it, so the country is the one who
        acts); "the Ministry of Mines, Government of India" is the ministry and the country. A
        government the NER names by an adjective or a leader ("the Federal Government", "the
        Albanese Government") is no organisation of its own: the word is left to point back to the
        country. A name left hanging on "of" ("the University of" before "Greenland") runs over the
        place after it; with nothing to run over, it is no name."""
        starts = {s.start: s for s in spans}
        governments = [Span(doc, c.start - 2, c.end, label="COUNTRY", span_id=c.id_) for c in spans
                       if c.label_ == "COUNTRY" and c.start >= 2 and doc[c.start - 1].lower_ == "of"
                       and doc[c.start - 2].text == "Government"]
        cut = {g.start for g in governments}
        result: list[Span] = []
        for s in spans:
            if any(s.start <= g.start < s.end or g.start <= s.start < g.end for g in governments):
                at = next(g.start for g in governments if s.start <= g.start < s.end or g.start <= s.start < g.end)
                if s.label_ == "ORG" and s.start < at - 1 and doc[at - 1].text == ",":
                    result.append(Span(doc, s.start, at - 1, label="ORG", span_id=s.id_))  # "Ministry of Mines,"
                continue
            if s.label_ == "ORG" and not s.id_ and s[-1].text == "Government":
                continue
            if s.label_ == "ORG" and not s.id_ and s[-1].lower_ == "of":
                after = starts.get(s.end)
                if after is None or after.label_ not in {"COUNTRY", "CITY", "LOCATION"} or s[0].text == "Government":
                    continue
                result.append(Span(doc, s.start, after.end, label="ORG", span_id=""))  # "University of Greenland"
                cut.add(after.start)
                continue
            result.append(s)
        result = [s for s in result if not (s.start in cut and s.label_ in {"COUNTRY", "CITY", "LOCATION"})]
        return sorted(result + governments, key=lambda s: s.start)

    @staticmethod
    def _lead_metal(doc: Doc, spans: list[Span]) -> list[Span]:
        """"lead" is the metal only beside another mineral ("zinc and lead", "lead-zinc", "lead,
        zinc and silver"); elsewhere it is the verb or the noun ("a lead over")."""
        mineral_at = {i for s in spans if s.label_ == "MINERAL" for i in range(s.start, s.end)}
        taken = {i for s in spans for i in range(s.start, s.end)}
        joints = {"and", ",", "or", "-", "/", "–"}
        added = []
        for token in doc:
            if token.lower_ != "lead" or token.i in taken or token.pos_ == "VERB":
                continue
            i = token.i
            before = i >= 2 and doc[i - 1].lower_ in joints and i - 2 in mineral_at
            after = i + 2 < len(doc) and doc[i + 1].lower_ in joints and (
                i + 2 in mineral_at or (doc[i + 2].lower_ in joints and i + 3 in mineral_at))
            if before or after:
                added.append(Span(doc, i, i + 1, label="MINERAL", span_id="mineral:lead"))
        return spans + added if added else spans

    @staticmethod
    def _ambiguous_countries(doc: Doc, spans: list[Span]) -> list[Span]:
        """"Georgia", "Chad", "Jordan" are countries only where the text says so: their capital or
        demonym is named too ("Tbilisi", "Jordanian"), or they stand in a list of countries
        ("Gabon, Chad and the Republic of Congo")."""
        names = ambiguous_country_names()
        if not any(s.label_ == "LOCATION" and s.text in names for s in spans):
            return spans
        codes = {s.id_ for s in spans if s.label_ in {"COUNTRY", "CITY", "DEMONYM", "SEAT"}}
        country_at = {i for s in spans if s.label_ == "COUNTRY" for i in range(s.start, s.end)}

        def listed(span: Span) -> bool:
            before = span.start - 1
            after = span.end
            if before >= 1 and doc[before].lower_ in {",", "and", "or"} and before - 1 in country_at:
                return True
            if after + 1 < len(doc) and doc[after].lower_ in {",", "and", "or"}:
                nxt = after + 2 if doc[after + 1].lower_ == "the" else after + 1
                return nxt in country_at
            return False

        result = []
        for span in spans:
            code = names.get(span.text) if span.label_ == "LOCATION" else None
            if code is not None and (f"country:{code}" in codes or listed(span)):
                span = Span(doc, span.start, span.end, label="COUNTRY", span_id=f"country:{code}")
            result.append(span)
        return result

    @staticmethod
    def _glued_names(doc: Doc) -> tuple[list[Span], list[Span]]:
        """A capital or country glued to a place word names another place ("Mexico City",
        "Kinshasa Province")."""
        ents = list(doc.ents)
        kept: list[Span] = []
        glued: list[Span] = []
        before_glued: set[int] = set()
        for ent in ents:
            first = doc[ent.start - 1] if ent.start > 0 else None
            if ent.label_ == "CITY" and first is not None and first.is_title and first.pos_ == "PROPN" \
                    and first.is_alpha and first.whitespace_ and not ent[0].is_sent_start and not first.is_sent_start \
                    and first.ent_type_ in {"GPE", "LOC"} \
                    and not (first.i > 0 and (doc[first.i - 1].is_quote or doc[first.i - 1].is_punct and doc[first.i - 1].text != ",")) \
                    and first.lower_ not in _LEADING_JUNK | _HONORIFICS:
                # "Morona Santiago", a province: a capital's name after another name is another place
                start = first.i
                while start > 0 and doc[start - 1].ent_iob_ != "O" and doc[start - 1].ent_type_ == first.ent_type_ \
                        and first.ent_iob_ == "I" and doc[start].ent_iob_ == "I":
                    start -= 1
                glued.append(Span(doc, start, ent.end, label="LOCATION", span_id=""))
                before_glued |= set(range(start, ent.start))
                continue
            if ent.label_ in {"CITY", "COUNTRY"} and ent.end < len(doc) and ent[-1].whitespace_ \
                    and not doc[ent.end].is_sent_start and not (ent.start > 0 and doc[ent.start - 1].text == "Lake"):
                following = doc[ent.end]
                if following.text in _PLACE_TAILS:
                    glued.append(Span(doc, ent.start, ent.end + 1, label="LOCATION", span_id=""))
                    continue
            kept.append(ent)
        if before_glued:
            kept = [e for e in kept if not set(range(e.start, e.end)) & before_glued]
        return kept, glued

    @staticmethod
    def _portfolio_before_title(doc: Doc, titles_: list[Span], rule_spans: list[Span]) -> tuple[list[Span], list[Span]]:
        """``Tanzanian Minerals Minister``: an "organisation" that ends on a portfolio word right
        before a bare "Minister" is the portfolio of the title (after any country word)."""
        starts = {t.start: t for t in titles_ if t.text in {"Minister", "Secretary", "Commissioner"}}
        if not starts:
            return titles_, rule_spans
        kept = []
        for span in rule_spans:
            title = starts.get(span.end)
            if span.label_ != "ORG" or title is None or span[-1].text not in _PORTFOLIO_WORDS | _ORG_WORDS:
                kept.append(span)
                continue
            start = span.start
            while start < span.end - 1 and doc[start].ent_type_ in {"COUNTRY", "DEMONYM"}:
                start += 1
            longer = Span(doc, start, title.end, label="TITLE", span_id=title.id_)
            titles_ = [longer if t is title else t for t in titles_]
        return titles_, kept

    @staticmethod
    def _given_name_before(doc: Doc, ent: Span) -> Span:
        """``, Aminu Umar-Sadiq,``: a capitalised word the NER left out right before a person, after a
        comma or a title, is the given name."""
        start = ent.start
        if start >= 2 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_alpha \
                and doc[start - 1].ent_iob_ == "O" and doc[start - 1].lower_ not in _HONORIFICS | _LEADING_JUNK \
                and not doc[start - 1].is_sent_start and doc[start - 2].text in {",", "("} \
                and doc[start - 1].text not in _PORTFOLIO_WORDS and doc[start - 1].lower_ not in _RANKS:
            return Span(doc, start - 1, ent.end, label=ent.label_, span_id="")
        return ent

    @staticmethod
    def _glued_given_name(doc: Doc, ent: Span) -> Span:
        """``Kim Min`` + ``-seok``: a lower-case syllable glued by a hyphen ends the name."""
        end = ent.end
        if end + 1 < len(doc) and doc[end].text in {"-", "‐"} and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and doc[end + 1].is_lower and doc[end + 1].is_alpha \
                and len(doc[end + 1]) <= 6:
            return Span(doc, ent.start, end + 2, label=ent.label_, span_id="")
        return ent

    @staticmethod
    def _trim(doc: Doc, ent: Span, label: str) -> Span | None:
        start, end = _after_dateline(doc, ent.start, ent.end), ent.end
        if label == "ORG" and end - start > 2 and doc[start].text in _NAME_OPENERS and doc[start + 1].lower_ == "of":
            start += 2  # "Shares of Namibian Critical Metals jumped"
        while start < end and (doc[start].lower_ in _LEADING_JUNK or doc[start].is_punct
                               or (label == "PERSON" and doc[start].lower_ in _HONORIFICS)):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in {"'s", "’s"}
                               or (label == "ORG" and end - start > 2 and doc[end - 1].lower_ in {"of", "the"})):
            end -= 1  # "Ministry of Territorial Administration of the" (the country is cut off after it)
        opened = [i for i in range(start + 1, end) if doc[i].text == "("]
        if opened and not any(doc[i].text == ")" for i in range(opened[0], end)):
            end = opened[0]  # "International Resources Holding (IRH": the bracket is the acronym's
        if start >= end:
            return None
        if label in {"ORG", "PERSON", "LOCATION", "EVENT"} and not doc[start].text[:1].isupper():
            return None
        return Span(doc, start, end, label=label, span_id="")

    @staticmethod
    def _retype(doc: Doc, ent: Span) -> Span | None:
        """Correct the small model's commonest type slips: an all-capitals "person" is an
        organisation (EIFO), a name ending in a building word is a place (… Conference Center),
        a "place" with digits is not one (R5bn)."""
        label = ent.label_
        if label in {"ORG", "PERSON"} and ent.end + 1 < len(doc) and doc[ent.end].text in {"-", "–"} \
                and doc[ent.end + 1].lower_ == "based":
            return Span(doc, ent.start, ent.end, label="LOCATION", span_id="")  # "the Almaty-based institute"
        if label in {"PERSON", "ORG"} and ent[-1].text in _PLACE_TAILS - {"City"}:
            return Span(doc, ent.start, ent.end, label="LOCATION", span_id="")  # "Victoria Falls" is no person
        if label in {"PERSON", "ORG"} and ent[0].text in _STATE_OPENERS and len(ent) > 1:
            return Span(doc, ent.start, ent.end, label="LOCATION", span_id="")  # "Republika Srpska" is no person
        if label == "PERSON" and ent.start > 0 and doc[ent.start - 1].lower_ == "at" \
                and doc[ent.start - 1].head.lemma_ in _GATHERING_VERBS \
                and not (ent.end < len(doc) and doc[ent.end].lower_ in {"'s", "’s"}):
            return Span(doc, ent.start, ent.end, label="LOCATION", span_id="")  # "signed at Qasr Al Watan"
        if label in {"PERSON", "ORG"} and len(ent) == 2 and ent[-1].text == "State" and ent[0].pos_ == "PROPN" \
                and ent[0].text not in {"Islamic", "Secretary", "Department"}:
            return Span(doc, ent.start, ent.end, label="LOCATION", span_id="")  # "Kachin State", "Wa State"
        if label == "PERSON" and ent.start > 0 and doc[ent.start - 1].lower_ in _COMPANY_NOUNS:
            return Span(doc, ent.start, ent.end, label="ORG", span_id="")  # "state miner Tau-Ken Samruk"
        if label in {"ORG", "LOCATION"} and _bylined(doc, ent):
            return Span(doc, ent.start, ent.end, label="PERSON", span_id="")  # "By Ingrid Lunde | Nordic Affairs Review"
        if label == "LOCATION" and any(t.like_num or any(c.isdigit() for c in t.text) for t in ent):
            return None
        if label in {"PERSON", "ORG"} and ent[-1].text not in _ORG_WORDS and _placed_by_context(doc, ent):
            return Span(doc, ent.start, ent.end, label="LOCATION", span_id="")
        if label in {"PERSON", "ORG"} and ent[-1].text not in _ORG_WORDS and ent.start > 0 \
                and doc[ent.start - 1].lower_ in {"near", "outside", "above", "around"} and not ent.text.isupper():
            return Span(doc, ent.start, ent.end, label="LOCATION", span_id="")  # "a copper cluster near Almalyk"
        if label in {"PERSON", "ORG"} and ent.text in places() and _place_context(doc, ent):
            return Span(doc, ent.start, ent.end, label="LOCATION", span_id="")  # "a separation plant at Kuantan"
        if label in {"PERSON", "ORG"} and ent[-1].text in _PLACE_WORDS:
            return Span(doc, ent.start, ent.end, label="LOCATION", span_id="")
        if label == "PERSON" and len(ent) == 1 and ent.text.isupper() and len(ent.text) > 1:
            return Span(doc, ent.start, ent.end, label="ORG", span_id="")
        return ent

    @staticmethod
    def _joined_portfolio(doc: Doc, title: Span) -> Span:
        """``Energy and Natural Resources Minister``: a capitalised portfolio word joined by "and"
        to the front of a title belongs to it ("Lands and Natural Resources Minister")."""
        start = title.start
        if start >= 2 and doc[start].is_title and doc[start - 1].lower_ in {"and", "&"} \
                and doc[start - 2].text in _PORTFOLIO_WORDS and doc[start - 2].ent_type_ not in _RULER_LABELS \
                and not doc[start - 1].is_sent_start:
            start -= 2
            return Span(doc, start, title.end, label="TITLE", span_id=title.id_)
        return title

    @staticmethod
    def _portfolio_tail(doc: Doc, title: Span) -> Span:
        """``Minister of Energy and Minerals``, ``Minister for Energy, Business and Industry``,
        ``Vice Minister for Mining Affairs``: a portfolio title runs over a list of capitalised
        portfolio words up to the person (or "of" and the country, a remit after "for", the sentence's
        end) that follows ("represented by its Minister of Economy, Trade and Industry.")."""
        if title.id_ != "title:country" or not doc[title.end - 1].is_title \
                or doc[title.end - 1].lower_ in {"minister", "secretary", "commissioner", "adviser", "advisor"}:
            return title
        i, end, joined = title.end, title.end, False
        while i < len(doc) and i - title.end < 8 and not doc[i].is_sent_start:
            token = doc[i]
            if token.lower_ in {"and", "&", ","}:
                joined = joined or token.lower_ != ","
            elif token.text in _PORTFOLIO_WORDS | _PORTFOLIO_TAILS and token.ent_type_ not in _NAME_TYPES:
                end = i + 1
            else:
                break
            i += 1
        if end == title.end:
            return title
        run = doc[title.end:end]
        if not joined and not (len(run) == 1 and run[0].text in _PORTFOLIO_TAILS):
            return title
        after = doc[end:end + 2]
        follows = len(after) > 0 and (
            after[0].ent_type_ == "PERSON" or after[0].lower_ in {"of", "for"} or after[0].text in {".", ";"}
            or (after[0].text == "," and len(after) > 1 and (after[1].ent_type_ == "PERSON" or after[1].is_title))
            or (after[0].is_title and after[0].ent_type_ not in _RULER_LABELS))
        if not follows:
            return title
        return Span(doc, title.start, end, label="TITLE", span_id=title.id_)

    @staticmethod
    def _mineral_country_names(doc: Doc) -> list[Span]:
        """``Rare Earths Norway``, ``Lithium Australia``: a capitalised mineral name glued to a country
        names a company."""
        spans = []
        ents = list(doc.ents)
        for first, second in zip(ents, ents[1:]):
            if first.label_ == "MINERAL" and second.label_ == "COUNTRY" and first.end == second.start \
                    and all(t.is_title for t in first) and first[-1].whitespace_ \
                    and not any(doc[i].is_sent_start for i in range(first.start + 1, second.end)):
                spans.append(Span(doc, first.start, second.end, label="ORG", span_id=""))
        return spans

    @staticmethod
    def _long_titles(doc: Doc, titles_: list[Span]) -> list[Span]:
        """``Minister of Mineral and Petroleum Resources Thabo Mkhize``: a title "Minister of …"
        runs over capitalised words up to the person (the last two words when the NER saw none)."""
        longer = []
        for title in titles_:
            end = title.end
            of_state = title.text.endswith(" of State")  # "Minister of State for Mining Timmy Dooley"
            # "Minister for Trade, Tourism, Civil Aviation and Cooperatives": a known title that a list
            # of portfolios goes on from
            listed = end + 1 < len(doc) and doc[end].text == "," and len(title) > 2 \
                and doc[end - 1].text in _PORTFOLIO_WORDS | _PORTFOLIO_TAILS \
                and doc[end + 1].text in _PORTFOLIO_WORDS | _PORTFOLIO_TAILS and doc[end + 1].ent_type_ != "PERSON"
            if not listed and ((doc[end - 1].lower_ not in {"minister", "secretary", "commissioner"} and not of_state)
                               or end >= len(doc) or doc[end].lower_ not in ({"for"} if of_state else {"of", "for"})):
                longer.append(title)
                continue
            i = end if listed else end + 1
            while i < len(doc) and i - end < 14 and (doc[i].is_title or doc[i].lower_ in {"and", "of", "the", "&"} or (
                    # "Minister for Business, Trade, Mineral Resources, Justice and Gender Equality": a
                    # list of portfolios runs over its commas
                    doc[i].text == "," and i + 1 < len(doc) and doc[i - 1].text in _PORTFOLIO_WORDS | _PORTFOLIO_TAILS
                    and doc[i + 1].text in _PORTFOLIO_WORDS | _PORTFOLIO_TAILS and doc[i + 1].ent_type_ != "PERSON")):
                if doc[i].ent_type_ == "COUNTRY":
                    break
                if doc[i].ent_type_ == "PERSON" and not (doc[i - 1].lower_ == "and" and all(
                        t.text in _PORTFOLIO_WORDS | _PORTFOLIO_TAILS for t in doc[i:i + 2] if t.is_title)):
                    # "Prime Minister of Republika Srpska Savo Minić": a "person" the NER saw right
                    # before two more capitalised words is the place of the post, not its holder
                    k = i
                    while k < len(doc) and doc[k].ent_type_ == "PERSON" and not (k > i and doc[k].ent_iob_ == "B"):
                        k += 1
                    if not (k + 1 < len(doc) and doc[k].is_title and doc[k + 1].is_title and doc[k].pos_ == "PROPN"
                            and doc[k].ent_type_ in {"", "PERSON"} and not doc[k].is_sent_start
                            and doc[i - 1].lower_ == "of"):
                        break
                    longer.append(Span(doc, title.start, k, label="TITLE", span_id=title.id_))
                    i = -1
                    break
                i += 1
            if i < 0:
                continue
            if i < len(doc) and doc[i].ent_type_ == "COUNTRY":
                # "Prime Minister of India Narendra Modi", "Minister of Mines of the Republic of X": the
                # country is the post's, not part of the title
                cut = i - 1 if doc[i - 1].lower_ == "the" else i
                cut = cut - 1 if doc[cut - 1].lower_ == "of" else cut
                if doc[i - 1].lower_ == "and" and i - 1 > end + 3 and doc[i - 2].is_title and doc[i - 3].is_title \
                        and doc[i - 2].pos_ == doc[i - 3].pos_ == "PROPN" \
                        and not {doc[i - 2].text, doc[i - 3].text} & (_PORTFOLIO_WORDS | _PORTFOLIO_TAILS):
                    # "France's Minister of the Economy Roland Lescure and Italy's …": the next holder's
                    # country; the two names before "and" are this holder
                    cut = i - 3
                longer.append(Span(doc, title.start, cut, label="TITLE", span_id=title.id_) if cut > end else title)
            elif i < len(doc) and doc[i].ent_type_ == "PERSON":
                if i - 2 > end and doc[i - 1].is_title and doc[i - 1].text not in _PORTFOLIO_WORDS | _PORTFOLIO_TAILS \
                        and doc[i - 2].lower_ not in {"of", "the", "for"} and doc[i].ent_id_ != KNOWN_PERSON:
                    i -= 1  # "… Infrastructure and Energy Belinda Balluku": the NER's person lost her given name
                longer.append(Span(doc, title.start, i, label="TITLE", span_id=title.id_))
            elif (cut := next((j for j in range(end + 4, i) if doc[j].lower_ == "and" and doc[j - 1].is_title
                               and doc[j - 2].is_title and doc[j - 1].pos_ == doc[j - 2].pos_ == "PROPN"
                               and not {doc[j - 1].text, doc[j - 2].text} & (_PORTFOLIO_WORDS | _PORTFOLIO_TAILS)),
                              None)) is not None:
                # "Prime Minister of Republika Srpska Savo Minić and …": the two names before "and"
                longer.append(Span(doc, title.start, cut - 2, label="TITLE", span_id=title.id_))
            elif i + 1 < len(doc) and doc[i].text == "," and (
                    (doc[i - 1].text in _PORTFOLIO_WORDS | _PORTFOLIO_TAILS and doc[i + 1].is_title
                     and doc[i + 1].pos_ == "PROPN") or any(t.text == "," for t in doc[end:i])):
                # "Minister for Lands and Mineral Resources, Filipe Tuisawau", "Minister of Solid Minerals
                # Development, Dele Alake": a run that ends on a portfolio word before ", Name" is the title
                longer.append(Span(doc, title.start, i, label="TITLE", span_id=title.id_))
            elif i - end >= 4 and doc[i - 1].is_title and doc[i - 2].is_title:
                longer.append(Span(doc, title.start, i - 2, label="TITLE", span_id=title.id_))
            else:
                longer.append(title)
        return longer

    @staticmethod
    def _persons_after_titles(doc: Doc, titles_: list[Span]) -> list[Span]:
        """``Army Chief Asim Munir`` → PERSON ``Asim Munir``: capitalised words right after a title,
        joined by a hyphen ("Kassym-Jomart Tokayev", "Nawaf Al-Dossary") or a name particle
        ("Luiz Inácio Lula da Silva")."""
        persons = []
        for title in titles_:
            first = _after_of_country(doc, title.end)
            if first + 2 < len(doc) and doc[first].text == "," and len(title) > 2 and title.id_ == "title:country" \
                    and doc[title.end - 1].text in _PORTFOLIO_WORDS | _PORTFOLIO_TAILS:
                # "Minister for Lands and Mineral Resources, Filipe Tuisawau, said": a name in apposition
                name = first + 1
                while name < len(doc) and doc[name].lower_ in _HONORIFICS:
                    name += 1
                k = name
                while k < len(doc) and doc[k].is_title and doc[k].pos_ == "PROPN" and doc[k].ent_type_ in {"", "PERSON"} \
                        and not doc[k].is_sent_start:
                    k += 1
                if k - name >= 2 and k < len(doc) and doc[k].text == ",":
                    persons.append(Span(doc, name, k, label="PERSON", span_id=""))
                continue
            while first < len(doc) and doc[first].lower_ in _HONORIFICS:
                first += 1
                if first < len(doc) and doc[first].text == "." and not doc[first - 1].whitespace_:
                    first += 1
            i = first
            while i < len(doc):
                if i > first and i + 1 < len(doc) and doc[i].text in {"-", "‐"} and not doc[i - 1].whitespace_ \
                        and not doc[i].whitespace_ and doc[i + 1].is_lower and doc[i + 1].is_alpha:
                    i += 2  # "Kim Min-seok", "Lee Jae-myung": the second syllable of a given name
                    continue
                if i > first and i + 1 < len(doc) and doc[i + 1].is_title and not doc[i + 1].is_sent_start and (
                        (doc[i].text in {"-", "‐"} and not doc[i - 1].whitespace_ and not doc[i].whitespace_)
                        or doc[i].text in _NAME_PARTICLES):
                    i += 2
                    continue
                if not (doc[i].is_title and doc[i].pos_ in {"PROPN", "NOUN"} and doc[i].ent_type_ not in _RULER_LABELS - {"TITLE"}):
                    break
                if i > first and doc[i].is_sent_start:
                    break
                i += 1
            if i > first and doc[i - 1].text in _PLACE_WORDS | _ORG_WORDS:
                continue  # "King Abdulaziz International Conference Center" is a place, not a king
            if i > first and not (i - first == 1 and len(doc[first]) == 1):
                persons.append(Span(doc, first, i, label="PERSON", span_id=""))
        return persons


def _after_dateline(doc: Doc, start: int, end: int) -> int:
    """``9 June 2026 - METLEN Energy & Metals``: a name never starts with a dateline's date and dash."""
    for i in range(end - 2, start, -1):
        if doc[i].text in {"-", "–", "—"} and doc[i - 1].whitespace_ and doc[i].whitespace_ \
                and any(t.like_num for t in doc[start:i]):
            return i + 1
    return start


# Words that end an organisation's name for certain: an "and" right after one starts another name.
_STRONG_ORG_ENDS = {"Authority", "Ministry", "Corporation", "Corp", "Company", "Bank", "Agency", "Commission",
                    "Limited", "Ltd", "Inc", "PLC", "LLC", "Group", "Fund", "Council", "Institute", "Board"}


def _country_tail(doc: Doc, end: int) -> int:
    """"Minerals Development Oman", "Mineral Resources Tanzania": a country right after an
    organisation's name, and nothing capitalised after it, ends the name."""
    if end < len(doc) and doc[end].ent_type_ == "COUNTRY" and doc[end - 1].whitespace_ and doc[end].ent_iob_ == "B" \
            and not doc[end].is_sent_start and (end + 1 >= len(doc) or doc[end + 1].ent_type_ != "COUNTRY") \
            and (end + 1 >= len(doc) or not doc[end + 1].is_title or doc[end + 1].is_sent_start):
        return end + 1
    return end


def _split_org_pair(doc: Doc, start: int, end: int) -> tuple[int, int, Span | None]:
    """"the Egyptian Mineral Resources Authority and Minerals Development Oman": two organisations
    that the name pattern ran together; the first keeps (start, end), the second is returned."""
    for i in range(start + 1, end - 2):
        if doc[i].lower_ in {"and", "&"} and doc[i - 1].text in _STRONG_ORG_ENDS and doc[i + 1].is_title \
                and doc[end - 1].text in _ORG_WORDS:
            return start, i, Span(doc, i + 1, end, label="ORG", span_id="")
    return start, end, None


def _placed_by_context(doc: Doc, ent: Span) -> bool:
    """The words around a name say it is a place: "the Boke region", "the port of Kamsar", "a mine
    in Sotkamo", "a plant near Raahe", "its Onsan smelter"; a name listed with others takes the list's
    place noun ("the Batinah and Dhofar governorates", "the provinces of Jujuy, Salta and Catamarca")."""
    start, end = _listed_names(doc, ent)
    if end < len(doc) and doc[end].lower_ in _PLACE_NOUNS_AFTER and doc[end].is_lower:
        return True
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in _PLACE_NOUNS_OF:
        return True
    if start >= 1 and (doc[start - 1].lower_ in {"its", "their"} or (
            doc[start - 1].lower_ in {"'s", "’s"} and start >= 2 and doc[start - 2].ent_type_ == "COUNTRY")) \
            and not any(t.is_upper and len(t) > 1 for t in ent):
        # "its Onsan smelter", "its Tenke Fungurume and Kisanfu mines", "Botswana's Khoemacau mine": an
        # owner already named, so the name before the site noun (after a mineral or two) is the site's
        i = end
        while i < end + 3 and i < len(doc) and doc[i].lower_ not in _SITE_NOUNS and (
                doc[i].ent_type_ == "MINERAL" or (doc[i].is_lower and doc[i].pos_ in {"NOUN", "ADJ"}) or doc[i].text == "-"):
            i += 1
        if i < len(doc) and doc[i].lower_ in _SITE_NOUNS and doc[i].pos_ == "NOUN":
            return True
    if len(ent) > 2 or ent.start < 2:
        return False
    prep = doc[ent.start - 1]
    site = doc[ent.start - 2]
    return prep.lower_ in {"in", "at", "near"} and site.lower_ in _SITE_NOUNS and site.pos_ == "NOUN"


def _bylined(doc: Doc, ent: Span) -> bool:
    """"By Nadia Benali", "(Reporting by Tomasz Wrona in Warsaw …": two or three capitalised words
    after a byline's "By" (or "Reporting by") are a writer's name, unless they end in a company, an
    outlet's or a desk's word ("By Coast Observer Reporter")."""
    if ent.start == 0 or not 2 <= len(ent) <= 3 or not all(t.is_title and t.is_alpha for t in ent):
        return False
    by = doc[ent.start - 1]
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    if by.lower_ != "by" or ent[-1].text in _ORG_WORDS or _BYLINE_DESKS & {ent[-1].lower_, after}:
        return False
    return by.is_sent_start or (by.i > 0 and doc[by.i - 1].lower_ in {"reporting", "editing", "writing", "written"})


def _site_named(doc: Doc, name: Span) -> bool:
    """Whether the words around this occurrence of a name make it a mining site's: a site noun after
    it ("the Nui Phao mine", "Reko Diq copper and gold project"), in apposition ("Makuutu, the deposit
    that …"), before it with "at"/"in"/"near" ("deposits at Kangankunde", "mines at Bor and
    Majdanpek"), or "Salar de" opening it."""
    if name[0].text in _SITE_OPENERS or (name.start >= 2 and doc[name.start - 2].text in _SITE_OPENERS):
        return True
    if name.start >= 1 and (doc[name.start - 1].is_title or doc[name.start - 1].ent_type_ in {"ORG", "PERSON"}) \
            and not doc[name.start - 1].is_sent_start:
        return False  # a part of a longer name ("Arctic Critical Metals")
    i = name.end
    if i + 1 < len(doc) and doc[i].lower_ in {"'s", "’s"} \
            and doc[i + 1].lower_ in {"developer", "developers", "owner", "owners", "operator", "operators"}:
        return True  # "Tanbreez's developer, Arctic Critical Metals"
    if i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ in {"the", "a", "an"}:
        i += 2  # "Oyu Tolgoi, the vast mine in the South Gobi"
    start = i
    while i < start + 4 and i < len(doc) and doc[i].lower_ not in _SITE_NAME_NOUNS and (
            doc[i].ent_type_ == "MINERAL" or doc[i].text in {"-", "and", "'s", "’s"}
            or (doc[i].is_lower and doc[i].pos_ in {"NOUN", "ADJ"})):
        i += 1
    if i < len(doc) and doc[i].lower_ in _SITE_NAME_NOUNS and doc[i].is_lower and doc[i].pos_ == "NOUN":
        return True
    root = name.root
    while root.dep_ == "conj" and root.head.pos_ == "PROPN":
        root = root.head  # "at Bor and Majdanpek"
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in {"at", "in", "near"}:
        return False
    # "deposits at Khalzan Buregtei" (the parser may hang "at" from the verb)
    return any(t.lower_ in _SITE_NAME_NOUNS and t.pos_ == "NOUN" for t in (prep.head, doc[prep.i - 1]))


# A name opening with "Republic" in another language is a state or a part of one ("Republika Srpska").
_STATE_OPENERS = {"Republika", "Republica", "República", "Republik", "Republique", "République", "Repubblica"}
# Verbs whose "at" names where a thing happened: a person's name there is the venue's ("the agreement was
# signed at Qasr Al Watan", "met … at Jubilee House").
_GATHERING_VERBS = {"sign", "meet", "hold", "host", "gather", "receive", "welcome", "convene", "announce", "speak"}
# Last words of a byline that names a desk, not a writer ("By Staff Reporter").
_BYLINE_DESKS = {"reporter", "reporters", "correspondent", "correspondents", "desk", "bureau", "staff", "editor", "editors"}
# Words a preposition hangs from when its object is an organisation, not a place ("a stake in
# Vulcan", "an analyst at Vale").
_HOLDING_HEADS = {"stake", "interest", "share", "shares", "holding", "invest", "investment", "investor", "position",
                  "role", "job", "jobs", "work", "analyst", "executive", "official", "director", "manager", "economist",
                  "chief", "head", "president", "chairman", "partner", "stakeholder", "confidence", "trust", "talk"}
_MOTION_VERBS = {"travel", "fly", "trip", "visit", "arrive", "go", "head", "come", "return", "journey", "move", "ship"}


def _place_context(doc: Doc, ent: Span) -> bool:
    """A known place's name where the words around it want a place: after "near", "outside", "in" or
    "at" (not "a stake in", "an analyst at"), after a verb of motion and "to", or naming a site ("the
    Moanda mine"). The NER's "organisation" or "person" there is the place."""
    if ent.start == 0 or (ent.end < len(doc) and doc[ent.end].lower_ in {"'s", "’s"}):
        return False
    before = doc[ent.start - 1]
    if before.lower_ in {"the", "a"} and ent.end < len(doc):
        i = ent.end
        while i < ent.end + 3 and i < len(doc) and doc[i].lower_ not in _SITE_NOUNS and (
                doc[i].ent_type_ == "MINERAL" or (doc[i].is_lower and doc[i].pos_ in {"NOUN", "ADJ"})):
            i += 1
        return i < len(doc) and doc[i].lower_ in _SITE_NOUNS and doc[i].pos_ == "NOUN"
    if before.lower_ in {"near", "outside", "around"}:
        return True
    if before.lower_ in {"in", "at"}:
        near = [before.head] + list(doc[max(0, before.i - 3):before.i])
        return not any(t.lemma_.casefold() in _HOLDING_HEADS or t.lower_ in _HOLDING_HEADS for t in near)
    return before.lower_ == "to" and before.head.lemma_ in _MOTION_VERBS


def _listed_names(doc: Doc, ent: Span) -> tuple[int, int]:
    """The start and end of the list of capitalised names ``ent`` stands in ("Kharkiv and
    Dnipropetrovsk", "Jujuy, Salta and Catamarca"); ``ent``'s own bounds when it stands alone."""

    def name(i: int) -> bool:
        return doc[i].is_title and doc[i].pos_ == "PROPN" and not doc[i].is_sent_start

    start, end = ent.start, ent.end
    while start >= 2 and doc[start - 1].lower_ in {",", "and"} and name(start - 2) and not doc[start - 1].is_sent_start:
        start -= 2
        while start >= 1 and name(start - 1) and not doc[start].is_sent_start:
            start -= 1
    while end + 1 < len(doc) and doc[end].lower_ in {",", "and"} and name(end + 1):
        end += 2
        while end < len(doc) and name(end):
            end += 1
    if not any(doc[i].lower_ == "and" for i in range(start, end)):
        return ent.start, ent.end  # "the province of Catamarca, Ramiro Echenique,": an apposition, no list
    return start, end


def _after_of_country(doc: Doc, i: int) -> int:
    """``Minister of Foreign Affairs of the Kyrgyz Republic Almazbek Sadykov``: the index after
    "of (the) <country>" that sits between a title and its holder's name (else ``i``)."""
    j = i
    if j < len(doc) and doc[j].lower_ == "of":
        j += 1
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        k = j
        while k < len(doc) and doc[k].ent_type_ == "COUNTRY":
            k += 1
        if k > j and k < len(doc) and doc[k].is_title and not doc[k].is_sent_start:
            return k
    return i


def component_config() -> dict[str, Any]:
    return {}
