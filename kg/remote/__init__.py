"""Other SPARQL servers: serving the store, pushing it to a remote one, keeping credentials out of output."""
