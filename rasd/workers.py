"""Set-up of the extraction worker processes (``--workers``): each loads the language resources
once, leaves Ctrl+C to its parent (which stops the batch cleanly), and dies with its parent: a
watchdog thread ends the worker as soon as the process that started it is gone, even after a
``kill -9`` that gave the parent no chance to stop its pool."""

from __future__ import annotations

import os
import signal
import threading
import time

WATCH_SECONDS = 0.5


def _watch(parent: int) -> None:
    while True:
        time.sleep(WATCH_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def worker_init() -> None:
    """The initializer of a worker process."""
    from rasd.resources import resources

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()
    threading.Thread(target=_watch, args=(parent,), name="rasd-parent-watch", daemon=True).start()
    resources()
