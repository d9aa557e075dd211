"""The encrypted case vault: crypto.py (only importer of cryptography), store.py (only code touching
disk).
"""
