"""The letters beyond the board complaint, each built from the answers already given.

- records.py: a request for your own records to the practice, clinic or hospital (HIPAA right of
  access; its facts and their hhs.gov sources in right_of_access.py);
- employer.py: a complaint to the clinic, agency, hospital, school or online platform;
- lawyer.py: a summary for a lawyer, with the state's civil law and time limit where known;
- police.py: a summary for the police, only where the state's law file says it is a crime;
- new_therapist.py: a short note for a new therapist.

Each module has an `..._applies(answers)` predicate (the documents page offers a letter only when
it applies) and a builder returning a `model.Document`, so both renderers draw it. What every
letter shares (the complaint's own parts, the sender, sources, the person's "before you send
this" page) is in letter.py. Words go through gettext in the `letters` domain; a letter to a third
party is built in English unless the caller asks for another language.
"""
