"""Autograde a class on a Dask cluster: no shared file system, one gradebook writer.

The client (this process) decides what to grade exactly as the local pipeline does
(:func:`npmem.instructor.autograde.needs_grading`, :func:`~npmem.instructor.triage.triage`),
then ships to the cluster, as bytes inside the tasks:

* a *bundle*: the course's ``nbgrader_config.py``, ``source/`` and ``release/`` of the
  assignments, and a throw-away SQLite gradebook that holds only the assignments' rows
  (assignment, notebooks, grade/solution/task/source cells), copied out of the course
  gradebook and checked against it column by column; no student, no submission, no score;
* each submission's folder.

A worker unpacks the bundle once into a private course copy and grades each submission
there with :func:`npmem.instructor.grade_one.grade_one` (nbgrader's autograde with the
course's sandbox and verification, the very call of the local pipeline). It returns the
autograded folder as bytes and the one-line verdict. The client alone unpacks it inside
the course and records it with :func:`npmem.instructor.record.record`, as locally.

Failures: Dask reschedules the tasks of a worker that dies; a task that took down more
than the scheduler's ``distributed.scheduler.allowed-failures`` workers ends with
``KilledWorker`` and is reported as a one-line problem. Each result is recorded once (a
future completes once; the client also keeps the set it recorded). If the client loses
the scheduler it stops with one line; what it recorded stays, and a rerun grades only
the rest (``needs_grading``).
"""

from __future__ import annotations

import asyncio
import atexit
import hashlib
import io
import logging
import os
import shutil
import tarfile
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from npmem.grading.catalogue import ASSIGNMENTS
from npmem.grading.config import open_course
from npmem.grading.gradebook import cells_gradebook, check_cells
from npmem.instructor import autograde as local
from npmem.instructor.grade_one import Graded
from npmem.instructor.record import record


class SchedulerLost(RuntimeError):
    """The client lost its scheduler; what was recorded stays recorded."""


@dataclass
class ClusterResult(local.Result):
    per_worker: Counter = field(default_factory=Counter)
    dashboard: str | None = None
    lost: str = ""  # one line, when the scheduler went away

    def summary(self) -> str:
        workers = ", ".join(f"{w}: {n}" for w, n in sorted(self.per_worker.items()))
        return super().summary() + (f"; per worker: {workers}" if workers else "")


# ---- bytes in, bytes out -------------------------------------------------------------


def pack(base: Path, members: list[str]) -> bytes:
    """A gzipped tar of ``base/<member>`` for each member (files or folders)."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for m in members:
            tar.add(base / m, arcname=m)
    return buf.getvalue()


def unpack(data: bytes, dest: Path) -> None:
    """Extract what :func:`pack` made: files and folders below ``dest``, nothing else."""
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4+
            tar.extractall(dest, filter="data")  # no absolute paths, links or devices
            return
        # an older Python (Debian 12's 3.11.2): the same refusals, by hand
        members = tar.getmembers()
        for m in members:
            parts = Path(m.name).parts
            if not (m.isfile() or m.isdir()) or Path(m.name).is_absolute() or ".." in parts:
                raise ValueError(f"refusing to unpack {m.name!r} (not a plain file or folder)")
            m.mode &= 0o755  # no set-id bits; owner and group are this process's
            m.uid, m.gid, m.uname, m.gname = os.getuid(), os.getgid(), "", ""
        tar.extractall(dest, members=members)


# ---- the bundle: what a worker needs ---------------------------------------------------


def bundle(root: Path, assignments: list[str], work: Path, course=None) -> bytes:
    """What a worker needs to grade: config, source/, release/, a cells-only gradebook.

    ``course`` is the course's ``NbGraderAPI`` (opened here if not given)."""
    scratch = work / "bundle"
    scratch.mkdir()
    shutil.copy(root / "nbgrader_config.py", scratch)
    members = ["nbgrader_config.py", "gradebook.db"]
    for aid in assignments:
        shutil.copytree(root / "source" / aid, scratch / "source" / aid)
        members.append(f"source/{aid}")
        # the course's release/ is what learners received: the sandbox compares with it
        if (root / "release" / aid).is_dir():
            shutil.copytree(root / "release" / aid, scratch / "release" / aid)
            members.append(f"release/{aid}")
    course_url = local.gradebook_url(course or open_course(root))
    private = cells_gradebook(course_url, assignments, scratch / "gradebook.db")
    check_cells(course_url, private, assignments)
    return pack(scratch, members)


