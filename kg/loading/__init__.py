"""Loading documents into the store: finding files, bounding each input, reporting per document."""
