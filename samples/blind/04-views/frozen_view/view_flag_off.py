# Mistake: believes that switching off the writeable flag of a view makes it permanently read-only, as in the demo, although the view's owner x is writeable so the flag can be switched back on.
# Wrong on: v = frozen_view(np.arange(3.0)); v.flags.writeable = True -> succeeds, correct is raising ValueError
import numpy as np


def frozen_view(x):
    v = x.view()
    v.flags.writeable = False
    return v
