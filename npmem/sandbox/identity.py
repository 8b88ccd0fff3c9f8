"""An unprivileged user id for each live sandbox.

Each sandbox gets a uid (and gid of the same number) of its own, with no account, no home
and no groups, from a block far above ordinary and system users. A uid is held by an
``flock`` on a lock file for as long as the sandbox lives, so two students graded at the
same time never share one: they cannot signal each other's processes, and the per-user
process limit (``RLIMIT_NPROC``) counts one sandbox only.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from dataclasses import dataclass
from pathlib import Path

from .settings import Limits

SLOTS = 1000


@dataclass
class Identity:
    uid: int
    gid: int
    _lock: int | None = None

    def release(self) -> None:
        if self._lock is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock)
            self._lock = None


def can_switch_user() -> bool:
    """Only root (or a process with CAP_SETUID) can run code as another user."""
    return os.geteuid() == 0


def state_dir(limits: Limits) -> Path:
    state = Path(limits.state)
    state.mkdir(mode=0o711, parents=True, exist_ok=True)
    return state


def allocate(limits: Limits) -> Identity | None:
    """A free sandbox uid, locked until :meth:`Identity.release`; None when not root."""
    if not can_switch_user():
        return None
    locks = state_dir(limits) / "uids"
    locks.mkdir(mode=0o700, exist_ok=True)
    start = os.getpid() % SLOTS
    for k in range(SLOTS):
        slot = (start + k) % SLOTS
        fd = os.open(locks / f"{slot}.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        uid = limits.uid_base + slot
        return Identity(uid, uid, fd)
    raise RuntimeError(f"all {SLOTS} sandbox user ids are in use")
