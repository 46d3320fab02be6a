"""Loaders: document bytes -> text -> structured records -> RDF triples."""
