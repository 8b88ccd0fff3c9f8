"""Helpers for the NumPy Memory course.

Learner-facing pieces live at the top level (``checks`` for friendly test
messages, ``layout`` for the pure logic behind the explorers, ``explorers``
for the ipywidgets wiring). Along the data's path: ``authoring`` builds ``source/``
from ``content/``; ``grading`` is the core every grader shares; ``selfcheck`` grades a
learner's notebook; ``sandbox`` runs and verifies hand-ins; ``instructor`` drives
nbgrader for a class; ``cluster`` grades on Dask; ``dev`` holds the demo, benchmarks,
sample class and mutation pass, and nothing imports it.
"""

__version__ = "0.1.0"
