"""The ``npmem-sandbox`` kernel, driven by a real Jupyter client as nbgrader drives it."""

from __future__ import annotations

import os
import time

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from npmem.sandbox.kernelspec import KERNEL_NAME, kernel_dirs

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.geteuid() != 0, reason="needs root, as on CI"),
]


class Client:
    def __init__(self, km: KernelManager):
        self.km = km
        self.kc = km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)

    def run(self, code: str, timeout: float = 30) -> tuple[dict, list[dict]]:
        outputs = []
        reply = self.kc.execute_interactive(
            code, timeout=timeout, output_hook=lambda m: outputs.append(m), allow_stdin=False
        )
        return reply["content"], outputs

    def text(self, outputs: list[dict]) -> str:
        return "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")


@pytest.fixture
def kernel(monkeypatch):
    monkeypatch.setenv("NPMEM_SANDBOX_CELL_TIMEOUT", "6")
    monkeypatch.setenv("NPMEM_SANDBOX_OUTPUT_BYTES", "100000")
    km = KernelManager(
        kernel_name=KERNEL_NAME, kernel_spec_manager=KernelSpecManager(kernel_dirs=kernel_dirs())
    )
    km.start_kernel()
    client = Client(km)
    yield client
    client.kc.stop_channels()
    km.shutdown_kernel(now=False)
    assert not km.is_alive()


def test_cells_run_as_the_sandbox_user_and_keep_state(kernel):
    reply, out = kernel.run("import os, numpy as np\nx = np.arange(3)\nprint(os.getuid(), x.sum())")
    assert reply["status"] == "ok"
    uid, total = kernel.text(out).split()
    assert int(uid) >= 1_000_000 and total == "3"
    reply, out = kernel.run("print(int(x.sum()) + 1)")
    assert kernel.text(out) == "4\n"


def test_an_interrupt_reaches_the_running_cell(kernel):
    kernel.kc.execute(
        "import time\ntry:\n    time.sleep(60)\nexcept KeyboardInterrupt:\n    print('interrupted')"
    )
    time.sleep(2)
    kernel.km.interrupt_kernel()
    reply = kernel.kc.get_shell_msg(timeout=20)
    assert reply["content"]["status"] == "ok"


def test_a_crash_fails_one_cell_and_the_kernel_comes_back_with_its_state(kernel):
    kernel.run("x = 41\ndef f():\n    return x + 1")
    reply, out = kernel.run("import os\nos._exit(3)")
    assert reply["status"] == "error" and reply["ename"] == "KernelDied"
    assert "exited with status 3" in reply["evalue"]
    assert any(m["msg_type"] == "error" for m in out)
    reply, out = kernel.run("print(f())")  # earlier cells were replayed
    assert reply["status"] == "ok" and kernel.text(out) == "42\n"


def test_a_loop_that_ignores_interrupts_is_killed_by_the_watchdog(kernel):
    kernel.run("y = 5")
    start = time.monotonic()
    reply, _ = kernel.run(
        "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass",
        timeout=60,
    )
    assert reply["ename"] == "KernelDied" and "still running after 6 s" in reply["evalue"]
    assert time.monotonic() - start < 20
    reply, out = kernel.run("print(y)")
    assert kernel.text(out) == "5\n"


def test_output_is_cut_at_the_cap(kernel):
    reply, out = kernel.run("print('x' * 10**7)\nprint('after')")
    text = kernel.text(out)
    assert reply["status"] == "ok"
    assert 100_000 <= len(text) < 101_000 and "output truncated" in text


def test_exit_in_a_cell_restarts_the_kernel_once(kernel):
    """``exit()`` answers "ok" and stops the kernel 0.1 s later, while nbgrader has already
    sent the next cell: the kernel comes back once, without the exit() cell."""
    kernel.run("x = 5")
    reply, _ = kernel.run("exit()")
    assert reply["status"] == "ok"
    reply, _ = kernel.run("y = x + 1")  # sent at once, as nbclient does
    assert reply["status"] in ("ok", "error")
    for _ in range(20):
        assert kernel.km.is_alive()
        time.sleep(0.1)
    reply, out = kernel.run("print(x)")
    assert reply["status"] == "ok" and kernel.text(out) == "5\n"
    assert kernel.km.is_alive()


def test_processes_left_by_a_cell_are_killed_and_the_kernel_restarted(kernel):
    kernel.run("z = 7")
    reply, out = kernel.run(
        "import os, time\n"
        "pids = []\n"
        "try:\n"
        "    while True:\n"
        "        pid = os.fork()\n"
        "        if pid == 0:\n"
        "            time.sleep(300)\n"
        "            os._exit(0)\n"
        "        pids.append(pid)\n"
        "except OSError as e:\n"
        "    print('forks stopped at', len(pids))\n"
    )
    assert "forks stopped at" in kernel.text(out)
    assert int(kernel.text(out).split()[-1]) < 64
    reply, out = kernel.run("import threading\nprint(z, threading.active_count() > 0)")
    assert reply["status"] == "ok" and kernel.text(out) == "7 True\n", (
        reply.get("ename"),
        reply.get("evalue"),
    )


def test_one_process_left_behind_is_killed_and_the_kernel_kept(kernel):
    """As memory_profiler's sampler can be, when it is not waited for long enough."""
    reply, _ = kernel.run(
        "import subprocess, sys\n"
        "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])"
    )
    assert reply["status"] == "ok"
    time.sleep(0.5)
    reply, out = kernel.run("print(p.wait(timeout=10))")
    assert reply["status"] == "ok" and kernel.text(out) == "-9\n"
    assert reply["execution_count"] == 2  # the same kernel


def test_a_memory_bomb_fails_its_cell_only(kernel):
    kernel.run("w = 9")
    reply, _ = kernel.run("import numpy as np\nb = []\nwhile True:\n    b.append(np.ones(10**8))")
    assert reply["status"] == "error" and reply["ename"] in ("MemoryError", "KernelDied")
    reply, out = kernel.run("b = None\nprint(w)")
    assert kernel.text(out) == "9\n"


def test_the_kernel_talks_over_unix_sockets_from_another_directory(tmp_path, monkeypatch):
    # nbgrader starts the kernel in the submission's folder, its client stays elsewhere
    import asyncio
    import json

    from npmem.sandbox.kernelspec import IpcKernelManager

    (tmp_path / "nb").mkdir()
    monkeypatch.chdir(tmp_path)

    async def run():
        km = IpcKernelManager(
            kernel_name=KERNEL_NAME,
            kernel_spec_manager=KernelSpecManager(kernel_dirs=kernel_dirs()),
            transport="ipc",
        )
        await km.start_kernel(cwd=str(tmp_path / "nb"))
        info = json.loads(open(km.connection_file).read())
        kc = km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=60)
            reply = await kc.execute_interactive("import os; print(os.getcwd())", timeout=30)
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)
        return info, reply["content"]["status"]

    info, status = asyncio.run(run())
    assert info["transport"] == "ipc" and os.path.isabs(info["ip"]), info
    assert status == "ok"
    assert not list(tmp_path.rglob("*-ipc-*")), "sockets left in a working directory"
