"""When a notebook runs without a person at it (nbgrader, nbclient), explorers stay idle."""

import os


def headless() -> bool:
    """True under ``nbgrader validate`` / ``autograde`` or when NPMEM_HEADLESS is set."""
    return bool(os.environ.get("NBGRADER_EXECUTION") or os.environ.get("NPMEM_HEADLESS"))
