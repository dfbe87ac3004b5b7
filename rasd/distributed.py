"""Extraction on a Dask cluster (``rasd ingest INPUT --dask local`` or ``--dask tcp://HOST:8786``).

The per-document stages (prepare, recognize, events) are mapped over the cluster's workers in chunks
through Dask's own ``concurrent.futures`` executor (``Client.get_executor``); the outcomes come back
to this process in input order, where they are linked and stored one batch at a time, exactly as in
a local run (``rasd.pipeline.run_batch``, ``rasd.store.ingest_items``). The workers need rasd
installed (the same version); they read no files and reach no database. See docs/scale.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import Any


class DaskUnavailable(RuntimeError):
    """Dask (``distributed``) is not installed, or the scheduler cannot be reached."""


@contextmanager
def dask_executor(address: str, workers: int | None = None) -> Iterator[Executor]:
    """An executor over a Dask cluster: ``local`` starts a LocalCluster of ``workers`` single-threaded
    processes (default: one per CPU) for the duration of the block; any other value is a scheduler
    address (``tcp://HOST:8786``). The cluster, when started here, is shut down on leaving."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:  # pragma: no cover - depends on the installation
        raise DaskUnavailable("Dask is not installed: pip install 'rasd[dask]'") from e
    cluster: Any = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(address, timeout="30s")
    except OSError as e:
        if cluster is not None:
            cluster.close()
        raise DaskUnavailable(f"cannot reach the Dask scheduler at {address}: {e}") from e
    try:
        client.run(_warm)  # each worker loads the lexicons once, before the first chunk
        ex = client.get_executor(pure=False)
        ex.n_workers = max(1, len(client.scheduler_info().get("workers", {})))  # type: ignore[attr-defined]
        yield ex
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _warm() -> None:
    from rasd.resources import resources

    resources()
