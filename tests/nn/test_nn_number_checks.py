"""One check of a number for the engine and nn (``at.check_number``): one exception type for one
mistake (not a real number: TypeError; not finite or outside its interval: ValueError), everywhere."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

import autograd_tiny as at
import nn

MODEL = nn.MLP(1, [1])
SGD = nn.SGD(MODEL.parameters(), lr=0.1)
PLACES: dict[str, Callable[[object], object]] = {
    "Value": lambda x: at.Value(x),  # type: ignore[arg-type]
    "jvp": lambda x: at.jvp(lambda d: d[0], [x], [1.0]),  # type: ignore[list-item]
    "SGD lr": lambda x: nn.SGD(MODEL.parameters(), lr=x),  # type: ignore[arg-type]
    "fit X": lambda x: nn.fit(
        MODEL, [[x]], [0.0], loss="half_squared_error", optimizer=SGD, epochs=1, progress=False
    ),
    "check_number": lambda x: at.check_number(x, "x"),
}


@pytest.mark.parametrize("place", PLACES)
def test_the_same_mistake_is_the_same_exception_in_the_engine_and_in_nn(place: str) -> None:
    for not_a_number in ("1", None, True):
        with pytest.raises(TypeError, match="must be a finite number"):
            PLACES[place](not_a_number)
    for not_finite in (math.nan, math.inf):
        with pytest.raises(ValueError, match="must be a finite number"):
            PLACES[place](not_finite)


def test_check_number_names_the_interval() -> None:
    assert at.check_number(0.5, "p", low=0, high=1, open_low=True) == 0.5
    with pytest.raises(ValueError, match=r"^p must be a finite number in \(0, 1\], got 0$"):
        at.check_number(0, "p", low=0, high=1, open_low=True)
    with pytest.raises(ValueError, match=r"^lr must be a finite number > 0, got -1$"):
        at.check_number(-1, "lr", low=0, open_low=True)
    with pytest.raises(ValueError, match=r"^t must be a finite number < 2, got 3$"):
        at.check_number(3, "t", high=2, open_high=True)
