"""The Ray engine of `batch`: a pool of actors, each holding one loaded index.

Ray is an optional extra (`pip install 'verifier[ray]'`); this module is imported only when a run
asks for it. Without an address, Ray starts on this machine for the run (on 127.0.0.1, no
dashboard, worker logs kept off the terminal, its files in a temporary folder removed afterwards)
and stops with it; with
an address (`ray://head:10001`, or `auto`) the run joins that cluster and leaves it running. An
already initialised Ray (a test session, a notebook) is used as it is.

On a cluster each node needs verifier installed, and the ledger at the same path (a shared file
system): an actor loads it with `Checker.for_root`, as the driver does. The documents travel with
the tasks, so they need only be readable by the driver.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import warnings
from collections import Counter
from pathlib import Path

from verifier.archive.batch import IN_FLIGHT_PER_WORKER, DocResult, DocumentWorker, bounded
from verifier.errors import UsageError, VerifierError
from verifier.models import Tolerance


def import_ray():
    """Ray, or the one-line error that names the extra to install."""
    try:
        import ray
    except ImportError:
        raise UsageError(
            "--engine ray needs Ray, an optional extra: pip install 'verifier[ray]'", code="no-ray"
        ) from None
    return ray


class RayPool:
    """`workers` actors (default: one per CPU of the cluster), fed with at most two documents each."""

    def __init__(self, root: Path, tolerance: Tolerance, workers: int | None, address: str | None):
        self.ray = ray = import_ray()
        self._temp: str | None = None
        self._owned = not ray.is_initialized()
        if self._owned:
            self._start(workers, address)
        try:
            cpus = int(ray.cluster_resources().get("CPU", 0))
            workers = workers or max(1, cpus)
            if workers > cpus:
                raise UsageError(f"--workers {workers}: the Ray cluster has {cpus} CPUs")
            # one CPU each, so that Ray spreads the actors over the nodes instead of packing them
            actor = ray.remote(num_cpus=1)(DocumentWorker)
            self.actors = [actor.remote(str(root), tolerance, os.getcwd()) for _ in range(workers)]
        except BaseException:
            self.close()
            raise
        self.load: Counter = Counter()
        self.owner: dict = {}

    def _start(self, workers: int | None, address: str | None) -> None:
        ray = self.ray
        try:
            if address:
                with warnings.catch_warnings():  # a refused connection is said once, in our error line
                    warnings.simplefilter("ignore")
                    ray.init(address=address, log_to_driver=False, logging_level=logging.ERROR)
            else:
                self._temp = tempfile.mkdtemp(prefix="vray-", dir=_short_temp_root())
                # "local": a new instance for this run, never one that `ray start` left running;
                # on the loopback address, so that nothing outside this machine can reach it
                ray.init(address="local", num_cpus=workers or os.cpu_count() or 1, include_dashboard=False,
                         log_to_driver=False, logging_level=logging.ERROR, _temp_dir=self._temp,
                         _node_ip_address="127.0.0.1")  # fmt: skip
        except (ConnectionError, RuntimeError, ValueError) as exc:
            self.close()
            what = f"connect to the Ray cluster at {address}" if address else "start Ray on this machine"
            raise VerifierError(f"cannot {what}: {_gist(exc)}", code="ray-start") from None

    def results(self, docs):
        def submit(path: str, text: str):
            actor = min(self.actors, key=lambda a: self.load[a])  # the least busy
            ref = actor.check.remote(path, text)
            self.load[actor] += 1
            self.owner[ref] = actor
            return ref

        def wait_some(pending: set) -> tuple[list[DocResult], set]:
            done, _ = self.ray.wait(list(pending), num_returns=1)
            for ref in done:
                self.load[self.owner.pop(ref)] -= 1
            return self._get(done), pending.difference(done)

        return bounded(docs, submit, wait_some, len(self.actors) * IN_FLIGHT_PER_WORKER)

    def _get(self, refs) -> list[DocResult]:
        try:
            return self.ray.get(refs)
        except self.ray.exceptions.RayActorError as exc:
            # an actor that could not start: verifier missing on a node, a ledger path not there
            raise VerifierError(f"a Ray worker failed: {_gist(exc)}", code="ray-worker") from None

    def close(self) -> None:
        for actor in getattr(self, "actors", []):
            self.ray.kill(actor)
        if self._owned and self.ray.is_initialized():
            self.ray.shutdown()
        if self._temp:
            shutil.rmtree(self._temp, ignore_errors=True)


def _short_temp_root() -> str | None:
    """Where Ray's temporary folder goes: the user's (TMPDIR) when its path is short, else /tmp. Ray's
    sockets live in it, and a socket path is limited to 107 bytes."""
    root = tempfile.gettempdir()
    if len(root) <= 24:
        return root
    return "/tmp" if os.path.isdir("/tmp") else None


def _gist(exc: BaseException) -> str:
    """The line of a (often many-line) Ray error that says what went wrong: its last."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[-1] if lines else type(exc).__name__
