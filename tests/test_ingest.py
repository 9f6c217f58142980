import json

import pytest

from kg.errors import ArticleError, MetadataError
from kg.ingest import clean_text, read_article, read_articles


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Army Chief Asim Munir personally\npresented a box.", "Army Chief Asim Munir personally presented a box."),
        ("A headline without a stop\nThe story starts here.", "A headline without a stop\nThe story starts here."),
        ("First paragraph.\n\n\nSecond paragraph.", "First paragraph.\nSecond paragraph."),
        ("Text.\nEnd of Article", "Text."),
        ("\ufeffWindows\r\nline ends,\r\ncontinued.", "Windows line ends, continued."),
        ("Islamabad also floated\npotential partnerships.", "Islamabad also floated potential partnerships."),
    ],
)
def test_ingest_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_ingest_reads_sidecar_and_keeps_precision(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Pakistan was not invited.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"title": "T", "published": "2026-02"}), encoding="utf-8")
    article = read_article(tmp_path / "a.txt")
    assert (article.id, article.title, article.published) == ("a", "T", "2026-02")
    assert len(article.content_hash) == 64


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"published": "Feb 2026"}), "is not YYYY"),
        (json.dumps({"published": 2026}), "must be a string"),
        (json.dumps({"author": "x"}), "unknown field 'author'"),
        (json.dumps(["a"]), "expected a JSON object"),
    ],
)
def test_ingest_bad_sidecar_names_the_file(tmp_path, meta: str, message: str) -> None:
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(meta, encoding="utf-8")
    with pytest.raises(MetadataError, match=message) as error:
        read_article(tmp_path / "a.txt")
    assert "a.meta.json" in str(error.value)


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", b"abc\x00def"])
def test_ingest_rejects_empty_and_binary(tmp_path, content: bytes) -> None:
    (tmp_path / "a.txt").write_bytes(content)
    with pytest.raises(ArticleError, match="a.txt"):
        read_article(tmp_path / "a.txt")


def test_ingest_decodes_cp1252(tmp_path) -> None:
    (tmp_path / "a.txt").write_bytes("Pakistan\u2019s reserves \u2013 huge.".encode("cp1252"))
    assert read_article(tmp_path / "a.txt").text == "Pakistan\u2019s reserves \u2013 huge."


def test_ingest_missing_path_and_duplicate_ids(tmp_path) -> None:
    with pytest.raises(ArticleError, match="no such file"):
        read_articles([tmp_path / "nope.txt"])
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "y" / "a.txt").write_text("Two.", encoding="utf-8")
    with pytest.raises(ArticleError, match="document id 'a'"):
        read_articles([tmp_path])
