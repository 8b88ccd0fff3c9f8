"""The grading core every front-end shares (learner check, nbgrader plug-ins, verifier).

* ``engine``: the one place an answer runs against its test cell (a process that forks
  one child per exercise from its warm set-up state, and reports data only), kept honest
  by ``guard``; ``answers`` starts it (in the sandbox, or as a plain process), sends one
  job per exercise and scores the reports by ``rules``: the verifier, the learner's
  check and the mutation pass all grade through it;
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
