"""Stand between the grader's Jupyter client and a sandboxed kernel.

The kernel lives in its own network namespace, where the grader's TCP ports do not exist;
it talks over Unix sockets in a directory shared with the launcher. The proxy binds the
ports the client was told about and relays every message both ways, unchanged. Because it
sees every message, it can also keep promises the kernel cannot:

* **Output cap.** Past ``Limits.output_bytes`` of output for one cell, further output of
  that cell is dropped and replaced by a single notice: ten million printed lines cost the
  grader nothing.
* **Watchdog.** A cell that ignores an interrupt for 2 seconds, or is still running
  ``Limits.cell_timeout`` seconds after it started (a loop that ignores interrupts, a C
  call that never returns), gets its kernel killed.
* **Crash recovery.** When the kernel dies (killed by the watchdog, out of memory,
  ``os._exit``, a segfault), the proxy answers the cell that was running with an error,
  exactly as a kernel would, starts a fresh kernel, replays the cells that ran before
  (silently: their outputs are already recorded) and then lets the notebook go on. The
  grader sees one failed cell, not a dead kernel, so nbgrader keeps grading the rest.

Messages the proxy makes itself are signed with the session key from the connection file,
like any kernel message.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import zmq
from jupyter_client.session import Session

from .settings import Limits

DELIM = b"<IDS|MSG>"
CHANNELS = ("shell", "control", "stdin", "iopub", "hb")
# Seconds a running cell has to stop after an interrupt; nbclient waits 4 s for the
# kernel's "idle" after giving up on a cell, so a kernel killed before that keeps grading.
INTERRUPT_GRACE = 2.0
OUTPUT_TYPES = {"stream", "display_data", "execute_result", "update_display_data", "error"}


def split(frames: list[bytes]) -> tuple[list[bytes], dict[str, Any], dict[str, Any], int]:
    """(identities, header, parent header, size of content) of a raw message."""
    i = frames.index(DELIM)
    header = json.loads(frames[i + 2])
    parent = json.loads(frames[i + 3])
    size = sum(len(f) for f in frames[i + 5 :])
    return frames[:i], header, parent, size


@dataclass
class Pending:
    """A request forwarded to the kernel and not answered yet."""

    frames: list[bytes]
    idents: list[bytes]
    header: dict
    sent: float
    started: float | None = None  # when the kernel said "busy" for it


@dataclass
class Stats:
    restarts: int = 0
    watchdog_kills: int = 0
    truncated_cells: int = 0
    deaths: list[str] = field(default_factory=list)


class Proxy:
    """Relay between the client's addresses (``client``) and the kernel's (``kernel``)."""

    def __init__(
        self,
        client: dict,
        kernel_urls: dict[str, str],
        limits: Limits,
        start_kernel: Callable[[], object],
        kernel_alive: Callable[[], bool],
        kill_kernel: Callable[[], None],
        why_dead: Callable[[], str],
        after_cell: Callable[[], bool] = lambda: False,
    ):
        self.limits = limits
        self.start_kernel, self.kernel_alive = start_kernel, kernel_alive
        self.kill_kernel, self.why_dead, self.after_cell = kill_kernel, why_dead, after_cell
        self.ctx = zmq.Context()
        self.session = Session(
            key=client["key"].encode(),
            signature_scheme=client.get("signature_scheme", "hmac-sha256"),
            username="npmem-sandbox",
        )
        self.kernel_urls = kernel_urls
        self.front = self._bind_front(client)
        self.back = self._connect_back(kernel_urls)
        self.poller = zmq.Poller()
        for s in [*self.front.values(), *self.back.values()]:
            self.poller.register(s, zmq.POLLIN)
        self.pending: dict[str, Pending] = {}
        self.output: dict[str, int] = {}
        self.history: list[str] = []  # code of every cell that ran, in order
        self.replay: dict[str, str] = {}  # msg id -> code, of the cell being replayed
        self.replay_started = 0.0
        self.replay_queue: list[str] = []
        self.replayed: set[str] = set()  # msg ids of replayed cells (outputs dropped)
        self.held: list[list[bytes]] = []  # client requests held back during a replay
        self.shutting_down = False
        self.draining = False
        self.killed = False
        self.iopub_live = True  # an iopub message came from the current kernel
        # (msg id, deadline): restart the kernel once that cell's "idle" has gone out
        self.restart_after: tuple[str, float] | None = None
        self.next_probe = 0.0
        self.last_idle: str | None = None  # the request the kernel last said "idle" for
        self._kill_reason: str | None = None
        self.interrupt_at: float | None = None
        self.stats = Stats()
        self.started = time.monotonic()

    # ----------------------------------------------------------------- sockets

    def _bind_front(self, c: dict) -> dict[str, zmq.Socket]:
        kinds = {
            "shell": zmq.ROUTER,
            "control": zmq.ROUTER,
            "stdin": zmq.ROUTER,
            "iopub": zmq.PUB,
            "hb": zmq.ROUTER,
        }
        socks = {}
        for name, kind in kinds.items():
            s = self.ctx.socket(kind)
            s.linger = 0
            if c.get("transport", "tcp") == "tcp":
                s.bind(f"tcp://{c['ip']}:{c[name + '_port']}")
            else:
                s.bind(f"ipc://{c['ip']}-{c[name + '_port']}")
            socks[name] = s
        return socks

    def _connect_back(self, urls: dict[str, str]) -> dict[str, zmq.Socket]:
        # shell and stdin share one routing id, as a client's do, so that the kernel's
        # input requests find their way back
        ident = uuid.uuid4().hex.encode()
        kinds = {
            "shell": zmq.DEALER,
            "control": zmq.DEALER,
            "stdin": zmq.DEALER,
            "iopub": zmq.SUB,
            "hb": zmq.DEALER,
        }
        socks = {}
        for name, kind in kinds.items():
            s = self.ctx.socket(kind)
            s.linger = 0
            if name in ("shell", "stdin"):
                s.setsockopt(zmq.IDENTITY, ident)
            if kind == zmq.SUB:
                s.setsockopt(zmq.SUBSCRIBE, b"")
            s.connect(urls[name])
            socks[name] = s
        return socks

    def close(self) -> None:
        for s in [*self.front.values(), *self.back.values()]:
            s.close(linger=0)
        self.ctx.term()

    # ------------------------------------------------------------ main loop

    def run(self, stop: Callable[[], bool], tick: Callable[[], None] = lambda: None) -> None:
        """Relay until ``stop()``, the kernel is shut down, or it cannot be restarted."""
        while not stop():
            self._pump(100)
            if self.held and not self.replay and not self.replay_queue:
                self._replay_next()  # held requests wait for the new kernel's iopub
            tick()
            if time.monotonic() - self.started > self.limits.submission_timeout:
                self.stats.deaths.append("submission time limit")
                self._kill()
                return
            self._watchdog()
            if not self.kernel_alive():
                if self.shutting_down:
                    return
                if not self._recover():
                    return

    def _pump(self, timeout_ms: int) -> int:
        """Relay what has arrived (waiting up to ``timeout_ms``); the number of messages."""
        events = self.poller.poll(timeout_ms)
        for sock, _ in events:
            if sock.closed:
                continue
            frames = sock.recv_multipart(copy=True)
            self._route(sock, frames)
        return len(events)

    def _drain_dead_kernel(self) -> None:
        """Read what a dead kernel sent before it died, then connect afresh.

        Its last replies and status messages tell which cell was running. The old sockets
        are then replaced: a message sent on a connection to the dead process could be
        queued there and lost, and the replay would wait for its answer for ever.
        """
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline and self._pump(20):
            pass
        for s in self.back.values():
            self.poller.unregister(s)
            s.close(linger=0)
        self.back = self._connect_back(self.kernel_urls)
        for s in self.back.values():
            self.poller.register(s, zmq.POLLIN)

    def _route(self, sock: zmq.Socket, frames: list[bytes]) -> None:
        f, b = self.front, self.back
        if sock is f["shell"]:
            self._from_client_shell(frames)
        elif sock is f["control"]:
            self._track(frames, control=True)
            b["control"].send_multipart(frames)
        elif sock is f["stdin"]:
            b["stdin"].send_multipart(frames)
        elif sock is f["hb"]:
            b["hb"].send_multipart(frames)
        elif sock is b["shell"]:
            self._from_kernel_shell(frames)
        elif sock is b["control"]:
            self._answered(frames)
            f["control"].send_multipart(frames)
        elif sock is b["stdin"]:
            f["stdin"].send_multipart(frames)
        elif sock is b["hb"]:
            f["hb"].send_multipart(frames)
        elif sock is b["iopub"]:
            self._from_kernel_iopub(frames)

    # ------------------------------------------------------------ shell

    def _from_client_shell(self, frames: list[bytes]) -> None:
        if (
            self.replay
            or self.replay_queue
            or not self.iopub_live
            or self.restart_after
            or self.killed  # killed on purpose (it may take a moment to die)
            or not self.kernel_alive()  # dead, and about to be restarted
        ):
            self.held.append(frames)
            return
        self._track(frames)
        self.back["shell"].send_multipart(frames)

    def _track(self, frames: list[bytes], control: bool = False) -> None:
        try:
            idents, header, _parent, _ = split(frames)
        except (ValueError, IndexError, json.JSONDecodeError):
            return
        kind = header.get("msg_type")
        if control:
            if kind == "shutdown_request":
                self.shutting_down = True
            return
        self.pending[header["msg_id"]] = Pending(frames, idents, header, time.monotonic())

    def _answered(self, frames: list[bytes]) -> None:
        try:
            _idents, header, parent, _ = split(frames)
            content = json.loads(frames[frames.index(DELIM) + 5])
            status = content.get("status")
            # exit() and quit() answer "ok", then stop the kernel: never replay them
            exits = any(
                isinstance(p, dict) and p.get("source") == "ask_exit"
                for p in content.get("payload") or []
            )
        except (ValueError, IndexError, json.JSONDecodeError, AttributeError):
            return
        done = self.pending.pop(parent.get("msg_id"), None)  # type: ignore[arg-type]
        if done is not None and header.get("msg_type") == "execute_reply":
            if self.after_cell():
                # the cell left processes behind; they were killed, and their zombies
                # would hold the process limit: start afresh without that cell
                # (once the kernel has said "idle" for it: the client waits for that)
                self._kill_reason = "the previous cell left processes running"
                # its "idle" may have come first, on the other socket: then go at once
                wait = 0.0 if parent.get("msg_id") == self.last_idle else 2.0
                self.restart_after = (parent["msg_id"], time.monotonic() + wait)  # a pending id
                return
            # only cells that completed are replayed after a crash
            code = done_code(done)
            if code is not None and status == "ok" and not exits:
                self.history.append(code)

    def _from_kernel_shell(self, frames: list[bytes]) -> None:
        try:
            _idents, header, parent, _ = split(frames)
        except (ValueError, IndexError, json.JSONDecodeError):
            self.front["shell"].send_multipart(frames)
            return
        if parent.get("msg_id") in self.replay:
            self.replay.pop(parent["msg_id"])
            self._replay_next()
            return
        self._answered(frames)
        self.front["shell"].send_multipart(frames)

    # ------------------------------------------------------------ iopub

    def _from_kernel_iopub(self, frames: list[bytes]) -> None:
        try:
            _idents, header, parent, size = split(frames)
        except (ValueError, IndexError, json.JSONDecodeError):
            self.front["iopub"].send_multipart(frames)
            return
        msg_id = parent.get("msg_id")
        self.iopub_live = True
        if msg_id in self.replayed:
            return  # outputs of a replayed cell were recorded the first time
        kind = header.get("msg_type")
        state = None  # "busy" or "idle", for a status message
        if kind == "status":
            state = json.loads(frames[frames.index(DELIM) + 5]).get("execution_state")
        if state == "busy" and msg_id in self.pending:
            self.pending[msg_id].started = time.monotonic()
        if kind in OUTPUT_TYPES and msg_id:
            used = self.output.get(msg_id, 0)
            if used >= self.limits.output_bytes:
                return
            self.output[msg_id] = used + size
            if used + size > self.limits.output_bytes:
                self.stats.truncated_cells += 1
                if kind == "stream":  # keep what fits of this last piece
                    content = json.loads(frames[frames.index(DELIM) + 5])
                    room = max(self.limits.output_bytes - used, 0)
                    head = content.get("text", "").encode()[:room].decode(errors="ignore")
                    self._send_iopub(
                        parent, "stream", {"name": content.get("name", "stdout"), "text": head}
                    )
                self._send_iopub(
                    parent,
                    "stream",
                    {
                        "name": "stdout",
                        "text": f"\n[output truncated: this cell printed more than "
                        f"{self.limits.output_bytes:,} bytes]\n",
                    },
                )
                return
        self.front["iopub"].send_multipart(frames)
        if state == "idle":
            self.last_idle = msg_id
        if self.restart_after and state == "idle" and msg_id == self.restart_after[0]:
            self.restart_after = None
            self._kill()

    def _send_iopub(self, parent: dict, kind: str, content: dict) -> None:
        self.session.send(
            self.front["iopub"],
            kind,
            content,
            parent=parent,
            ident=[f"kernel.sandbox.{kind}".encode()],
        )

    # ------------------------------------------------------------ failures

    def interrupted(self) -> None:
        """The client interrupted the kernel (SIGINT): a cell that ignores it gets killed."""
        self.interrupt_at = time.monotonic()

    def _watchdog(self) -> None:
        now = time.monotonic()
        if self.restart_after and now > self.restart_after[1]:
            self.restart_after = None
            self._kill()
            return
        running = [p for p in self.pending.values() if p.started is not None]
        if self.interrupt_at is not None:
            if not running:
                self.interrupt_at = None
            elif now - self.interrupt_at > INTERRUPT_GRACE:
                self.interrupt_at = None
                self.stats.watchdog_kills += 1
                self._kill_reason = f"the cell ignored an interrupt for {INTERRUPT_GRACE:g} s"
                self._kill()
                return
        if self.replay and now - self.replay_started > self.limits.cell_timeout:
            self.stats.watchdog_kills += 1
            self._kill_reason = (
                f"a replayed cell was still running after {self.limits.cell_timeout:g} s"
            )
            self._kill()
            return
        for p in self.pending.values():
            if p.started is not None and now - p.started > self.limits.cell_timeout:
                self.stats.watchdog_kills += 1
                self._kill_reason = (
                    f"the cell was still running after {self.limits.cell_timeout:g} s"
                )
                self._kill()
                return

    def _kill(self) -> None:
        """Kill the kernel on purpose; requests wait until its successor is up."""
        self.killed = True
        self.kill_kernel()

    def _recover(self) -> bool:
        """The kernel died: answer its running cell, start another, replay, go on."""
        was_replaying = bool(self.replay or self.replay_queue)
        self.draining = True  # no replay message goes to the dead kernel's sockets
        self._drain_dead_kernel()
        self.draining = False
        deliberate = self._kill_reason is not None  # the watchdog or the reaper killed it
        reason = self._kill_reason or self.why_dead()
        self._kill_reason = None
        self.stats.deaths.append(reason)
        if self.replay:  # a replayed cell killed it this time: never replay that one again
            bad = next(iter(self.replay.values()))
            self.replay.clear()
            if bad in self.history:
                self.history.remove(bad)
        # The kernel runs one request at a time, oldest first, so the oldest execute request
        # it was sent is the one that was running, even when it died too fast to say "busy".
        running = [p for p in self.pending.values() if p.started is not None]
        if not running:
            running = [p for p in self.pending.values() if is_execute(p)][:1]
        if self.history and not deliberate and not running and not was_replaying:
            # it died between cells (exit(), a timer, a thread): blame the last cell that ran
            self.history.pop()
        culprits = running
        waiting = [p for p in self.pending.values() if p not in running]
        self.pending.clear()
        for p in culprits:
            self._fail(p, reason)
        if self.stats.restarts >= self.limits.restarts:
            for p in waiting:
                self._fail(p, "the kernel died too often; no more restarts")
            return False
        self.stats.restarts += 1
        self.iopub_live = False
        self.restart_after = None
        self.killed = False
        self.start_kernel()
        # requests sent but never started go again, after the replay
        self.held = [p.frames for p in waiting] + self.held
        self.replay_queue = list(self.history)
        self._replay_next()
        return True

    def _fail(self, p: Pending, reason: str) -> None:
        kind = p.header.get("msg_type", "")
        if not kind.endswith("_request"):
            return
        content = {
            "status": "error",
            "ename": "KernelDied",
            "evalue": f"the sandboxed kernel died while running this cell ({reason}); "
            "it was restarted for the rest of the notebook",
            "traceback": [
                f"KernelDied: the sandboxed kernel died while running this cell "
                f"({reason}); it was restarted for the rest of the notebook"
            ],
            "execution_count": None,
        }
        if kind == "execute_request":
            self._send_iopub(
                p.header, "error", {k: content[k] for k in ("ename", "evalue", "traceback")}
            )
            self._send_iopub(p.header, "status", {"execution_state": "idle"})
        self.session.send(
            self.front["shell"],
            kind.replace("_request", "_reply"),
            content,
            parent=p.header,
            ident=p.idents,
        )

    def _replay_next(self) -> None:
        if self.replay or self.draining:
            return
        if self.replay_queue:
            code = self.replay_queue.pop(0)
            msg = self.session.msg(
                "execute_request",
                {
                    "code": code,
                    "silent": True,
                    "store_history": False,
                    "user_expressions": {},
                    "allow_stdin": False,
                    "stop_on_error": False,
                },
            )
            self.replay[msg["header"]["msg_id"]] = code
            self.replayed.add(msg["header"]["msg_id"])
            self.replay_started = time.monotonic()
            self.session.send(self.back["shell"], msg)
            return
        if not self.iopub_live:
            # A new kernel's outputs reach the client only once our subscription to its
            # iopub is live (a SUB misses what is published before): probe with a
            # kernel_info request until one of its status messages arrives.
            now = time.monotonic()
            if now >= self.next_probe:
                self.next_probe = now + 0.05
                msg = self.session.msg("kernel_info_request", {})
                self.replay[msg["header"]["msg_id"]] = ""
                self.replayed.add(msg["header"]["msg_id"])
                self.replay_started = now
                self.session.send(self.back["shell"], msg)
            return
        if self.restart_after or self.killed:
            return  # the current kernel is about to go: its successor gets the requests
        held, self.held = self.held, []
        for frames in held:
            self._track(frames)
            self.back["shell"].send_multipart(frames)


def is_execute(p: Pending) -> bool:
    return p.header.get("msg_type") == "execute_request"


def done_code(p: Pending) -> str | None:
    """The code of an answered execute request (None for other requests)."""
    if not is_execute(p):
        return None
    i = p.frames.index(DELIM)
    content = json.loads(p.frames[i + 5])
    if content.get("silent"):
        return None
    return content.get("code")


def kernel_urls(directory: str) -> dict[str, str]:
    """The kernel's sockets: ``<directory>/k-1`` ... ``k-5``, in the launcher's view."""
    return {
        name: f"ipc://{os.path.join(directory, 'k')}-{n}"
        for n, name in enumerate(("shell", "iopub", "stdin", "control", "hb"), start=1)
    }
