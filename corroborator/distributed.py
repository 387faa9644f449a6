"""Parse and extract on a Dask cluster: ``build --engine dask [--scheduler ADDRESS]``.

``analyse_dask`` is a drop-in for ``nlp.analyse.analyse``: the cleaned reports are
cut into chunks in order, each chunk is analysed on a worker by
``analyse`` itself (so both engines run the same code), and the
chunks' results are joined back in report order. The record is therefore
identical to the single-process build.

Each worker loads the spaCy model once: ``make_nlp`` is cached per process,
and a worker plugin loads it as the worker starts, so that no task waits for
it. Workers run one report chunk at a time with ``n_process=1`` (a Dask worker
process may not start processes of its own); the cluster is the parallelism.

Ingest and cleaning stay on the client: cleaning learns boilerplate across the
whole batch, and the client is where the input files are. Only text travels to
the workers, so they need corroborator and its model installed, not the files.

Without a scheduler address a ``LocalCluster`` of ``LOCAL_WORKERS`` processes is
started for the build and closed after it. Needs the ``dask`` extra::

    pip install 'corroborator[dask]'
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from .errors import ConfigError
from .models import CleanDoc
from .nlp.analyse import Analysed, Progress, analyse
from .settings import Settings

try:  # an optional extra: `pipeline.build` imports this module only for engine="dask"
    from distributed import Client, LocalCluster, as_completed
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ConfigError("the dask engine needs Dask: pip install 'corroborator[dask]'") from exc

__all__ = ["LOCAL_WORKERS", "analyse_dask"]

LOCAL_WORKERS = 2  # a local cluster: one single-threaded worker process per core here
CHUNKS_PER_WORKER = 4  # enough chunks to balance uneven reports, few enough to batch well
MAX_CHUNK = 64  # reports per task: bounds what a lost worker has to redo
CONNECT_TIMEOUT = "30s"  # to reach a scheduler given by address
# The local scheduler's status page: loopback only, on a free port (8787 may be taken).
LOCAL_HTTP = "127.0.0.1:0"


def analyse_dask(cleaned: Sequence[CleanDoc], settings: Settings, *, scheduler: str | None,
                 progress: Progress | None = None) -> Analysed:
    """What ``analyse(cleaned, settings)`` returns, computed on Dask workers.

    ``scheduler`` is the address of a running scheduler ("tcp://host:8786");
    None starts a local cluster for this call.
    """
    if not cleaned:
        return Analysed()
    with _client(scheduler) as client:
        workers = max(1, len(client.scheduler_info()["workers"]))
        client.register_plugin(LoadModel(settings.spacy_model), name="corroborator-load-model")
        chunks = _chunks(cleaned, workers)
        worker_settings = replace(settings, n_process=1)
        futures = {client.submit(_analyse_chunk, chunk, worker_settings, pure=False): k
                   for k, chunk in enumerate(chunks)}
        results: list[Analysed | None] = [None] * len(chunks)
        done = 0
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            k = futures[future]
            results[k] = future.result()
            for _ in chunks[k]:  # one call per report, as analyse makes
                done += 1
                if progress:
                    progress(done, len(cleaned))
    return Analysed.join([r for r in results if r is not None])


def _analyse_chunk(chunk: Sequence[CleanDoc], settings: Settings) -> Analysed:
    """Runs on a worker: the single-process analysis of one chunk."""
    return analyse(chunk, settings)


def _chunks(cleaned: Sequence[CleanDoc], workers: int) -> list[Sequence[CleanDoc]]:
    size = max(1, min(MAX_CHUNK, math.ceil(len(cleaned) / (workers * CHUNKS_PER_WORKER))))
    return [cleaned[k : k + size] for k in range(0, len(cleaned), size)]


class LoadModel(WorkerPlugin):
    """A worker plugin: load the spaCy model as each worker starts (once per process)."""

    idempotent = True  # registering it again (a second build on one cluster) is a no-op

    def __init__(self, model: str) -> None:
        self.model = model

    def setup(self, worker: object) -> None:
        from .nlp import make_nlp

        make_nlp(self.model)


@contextmanager
def _client(scheduler: str | None) -> Iterator[Any]:
    """A client of the given scheduler, or of a local cluster started (and closed) here."""
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); "
                              "start one with `dask scheduler` or drop --scheduler") from exc
        with client:
            yield client
        return
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=LOCAL_WORKERS, threads_per_worker=1, processes=True, dashboard_address=LOCAL_HTTP)
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client
