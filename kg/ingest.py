"""Files and folders → :class:`~kg.records.Article` (text cleaned, sidecar metadata read)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import ArticleError, MetadataError
from kg.records import Article

__all__ = ["clean_text", "read_article", "read_articles", "article_from_text", "iter_article_paths"]

META_FIELDS = {"id": str, "title": str, "source_url": str, "published": str, "outlet": str}
_PUBLISHED = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
# Lines that close an article page rather than belong to it.
_TRAILERS = re.compile(
    r"^\s*(end of article|advertisement|story continues below.*|read more:.*|also read:.*"
    r"|subscribe to .*|click here .*)\s*$",
    re.IGNORECASE,
)
# "CANBERRA, Nov 18 (Meridian Wire) - ": the wire dateline before the first sentence.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'\- ]{1,40}(?:, [A-Z][A-Za-z.'\- ]{1,30})?,\s+"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})(?:,? \d{4})?"
    r"(?:\s*\([^)]{1,60}\))?\s*[-–—]+\s*"
)
_SENTENCE_END = re.compile(r"[.!?:;\"'\u201d\u2019)\]]\s*$")


def clean_text(raw: str) -> str:
    """Normalise an article's raw text.

    A single line break inside a paragraph becomes a space (the next line starts in lower case, or
    the line ends with a comma or a hyphenated word), other line breaks end a paragraph, blank
    lines collapse, a wire dateline ("PERTH, Feb 20 (Outlet) - ") before the first sentence and
    trailers such as "End of Article" are dropped.

    >>> clean_text("Army Chief Asim Munir personally\\npresented a box.\\nEnd of Article")
    'Army Chief Asim Munir personally presented a box.'
    >>> clean_text("PERTH, Feb 20 (Southern Cross Wire) - India signed a deal.")
    'India signed a deal.'
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    lines = [line for line in lines if not _TRAILERS.match(line)]
    for index, line in enumerate(lines):
        if line:
            lines[index] = _DATELINE.sub("", line, count=1)  # only the first non-empty line
            break
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        joins = bool(current) and (line[0].islower() or current.endswith((",", "-")))
        if joins and (not _SENTENCE_END.search(current) or current.endswith(",")):
            current = f"{current} {line}"
        else:
            if current:
                paragraphs.append(current)
            current = line
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs)


def _read_meta(path: Path) -> dict[str, str]:
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MetadataError(f"{meta_path}: not valid JSON ({error}); fix or remove the sidecar") from error
    if not isinstance(meta, dict):
        raise MetadataError(f"{meta_path}: expected a JSON object with {sorted(META_FIELDS)}")
    checked: dict[str, str] = {}
    for key, value in meta.items():
        if key not in META_FIELDS:
            raise MetadataError(f"{meta_path}: unknown field {key!r}; allowed: {', '.join(sorted(META_FIELDS))}")
        if value is None:
            continue
        if not isinstance(value, str):
            raise MetadataError(f"{meta_path}: field {key!r} must be a string, not {type(value).__name__}")
        checked[key] = value
    published = checked.get("published")
    if published is not None and not _PUBLISHED.match(published):
        raise MetadataError(f"{meta_path}: published {published!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return checked


def article_from_text(
    text: str,
    *,
    id: str,
    title: str = "",
    published: str | None = None,
    source_url: str | None = None,
    outlet: str | None = None,
    path: str | None = None,
) -> Article:
    """Make an :class:`Article` from raw text; the text is cleaned here."""
    if published is not None and not _PUBLISHED.match(published):
        raise MetadataError(f"{id}: published {published!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    cleaned = clean_text(text)
    if not cleaned.strip():
        raise ArticleError(f"{path or id}: the article is empty; give a file that holds text")
    return Article(
        id=id,
        text=cleaned,
        title=title,
        published=published,
        source_url=source_url,
        outlet=outlet,
        path=path,
        content_hash=hashlib.sha256(cleaned.encode("utf-8")).hexdigest(),
    )


def read_article(path: str | Path) -> Article:
    """Read one plain-text article and its optional sidecar ``NAME.meta.json``."""
    path = Path(path)
    if not path.is_file():
        raise ArticleError(f"{path}: no such file; check the path")
    data = path.read_bytes()
    if b"\x00" in data:
        raise ArticleError(f"{path}: binary file (NUL bytes); give a plain-text article")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raw = data.decode("cp1252", errors="replace")
    meta = _read_meta(path)
    return article_from_text(
        raw,
        id=meta.get("id") or path.stem,
        title=meta.get("title", ""),
        published=meta.get("published"),
        source_url=meta.get("source_url"),
        outlet=meta.get("outlet"),
        path=str(path),
    )


def iter_article_paths(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files and folders (recursively, ``*.txt``) into article paths, sorted per folder."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                raise ArticleError(f"{path}: no *.txt articles in this folder")
            yield from found
        elif path.exists():
            yield path
        else:
            raise ArticleError(f"{path}: no such file or folder; check the path")


def read_articles(inputs: Iterable[str | Path]) -> list[Article]:
    """Read every article named by ``inputs``; ids must be unique."""
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for path in iter_article_paths(inputs):
        article = read_article(path)
        if article.id in seen:
            raise ArticleError(f"{path}: document id {article.id!r} is also used by {seen[article.id]}; rename one")
        seen[article.id] = str(path)
        articles.append(article)
    return articles
