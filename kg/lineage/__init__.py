"""Policy lineage between plans: shared indicators, instruments, copied clauses, citations, themes."""
