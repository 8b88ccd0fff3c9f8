"""The instructor pipeline, end to end, on the bundled sample class.

generate → release → (students fetch, answer, submit through the exchange) →
collect → autograde the whole class in parallel → feedback per exercise (no hidden
tests), released and fetched by the students → a score table per assignment, checking
every score is deserved → export grades.csv → the class report (table and plot).

The sample students work alongside the instructor: each fetches and submits (and later
fetches feedback) in a thread of their own while the instructor releases the next
assignment, so the nbgrader commands, each a process of a few seconds, share the cores.

Usage: ``python -m npmem.dev.demo [--root DIR] [--jobs N] [ASSIGNMENT ...]``
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import nbformat

from npmem.grading import nbgrader_cli as nbg
from npmem.grading.catalogue import ASSIGNMENTS, ROOT
from npmem.grading.gradebook import cell_scores, table
from npmem.instructor import workflow
from npmem.instructor.autograde import autograde
from npmem.sandbox.settings import enabled as sandbox_enabled

from .samples import expected_scores, fill, resolve, students


def say(msg: str) -> None:
    print(msg, flush=True)


def alongside_students(
    assignments: list[str],
    students_of: dict[str, list[str]],
    instructor: Callable[[str], object],
    student: Callable[[str, str], object],
    after: Callable[[str], object],
) -> list[object]:
    """The instructor and the students at work at the same time, as in a real class.

    In this thread, ``instructor(a)`` for each assignment in turn (the instructor's
    nbgrader commands, one at a time: they share the gradebook); meanwhile each student,
    in a thread of their own, does ``student(sid, a)`` (their own nbgrader commands, in
    their own home) for their assignments in turn, each as soon as the instructor's step
    for it is done. In this thread again, between the instructor's steps and in order of
    the assignments, ``after(a)`` once every student of ``a`` is done (what it prints comes
    in the same order whatever the timing); its results are returned. Each nbgrader command is a
    process of a few seconds, mostly starting up, so the machine's cores share them.
    """
    released: dict[str, Future] = {a: Future() for a in assignments}
    done: dict[tuple[str, str], Future] = {
        (sid, a): Future() for a in assignments for sid in students_of[a]
    }
    sids = list(dict.fromkeys(sid for a in assignments for sid in students_of[a]))

    def lane(sid: str) -> None:
        mine = [a for a in assignments if sid in students_of[a]]
        for k, a in enumerate(mine):
            try:
                released[a].result()
                student(sid, a)
            except BaseException as err:  # handed to the waiting instructor thread
                for b in mine[k:]:
                    done[sid, b].set_exception(err)
                return
            done[sid, a].set_result(None)

    results: list[object] = []

    def finish(wait: bool) -> None:
        """``after`` for the next assignments in order, as long as their students are
        done (or, with ``wait``, once they are)."""
        while len(results) < len(assignments):
            a = assignments[len(results)]
            ours = [done[sid, a] for sid in students_of[a]]
            if not (released[a].done() and (wait or all(f.done() for f in ours))):
                return
            for f in ours:
                f.result()
            results.append(after(a))

    with ThreadPoolExecutor(max_workers=max(1, len(sids))) as pool:
        for sid in sids:
            pool.submit(lane, sid)
        try:
            for a in assignments:
                instructor(a)
                released[a].set_result(None)
                finish(wait=False)
        except BaseException as err:
            for f in released.values():
                if not f.done():
                    f.set_exception(err)
            raise
        finish(wait=True)
        return results


def answering(roster: dict[str, dict], assignment: str) -> list[str]:
    """The sample students who hand ``assignment`` in, in roster order."""
    return [sid for sid, info in roster.items() if assignment in info.get("answers", {})]


def submit_sample(root: Path, assignment: str, sid: str, choices: dict[str, str]) -> None:
    """A sample student fetches the assignment, answers it and submits it."""
    exchange, home = root / "exchange", root / ".demo-homes" / sid
    shutil.rmtree(home / assignment, ignore_errors=True)
    nbg.as_student(sid, "fetch_assignment", assignment, home=home, exchange=exchange)
    path = home / assignment / f"{ASSIGNMENTS[assignment]}.ipynb"
    fetched = nbformat.read(path, as_version=4)
    nbformat.write(fill(fetched, resolve(assignment, choices, root)), path)
    nbg.as_student(sid, "submit", assignment, home=home, exchange=exchange)


def hand_out(root: Path, assignments: list[str], roster: dict[str, dict]) -> dict[str, list[str]]:
    """Release each assignment, let the sample students fetch, answer and submit it, then
    collect it; who handed in what."""
    (root / "exchange").mkdir(exist_ok=True)
    students_of = {a: answering(roster, a) for a in assignments}

    def collect(assignment: str) -> None:
        say(f"== {assignment}: generate and release")
        say(f"   fetched and submitted through the exchange: {', '.join(students_of[assignment])}")
        workflow.collect(root, assignment)
        say("   collected")

    alongside_students(
        assignments,
        students_of,
        lambda a: workflow.release(root, a),
        lambda sid, a: submit_sample(root, a, sid, roster[sid]["answers"][a]),
        collect,
    )
    return students_of


def hand_back(
    root: Path, assignments: list[str], handed_in: dict[str, list[str]], roster: dict[str, dict]
) -> bool:
    """Feedback out and fetched; the score tables; True when every score is as deserved."""
    homes = root / ".demo-homes"

    def fetch(sid: str, assignment: str) -> None:
        nbg.as_student(
            sid, "fetch_feedback", assignment, home=homes / sid, exchange=root / "exchange"
        )

    def scores(assignment: str) -> bool:
        notebook, sids = ASSIGNMENTS[assignment], handed_in[assignment]
        say(f"== {assignment}: feedback and grades")
        got_feedback = sorted(
            p.relative_to(root) for p in homes.glob(f"*/{assignment}/feedback/*/*.html")
        )
        say(
            f"   feedback per exercise generated and fetched by the students: "
            f"{len(got_feedback)} file(s), e.g. {got_feedback[0] if got_feedback else 'none'}"
        )
        say("")
        say(table(root, assignment, notebook, sids))
        ok = True
        for sid in sids:
            want = expected_scores(assignment, roster[sid]["answers"][assignment], root)
            got = cell_scores(root, assignment, notebook, sid)
            if got != want:
                ok = False
                say(f"   MISMATCH for {sid}: expected {want}, got {got}")
        say("")
        return ok

    oks = alongside_students(
        assignments, handed_in, lambda a: workflow.feedback(root, a), fetch, scores
    )
    return all(oks)


def feedback_excerpt(root: Path, assignment: str, student: str, lines: int = 12) -> str:
    """The first failed exercise of a student's feedback, as the student reads it."""
    page = root / "feedback" / student / assignment / f"{ASSIGNMENTS[assignment]}.html"
    if not page.exists():
        return ""
    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text().split("<body", 1)[-1]))
    rows = [ln.replace("\u00b6", "").rstrip() for ln in text.splitlines() if ln.strip()]
    first = next((i for i, ln in enumerate(rows) if "not passed" in ln), None)
    if first is None:
        return ""
    return "\n".join("   | " + ln.strip() for ln in rows[max(0, first - 1) : first - 1 + lines])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*", default=list(ASSIGNMENTS))
    parser.add_argument("--root", type=Path, default=ROOT, help="course directory")
    parser.add_argument("--jobs", type=int, default=None, help="grading workers (cores)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    roster = students()
    for sid, info in roster.items():
        say(f"sample student {sid}: {info['name']}")
    handed_in = hand_out(root, args.assignments, roster)
    say("\n== autograde the class: every assignment, on every core")
    if sandbox_enabled():
        say("   (each exercise graded once in the sandbox: npmem.sandbox.pipeline)")
    result = autograde(root, args.assignments, jobs=args.jobs, force=True, say=say)
    say("   " + result.summary())
    ok = not result.failed
    if sandbox_enabled():
        reports = workflow.verdicts(root, result)
        flagged = [r for r in reports if r.get("flagged")]
        for r in flagged:
            say(f"   flagged: {r['student']} {r['assignment']}: {'; '.join(r['flags'][:3])}")
        say(f"   {len(reports)} notebook(s) graded in the sandbox, {len(flagged)} flagged")
        ok = ok and not flagged and len(reports) == len(result.graded)
    say("")
    ok = hand_back(root, args.assignments, handed_in, roster) and ok
    excerpt = feedback_excerpt(root, args.assignments[0], "ben")
    if excerpt:
        say(f"What ben reads in his feedback for {args.assignments[0]} (no hidden test shown):")
        say(excerpt)
        say("")
    say(f"grades exported to {workflow.export(root)}")
    paths = workflow.report(root)
    say("")
    say(paths["md"].read_text())
    say(f"class report: {paths['md']}, {paths['csv']}, plot {paths['png']}")
    say(
        "every score is what its sample submission deserves"
        if ok
        else "SOME SCORES ARE NOT WHAT THE SAMPLES DESERVE"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
