"""`make bench`: measured speed and memory for the work people actually do (issue #6).

`bench/run.py` is the entry point. The package holds its parts: `measure` (timing, statistics,
the figure record), `large_case` (the synthetic large case, deterministic), `browser` (a Flask
test client that behaves like the person's browser), `figures` (one function per figure).
"""
