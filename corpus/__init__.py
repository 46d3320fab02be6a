"""Package data: the project's corpus files, read through importlib.resources."""
