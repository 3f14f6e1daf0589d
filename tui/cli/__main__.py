"""``python -m tui.cli``: the same command line as the ``tinnhiem`` script."""

from tui.cli import main

raise SystemExit(main())
