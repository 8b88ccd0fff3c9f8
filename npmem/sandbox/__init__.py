"""Grading that holds against hostile and broken submissions (see README, "Grading security")."""
