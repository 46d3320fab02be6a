"""Package data: the project's ontology files, read through importlib.resources."""
