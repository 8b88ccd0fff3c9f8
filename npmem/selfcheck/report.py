"""The result of a check: a per-exercise table, as HTML in JupyterLab and as text elsewhere."""

from __future__ import annotations

import html
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from npmem.grading.cells import test_id

SYMBOL = {"pass": "✔ pass", "fail": "✘ fail", "not run": "– not run", "none": "–"}
COLOUR = {
    "pass": "var(--jp-success-color1, #2e7d32)",
    "fail": "var(--jp-error-color1, #c62828)",
    "todo": "var(--jp-ui-font-color2, #757575)",
    "warning": "var(--jp-warn-color1, #ef6c00)",
}
# An exercise's state at a glance: a mark and a word, in its own colour.
STATUS = {"pass": "✔ passed", "fail": "✘ failed", "todo": "○ not attempted"}


@dataclass
class Exercise:
    number: int
    name: str  # the solution cell's id, which is the function's name
    points: float
    max_points: float
    visible: str  # "pass", "fail", "not run" or "none" (no such part)
    hidden: str
    message: str = ""
    answered: bool = True
    test_id: str = ""  # the test cell's grade id (``test_<name>`` in this course)
    diagnosis: str = ""  # the known mistake a failing answer shows, in one sentence

    @property
    def status(self) -> str:
        """ "pass" (full points), "fail" (an attempt that falls short) or "todo" (the
        exercise's cell is still the stub nbgrader hands out)."""
        if self.points >= self.max_points:
            return "pass"
        return "fail" if self.answered else "todo"

    @property
    def shown_message(self) -> str:
        """The message worth reading: none for an exercise not attempted yet."""
        return "" if self.status == "todo" else self.message


