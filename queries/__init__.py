"""Package data: the project's queries files, read through importlib.resources."""
