import pytest

from extractor.nlp import Analyzer


@pytest.fixture(scope="session")
def analyzer():
    return Analyzer()
