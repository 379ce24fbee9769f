"""The chapter's decision aids as pure functions: one module per calculator, one entry point.

`run(name, inputs)` is what the site, the browser worker and the CLI call (the worker asks
`charts(name, inputs)` for the charts as a second step).
"""

from ._bridge import CALCULATORS, charts, defaults, fields, run
from ._form import InputError, Problem
from ._i18n import LANGUAGES, read_po, translate

__all__ = [
    "CALCULATORS",
    "LANGUAGES",
    "InputError",
    "Problem",
    "charts",
    "defaults",
    "fields",
    "read_po",
    "run",
    "translate",
]
