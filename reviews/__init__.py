"""Reviews of agencies by the workers they deployed, pseudonymous reviewers, contact verification and rating summaries."""
