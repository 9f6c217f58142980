"""Files and folders → :class:`~kg.records.Article` (text cleaned, sidecar metadata read)."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ArticleError, MetadataError
from kg.records import Article

__all__ = [
    "MAX_CHARACTERS",
    "InputProblem",
    "clean_text",
    "article_from_text",
    "read_article",
    "read_articles",
    "iter_articles",
    "iter_article_paths",
]

MAX_CHARACTERS = 1_000_000  # spaCy's own limit for one text
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".jsonl")

META_FIELDS = {"id": str, "title": str, "source_url": str, "published": str, "outlet": str}
_PUBLISHED = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
# Lines that close an article page rather than belong to it.
_TRAILERS = re.compile(
    r"^\s*(end of article|advertisement|story continues below.*|read more:.*|also read:.*"
    r"|subscribe to .*|click here .*|\(end\)|-+ ?end ?-+|more to follow\.?)\s*$",
    re.IGNORECASE,
)
# Wire slugs before a headline: "EXCLUSIVE-", "METALS-", "UPDATE 2-", "(LEAD) ", "ANALYSIS | ", "BREAKING: ".
_SLUG = re.compile(
    r"^(?:\((?:LEAD|URGENT|2ND LD|3RD LD|LD|AMENDED|CORRECTED)\)\s*"
    r"|(?:EXCLUSIVE|METALS|BASE METALS|PRECIOUS|UPDATE(?: \d+)?|REFILE|CORRECTED|ANALYSIS|INSIGHT|FACTBOX|EXPLAINER"
    r"|WRAPUP(?: \d+)?|COLUMN|BREAKINGVIEWS|GLOBAL MARKETS|MARKETS|BREAKING|FLASH|URGENT|OPINION|INTERVIEW)"
    r"(?:\s*[-|:]\s*|\s+[-–—|]\s+))(?=\S)"
)
# The dateline before the first sentence: "CANBERRA, Nov 18 (Meridian Wire) - ",
# "CATAMARCA (Argentina), 8 October (ANCS) – ", "RIYADH — ", "LA PAZ - ", "SÃO PAULO (Valor) - ",
# "New Delhi: ". It opens the first line, or the first line of body text under a headline and a
# byline (lines that do not end like a sentence); the "New Delhi: " form only on the first line,
# where a headline such as "Analysis: ..." could not be mistaken for it further down.
_UPPER = "A-ZÀ-ÖØ-Þ"
_DATELINE = re.compile(
    rf"^(?:[{_UPPER}][{_UPPER}.'\- ]{{1,40}}(?: \([^)]{{1,40}}\))?(?:, [{_UPPER}][A-Za-zÀ-ÿ.'\- ]{{1,30}})?,\s+"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})(?:,? \d{4})?"
    r"(?:\s*\([^)]{1,60}\))?\s*[-–—]+\s*"
    rf"|(?:[{_UPPER}][{_UPPER}.'\-]{{2,}}|[{_UPPER}]{{2}}(?= [{_UPPER}]))(?: [{_UPPER}][{_UPPER}.'\-]+)*"
    r"(?: \([^)]{1,40}\))?\s+[-–—]+\s+"
    # "COLOMBO: " under a byline (not a slug such as "BREAKING: ")
    r"|(?!(?:BREAKING|UPDATE|UPDATED|EXCLUSIVE|ANALYSIS|OPINION|EXPLAINER|WATCH|LIVE|FLASH|URGENT|CORRECTED|REFILE"
    r"|FACTBOX|INTERVIEW|EDITORIAL|COMMENT|FEATURE|SPECIAL REPORT|NEWS|VIDEO|PHOTOS|BRIEF|ALERT):)"
    rf"[{_UPPER}]{{2}}[{_UPPER}.'\-]+(?: [{_UPPER}][{_UPPER}.'\-]+)*:\s+(?=[A-Z])"
    r"|(?P<colon>[A-Z][a-z]+(?: [A-Z][a-z]+)?:\s+(?=[A-Z])))"
)
_HEAD_LINES = 6  # a headline, a standfirst, a byline, an outlet line ... before the body
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_SENTENCE_END = re.compile(r"[.!?:;\"'\u201d\u2019)\]]\s*$")


def _dateline(lines: list[str]) -> tuple[int, re.Match[str]] | None:
    """The line that opens with a dateline and the match: the first non-empty line, or a later one
    when every line before it is a headline or byline (none ends like a sentence)."""
    seen = 0
    for index, line in enumerate(lines):
        line = line.strip()
        if not line:
            continue
        match = _DATELINE.match(line)
        if match and (seen == 0 or not match.group("colon")):
            return index, match
        seen += 1
        if seen >= _HEAD_LINES or _SENTENCE_END.search(line):
            return None
    return None


def dateline_place(raw: str) -> str:
    """The place of a wire dateline ("NEW DELHI" of "NEW DELHI, Sept 13 (…) - "), else "".

    >>> dateline_place("CATAMARCA (Argentina), 8 October (ANCS) – The governor")
    'Catamarca'
    >>> dateline_place("Bolivia courts lithium money\\n\\nBy A. Writer | Andino\\n\\nLA PAZ - Bolivia's state")
    'La Paz'
    """
    found = _dateline(raw.replace("\r\n", "\n").lstrip("\ufeff").split("\n"))
    if found is None:
        return ""
    place = re.split(r"[,(:–—-]", found[1].group(0))[0].strip()
    return place.title() if place.isupper() else place


def clean_text(raw: str) -> str:
    """Normalise an article's raw text.

    A single line break inside a paragraph becomes a space (the next line starts in lower case, or
    the line ends with a comma or a hyphenated word), other line breaks end a paragraph, blank
    lines collapse, a wire dateline ("PERTH, Feb 20 (Outlet) - ") before the first sentence (under a
    headline and byline too) and
    trailers such as "End of Article" are dropped.

    >>> clean_text("Army Chief Asim Munir personally\\npresented a box.\\nEnd of Article")
    'Army Chief Asim Munir personally presented a box.'
    >>> clean_text("PERTH, Feb 20 (Southern Cross Wire) - India signed a deal.")
    'India signed a deal.'
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = _CONTROL.sub("", text)  # control characters are not text (and not allowed in XML)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    lines = [line for line in lines if not _TRAILERS.match(line)]
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is not None:
        lines[first] = _SLUG.sub("", lines[first], count=1)  # the slug is the desk's, not a name
    found = _dateline(lines)
    if found is not None:
        index, match = found
        lines[index] = lines[index][match.end():]
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


