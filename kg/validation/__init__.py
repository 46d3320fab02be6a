"""SHACL validation of the documents and its reports for people and for tools."""