@dataclass
class Report:
    assignment: str
    notebook: Path
    saved_at: float  # the file's modification time (seconds since the epoch)
    exercises: list[Exercise]
    seconds: float = 0.0  # wall time of the whole check
    kernel_seconds: float = 0.0  # of which starting the fresh process (the set-up cells)
    cells_run: int = 0
    cells_skipped: int = 0
    notes: list[str] = field(default_factory=list)
    best: float | None = None  # best score so far, once recorded
    checks: int = 0  # how many checks recorded so far

    @property
    def score(self) -> float:
        return sum(e.points for e in self.exercises)

    @property
    def max_score(self) -> float:
        return sum(e.max_points for e in self.exercises)

    def scores(self) -> dict[str, float]:
        """Points per test cell id (``test_<exercise>``), as nbgrader's gradebook keys them."""
        return {e.test_id or test_id(e.name): e.points for e in self.exercises}

    def to_dict(self) -> dict:
        data = asdict(self)
        data["notebook"] = str(self.notebook)
        data["score"], data["max_score"] = self.score, self.max_score
        return data

    # ---- text -------------------------------------------------------------------------

    def _saved(self) -> str:
        age = max(0.0, time.time() - self.saved_at)
        when = time.strftime("%H:%M:%S", time.localtime(self.saved_at))
        if age < 90:
            ago = f"{age:.0f} s ago"
        elif age < 5400:
            ago = f"{age / 60:.0f} min ago"
        else:
            ago = time.strftime("%Y-%m-%d", time.localtime(self.saved_at))
        return f"{when} ({ago})"

    def summary(self) -> str:
        return (
            f"{self.assignment}: {_num(self.score)} / {_num(self.max_score)} points. "
            f"Graded {self.notebook.name} as saved at {self._saved()}, in a fresh process with "
            f"the hidden tests, in {self.seconds:.1f} s."
        )

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))

    def __str__(self) -> str:
        rows = [("#", "exercise", "status", "points", "visible", "hidden", "message")]
        for e in self.exercises:
            pts = f"{_num(e.points)}/{_num(e.max_points)}"
            first = e.shown_message.splitlines()[0] if e.shown_message else ""
            todo = e.status == "todo"
            visible, hidden = ("–", "–") if todo else (e.visible, e.hidden)
            rows.append((str(e.number), e.name, STATUS[e.status], pts, visible, hidden, first))
            if e.diagnosis and e.status == "fail":
                rows.append(("", "", "", "", "", "", f"↳ {e.diagnosis}"))
        widths = [max(len(r[k]) for r in rows) for k in range(6)]
        lines = [self.summary(), ""]
        if self.notes:  # first, where they are read (an unsaved edit, a skipped cell, ...)
            lines += [*self.notes, ""]
        for r in rows:
            lines.append(
                "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[6]
            )
        lines.append("")
        if self.best is not None:
            lines.append(f"Best so far: {_num(self.best)} / {_num(self.max_score)}.")
        return "\n".join(lines).rstrip()

    # ---- HTML -------------------------------------------------------------------------

    def _row(self, e: Exercise) -> str:
        colour = COLOUR[e.status]
        todo = e.status == "todo"
        message = e.shown_message
        cells = [
            f"{e.number}&nbsp;·&nbsp;<code>{html.escape(e.name)}</code>",
            f"<b class='npmem-status' style='color:{colour}'>"
            f"{STATUS[e.status].replace(' ', '&nbsp;')}</b>",
            f"<span style='color:{colour}'>{_num(e.points)}&nbsp;/&nbsp;{_num(e.max_points)}"
            "</span>",
            _part("none" if todo else e.visible),
            _part("none" if todo else e.hidden),
            "<pre style='white-space:pre-wrap;word-break:normal;overflow-wrap:break-word;"
            f"margin:0;background:none;padding:0;font-size:inherit'>{html.escape(message)}</pre>"
            + (
                f"<p class='npmem-diagnosis' style='margin:0.3em 0 0'>💡 "
                f"{html.escape(e.diagnosis)}</p>"
                if e.diagnosis and e.status == "fail"
                else ""
            )
            if message
            else "",
        ]
        tds = "".join(f"<td style='text-align:left;vertical-align:top'>{c}</td>" for c in cells)
        return (
            f"<tr class='npmem-{e.status}' data-exercise='{html.escape(e.name)}' "
            f"data-points='{_num(e.points)}'>{tds}</tr>"
        )

    def _repr_html_(self) -> str:
        head = "".join(
            f"<th style='text-align:left'>{h}</th>"
            for h in (
                "Exercise",
                "Status",
                "Points",
                "Visible tests",
                "Hidden tests",
                "What to look at",
            )
        )
        body = "".join(self._row(e) for e in self.exercises)
        total = _num(self.score), _num(self.max_score)
        notes = "".join(f"<p>⚠ {html.escape(n)}</p>" for n in self.notes)
        best = (
            f" Best so far: <b>{_num(self.best)} / {total[1]}</b> "
            f"({self.checks} check{'s' if self.checks != 1 else ''} recorded)."
            if self.best is not None
            else ""
        )
        failed = [e.name for e in self.exercises if e.status == "fail"]
        todo = [e.name for e in self.exercises if e.status == "todo"]
        if failed:
            help_ = (
                " Stuck? Open the <b>Hint</b> under the exercise; "
                f'<code>solution("{html.escape(failed[0])}")</code> in a new cell shows a worked '
                "solution of an exercise you have attempted."
            )
        elif todo:
            help_ = (
                " Stuck? Open the <b>Hint</b> under the exercise. A worked solution, "
                f'<code>solution("{html.escape(todo[0])}")</code>, unlocks once you have '
                "checked an attempt at it."
            )
        else:
            help_ = " Every exercise passes, hidden tests included: well done."
        return (
            f"<div class='npmem-selfcheck' data-assignment='{html.escape(self.assignment)}' "
            f"data-score='{total[0]}' data-max-score='{total[1]}'>"
            f"<p><b>Check my work · {html.escape(self.assignment)}: {total[0]} / {total[1]} "
            f"points</b><br>Graded <code>{html.escape(self.notebook.name)}</code> as saved at "
            f"{self._saved()}, in a fresh process with the hidden tests, in "
            f"{self.seconds:.1f} s. Not what you expected? Save (Ctrl+S) and run this cell "
            f"again.</p>{notes}<table class='npmem-selfcheck-table'><thead><tr>{head}</tr>"
            f"</thead><tbody>{body}</tbody></table><p>{best}{help_}</p></div>"
        )


def _part(state: str) -> str:
    colour = {"pass": COLOUR["pass"], "fail": COLOUR["fail"]}.get(state, "inherit")
    return (
        f"<span class='npmem-part npmem-part-{state.replace(' ', '-')}' "
        f"style='color:{colour}'>{SYMBOL[state]}</span>"
    )


def _num(x: float | None) -> str:
    if x is None:
        return "–"
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}".rstrip("0")


@dataclass
class Notice:
    """A message in place of a report (nothing to check, or something to fix first)."""

    text: str
    kind: str = "warning"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        colour = COLOUR["warning"] if self.kind == "warning" else "inherit"
        return (
            f"<div class='npmem-selfcheck-notice' style='border-left:4px solid {colour};"
            f"padding:0.3em 0.8em'>{html.escape(self.text)}</div>"
        )
