"""Datasets for the lessons, with no download: seeded toy problems and the 8×8 UCI digits."""

from nn.datasets.digits import load_digits
from nn.datasets.split import train_test_split
from nn.datasets.synthetic import make_circles, make_moons, make_spiral, make_xor

__all__ = ["load_digits", "make_circles", "make_moons", "make_spiral", "make_xor", "train_test_split"]
