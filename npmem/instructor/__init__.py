"""Running the course for a real class, through nbgrader's own commands and exchange.

* ``workflow``: release, collect, feedback, export, regrade one student, due dates;
* ``autograde``: grade a class on every core, with exactly nbgrader's serial scores;
* ``grade_one``: the per-submission step (nbgrader's own autograde, one student);
* ``record``: write a graded submission's scores into the course gradebook;
* ``course``: open a course directory with nbgrader's configuration, in this process;
* ``triage``: find broken submissions and say what is wrong in one line;
* ``feedback``: feedback per exercise that never shows the hidden tests;
* ``report``: the class report (passes per exercise, mean per assignment, a plot);
* ``late``: the late-submission policy.

Command line: ``python -m npmem.instructor --help`` (the Makefile's instructor targets).
"""
