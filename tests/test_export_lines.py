"""The RDF writers of kg.export on small hand-made N-Triples lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.export import _line_chunks, atomic_write, jsonld_from_lines, turtle_from_lines

TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LINES = sorted([
    f"<http://x/a> {TYPE} <http://x/T> .",
    '<http://x/a> <http://x/p> "b"@en .',
    '<http://x/a> <http://x/p> "a" .',
    "<http://x/a> <http://x/p> <http://x/a/b> .",
    '<http://x/a/b> <http://x/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .',
    "_:b <http://x/q> <http://x/a> .",
])


def test_jsonld_nodes_sorted_by_id_and_values_by_order() -> None:
    # "<http://x/a/b>" sorts before "<http://x/a>" as a line, but "http://x/a" before "http://x/a/b" as an @id
    assert jsonld_from_lines(LINES) == (
        '[\n'
        '{"@id": "_:b", "http://x/q": [{"@id": "http://x/a"}]},\n'
        '{"@id": "http://x/a", "@type": ["http://x/T"], "http://x/p": [{"@value": "a"}, '
        '{"@value": "b", "@language": "en"}, {"@id": "http://x/a/b"}]},\n'
        '{"@id": "http://x/a/b", "http://x/p": [{"@value": "1", "@type": "http://www.w3.org/2001/XMLSchema#integer"}]}\n'
        ']\n')


def test_jsonld_is_json_dumps_of_each_node() -> None:
    lines = sorted(['<http://x/a> <http://x/p> "é \\" \\\\ \\n" .', "<http://x/a> <http://x/p> <http://x/é> ."])
    text = jsonld_from_lines(lines)
    assert text == "[\n" + json.dumps(json.loads(text)[0], ensure_ascii=False) + "\n]\n"
    assert json.loads(text)[0]["http://x/p"][0] == {"@value": 'é " \\ \n'}


def test_jsonld_refuses_a_subject_whose_lines_are_apart() -> None:
    with pytest.raises(ValueError, match="not sorted"):
        jsonld_from_lines(["<http://x/a> <http://x/p> <http://x/b> .", "<http://x/c> <http://x/p> <http://x/b> .",
                           "<http://x/a> <http://x/p> <http://x/d> ."])


def test_turtle_takes_the_longest_namespace_whose_local_part_fits() -> None:
    prefixes = [("x", "http://x/"), ("xa", "http://x/a/"), ("other", "http://x/")]
    assert turtle_from_lines(LINES, prefixes) == (
        "@prefix x: <http://x/> .\n"
        "@prefix xa: <http://x/a/> .\n"
        "\n"
        'xa:b x:p "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
        "\n"
        "x:a a x:T ;\n"
        '    x:p "a" ,\n'
        '        "b"@en ,\n'
        "        xa:b .\n"
        "\n"
        "_:b x:q x:a .\n")
    assert turtle_from_lines([], prefixes) == "\n"


@pytest.mark.parametrize("count", [0, 1, 3, 7])
def test_line_chunks_are_the_joined_lines(tmp_path: Path, count: int) -> None:
    lines = [f"<http://x/{i}> <http://x/p> \"é\" ." for i in range(count)]
    assert "".join(_line_chunks(lines, 3)) == "\n".join(lines) + "\n"
    atomic_write(tmp_path / "graph.nt", _line_chunks(lines, 2))
    assert (tmp_path / "graph.nt").read_text(encoding="utf-8") == "\n".join(lines) + "\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]
