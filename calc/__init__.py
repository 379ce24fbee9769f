"""The chapter's decision aids as pure functions: one module per calculator, one entry point.

`run(name, inputs)` is what the site, the browser worker and the CLI call.
"""

from ._bridge import CALCULATORS, defaults, fields, run
from ._form import InputError, Problem

__all__ = ["CALCULATORS", "InputError", "Problem", "defaults", "fields", "run"]
