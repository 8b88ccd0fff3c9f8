"""Helpers for the NumPy Memory course.

Learner-facing pieces live at the top level (``checks`` for friendly test
messages, ``layout`` for the pure logic behind the explorers, ``explorers``
for the ipywidgets wiring).  ``npmem.course`` holds the instructor tooling:
building notebooks, sample submissions, grading and benchmarks.
"""

__version__ = "0.1.0"
