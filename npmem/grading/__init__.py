"""The grading core every front-end shares (learner check, nbgrader plug-ins, verifier).

* ``catalogue``: the assignments, from ``source/``;
* ``cells``: nbgrader cell metadata (kinds, solution/test pairing, points, markers);
* ``rules``: nbgrader's scoring rules (partial credit, stderr, messages), pinned to nbgrader;
* ``notebook``: whole-notebook facts (kernel metadata, titles);
* ``config``: the course's nbgrader configuration, read as ``nbgrader`` reads it;
* ``gradebook``: scores read back out of nbgrader's gradebook, and a cells-only copy of it
  for workers that must not see any student's data;
* ``nbgrader_cli``: nbgrader's own commands, run as an instructor or a student would.

Nothing here imports the front-ends (``selfcheck``, ``instructor``, ``sandbox``).
"""
