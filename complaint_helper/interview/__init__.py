"""The interview as plain Python (no Flask).

- model.py: the answers (`Answers`, `TimelineEvent`, `EvidenceItem`, `PersonWhoKnows`);
- dates.py: approximate dates (`ApproxDate`);
- steps.py: the declarative step table every page, the review and the document read;
- flow.py: which steps show (branches), next/previous, progress and completeness;
- validation.py: posted form data → values and plain-sentence errors;
- review.py: the "Check your answers" rows;
- repository.py: `Answers` ↔ encrypted records through the `RecordStore` protocol;
- evidence_files.py: which uploaded files are accepted as evidence.
"""
