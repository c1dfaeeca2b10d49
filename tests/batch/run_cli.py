"""`python tests/batch/run_cli.py ENGINE ARGS...`: the extract command with a chosen engine
(`null`, `slow` (null, 20 ms a document) or `real`), for tests that need the command in a
separate process they can kill."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from extractor import cli  # noqa: E402
from tests.batch import engine  # noqa: E402

if __name__ == "__main__":
    make = {"null": engine.null_engine, "slow": engine.slow_engine,
            "real": engine.real_or_null_engine}[sys.argv[1]]
    sys.exit(cli.main(sys.argv[2:], make_engine=make))
