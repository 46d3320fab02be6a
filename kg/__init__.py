"""plankg: a provenance-exact RDF knowledge graph of Chinese government development plans."""

__version__ = "0.1.0"
