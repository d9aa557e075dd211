"""The complaint document: complaint.py builds a model, pdf.py (only importer of reportlab) renders it."""
