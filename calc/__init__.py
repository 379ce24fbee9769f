"""The chapter's decision aids as pure functions: one module per calculator, one entry point.

`run(name, inputs)` is what the site and the CLI call; the browser's worker asks for it in two
halves, `numbers` and then `charts`.
"""

from ._bridge import CALCULATORS, charts, defaults, fields, numbers, run
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
    "numbers",
    "read_po",
    "run",
    "translate",
]
