"""``python -m otsmaterials``: the command line."""

import sys

from otsmaterials.cli import main

if __name__ == "__main__":
    sys.exit(main())
