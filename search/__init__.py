"""One search over agencies, guides, providers and support organisations: Elasticsearch or the database."""
