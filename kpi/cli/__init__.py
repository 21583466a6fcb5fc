"""Every command of `python -m kpi` (and `kpi`): parsing, output and exit codes.

The commands call the services below them; nothing here holds a rule of its own.
"""