# ---- on a worker ---------------------------------------------------------------------

_courses: dict[str, tuple[Path, object]] = {}  # bundle digest -> (private course, API)


def _course_for(data: bytes) -> tuple[Path, object]:
    digest = hashlib.sha256(data).hexdigest()[:16]
    if digest not in _courses:
        copy = Path(tempfile.mkdtemp(prefix=f"npmem-{digest}-"))
        atexit.register(shutil.rmtree, copy, True)  # when the worker stops
        unpack(data, copy)
        api = open_course(copy, f"--CourseDirectory.db_url=sqlite:///{copy / 'gradebook.db'}")
        _courses[digest] = (copy, api)
    return _courses[digest]


def grade_remote(data: bytes, assignment: str, student: str, submission: bytes) -> dict:
    """Grade one submission (bytes) in this worker's private course; return bytes and verdict."""
    from npmem.instructor.grade_one import grade_one

    try:
        from distributed import get_worker

        where = get_worker().address
    except (ImportError, ValueError):
        where = f"pid {os.getpid()}"
    copy, api = _course_for(data)
    mine = copy / "submitted" / student / assignment
    out = copy / "autograded" / student / assignment
    for d in (mine, out):
        shutil.rmtree(d, ignore_errors=True)
    unpack(submission, mine.parent)
    try:
        graded = grade_one(api, assignment, student)
        folder = pack(out.parent, [assignment]) if graded.ok and out.is_dir() else b""
    finally:
        for d in (mine, out):
            shutil.rmtree(d, ignore_errors=True)
    return {
        "ok": graded.ok,
        "problem": graded.problem,
        "log": graded.log,
        "autograded": folder,
        "worker": where,
    }


# ---- the client ----------------------------------------------------------------------


