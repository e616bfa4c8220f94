"""Finding the matrices in a recorded graph: Σ nodes of products that are one z = Wa + b.

The matrix tutorial writes a layer as z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾; the composite-function tutorial's scalar
graph of the same layer is m Σ nodes, zⱼ = bⱼ + Σᵢ wⱼᵢ·aᵢ, each summing products of a parameter and
an input, all over the same inputs. This module finds that structure in any graph, not only nn's:

- a *product Σ* is a ``sum`` node whose terms are products ``w × a`` (or ``a × w``) with ``w`` a
  parameter (a leaf read at every replay, never a constant or a computed node), each product used
  by that Σ alone, plus at most one other term, which must itself be a parameter (the bias);
- product Σs with the same inputs a₁ … aₙ, in the same order, and the same presence of a bias are
  the rows of one column; columns with the same rows (the same weights and biases, row for row) are
  the columns of one matrix product Z = WA + b (an nn model recorded on a whole batch of examples
  has one column per example).

Anything else (a missing product, a constant or computed weight, a second extra term, a product
used twice) is left to the per-operation replay, which is always correct.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import chain

from autograd_tiny.core.order import inputs_of
from autograd_tiny.core.value import Value

__all__ = ["Matrix", "Product", "arrange", "by_level", "find_products", "matrices_first", "uses_of"]


@dataclass(frozen=True, slots=True)
class Product:
    """A product Σ, z = b + Σᵢ wᵢ·aᵢ: its weights, its inputs (in term order) and its bias, if any."""

    weights: tuple[Value, ...]
    inputs: tuple[Value, ...]
    bias: Value | None


@dataclass(frozen=True, slots=True)
class Matrix:
    """Product Σs arranged as Z = WA + b: ``nodes[j][c]`` is row j (weights ``weights[j]``) of column c."""

    nodes: list[list[Value]]
    weights: list[tuple[Value, ...]]  # m rows of n parameters
    biases: list[Value] | None  # m parameters, or None: no row has a bias
    inputs: list[tuple[Value, ...]]  # k columns of n inputs


def find_products(
    operations: list[Value], parameters: set[Value], uses: Counter[Value]
) -> dict[Value, Product]:
    """Every product Σ among ``operations``.

    Args:
        operations: the graph's operation nodes.
        parameters: the leaves that are parameters.
        uses: how many times each node is used (as an input, an output or a compared value).
    """
    found: dict[Value, Product] = {}
    for node in operations:
        if node.op != "sum":
            continue
        weights: list[Value] = []
        inputs: list[Value] = []
        others: list[Value] = []
        for term in inputs_of(node):
            pair = _weight_and_input(term, parameters, uses)
            if pair is None:
                others.append(term)
            else:
                weights.append(pair[0])
                inputs.append(pair[1])
        bias_ok = not others or (len(others) == 1 and others[0] in parameters)
        if weights and bias_ok:
            found[node] = Product(tuple(weights), tuple(inputs), others[0] if others else None)
    return found


def _weight_and_input(
    term: Value, parameters: set[Value], uses: Counter[Value]
) -> tuple[Value, Value] | None:
    """(w, a) if ``term`` is w × a or a × w with w a parameter, used only by its Σ; else None."""
    if term.op != "mul" or uses[term] != 1:
        return None
    left, right = inputs_of(term)
    if left in parameters:
        return left, right
    if right in parameters:
        return right, left
    return None


def arrange(nodes: list[Value], products: dict[Value, Product]) -> list[Matrix]:
    """The product Σs of one level (in recorded order) as matrices: rows that share their inputs
    make a column, and columns with the same rows make one matrix."""
    columns: dict[tuple[tuple[Value, ...], bool], list[Value]] = {}
    for node in nodes:
        product = products[node]
        columns.setdefault((product.inputs, product.bias is not None), []).append(node)
    matrices: dict[tuple[tuple[tuple[Value, ...], Value | None], ...], list[list[Value]]] = {}
    for column in columns.values():
        rows = tuple((products[node].weights, products[node].bias) for node in column)
        matrices.setdefault(rows, []).append(column)
    found = []
    for rows, column_list in matrices.items():
        found.append(
            Matrix(
                nodes=[[column[j] for column in column_list] for j in range(len(rows))],
                weights=[weights for weights, _ in rows],
                biases=None if rows[0][1] is None else [bias for _, bias in rows if bias is not None],
                inputs=[products[column[0]].inputs for column in column_list],
            )
        )
    return found


def uses_of(operations: list[Value], roots: list[Value]) -> Counter[Value]:
    """How many times each node is read: as an input of one of ``operations``, an output or a
    compared value (``roots``)."""
    uses = Counter(chain.from_iterable(map(inputs_of, operations)))
    uses.update(roots)
    return uses


def by_level(
    nodes: list[Value], products: dict[Value, Product], level: dict[Value, int]
) -> list[tuple[int, Matrix]]:
    """The product Σs as matrix products, level by level (so numbered in the order they run)."""
    by_level: dict[int, list[Value]] = {}
    for node in nodes:
        by_level.setdefault(level[node], []).append(node)
    return [(depth, matrix) for depth in sorted(by_level) for matrix in arrange(by_level[depth], products)]


def matrices_first(parameters: list[Value], matrices: list[Matrix]) -> list[Value]:
    """The parameters with each matrix product's W (row by row) and b first, so that a replay reads
    them as one run of slots, the matrices with more rows first (a regulariser Σ p·p over every
    parameter is a product of one row: it must not scatter the layers' W); the other parameters
    after them, in recorded order."""
    ordered: dict[Value, None] = {}  # a key already there keeps its place
    for matrix in sorted(matrices, key=lambda matrix: -len(matrix.weights)):
        ordered.update(dict.fromkeys(chain(*matrix.weights, matrix.biases or [])))
    ordered.update(dict.fromkeys(parameters))
    return list(ordered)
