"""The persistent store of a built directory: one extraction record per document.

``DIR/documents/<id>.json`` holds a document's article (cleaned text, metadata, content hash) and
what the extractor read from it (mentions and relation mentions). A record is written to a
temporary file and renamed, so a document is in the store whole or not at all, and a build killed
at any point loses at most the documents it had not finished. The graph and its exports are made
from all records: entities merge across documents, facts count their documents and sources.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import StoreError
from kg.export import atomic_write
from kg.extract import Extraction
from kg.records import Amount, Article, DateValue, Mention, RelationMention

__all__ = ["Record", "Store", "FORMAT"]

FORMAT = 1


@dataclass(frozen=True)
class Record:
    """One document of the store."""

    article: Article
    extraction: Extraction


def _mention(data: dict[str, Any]) -> Mention:
    data = dict(data)
    if data.get("value"):
        data["value"] = Amount(**data["value"])
    if data.get("date"):
        data["date"] = DateValue(**data["date"])
    return Mention(**data)


def _mention_row(mention: Mention) -> dict[str, Any]:
    # what dataclasses.asdict gives, several times faster (a build stores every document)
    row = dict(vars(mention))
    if mention.value is not None:
        row["value"] = dict(vars(mention.value))
    if mention.date is not None:
        row["date"] = dict(vars(mention.date))
    return row


def encode(record: Record) -> str:
    """A record as JSON; relations point at mentions by index."""
    mentions = list(record.extraction.mentions)
    index = {id(m): i for i, m in enumerate(mentions)}
    relations = []
    for relation in record.extraction.relations:
        for mention in (relation.subject, relation.object):
            if id(mention) not in index:
                index[id(mention)] = len(mentions)
                mentions.append(mention)
        row = dict(vars(relation))
        row["subject"], row["object"] = index[id(relation.subject)], index[id(relation.object)]
        relations.append(row)
    payload = {"format": FORMAT, "article": dict(vars(record.article)),
               "mentions": [_mention_row(m) for m in mentions], "relations": relations}
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)


def decode(text: str, where: str) -> Record:
    try:
        payload = json.loads(text)
        if payload.get("format") != FORMAT:
            raise StoreError(f"{where}: written by another geokg version (format {payload.get('format')}); "
                             "rebuild with `kg build --fresh`")
        mentions = [_mention(m) for m in payload["mentions"]]
        relations = []
        for row in payload["relations"]:
            row = dict(row)
            row["subject"], row["object"] = mentions[row["subject"]], mentions[row["object"]]
            row["qualifiers"] = tuple(tuple(pair) for pair in row["qualifiers"])
            relations.append(RelationMention(**row))
        return Record(Article(**payload["article"]), Extraction(tuple(mentions), tuple(relations)))
    except (KeyError, TypeError, ValueError, IndexError) as error:
        raise StoreError(f"{where}: damaged store record ({error}); remove it or rebuild with `kg build --fresh`") from None


def _file_name(document: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", document)
    if safe == document:
        return f"{safe}.json"
    return f"{safe}-{hashlib.sha256(document.encode('utf-8')).hexdigest()[:10]}.json"


class Store:
    """The documents of a built directory (``DIR/documents``)."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.folder = self.directory / "documents"

    def path(self, document: str) -> Path:
        return self.folder / _file_name(document)

    def __iter__(self) -> Iterator[Record]:
        for path in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            yield decode(path.read_text(encoding="utf-8"), str(path))

    def hashes(self) -> dict[str, str]:
        """Document id → content hash of every stored document (read without decoding the records)."""
        found = {}
        for path in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            try:
                article = json.loads(path.read_text(encoding="utf-8"))["article"]
                found[article["id"]] = article["content_hash"]
            except (KeyError, TypeError, ValueError):
                decode(path.read_text(encoding="utf-8"), str(path))  # raises the store's own error
                raise
        return found

    def put(self, record: Record) -> None:
        atomic_write(self.path(record.article.id), encode(record))

    def remove(self, document: str) -> None:
        path = self.path(document)
        if not path.is_file():
            raise StoreError(f"{self.directory}: no document {document!r} here; `kg stats {self.directory}` lists them")
        path.unlink()

    def clear(self) -> None:
        for path in self.folder.glob("*.json") if self.folder.is_dir() else []:
            path.unlink()
