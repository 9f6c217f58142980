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


def test_dateline_under_a_headline_and_byline_is_found_and_removed() -> None:
    from kg.ingest import dateline_place

    raw = ("Chile and Japan agree copper offtake as Tokyo hedges\n\nBy Ana Ruiz | Pacific Ledger\n\n"
           "SANTIAGO, March 3 (Pacific Ledger) - Chile signed a copper offtake deal with Japan on Monday.\n")
    assert dateline_place(raw) == "Santiago"
    assert clean_text(raw).splitlines() == ["Chile and Japan agree copper offtake as Tokyo hedges",
                                            "By Ana Ruiz | Pacific Ledger",
                                            "Chile signed a copper offtake deal with Japan on Monday."]
    accented = "Brazil courts rare earth money\n\nSÃO PAULO (Valor) - Brazil said on Monday it would act."
    assert dateline_place(accented) == "São Paulo"
    assert dateline_place("Bolivia courts lithium buyers\nLA PAZ - Bolivia said it would sell.") == "La Paz"


def test_no_dateline_is_taken_from_body_text_or_a_late_colon() -> None:
    from kg.ingest import dateline_place

    # the body started (a line ending like a sentence) before the capitals: not a dateline
    assert dateline_place("Peru moves on copper.\n\nLIMA - Peru said it would tax exports.") == ""
    # "Analysis: ..." below a headline is a kicker, not a "New Delhi: " dateline
    assert dateline_place("Seabed metals become a great-power question\n\nAnalysis: The nodules matter.") == ""
    assert clean_text("Headline here\n\nAnalysis: The nodules matter.").endswith("Analysis: The nodules matter.")


def test_capitals_dateline_with_a_colon_under_a_byline_but_not_a_slug() -> None:
    from kg.ingest import dateline_place

    text = "Dhaka opens gas fields to bidders\n\nBy Our Staff Reporter\n\nDHAKA: Bangladesh will auction blocks."
    assert dateline_place(text) == "Dhaka"
    assert clean_text(text).endswith("\nBangladesh will auction blocks.")
    slug = "BREAKING: Peru halts copper shipments\n\nLIMA, June 3 (Andes Wire) - Peru halted shipments."
    assert dateline_place(slug) == "Lima"


def test_wire_slugs_and_end_marks_are_not_text() -> None:
    assert clean_text("EXCLUSIVE-Rio Tinto weighs Guinea exit -sources\n\nRio Tinto said.").startswith("Rio Tinto weighs")
    assert clean_text("(LEAD) Japan, Peru sign pact\n\nJapan signed.\n\n(END)") == "Japan, Peru sign pact\nJapan signed."
    assert clean_text("ANALYSIS | Chile bets on lithium\n\nChile bet.").startswith("Chile bets")
    assert clean_text("US-China talks resume\n\nTalks resumed.").startswith("US-China talks")
