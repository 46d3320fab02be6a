"""Package data: the project's shapes files, read through importlib.resources."""
