"""The hostile-input report's cases, one file per surface, and the harness that judges them.

``python -m tests.hostile_inputs`` runs them all; ``test_hostile_smoke.py`` runs a few of each
in the test suite.
"""
