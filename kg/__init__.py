"""geokg: news articles about geopolitics → a knowledge graph (RDF, networkx, GraphML).

>>> import kg
>>> graph = kg.load("out")                                           # doctest: +SKIP
>>> [f.predicate for f in graph.facts][:3]                           # doctest: +SKIP
"""

__version__ = "0.1.0"

from kg.api import KnowledgeGraph, build, build_articles, build_text, load  # noqa: E402
from kg.errors import ArticleError, KGError, MetadataError, ModelError, StoreError, ValidationError  # noqa: E402
from kg.records import Article, Entity, Evidence, Fact  # noqa: E402

__all__ = [
    "__version__",
    "KnowledgeGraph",
    "build",
    "build_articles",
    "build_text",
    "load",
    "Article",
    "Entity",
    "Evidence",
    "Fact",
    "KGError",
    "ArticleError",
    "MetadataError",
    "ModelError",
    "StoreError",
    "ValidationError",
]
