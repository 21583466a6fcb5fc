"""What a plan, target and figure are, and the pure rules that judge them.

No database, no presentation: every other package may import this one; it imports
only :mod:`kpi.i18n`.
"""
