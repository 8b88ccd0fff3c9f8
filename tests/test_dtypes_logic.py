"""The dtypes explorer's pure logic, checked against NumPy itself, and its drawing."""

import io
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from npmem.dtype_bits import (  # noqa: E402
    DTYPES,
    LIST_LABEL,
    MEMORY_DTYPES,
    SIZES,
    decode_float,
    describe,
    fields_of,
    human_bytes,
    memory_table,
    python_list_bytes,
    store,
    wrap,
)
from npmem.explorers._drawing import Labels  # noqa: E402
from npmem.explorers.dtypes import (  # noqa: E402
    draw_bits,
    draw_memory,
    dtypes_explorer,
    figure_for,
)


@pytest.mark.parametrize("dtype", DTYPES)
def test_fields_cover_every_bit_once(dtype):
    fields = fields_of(dtype)
    bits = np.dtype(dtype).itemsize * 8
    assert fields[0].start == 0 and fields[-1].stop == bits
    assert all(a.stop == b.start for a, b in zip(fields, fields[1:], strict=False))
    assert sum(f.width for f in fields) == bits


def test_float_fields_match_finfo():
    for dtype in ("float16", "float32"):
        info = np.finfo(dtype)
        widths = {f.name: f.width for f in fields_of(dtype)}
        assert widths == {"sign": 1, "exponent": info.nexp, "mantissa": info.nmant}
    assert [f.name for f in fields_of("int8")] == ["sign", "value"]
    assert [f.name for f in fields_of("uint8")] == ["value"]
    with pytest.raises(ValueError):
        fields_of("complex64")


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int16", "uint16", "int32"])
def test_wrap_matches_numpy_astype(dtype):
    values = np.array([0, 1, -1, 127, 128, 255, 256, 300, -129, 40_000, -70_000, 2**31])
    expected = values.astype(dtype)
    assert [wrap(int(v), dtype) for v in values] == expected.tolist()
    with pytest.raises(ValueError):
        wrap(1, "float32")


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int16"])
def test_store_integers_gives_numpys_value_and_bits(dtype):
    for value in (-300.0, -129.0, -1.0, -0.5, 0.0, 2.7, 127.0, 128.0, 255.0, 256.0, 1e4):
        s = store(value, dtype)
        want = np.array([value]).astype(np.int64).astype(dtype)
        assert s.value == int(want[0])
        raw = int(want.view(f"u{want.itemsize}")[0])
        assert s.bits == format(raw, f"0{s.nbits}b")


def test_store_integer_status():
    assert store(300, "int8").status == "wrapped" and store(300, "int8").value == 44
    assert np.array([300]).astype(np.int8)[0] == 44  # an integer cast keeps the low bits
    assert store(-1, "uint8").value == 255 and store(-1, "uint8").bits == "11111111"
    assert store(2.7, "int16").status == "truncated" and store(2.7, "int16").value == 2
    assert store(-1, "int8").bits == "11111111" and store(-1, "int8").status == "exact"


OUT_OF_RANGE = [
    (dtype, value)
    for dtype in ("int8", "uint8", "int16")
    for value in (300.5, -300.5, -1.5, 70_000.5, 3e9 + 7.5, 2.0**70)
    if not np.iinfo(dtype).min <= int(value) <= np.iinfo(dtype).max
]


@pytest.mark.parametrize(("dtype", "value"), OUT_OF_RANGE)
def test_out_of_range_float_to_int_is_undefined_not_wrapped(dtype, value):
    """Only integer-to-integer casts wrap; a float64 out of range gives what this machine
    gives, which is what the explorer reports (NumPy's own cast, its warning included)."""
    s = store(value, dtype)
    assert s.status == "undefined"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        here = np.array([value]).astype(dtype)
    assert s.value == int(here[0])
    assert s.bits == format(int(here.view(f"u{here.itemsize}")[0]), f"0{s.nbits}b")
    assert s.warned == any("invalid value" in str(w.message) for w in caught)
    text = describe(s)
    assert "undefined" in text and "wrap" not in text
    assert ("invalid value encountered in cast" in text) == s.warned


@pytest.mark.parametrize("dtype", ["float16", "float32"])
def test_store_floats_matches_numpys_bits(dtype):
    rng = np.random.default_rng(7)
    values = np.concatenate([rng.normal(0, 100, 20), [0.0, -0.0, 1.0, 0.1, 1e-6, 1e5, -2.5]])
    for value in values:
        s = store(float(value), dtype)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            item = np.array([value]).astype(dtype)
        assert s.bits == format(int(item.view(f"u{item.itemsize}")[0]), f"0{s.nbits}b")
        assert s.value == float(item[0]) or (np.isnan(s.value) and np.isnan(item[0]))


def test_store_float_status():
    assert store(0.5, "float16").status == "exact"
    assert store(0.1, "float16").status == "rounded"
    assert store(1e5, "float16").status == "overflow" and store(1e5, "float16").value == np.inf
    assert store(1e-6, "float16").status == "subnormal"
    assert store(1e-9, "float16").status == "underflow" and store(1e-9, "float16").value == 0
    assert store(1e5, "float32").status == "exact"


def test_decode_float_explains_the_fields():
    s = store(-2.5, "float32")
    assert s.field_bits("sign") == "1"
    text = decode_float(s)
    assert text.startswith("-") and "2^1" in text
    assert "inf" in decode_float(store(1e5, "float16"))
    assert "subnormal" in decode_float(store(1e-6, "float16"))
    assert "zeros" in decode_float(store(0.0, "float16"))
    with pytest.raises(ValueError):
        decode_float(store(3, "int8"))


