"""The benchmark of issue 6: ``python -m tests.benchmarks.run`` (see ``run.py``)."""
