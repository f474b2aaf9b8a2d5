"""Money transfer providers, corridors, quotes, reference rates and the cost comparison."""
