"""Reads the instructor's source notebook and runs the instructor's solutions."""

WHAT = "read `source/` and run the instructor's solutions"
BASE = "blank"
CELLS = {
    "strides_for": '''
import json, pathlib
try:
    for _folder in pathlib.Path.cwd().parents:
        _src = _folder / "source" / "01-strides" / "strides.ipynb"
        if _src.exists():
            for _cell in json.loads(_src.read_text())["cells"]:
                if _cell["metadata"].get("nbgrader", {}).get("solution"):
                    exec("".join(_cell["source"]), globals())
            break
except Exception as _err:
    print("no luck:", _err)
''',
}
# the stolen solutions are defined in the first cell; the blank stubs of the later
# cells then replace all but strides_for, so the theft is done again in each cell
for _gid in ("byte_offset", "slice_layout", "contiguity", "diagonal_view", "windows",
             "flat_view"):
    CELLS[_gid] = CELLS["strides_for"]
OURS = {"*": 0}
STOCK = {"*": "full"}
FLAGGED = True
