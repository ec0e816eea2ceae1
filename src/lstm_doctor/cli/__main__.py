"""``python -m lstm_doctor.cli``: the same as the ``lstm-doctor`` command."""

import sys

from lstm_doctor.cli import main

sys.exit(main())
