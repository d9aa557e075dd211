"""`python -m complaint_helper` — the same as the `complaint-helper` command."""

from complaint_helper.cli import main

raise SystemExit(main())
