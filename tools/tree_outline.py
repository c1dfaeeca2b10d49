#!/usr/bin/env python3
"""Print the structure outline of a document as a golden file body, for review before committing.

usage: tools/tree_outline.py INPUT NAME   (NAME as written in the golden's "input", e.g. seeds/000_x.txt)
"""
import json
import sys

from extractor.analysis import NoAnalysis
from extractor.api import Extractor
from tools.outline import outline


def main() -> int:
    path, name = sys.argv[1], sys.argv[2]
    rec = Extractor(analyzer=NoAnalysis()).records(path)[0]
    print(json.dumps({"input": name, **outline(rec)}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
