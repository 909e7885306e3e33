"""Cleaning: HTML to text, page furniture removal, normalisation, language identification."""
