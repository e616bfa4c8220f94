"""``python -m autograd_tiny.cli``: the ``autograd-tiny`` command without the installed script."""

import sys

from autograd_tiny.cli.main import main

sys.exit(main())
