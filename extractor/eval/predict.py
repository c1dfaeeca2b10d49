"""Where predictions come from: the extractor library (default) or any `text -> record` callable.

The library path loads the pipeline once in this process, then forks worker processes that
inherit it (measured: a fork pool returning plain dicts gives ~2x on two cores; spaCy's own
n_process does not). A document that raises yields an error record and the run goes on.
"""
from __future__ import annotations

import multiprocessing as mp
import os
from typing import Callable, Iterable, Iterator

Record = dict
TextPredict = Callable[[str], Record]

_WORKER_PREDICT: TextPredict | None = None


def _error(exc: BaseException) -> Record:
    return {"error": {"code": type(exc).__name__, "message": str(exc)[:300]}}


def _safe(predict: TextPredict, text: str) -> Record:
    try:
        return predict(text)
    except Exception as exc:  # one bad document must not end the evaluation
        return _error(exc)


def _worker(text: str) -> Record:
    assert _WORKER_PREDICT is not None
    return _safe(_WORKER_PREDICT, text)


class Predictor:
    """Turns texts (or files) into CONTRACT records, in input order."""

    def __init__(self, predict: TextPredict, workers: int = 1, path_predict=None):
        self.predict = predict
        self.workers = max(1, workers)
        self.path_predict = path_predict

    def texts(self, texts: Iterable[str]) -> Iterator[Record]:
        texts = list(texts)
        if self.workers == 1 or len(texts) < 8 or "fork" not in mp.get_all_start_methods():
            for text in texts:
                yield _safe(self.predict, text)
            return
        global _WORKER_PREDICT
        _WORKER_PREDICT = self.predict
        ctx = mp.get_context("fork")
        with ctx.Pool(self.workers) as pool:
            yield from pool.imap(_worker, texts, chunksize=4)

    def path(self, path: str) -> Record | None:
        """A record for a file, or None when no file reader is available."""
        if self.path_predict is None:
            return None
        try:
            return self.path_predict(path)
        except Exception as exc:
            return _error(exc)


def library_predictor(workers: int | None = None) -> Predictor:
    """The default: one `extractor.Extractor`, pipeline warmed before forking.

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

        predict("Inclusion Criteria:\n- Age >= 18 years\n")  # load models before forking
    except Exception as exc:
        raise RuntimeError(f"the extractor pipeline could not be loaded: "
                           f"{type(exc).__name__}: {exc}") from exc
    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    return Predictor(predict, workers=workers, path_predict=predict_path)


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
