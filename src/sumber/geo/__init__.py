"""Gazetteer: build, cache and lookup of place names (see gazetteer.py)."""
