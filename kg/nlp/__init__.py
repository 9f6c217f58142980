"""The spaCy side of geokg: pipeline, registered components and their data files."""
