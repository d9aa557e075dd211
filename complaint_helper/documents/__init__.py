"""The documents that leave the computer, built from the answers and rendered to PDF.

- model.py: blocks, sections and the generic `Document` every download is built as.
- redaction.py: `AnswerReader`, the only way a builder reads the person's answers (it knows the
  variant, so a redacted copy cannot leak a field added later) and what the complainant blocks
  show.
- complaint.py: the cover letter(s) and the complaint statement; filing_guide.py: "How to file".
- downloads.py: answers → routing → citations → document; the kind table (every document the
  person can download, with what the documents page says about it).
- exhibits.py: exhibit numbering and the exhibit bundle.
- pdf.py and docx.py: the two renderers of the one model (the only reportlab and python-docx
  importers).
"""
