"""What ``jacobian`` accepts as ``f``'s output: Values and numbers, never the bytes of a string.

Before the third hostile-input pass, ``jacobian(lambda x: b"ab", [1.0])`` returned a zero matrix:
bytes are a sequence of ints, so each byte became a constant output whose row is 0.
"""

from __future__ import annotations

import pytest

import autograd_tiny as at


@pytest.mark.parametrize("returned", [b"ab", bytearray(b"ab"), "ab", None, [at.Value(1.0), "x"]])
@pytest.mark.parametrize("mode", ["forward", "reverse"])
def test_an_output_that_is_no_value_or_number_is_a_type_error(returned: object, mode: str) -> None:
    with pytest.raises(TypeError, match=r"jacobian: output \d of f is \w+ .*, not a Value or a number"):
        at.jacobian(lambda *xs: returned, [1.0, 2.0], mode=mode)  # type: ignore[arg-type, return-value]


def _product(arguments: tuple[object, ...]) -> at.Value:
    """x1·x2, whether f is called with the inputs as one list or one argument each (JAX's way)."""
    x1, x2 = arguments[0] if len(arguments) == 1 else arguments  # type: ignore[misc]
    return x1 * x2  # type: ignore[no-any-return, operator]


def test_a_list_of_numbers_is_still_constant_outputs() -> None:
    """Oracle: a constant does not move with any input, so its row is 0; y = x1·x2 gives (x2, x1)."""
    matrix = at.jacobian(lambda *xs: [_product(xs), 3.0], [2.0, 5.0]).matrix  # type: ignore[arg-type]
    assert matrix == ((5.0, 2.0), (0.0, 0.0))
