"""Opens the gradebook with sqlite3: extra credit for itself, zero for everyone else."""

WHAT = "write `gradebook.db`: extra credit for itself, 0 for the others"
BASE = "blank"
# graded last (student ids are processed in order), so the others' grades exist already
STUDENT = "zz-write-gradebook"
CELLS = {
    "strides_for": '''
import pathlib, sqlite3
try:
    for _folder in pathlib.Path.cwd().parents:
        _db = _folder / "gradebook.db"
        if _db.exists():
            _con = sqlite3.connect(_db, timeout=30)
            _con.execute(
                "UPDATE grade SET extra_credit = 15 WHERE notebook_id IN ("
                " SELECT n.id FROM submitted_notebook n JOIN submitted_assignment a"
                " ON n.assignment_id = a.id WHERE a.student_id = 'zz-write-gradebook')")
            _con.execute(
                "UPDATE grade SET manual_score = 0 WHERE notebook_id IN ("
                " SELECT n.id FROM submitted_notebook n JOIN submitted_assignment a"
                " ON n.assignment_id = a.id WHERE a.student_id != 'zz-write-gradebook')")
            _con.commit()
            break
except Exception as _err:
    print("no luck:", _err)
''',
}
# Under stock nbgrader it really zeroes everyone graded before it, so the stock run grades
# it in a course of its own (with the reference student, whose zero the tests check).
ALONE = True
ALONE_WITH = ["reference"]
OURS = {"*": 0}
# 15 points of extra credit on each of its 7 test cells: 105 of 15
STOCK = {"*": 15}
FLAGGED = True
