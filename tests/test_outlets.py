"""A news outlet named in its own article (dateline, byline) is an organisation, not a person."""

from kg.extract import extract
from kg.ingest import article_from_text
from kg.nlp.pipeline import make_nlp


def types_of(text: str, outlet: str | None = None) -> dict[str, str]:
    article = article_from_text(text, id="t", published="2026-05-04", outlet=outlet)
    return {m.text: m.type for m in extract(make_nlp()(article.text), article).mentions}


def test_an_outlet_by_its_media_word_is_an_organisation() -> None:
    found = types_of("Gaborone diamonds\n\nBy Kagiso Molefe | Kalahari Wire\n\nBotswana plans to restrict exports "
                     "of rough diamonds, the Kalahari Wire reported on Monday, citing Mineral Resources Minister "
                     "Bogolo Kenewendo.")
    assert found.get("Kalahari Wire") == "Organization"


def test_the_article_s_outlet_by_its_metadata_is_an_organisation() -> None:
    text = ("Copper talks stall\n\nBy Ana Duarte, Andes Horizon\n\nPeru and Chile failed to agree on a copper "
            "corridor on Friday, Andes Horizon has learned.")
    found = types_of(text, outlet="Andes Horizon Weekly")
    assert found.get("Andes Horizon", "Organization") == "Organization"
    assert "Person" not in {found.get(name) for name in ("Andes Horizon", "Andes Horizon Weekly")}


def test_the_first_word_of_an_outlet_is_not_an_organisation_alone() -> None:
    # "Sahel" is no company for being the first word of "Sahel Presse"; "Lagos" no more for the
    # outlet "Lagos Business Journal"
    found = types_of("Translated from Arabic. NOUAKCHOTT, 3 May (Sahel Presse) – Mauritania said on Tuesday that the "
                     "Sahel governments would meet in Nouakchott to discuss the Sahel iron ore corridor.",
                     outlet="Sahel Presse")
    assert found.get("Sahel Presse") == "Organization"
    assert found.get("Sahel") != "Organization"
    found = types_of("Nigeria banned exports of raw lithium ore through the Lagos ports, the minister said.",
                     outlet="Lagos Business Journal")
    assert found.get("Lagos") != "Organization"
