"""Properties, not only examples: any text builds or fails with our error type, and every build
gives RDF that parses, a graph that conforms to the shapes and GraphML that validates."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

import kg
from kg.export import graphml_view
from kg.rdf.validate import validate

from conftest import SHARED

ACTORS = ["Chile", "Beijing", "the United States", "Indian officials", "Foreign Minister Ana Ruiz", "Glencore Plc",
          "USA Rare Earth", "Moscow", "the Kremlin", "Australia's Resources Minister Tom Keating", "It", "The two leaders"]
VERBS = ["attended", "will attend", "was not invited to", "declined to attend", "hosted", "is set to host",
         "signed a $2 billion lithium deal with", "restricted exports of", "holds large reserves of",
         "proposed a partnership with", "wants to reduce its dependence on", "met", "did not sign", "invested €1.2bn in"]
OBJECTS = ["the Lima Minerals Summit", "cobalt", "rare earths", "Japan", "the deal", "the meet", "Canberra",
           "Albemarle Corp", "graphite", "the summit in Riyadh next month", "Germany on Monday"]

sentence = st.builds(lambda a, v, o: f"{a} {v} {o}.", st.sampled_from(ACTORS), st.sampled_from(VERBS),
                     st.sampled_from(OBJECTS))
newsy = st.lists(sentence, min_size=1, max_size=6).map(" ".join)
anything = st.text(min_size=0, max_size=400)

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def graphml_schema():
    etree = pytest.importorskip("lxml.etree")
    xsd = SHARED / "schemas" / "graphml-1.0" / "graphml.xsd"
    if not xsd.is_file():
        pytest.skip(f"{xsd} missing")
    return etree, etree.XMLSchema(etree.parse(str(xsd)))


def check_build(text: str) -> None:
    try:
        result = kg.build_text(text, id="prop", published="2026-03-10")
    except kg.KGError:
        return  # a clear refusal is a correct outcome
    data = result.graph.serialize(format="nt")
    assert len(Graph().parse(data=data, format="nt")) == len(result.graph)
    conforms, report = validate(result.graph)
    assert conforms, report
    import networkx as nx

    etree, schema = graphml_schema()
    document = etree.fromstring("\n".join(nx.generate_graphml(graphml_view(result.entities, result.facts))).encode())
    assert schema.validate(document), schema.error_log


@SETTINGS
@given(anything)
def test_properties_any_text_builds_or_fails_cleanly(text: str) -> None:
    check_build(text)


@SETTINGS
@given(newsy)
def test_properties_news_like_text_gives_valid_rdf_shacl_and_graphml(text: str) -> None:
    check_build(text)
