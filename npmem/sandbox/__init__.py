"""Grading that holds against hostile and broken submissions (see docs/security.md)."""
