"""The toy datasets' geometry and seeding, the train/test split, and the bundled UCI digits."""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable
from importlib import resources

import pytest

from nn import datasets

GENERATORS: list[Callable[..., tuple[list[list[float]], list[int]]]] = [
    datasets.make_moons,
    datasets.make_circles,
    datasets.make_xor,
    datasets.make_spiral,
]


@pytest.mark.parametrize("make", GENERATORS)
def test_generators_are_seeded_and_leave_the_global_random_state_alone(
    make: Callable[..., tuple[list[list[float]], list[int]]],
) -> None:
    state = random.getstate()
    X, y = make(n_samples=61, seed=5)
    assert random.getstate() == state
    assert (X, y) == make(n_samples=61, seed=5)
    assert make(n_samples=61, seed=6)[0] != X
    assert len(X) == len(y) == 61
    assert all(len(x) == 2 and all(math.isfinite(c) for c in x) for x in X)


def test_moons_lie_on_two_half_circles_without_noise() -> None:
    X, y = datasets.make_moons(101, noise=0.0)
    assert Counter(y) == {0: 51, 1: 50}
    for (a, b), label in zip(X, y, strict=True):
        if label == 0:
            assert math.hypot(a, b) == pytest.approx(1.0) and b >= -1e-12
        else:
            assert math.hypot(a - 1, b - 0.5) == pytest.approx(1.0) and b <= 0.5 + 1e-12


def test_circles_have_the_two_radii_without_noise() -> None:
    X, y = datasets.make_circles(40, noise=0.0, factor=0.3)
    radii = {
        label: {round(math.hypot(*x), 12) for x, t in zip(X, y, strict=True) if t == label}
        for label in (0, 1)
    }
    assert radii == {0: {1.0}, 1: {0.3}}


def test_xor_without_noise_is_the_truth_table() -> None:
    X, y = datasets.make_xor(8, noise=0.0)
    assert sorted(zip(map(tuple, X), y, strict=True)) == sorted(
        [((0.0, 0.0), 0), ((0.0, 1.0), 1), ((1.0, 0.0), 1), ((1.0, 1.0), 0)] * 2
    )


def test_spiral_has_balanced_arms_inside_the_unit_disc() -> None:
    X, y = datasets.make_spiral(100, n_classes=3)
    assert Counter(y) == {0: 34, 1: 33, 2: 33}
    assert max(math.hypot(*x) for x in X) <= 1 + 1e-12


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: datasets.make_moons(1), "n_samples must be an integer ≥ 2"),
        (lambda: datasets.make_moons(10, noise=-0.1), "noise must be a finite number"),
        (lambda: datasets.make_circles(10, factor=1.0), "factor must be a finite number in \\(0, 1\\)"),
        (lambda: datasets.make_spiral(10, n_classes=1), "n_classes must be an integer in 2..10"),
        (lambda: datasets.make_xor(10, noise=math.inf), "noise must be"),
    ],
)
def test_bad_generator_arguments_are_refused(make: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


def test_train_test_split_partitions_the_examples() -> None:
    X = [[float(i)] for i in range(20)]
    y = list(range(20))
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, test_fraction=0.25, seed=3)
    assert len(X_test) == len(y_test) == 5 and len(X_train) == 15
    assert sorted(y_train + y_test) == y
    assert all(x == [float(t)] for x, t in zip(X_train + X_test, y_train + y_test, strict=True))
    assert datasets.train_test_split(X, y, 0.25, seed=3) == (X_train, X_test, y_train, y_test)
    assert datasets.train_test_split(X, y, 0.25, seed=4)[3] != y_test
    with pytest.raises(ValueError, match="test_fraction must be"):
        datasets.train_test_split(X, y, 1.0)
    with pytest.raises(ValueError, match="20 examples and 19 labels"):
        datasets.train_test_split(X, y[:-1])


# The UCI description (optdigits.names) gives the class counts of its test set, the 1,797 images.
UCI_TEST_SET_COUNTS = {0: 178, 1: 182, 2: 177, 3: 183, 4: 181, 5: 182, 6: 181, 7: 179, 8: 174, 9: 180}


def test_digits_are_the_uci_test_set() -> None:
    X, y = datasets.load_digits()
    assert len(X) == len(y) == 1797
    assert {len(x) for x in X} == {64}
    assert Counter(y) == UCI_TEST_SET_COUNTS
    pixels = {p for x in X for p in x}
    assert pixels == {float(v) for v in range(17)}
    assert all(x[0] == 0.0 for x in X[:10])  # the left edge of an 8×8 image is blank in the first images


def test_digits_file_is_small_and_ships_inside_the_package() -> None:
    data = resources.files("nn.datasets").joinpath("digits.csv.gz")
    assert data.is_file()
    assert len(data.read_bytes()) < 100_000
