"""Generated parts of the docs: the text between two marker lines, rewritten from code."""

from __future__ import annotations


def between(page: str, begin: str, end: str, body: str) -> str:
    """``page`` with what stands between the ``begin`` and ``end`` markers replaced."""
    head, rest = page.split(begin, 1)
    _, tail = rest.split(end, 1)
    return head + begin + "\n" + body + "\n" + end + tail
