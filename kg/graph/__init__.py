"""The RDF side: vocabulary, the embedded store, reasoning, export, and the faults of the machine under it."""
