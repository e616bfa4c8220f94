"""Training: the tutorials' losses, the optimisers, gradient clipping, the data checks and ``fit``.

``fit`` runs one engine, chosen in one place (``train.py``): the graph engine, or the optional
vector fast path in ``vector/`` (numpy, imported only when ``engine="tape"`` asks for it).
"""

from nn.training.clipping import clip_gradients
from nn.training.losses import (
    binary_cross_entropy,
    cross_entropy,
    half_squared_error,
    hinge_loss,
    l2_penalty,
    mean,
)
from nn.training.objectives import LOSSES
from nn.training.optim import SGD, Adam, Optimizer
from nn.training.predict import accuracy, predict
from nn.training.train import History, fit

__all__ = [
    "LOSSES",
    "SGD",
    "Adam",
    "History",
    "Optimizer",
    "accuracy",
    "binary_cross_entropy",
    "clip_gradients",
    "cross_entropy",
    "fit",
    "half_squared_error",
    "hinge_loss",
    "l2_penalty",
    "mean",
    "predict",
]
