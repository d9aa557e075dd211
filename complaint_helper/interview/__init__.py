"""The interview as plain Python (no Flask): the answer model, approximate dates, the step table."""
