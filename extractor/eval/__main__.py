import sys

from .cli import main_eval

sys.exit(main_eval())
