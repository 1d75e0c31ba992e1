"""Questionnaires: read and validate form files, expressions, published versions."""
