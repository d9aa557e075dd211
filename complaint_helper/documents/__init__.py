"""The complaint document: complaint.py builds the model; pdf.py renders it with reportlab."""
