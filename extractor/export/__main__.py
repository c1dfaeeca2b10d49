"""`python -m extractor.export export fhir|circe ...` / `python -m extractor.export table ...`."""
import sys

from .cli import main

sys.exit(main())