def autograde(
    root: Path,
    scheduler,
    assignments: list[str] | None = None,
    *,
    students: list[str] | None = None,
    force: bool = False,
    retries: int = 1,
    connect_timeout: float = 10.0,
    say=print,
) -> ClusterResult:
    """Grade on the Dask cluster at ``scheduler``: an address, a scheduler file or a
    ``distributed.Client`` (left open)."""
    import dask
    from distributed import Client, as_completed
    from distributed.client import FutureCancelledError

    try:
        from distributed import KilledWorker
    except ImportError:  # older distributed
        from distributed.scheduler import KilledWorker

    root = Path(root).resolve()
    assignments = assignments or list(ASSIGNMENTS)
    start = time.perf_counter()
    result = ClusterResult()
    tasks = local.pending(root, assignments, students, force, result, say)
    if not tasks:
        result.seconds = time.perf_counter() - start
        return result
    course = open_course(root)
    (root / local.WORK).mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="dask-", dir=root / local.WORK))
    # the client reports a lost scheduler itself, in one line
    for name in ("distributed", "distributed.client", "tornado"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    recorded: set[tuple[str, str]] = set()
    try:
        data = bundle(root, sorted({aid for aid, _ in tasks}), work, course)
        if isinstance(scheduler, Client):  # e.g. Dask Gateway's cluster.get_client()
            client, owned = scheduler, False
        else:
            target = {"scheduler_file": scheduler} if Path(scheduler).is_file() else {}
            with dask.config.set({"distributed.comm.timeouts.connect": f"{connect_timeout}s"}):
                client = Client(
                    **target, address=None if target else scheduler, timeout=connect_timeout
                )
            owned = True
        try:
            result.dashboard = dashboard(client)
            if result.dashboard:
                say(f"Dask dashboard: {result.dashboard}")
            futures, order = {}, []
            for aid, sid in tasks:
                sub = pack(root / "submitted" / sid, [aid])
                f = client.submit(
                    grade_remote,
                    data,
                    aid,
                    sid,
                    sub,
                    key=f"grade-{aid}-{sid}-{hashlib.sha256(sub).hexdigest()[:12]}",
                    retries=retries,
                    pure=False,
                )
                futures[f.key] = (aid, sid)
                order.append(f)
            total = len(futures)
            info = client.scheduler_info()
            n = len(info.get("workers", {}))
            say(f"grading {total} submission(s) on {info.get('address')} ({n} worker(s))")
            for f in as_completed(order):
                aid, sid = futures[f.key]
                if (aid, sid) in recorded:
                    continue
                if f.status == "cancelled" or client.status not in ("running", "connecting"):
                    raise SchedulerLost()
                try:
                    out = f.result()
                except FutureCancelledError as e:
                    raise SchedulerLost() from e
                except KilledWorker as e:
                    out = {
                        "ok": False,
                        "problem": f"took down {_deaths(e)} worker(s); stopped "
                        "(distributed.scheduler.allowed-failures)",
                        "log": str(e),
                        "worker": "-",
                    }
                except (Exception, asyncio.CancelledError) as e:
                    if not _reachable(client):  # the scheduler went, not the hand-in
                        raise SchedulerLost() from e
                    # the task raised, retries exhausted
                    out = {
                        "ok": False,
                        "problem": f"grading raised {type(e).__name__}: {str(e)[:200]}",
                        "log": repr(e),
                        "worker": "-",
                    }
                graded = _record(course, work, aid, sid, out)
                recorded.add((aid, sid))
                result.per_worker[out["worker"]] += 1
                (result.graded if graded.ok else result.failed).append(graded)
                say(
                    local.progress(
                        result, total, graded, time.perf_counter() - start, out["worker"]
                    )
                )
        finally:
            try:
                if owned:
                    client.close(timeout=2)
            except Exception:
                pass
    except (SchedulerLost, OSError, TimeoutError) as e:
        kept = len(result.graded)
        result.lost = (
            f"lost the scheduler {scheduler} ({type(e).__name__}); {kept} "
            f"submission(s) recorded, {len(tasks) - kept} left: run the same command again"
            " to grade them"
        )
        say(result.lost)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        try:
            (root / local.WORK).rmdir()
        except OSError:
            pass
    result.seconds = time.perf_counter() - start
    return result


def dashboard(client, timeout: float = 3.0) -> str | None:
    """The address of the scheduler's dashboard, or None when it serves none.

    A scheduler always runs its HTTP server (``/health``, ``/metrics``) and reports its
    port as the ``dashboard`` service, even when started with ``--no-dashboard``; the
    dashboard itself is the ``/status`` page (without ``bokeh``, a page that says so).
    So the link is given unless that page is missing (404) or no port is reported; a
    page the client cannot reach (a firewall, a proxied link) is still given."""
    import urllib.error
    import urllib.request

    try:
        link = client.dashboard_link
    except (KeyError, ValueError, TypeError):  # no dashboard service at all
        return None
    if not link:
        return None
    if link.startswith(("http://", "https://")):
        try:
            head = urllib.request.Request(link, method="HEAD")  # no page rendered
            urllib.request.urlopen(head, timeout=timeout).close()
        except urllib.error.HTTPError as e:
            if e.code == 404:
                return None
        except (OSError, ValueError):
            pass
    return link


def _reachable(client, timeout: float = 5.0) -> bool:
    """Whether the scheduler still answers: tells a lost scheduler from a failed task."""
    if client.status != "running":
        return False
    try:
        client.sync(client.scheduler.identity, callback_timeout=timeout)
    except (Exception, asyncio.CancelledError):
        return False
    return True


def _deaths(e: Exception) -> str:
    """The scheduler gives up once a task was on more than allowed-failures dying workers."""
    allowed = getattr(e, "allowed_failures", None)
    return str(allowed + 1) if isinstance(allowed, int) else "several"


def _record(course, work: Path, aid: str, sid: str, out: dict) -> Graded:
    """Unpack the executed notebook inside the course and record it, as locally."""
    if not out["ok"]:
        return Graded(aid, sid, False, problem=out["problem"], log=out.get("log", ""))
    graded_dir = work / "autograded"
    dest = graded_dir / sid
    shutil.rmtree(dest / aid, ignore_errors=True)
    unpack(out["autograded"], dest)
    try:
        return record(course, graded_dir, aid, sid)
    finally:
        shutil.rmtree(dest / aid, ignore_errors=True)
