"""Automated checks, the moderation queue, reports, appeals and the decision audit log."""
