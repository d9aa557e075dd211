"""Licensing-board directory: data files, schema, loader, routing and citations."""
