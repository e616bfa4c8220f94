"""``load_digits``: 1,797 handwritten digits as 8×8 images, the small stand-in for the gradient-checking
tutorial's 784-25-10 MNIST network.

Source: the test set of "Optical Recognition of Handwritten Digits" by E. Alpaydin and C. Kaynak
(1998), UCI Machine Learning Repository, https://doi.org/10.24432/C50P49, licensed under Creative
Commons Attribution 4.0 (CC BY 4.0). The file ``digits.csv.gz`` beside this module is the copy that
scikit-learn bundles (sklearn/datasets/data/digits.csv.gz, unchanged): one row per image, 64 pixel
counts from 0 to 16 (row by row), then the digit. It ships in the package, so nothing is downloaded.
"""

from __future__ import annotations

import csv
import gzip
import io
from importlib import resources

__all__ = ["load_digits"]


def load_digits() -> tuple[list[list[float]], list[int]]:
    """The 1,797 digits, as ``(X, y)``.

    Returns:
        X: one list of 64 pixel values per image, each a float from 0 to 16 (divide by 16 to scale
        them to [0, 1]); y: the digit 0–9 of each image.
    """
    compressed = resources.files(__package__).joinpath("digits.csv.gz").read_bytes()
    with io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(compressed)), encoding="ascii") as text:
        rows = list(csv.reader(text))
    return [[float(pixel) for pixel in row[:64]] for row in rows], [int(row[64]) for row in rows]
