"""The one error tree of geokg.

::

    KGError
    ├── ArticleError (ValueError)          an input article cannot be read or used
    │   └── MetadataError                  its sidecar .meta.json is malformed
    ├── ModelError (RuntimeError)          the spaCy pipeline cannot be loaded
    ├── ValidationError (ValueError)       a built graph does not conform to the SHACL shapes
    └── StoreError (OSError)               a built directory is missing or incomplete

Every message names the file concerned and what to do about it.
"""

from __future__ import annotations

__all__ = ["KGError", "ArticleError", "MetadataError", "ModelError", "ValidationError", "StoreError"]


class KGError(Exception):
    """Base class of every error geokg raises on purpose."""


class ArticleError(KGError, ValueError):
    """An input article cannot be read or used."""


class MetadataError(ArticleError):
    """An article's sidecar ``.meta.json`` is malformed or wrongly typed."""


class ModelError(KGError, RuntimeError):
    """The spaCy pipeline cannot be loaded."""


class ValidationError(KGError, ValueError):
    """A built graph does not conform to ``ontology/shapes.ttl``."""

    def __init__(self, message: str, report: str = "") -> None:
        super().__init__(message)
        self.report = report


class StoreError(KGError, OSError):
    """A built output directory is missing or incomplete."""
