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

from kg.nlp.gazetteer import lexicon, titles

__all__ = ["ParagraphSentencizer", "EntityMerger", "LABELS"]

# Labels of doc.ents after kg_entities.
LABELS = ("COUNTRY", "DEMONYM", "CITY", "SEAT", "MINERAL", "TITLE", "PERSON", "ORG", "EVENT",
          "LOCATION", "MONEY", "DATE")
_NER_MAP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOCATION", "LOC": "LOCATION",
            "FAC": "LOCATION", "EVENT": "EVENT", "MONEY": "MONEY", "DATE": "DATE"}
_RULER_LABELS = {"COUNTRY", "DEMONYM", "CITY", "SEAT", "MINERAL", "TITLE"}
_NAME_WORD = r"^([A-Z0-9][\w.&'\-]*|of|and|on|for|&|-)$"
_LEADING_JUNK = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our"}


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
        self.matcher.add("EVENT", [[first, name_word, {"ORTH": {"IN": words["event_heads"]}}]], greedy="LONGEST")
        acronym = {"TEXT": {"REGEX": r"^([A-Z0-9]{2,}[+]?|[A-Z][a-z]+[0-9]+)$"}}
        self.matcher.add("EVENT_LOWER", [[acronym, {"LOWER": {"IN": words["event_lower_heads"]}}]])
        suffixes = [[{"ORTH": part} for part in suffix.split()] for suffix in words["org_suffixes"]]
        tail = [{"LOWER": {"IN": ["of", "for"]}}, {"LOWER": "the", "OP": "?"}, {"IS_TITLE": True, "OP": "+"}]
        self.matcher.add("ORG", [[first, name_word, *suffix] for suffix in suffixes]
                         + [[first, name_word, *suffix, *tail] for suffix in suffixes], greedy="LONGEST")
        self.titles = titles()

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Span]:
        """Rule spans: event and organisation names, trimmed of leading articles and countries."""
        spans = []
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            label = "EVENT" if label == "EVENT_LOWER" else label
            while start < end - 1 and (
                doc[start].lower_ in _LEADING_JUNK
                or (label == "EVENT" and doc[start].ent_type_ == "COUNTRY")
            ):
                start += 1
            if end - start < 2 or any(doc[i].is_sent_start for i in range(start + 1, end)):
                continue
            if any("\n" in doc[i].whitespace_ for i in range(start, end - 1)):
                continue
            spans.append(Span(doc, start, end, label=label, span_id=""))
        return spans

    def set_annotations(self, doc: Doc, rule_spans: list[Span]) -> Doc:
        titles_ = [e for e in doc.ents if e.label_ == "TITLE"]
        title_tokens = {i for e in titles_ for i in range(e.start, e.end)}
        candidates: list[Span] = []
        event_tokens = {i for s in rule_spans if s.label_ == "EVENT" for i in range(s.start, s.end)}
        for span in rule_spans:
            inside = {i for i in range(span.start, span.end)}
            if inside & title_tokens:
                continue  # never cut a title ("Pakistan Army" inside "Army Chief")
            if span.label_ == "ORG" and inside & event_tokens:
                continue  # "Global Minerals Conference" is an event, not the organisation "Global Minerals"
            candidates.append(span)
        persons = self._persons_after_titles(doc, titles_)
        person_tokens = {i for p in persons for i in range(p.start, p.end)}
        for ent in doc.ents:
            if ent.label_ in _RULER_LABELS or ent.ent_id_.startswith("org:"):
                candidates.append(ent)
                continue
            label = _NER_MAP.get(ent.label_)
            if label is None or {i for i in range(ent.start, ent.end)} & (title_tokens | person_tokens):
                continue
            ent = self._trim(doc, ent, label)
            if ent is not None:
                candidates.append(ent)
        # Persons after a title come first: on equal length they win over the NER's guesses.
        final = filter_spans(persons + [s for s in candidates if s.label_ != "TITLE"])
        final_tokens = {i for s in final for i in range(s.start, s.end)}
        final += [t for t in titles_ if not {i for i in range(t.start, t.end)} & final_tokens]
        doc.ents = [Span(doc, s.start, s.end, label=s.label_, span_id=s.id_) for s in sorted(final, key=lambda s: s.start)]
        return doc

    @staticmethod
    def _trim(doc: Doc, ent: Span, label: str) -> Span | None:
        start, end = ent.start, ent.end
        while start < end and (doc[start].lower_ in _LEADING_JUNK or doc[start].is_punct):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in {"'s", "’s"}):
            end -= 1
        if start >= end:
            return None
        if label in {"ORG", "PERSON", "LOCATION", "EVENT"} and not doc[start].text[:1].isupper():
            return None
        return Span(doc, start, end, label=label, span_id="")

    @staticmethod
    def _persons_after_titles(doc: Doc, titles_: list[Span]) -> list[Span]:
        """``Army Chief Asim Munir`` → PERSON ``Asim Munir``: capitalised words right after a title."""
        persons = []
        for title in titles_:
            i = title.end
            while i < len(doc) and doc[i].is_title and doc[i].pos_ in {"PROPN", "NOUN"} and doc[i].ent_type_ not in _RULER_LABELS - {"TITLE"}:
                if i > title.end and doc[i].is_sent_start:
                    break
                i += 1
            if i > title.end and not (i - title.end == 1 and len(doc[title.end]) == 1):
                persons.append(Span(doc, title.end, i, label="PERSON", span_id=""))
        return persons


def component_config() -> dict[str, Any]:
    return {}
