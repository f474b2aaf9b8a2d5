"""One spider per registry or price source (the agencies and remittance issues add them)."""
