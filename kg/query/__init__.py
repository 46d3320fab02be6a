"""Reading the store: the SPARQL query library, ad-hoc queries' results, per-document summaries."""
