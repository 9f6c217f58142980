"""pySHACL against ``ontology/shapes.ttl``: every build is checked and fails loudly."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from kg.errors import ValidationError

__all__ = ["ONTOLOGY_DIR", "shapes_graph", "ontology_graph", "validate", "check"]

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
_PACKAGED = Path(__file__).resolve().parents[1] / "ontology"


def _path(name: str) -> Path:
    for folder in (ONTOLOGY_DIR, _PACKAGED):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"ontology file {name} not found in {ONTOLOGY_DIR}")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(_path("shapes.ttl"))


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    return Graph().parse(_path("geokg.ttl"))


def validate(graph: Graph) -> tuple[bool, str]:
    """Run pySHACL; returns (conforms, report text)."""
    from pyshacl import validate as shacl

    conforms, _report, text = shacl(graph, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                    inference="none", advanced=True, allow_warnings=True)
    return bool(conforms), str(text)


def check(graph: Graph, *, where: str = "graph") -> None:
    """Raise :class:`~kg.errors.ValidationError` when ``graph`` does not conform."""
    conforms, text = validate(graph)
    if not conforms:
        first = next((line.strip() for line in text.splitlines() if "Message:" in line), "see the report")
        raise ValidationError(f"{where}: does not conform to ontology/shapes.ttl: {first}", report=text)