def _check_meta(meta: object, where: str) -> dict[str, str]:
    if not isinstance(meta, dict):
        raise MetadataError(f"{where}: expected a JSON object with {sorted(META_FIELDS)}")
    checked: dict[str, str] = {}
    for key, value in meta.items():
        if key not in META_FIELDS:
            raise MetadataError(f"{where}: unknown field {key!r}; allowed: {', '.join(sorted(META_FIELDS))}")
        if value is None:
            continue
        if not isinstance(value, str):
            raise MetadataError(f"{where}: field {key!r} must be a string, not {type(value).__name__}")
        checked[key] = value
    published = checked.get("published")
    if published is not None and not _PUBLISHED.match(published):
        raise MetadataError(f"{where}: published {published!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return checked


def _read_meta(path: Path) -> dict[str, str]:
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MetadataError(f"{meta_path}: not valid JSON ({error}); fix or remove the sidecar") from error
    return _check_meta(meta, str(meta_path))


# English function words: a text with hardly any of them is not an English article.
_ENGLISH = frozenset(
    "the of and to in a is that for on with as by was it at from has are be have said will its "
    "this an which were not but their had been or after over also more than would".split()
)


def _looks_english(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text.casefold())
    if len(words) < 20:
        return True  # too short to tell
    return sum(word in _ENGLISH for word in words) / len(words) >= 0.08


def article_from_text(
    text: str,
    *,
    id: str,
    title: str = "",
    published: str | None = None,
    source_url: str | None = None,
    outlet: str | None = None,
    path: str | None = None,
    encoding: str = "utf-8",
) -> Article:
    """Make an :class:`Article` from raw text; the text is cleaned here and checked."""
    where = path or id
    if published is not None and not _PUBLISHED.match(published):
        raise MetadataError(f"{where}: published {published!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if "\x00" in text:
        raise ArticleError(f"{where}: binary content (NUL characters); give a plain-text article")
    if _is_html(text):
        text = _html_to_text(text, where)
    cleaned = clean_text(text)
    if not cleaned.strip():
        raise ArticleError(f"{where}: the article is empty; give a file that holds text")
    if len(cleaned) > MAX_CHARACTERS:
        raise ArticleError(f"{where}: too long ({len(cleaned):,} characters; the limit is {MAX_CHARACTERS:,}): "
                           "split it into separate articles")
    if not _looks_english(cleaned):
        raise ArticleError(f"{where}: does not look like English; geokg reads English articles (translate it first)")
    return Article(
        id=id,
        dateline=dateline_place(text),
        text=cleaned,
        title=title,
        published=published,
        source_url=source_url,
        outlet=outlet,
        path=path,
        content_hash=hashlib.sha256(cleaned.encode("utf-8")).hexdigest(),
        encoding=encoding,
    )


def _is_html(text: str) -> bool:
    start = text.lstrip()[:512].casefold()
    return start.startswith(("<!doctype html", "<html")) or ("<body" in start and "</" in text)


def _html_to_text(html: str, where: str) -> str:
    """The article text of an HTML page, by trafilatura (boilerplate, menus and footers removed)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise ArticleError(f"{where}: no article text found in this HTML page; save the article as text")
    return str(text)


def _decode(data: bytes, where: str) -> tuple[str, str]:
    """UTF-8 (with or without BOM), else the legacy encodings news sites use; NUL bytes are binary."""
    if b"\x00" in data:
        raise ArticleError(f"{where}: binary file (NUL bytes); give a plain-text article")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ArticleError(f"{where}: cannot decode the text; save it as UTF-8")  # pragma: no cover - latin-1 always decodes


def read_article(path: str | Path) -> Article:
    """Read one article file (text or HTML) and its optional sidecar ``NAME.meta.json``."""
    path = Path(path)
    if not path.is_file():
        raise ArticleError(f"{path}: no such file; check the path")
    try:
        size = path.stat().st_size
        if size > 4 * MAX_CHARACTERS:
            raise ArticleError(f"{path}: too large ({size / 1e6:.1f} MB; an article may have at most "
                               f"{MAX_CHARACTERS:,} characters): split it into separate articles")
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{path}: cannot read it ({error.strerror}); check its permissions") from None
    raw, encoding = _decode(data, str(path))
    meta = _read_meta(path)
    if path.suffix.casefold() in {".html", ".htm"}:
        raw = _html_to_text(raw, str(path))
    return article_from_text(
        raw,
        id=meta.get("id") or path.stem,
        title=meta.get("title", ""),
        published=meta.get("published"),
        source_url=meta.get("source_url"),
        outlet=meta.get("outlet"),
        path=str(path),
        encoding=encoding,
    )


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be read: where (file, or file:line) and what to do."""

    where: str
    message: str

    def __str__(self) -> str:
        return self.message


def _read_jsonl(path: Path, stream: Iterable[str] | None = None) -> Iterator[Article | InputProblem]:
    """One article a line: ``{"text": ..., "id": ..., "title": ..., "published": ..., ...}``."""
    try:
        lines = stream if stream is not None else path.open(encoding="utf-8-sig", errors="replace")
    except OSError as error:
        yield InputProblem(str(path), f"{path}: cannot read it ({error.strerror}); check its permissions")
        return
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise MetadataError(f"{where}: each line must be a JSON object with a \"text\" string")
            text = row.pop("text")
            meta = _check_meta(row, where)
            yield article_from_text(text, id=meta.get("id") or f"{path.stem}-{number}", title=meta.get("title", ""),
                                    published=meta.get("published"), source_url=meta.get("source_url"),
                                    outlet=meta.get("outlet"), path=where)
        except json.JSONDecodeError as error:
            yield InputProblem(where, f"{where}: not JSON ({error.msg}); fix or remove this line")
        except ArticleError as error:
            yield InputProblem(where, str(error))


def iter_article_paths(inputs: Iterable[str | Path]) -> Iterator[Path | InputProblem]:
    """Expand files, folders (recursively), glob patterns and ``-`` (stdin) into article sources."""
    for item in inputs:
        text = str(item)
        path = Path(item)
        if text == "-":
            yield Path("-")
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.casefold() in ARTICLE_SUFFIXES
                           and not p.name.endswith((".meta.json", ".gold.json")))
            if not found:
                yield InputProblem(text, f"{path}: no articles in this folder (*.txt, *.html, *.jsonl)")
            yield from found
        elif path.exists():
            yield path
        elif any(char in text for char in "*?["):
            matches = sorted(Path(p) for p in glob.glob(text, recursive=True) if os.path.isfile(p))
            if not matches:
                yield InputProblem(text, f"{text}: the pattern matches no file")
            yield from matches
        else:
            yield InputProblem(text, f"{path}: no such file or folder; check the path")


def iter_articles(inputs: Iterable[str | Path]) -> Iterator[Article | InputProblem]:
    """Every article the inputs name, in order, with a problem in place of each one that fails;
    a document id used twice is a problem for the second."""
    seen: dict[str, str] = {}
    for source in iter_article_paths(inputs):
        if isinstance(source, InputProblem):
            yield source
            continue
        if str(source) == "-":
            found: Iterable[Article | InputProblem] = _read_stdin()
        elif source.suffix.casefold() == ".jsonl":
            found = _read_jsonl(source)
        else:
            try:
                found = [read_article(source)]
            except ArticleError as error:
                found = [InputProblem(str(source), str(error))]
        for item in found:
            if isinstance(item, Article):
                if item.id in seen:
                    where = item.path or item.id
                    item = InputProblem(where, f"{where}: document id {item.id!r} is also used by {seen[item.id]}; "
                                               "rename one or set a distinct \"id\"")
                else:
                    seen[item.id] = item.path or item.id
            yield item


def _read_stdin() -> Iterator[Article | InputProblem]:
    data = sys.stdin.buffer.read()
    text, encoding = _decode(data, "<stdin>")
    if text.lstrip().startswith("{"):
        yield from _read_jsonl(Path("stdin"), text.splitlines())
        return
    try:
        yield article_from_text(text, id="stdin", path="<stdin>", encoding=encoding)
    except ArticleError as error:
        yield InputProblem("<stdin>", str(error))


def read_articles(inputs: Iterable[str | Path]) -> list[Article]:
    """Every article the inputs name; raise :class:`ArticleError` on the first problem."""
    articles = []
    for item in iter_articles(inputs):
        if isinstance(item, InputProblem):
            raise ArticleError(item.message)
        articles.append(item)
    return articles
