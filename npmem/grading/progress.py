"""One progress line per finished item of a long command: the count, the time, an ETA."""

from __future__ import annotations


def counted(done: int, total: int, text: str, elapsed: float, failed: int | None = None) -> str:
    """``[done/total] text (elapsed s, failed, ETA s)``; no ETA on the last line."""
    fails = f", {failed} failed" if failed is not None else ""
    eta = f", ETA {elapsed / done * (total - done):.0f} s" if 0 < done < total else ""
    return f"[{done}/{total}] {text} ({elapsed:.0f} s{fails}{eta})"
