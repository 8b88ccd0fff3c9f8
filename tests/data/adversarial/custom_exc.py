"""Installs an IPython custom exception handler that swallows every error."""

WHAT = "IPython `set_custom_exc` swallows the tests' errors"
BASE = "junk"
CELLS = {
    "strides_for": '''
get_ipython().set_custom_exc((BaseException,), lambda shell, etype, value, tb, tb_offset=None: None)

def strides_for(*args, **kwargs):
    return None
''',
}
OURS = {"*": 0}
STOCK = {"*": 0}
FLAGGED = True
