"""nbgrader configuration for the NumPy Memory course.

Run nbgrader commands from this directory: it is the course directory (the
gradebook, source/, release/, submitted/, autograded/ and feedback/ all live here).
"""

import os

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

HERE = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "numpy-memory"
c.CourseDirectory.root = HERE
# Data files made by the memmap lessons never travel with assignments or submissions.
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints",
    "*.pyc",
    "__pycache__",
    "feedback",
    "*.dat",
    "*.npy",
    "*.mmap",
]

# The exchange lives inside the course directory (ignored by git) so that a single
# machine can run the whole release/fetch/submit/collect loop. A JupyterHub course
# sets this to a shared directory instead (see README, "For instructors").
c.Exchange.root = os.environ.get("NPMEM_EXCHANGE", os.path.join(HERE, "exchange"))

# One slow cell must not hold a whole class: 60 s per cell, then the cell scores 0.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True

# Kernels talk to nbgrader over Unix sockets named after their connection file, not TCP
# ports: graders running side by side cannot pick the same free port at the same moment.
# (npmem.grading.ipc_kernel.IpcKernelManager gives each kernel absolute socket paths).
c.KernelManager.transport = "ipc"
c.Execute.kernel_manager_class = "npmem.grading.ipc_kernel.IpcKernelManager"

# Tests cells that were deleted or retyped come back from the gradebook.
c.OverwriteCells.add_missing_cells = True

# nbgrader zeroes a test cell that writes anything to stderr. Python warnings are
# printed there (for example a DeprecationWarning from a library); they say nothing
# about whether the learner's answer is right, so they are dropped before scoring.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"\w*Warning: "

# ---- Grading security (README, "Grading security") -------------------------------------
# Autograde (`nbgrader autograde`, the formgrader's button, `make autograde`, a regrade)
# grades each exercise once in the verifier's sandbox instead of running the notebook in
# a kernel: an unprivileged user in a private filesystem without source/, the gradebook,
# the exchange or other submissions, no network, memory, CPU, process and time limits,
# the instructor's cells from the gradebook and only the student's solution cells. Its
# verdicts become the test cells' outputs, which SaveAutoGrades scores; RecordVerdict
# flags what a person should look at (npmem/sandbox/pipeline.py). Limits and isolation:
# c.Sandbox.<name> options (`npmem --help` lists them; docs/security.md), for example
#   c.Sandbox.memory = "3G"
# or NPMEM_SANDBOX_<NAME> variables for one run. NPMEM_SANDBOX=off gives
# stock nbgrader.
from npmem.sandbox.settings import enabled as _sandbox_enabled  # noqa: E402

if _sandbox_enabled():
    c.Autograde.sanitize_preprocessors = [
        "nbgrader.preprocessors.ClearOutput",
        "npmem.sandbox.pipeline.RestoreInstructorCells",
        "nbgrader.preprocessors.DeduplicateIds",
        "nbgrader.preprocessors.OverwriteKernelspec",
        "nbgrader.preprocessors.OverwriteCells",
        "nbgrader.preprocessors.CheckCellMetadata",
    ]
    c.Autograde.autograde_preprocessors = [
        "npmem.sandbox.pipeline.VerifiedExecute",
        "nbgrader.preprocessors.IgnorePattern",
        "nbconvert.preprocessors.ClearMetadataPreprocessor",
        "nbgrader.preprocessors.LimitOutput",
        "nbgrader.preprocessors.SaveAutoGrades",
        "npmem.sandbox.pipeline.RecordVerdict",
        "nbgrader.preprocessors.AssignLatePenalties",
        "nbgrader.preprocessors.CheckCellMetadata",
    ]

# ---- Gradebook, feedback, late submissions (README, "For instructors") ----------------
# The gradebook is SQLite (gradebook.db here): nothing to start, one writer at a time.
# Several graders at once use PostgreSQL instead, e.g.
#   NPMEM_DB_URL=postgresql+psycopg://grader@dbhost/numpy_memory
if os.environ.get("NPMEM_DB_URL"):
    c.CourseDirectory.db_url = os.environ["NPMEM_DB_URL"]

# Feedback per exercise (score, passed or not, the failing check's message); the stock
# feedback is the graded notebook itself, hidden tests and tracebacks included.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "npmem.instructor.feedback.ExerciseFeedback",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# Late policy: 15 minutes' grace, then 10 % of the notebook's score per started day,
# nothing after 7 days. Due dates: `make due A=01-strides DUE="2026-03-02 17:00 UTC"`.
c.AssignLatePenalties.plugin_class = "npmem.instructor.late.PercentPerDay"
c.PercentPerDay.grace_minutes = 15
c.PercentPerDay.percent_per_day = 10
c.PercentPerDay.zero_after_days = 7
