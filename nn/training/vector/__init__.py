"""The vector fast path of ``fit(engine="tape")``: a recorded tape replayed on numpy arrays a batch at a
time, the named losses on a whole batch, and the optimisers on arrays. Optional: needs numpy."""

__all__: list[str] = []
