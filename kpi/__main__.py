import sys

from kpi.cli.main import main

sys.exit(main())
