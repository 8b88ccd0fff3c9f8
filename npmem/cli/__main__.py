"""``python -m npmem.cli``: the same as the ``npmem`` command."""

import sys

from npmem.cli import main

sys.exit(main())