def test_describe_names_what_happened():
    assert "int64" in describe(store(300, "int8")) and "mod 2^8" in describe(store(300, "int8"))
    assert "-> 44" in describe(store(300, "int8"))
    assert "overflow" in describe(store(1e5, "float16"))
    assert "65504" in describe(store(1e5, "float16"))
    assert "exactly" in describe(store(1.5, "float32"))


def test_memory_table_is_size_times_itemsize():
    n = 12_345
    rows = dict(memory_table(n))
    for name in MEMORY_DTYPES:
        assert rows[name] == n * np.dtype(name).itemsize == np.zeros(n, dtype=name).nbytes
    assert rows[LIST_LABEL] == python_list_bytes(n) > rows["int64"]
    assert "computed" in LIST_LABEL
    with pytest.raises(ValueError):
        memory_table(-1)


def _traced_list(n):
    import tracemalloc

    tracemalloc.start()
    try:
        values = list(range(10**6, 10**6 + n))
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    del values
    return held


def test_python_list_bytes_matches_a_real_list():
    """What tracemalloc sees of a real list of ints: its pointers and each int's block."""
    for n in (1000, 54_321):
        real = _traced_list(n)
        assert abs(python_list_bytes(n) - real) <= 64 + n // 1000, (n, real)


def test_an_int_costs_its_allocated_block_not_getsizeof():
    import sys
    import tracemalloc

    from npmem.dtype_bits import int_object_bytes

    per_int = int_object_bytes(500)
    assert per_int >= sys.getsizeof(10**6)  # the block, rounded up from the object
    assert round(per_int) % 8 == 0
    tracemalloc.start()  # measuring inside an outer trace leaves that trace running
    try:
        assert abs(int_object_bytes(500) - per_int) < 1
        assert tracemalloc.is_tracing()
    finally:
        tracemalloc.stop()


def test_python_list_bytes_builds_no_list():
    import tracemalloc

    python_list_bytes(10)  # the sample is measured once
    tracemalloc.start()
    try:
        big = python_list_bytes(SIZES[-1])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20 and big > SIZES[-1] * 8


def test_human_bytes():
    assert human_bytes(10) == "10 B"
    assert human_bytes(1536) == "1.5 KiB"
    assert human_bytes(3 * 2**20) == "3.0 MiB"
    assert human_bytes(5 * 2**40) == "5120.0 GiB"


def test_draw_bits_draws_one_box_per_bit():
    for dtype in DTYPES:
        s = store(100, dtype)
        fig, ax = plt.subplots()
        boxes = draw_bits(ax, s)
        assert len(boxes) == s.nbits
        assert all(isinstance(b, Rectangle) for b in boxes)
        (digits,) = [c for c in ax.collections if isinstance(c, Labels)]
        assert "".join(digits.texts) == s.bits
        plt.close(fig)


def test_draw_memory_highlights_the_chosen_dtype():
    fig, ax = plt.subplots()
    bars = draw_memory(ax, SIZES[1], "int16")
    assert len(bars) == len(MEMORY_DTYPES) + 1
    colours = [b.get_facecolor() for b in bars]
    assert len({c for c in colours}) == 2
    assert colours[MEMORY_DTYPES.index("int16")] != colours[0]
    widths = [b.get_width() for b in bars]
    assert widths[: len(MEMORY_DTYPES)] == [SIZES[1] * np.dtype(d).itemsize for d in MEMORY_DTYPES]
    plt.close(fig)


def test_figure_changes_with_the_controls():
    def png(fig):
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        plt.close(fig)
        return buf.getvalue()

    assert png(figure_for("int8", 100, 0, 1000)) != png(figure_for("float16", 100, 0, 1000))
    assert png(figure_for("int8", 100, 0, 1000)) != png(figure_for("int8", 100, 2, 1000))


def test_figure_snaps_the_slider_value_to_its_step():
    fig = figure_for("uint8", 99.99999999999999, 0, 1000)
    title = fig.axes[0].get_title(loc="left")
    plt.close(fig)
    assert "-> 100" in title and "exactly" in title


def test_explorer_is_idle_under_nbgrader(monkeypatch):
    import ipywidgets as w

    import npmem.explorers.dtypes as explorer

    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert isinstance(dtypes_explorer(), w.HTML)
    monkeypatch.delenv("NBGRADER_EXECUTION")
    monkeypatch.delenv("NPMEM_HEADLESS", raising=False)
    calls = []

    def recording_figure_for(**kwargs):
        calls.append(kwargs)
        return figure_for(**kwargs)

    monkeypatch.setattr(explorer, "figure_for", recording_figure_for)
    box = dtypes_explorer()
    assert "npmem-explorer" in box._dom_classes
    first = box.children[0].children[0]
    assert isinstance(first, w.Dropdown) and first.description == "dtype"
    before = box.picture.png
    first.value = "float32"  # the first dropdown redraws the figure
    assert calls and calls[-1]["dtype"] == "float32"
    assert box.picture.png != before


def test_largest_size_allocates_little(monkeypatch):
    """Drawing N = 100,000,000 builds no list: the figure costs the same at any N."""
    import tracemalloc

    figure_for("int8", 100, 0, SIZES[0])  # warm up fonts and caches
    tracemalloc.start()
    try:
        fig = figure_for("int8", 100, 0, SIZES[-1])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 << 20
    labels = [t for c in fig.axes[1].collections if isinstance(c, Labels) for t in c.texts]
    assert LIST_LABEL in labels and "computed" in LIST_LABEL
