"""Where predictions come from: the extractor library (default) or any `text -> record` callable.

The library path runs the texts through one engine with the batch layer's workers (the same
pool `extractor extract` uses, forked from a process that has loaded the pipeline once). A
document that cannot be extracted yields an error record and the run goes on.
"""
from __future__ import annotations

import os
from typing import Callable, Iterable, Iterator

Record = dict
TextPredict = Callable[[str], Record]

def _error(exc: BaseException) -> Record:
    return {"error": {"code": type(exc).__name__, "message": str(exc)[:300]}}


def _safe(predict: TextPredict, text: str) -> Record:
    try:
        return predict(text)
    except Exception as exc:  # one bad document must not end the evaluation
        return _error(exc)


class Predictor:
    """Turns texts (or files) into CONTRACT records, in input order."""

    def __init__(self, predict: TextPredict, path_predict=None, many=None, records_predict=None):
        self.predict = predict
        self.path_predict = path_predict
        self.many = many    # texts -> records in order (several at once), when there is one
        # (path, wanted locators or None) -> the records of every document of one file
        self.records_predict = records_predict

    def texts(self, texts: Iterable[str]) -> Iterator[Record]:
        if self.many is not None:
            yield from self.many(list(texts))
            return
        for text in texts:
            yield _safe(self.predict, text)

    def path(self, path: str) -> Record | None:
        """A record for a file, or None when no file reader is available."""
        if self.path_predict is None:
            return None
        try:
            return self.path_predict(path)
        except Exception as exc:
            return _error(exc)

    def records(self, path: str, wanted: Iterable[str | None] | None = None) -> list[Record] | None:
        """The records of every document of a file (a CSV export holds hundreds), or only of
        those whose `document.source.record` locator is in `wanted`; None when no file reader
        is available. A file that cannot be read gives its one error record."""
        if self.records_predict is None:
            return None
        try:
            return list(self.records_predict(path, None if wanted is None else set(wanted)))
        except Exception as exc:
            return [_error(exc)]


def library_predictor(workers: int | None = None) -> Predictor:
    """The default: one `extractor.Extractor`, its texts run by the batch layer's workers.

    Every evaluation text is known to be eligibility criteria (LCT documents, Chia lines, single
    logical-form criteria), so the engine runs with `assume_eligibility`: a heading in the text
    still decides the side, and text without one is a list of `unspecified` criteria.
    """
    try:
        import extractor  # late: the evaluation package must import without the pipeline

        engine = extractor.Extractor(extractor.Options(assume_eligibility=True))
        path_engine = extractor.Extractor()

        def predict(text: str) -> Record:
            return engine.extract_text(text).to_dict()

        def predict_path(path: str) -> Record:
            return path_engine.extract(path).to_dict()

        def predict_records(path: str, wanted: set | None) -> list[Record]:
            # read every document (cheap), run the pipeline only on the wanted ones
            items = [item for item in path_engine.read(path)
                     if wanted is None or getattr(item, "record", None) in wanted]
            return path_engine.records_of(items)

        engine.warm_up()
    except Exception as exc:
        raise RuntimeError(f"the extractor pipeline could not be loaded: "
                           f"{type(exc).__name__}: {exc}") from exc
    if workers is None:
        workers = min(2, os.cpu_count() or 1)

    def many(texts: list[str]) -> Iterator[Record]:
        return engine.extract_texts(texts, workers=workers if len(texts) >= 8 else 1)

    return Predictor(predict, path_predict=predict_path, many=many,
                     records_predict=predict_records)


_LIBRARY: Predictor | None = None


def as_predictor(predict) -> Predictor:
    """A Predictor from a callable, a Predictor, or None (the library, loaded once per process)."""
    global _LIBRARY
    if predict is None:
        if _LIBRARY is None:
            _LIBRARY = library_predictor()
        return _LIBRARY
    if isinstance(predict, Predictor):
        return predict
    return Predictor(predict)
