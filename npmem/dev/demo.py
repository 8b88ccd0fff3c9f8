"""The instructor pipeline, end to end, on the bundled sample class.

generate → release → (students fetch, answer, submit through the exchange) →
collect → autograde the whole class in parallel → feedback per exercise (no hidden
tests), released and fetched by the students → a score table per assignment, checking
every score is deserved → export grades.csv → the class report (table and plot).

Usage: ``python -m npmem.dev.demo [--root DIR] [--jobs N] [ASSIGNMENT ...]``
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
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


def submit_samples(root: Path, assignment: str, roster: dict[str, dict]) -> list[str]:
    """Each sample student fetches the assignment, answers it and submits it."""
    exchange, homes = root / "exchange", root / ".demo-homes"
    notebook = f"{ASSIGNMENTS[assignment]}.ipynb"
    submitted = []
    for sid, info in roster.items():
        choices = info.get("answers", {}).get(assignment)
        if choices is None:
            continue
        home = homes / sid
        shutil.rmtree(home / assignment, ignore_errors=True)
        nbg.as_student(sid, "fetch_assignment", assignment, home=home, exchange=exchange)
        path = home / assignment / notebook
        fetched = nbformat.read(path, as_version=4)
        nbformat.write(fill(fetched, resolve(assignment, choices, root)), path)
        nbg.as_student(sid, "submit", assignment, home=home, exchange=exchange)
        submitted.append(sid)
    return submitted


def hand_out(root: Path, assignment: str, roster: dict[str, dict]) -> list[str]:
    """Release, let the sample students fetch, answer and submit, then collect."""
    (root / "exchange").mkdir(exist_ok=True)
    say(f"== {assignment}: generate and release")
    workflow.release(root, assignment)
    sids = submit_samples(root, assignment, roster)
    say(f"   fetched and submitted through the exchange: {', '.join(sids)}")
    workflow.collect(root, assignment)
    say("   collected")
    return sids


def hand_back(root: Path, assignment: str, sids: list[str], roster: dict[str, dict]) -> bool:
    """Feedback out and fetched; the score table; True when every score is as deserved."""
    notebook = ASSIGNMENTS[assignment]
    say(f"== {assignment}: feedback and grades")
    workflow.feedback(root, assignment)
    homes = root / ".demo-homes"
    for sid in sids:
        nbg.as_student(
            sid, "fetch_feedback", assignment, home=homes / sid, exchange=root / "exchange"
        )
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
    handed_in = {a: hand_out(root, a, roster) for a in args.assignments}
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
    ok = all([hand_back(root, a, handed_in[a], roster) for a in args.assignments]) and ok
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
