"""``Value``: one number that records the operation that made it and the local partials on its edges.

The forward pass stores, on every edge, ∂out/∂input (the chain-rule tutorial's forward pass: ∂z/∂w
is the input), so drawing, sums over paths and the backward pass are plain reads of data. Every
operator is one line made from the rule of the same name (``_unary_operation``,
``_binary_operation``); every derivative comes from the table in ``rules.py``. Read
``textbook.py`` first: this is that engine with its speed tricks, each one named and measured beside
``_node``, the one constructor of a node (no other file writes a node's slots).

This file is longer than the others (about 440 lines) for one reason: the class and the builders
that make its methods cannot live apart without an import cycle. The class body calls the builders,
and the builders create instances of the class and of ``Constant``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, TypeVar

from autograd_tiny.core.backward import backward_pass
from autograd_tiny.core.copying import Record, flatten
from autograd_tiny.core.errors import (
    as_float,
    derivative_error,
    not_finite,
    overflow,
    silent_float_error,
    variable_exponent_error,
)
from autograd_tiny.core.operators import COMPARED, arithmetic, comparisons
from autograd_tiny.core.recording import is_recording as _is_recording
from autograd_tiny.core.recording import tape_log as _tape_log
from autograd_tiny.core.rules import RULES, Rule

__all__ = ["Constant", "Value", "sum_values"]

_INF = math.inf
_isfinite = math.isfinite
_V = TypeVar("_V", bound="Value")

# ---- the one node constructor, and what makes building a node cheap ------------------------------
# Every node, of every kind (an operation's output, an input, a shared constant, a node rebuilt by
# pickle or copy), is built by ``_node``; no other file writes a node's slots. Its speed tricks:
#
# - ``object.__new__`` and eight slot writes instead of ``Value.__init__``: the operation has checked
#   its number already, so the checks of ``__init__`` are skipped;
# - ``__slots__`` and two input slots (``_a``, ``_b``) rather than a tuple of edges: one object per
#   node for the garbage collector, 144 bytes a node (``tests/benchmarks``: "bytes per node");
# - the builders below look their rule up once, when the method is made, not on every call;
# - ``_binary_operation`` repeats these eight lines inline (measured: ~20 ns of a ~300 ns ``x * y``,
#   7 %; two-input operations are most of a network's nodes);
# - ``_constant`` shares one ``Constant`` per number (the 2 of every ``x * 2``): a million ``x * 1.0001``
#   make one constant, not a million objects for the garbage collector.
# (An input, ``Value(2.0)``, goes through ``__new__``'s checks and then ``_node``: ~280 ns, not on the
# hot path.)
_new = object.__new__


def _node(
    cls: type[_V],
    data: float,
    op: str,
    a: Any,
    local_a: Any,
    b: Value | None,
    local_b: Any,
    label: str = "",
    grad: float = 0.0,
) -> _V:
    """The one place a node is built: its class, number, rule's name and edges (``a`` with ∂out/∂a,
    ``b`` with ∂out/∂b; a ``sum`` keeps a tuple of inputs in ``a`` and of partials in ``local_a``).

    ``op == ""`` and ``a is None`` make a leaf (an input, a constant, an operation under ``no_grad``).
    """
    node = _new(cls)
    node.data = data
    node.grad = grad
    node.label = label
    node.op = op
    node._a = a
    node._local_a = local_a
    node._b = b
    node._local_b = local_b
    return node


def _unrecorded(data: float) -> Value:
    """The result of an operation under ``no_grad``: a leaf. A tape being recorded is told of it,
    since a replay could only repeat its number frozen."""
    node = _node(Value, data, "", None, 0.0, None, 0.0)
    log = _tape_log()
    if log is not None:
        log.frozen.append(node)
    return node


def _unary_operation(op: str) -> Callable[[Value], Value]:
    """The method for one-input rule ``op``: run its forward, record the edge with its local partial."""
    rule = RULES[op]
    forward, partials = rule.forward, rule.partials

    def operation(a: Value) -> Value:
        x = a.data
        out = forward(x)
        if not _is_recording():
            if out - out:  # inf − inf and nan − nan are nan, finite − itself is 0: one cheap test
                raise overflow(op, out, x)
            return _unrecorded(out)
        try:
            (local,) = partials(out, x)
        except (ZeroDivisionError, OverflowError, ValueError) as error:
            raise not_finite(op, out, (x,), error) from None
        if out - out or local - local:  # a finite result can have an infinite slope (log at 5e-324)
            raise not_finite(op, out, (x,), f"∂/∂a = {local}")
        return _node(Value, out, op, a, local, None, 0.0)

    return _documented(operation, rule)


def _binary_operation(op: str) -> Callable[[Value, Value | float], Value]:
    """The method for two-input rule ``op``: ``a op b``, recording both edges with their partials."""
    rule = RULES[op]
    forward, partials = rule.forward, rule.partials

    def operation(a: Value, b: Value | float) -> Value:
        if type(b) is not Value and not isinstance(b, Value):  # a plain number (a Constant is a Value)
            b = _constant(b)
        x, y = a.data, b.data
        out = forward(x, y)
        if not _is_recording():
            if out - out:
                raise overflow(op, out, x, y)
            return _unrecorded(out)
        try:
            local_a, local_b = partials(out, x, y)
        except (ZeroDivisionError, OverflowError, ValueError) as error:
            raise not_finite(op, out, (x, y), error) from None
        if out - out or local_a - local_a or local_b - local_b:  # x / 1e-200: ∂/∂b = −x/b² = −inf
            raise not_finite(op, out, (x, y), f"∂/∂a = {local_a}, ∂/∂b = {local_b}")
        # _node's lines, inlined (a duplicate that stays: a speed trick, measured beside _node)
        node = _new(Value)
        node.data = out
        node.grad = 0.0
        node.label = ""
        node.op = op
        node._a = a
        node._local_a = local_a
        node._b = b
        node._local_b = local_b
        return node

    return _documented(operation, rule)


def _n_ary_operation(op: str) -> Callable[[Iterable[Value | float]], Value]:
    """The function for rule ``op`` of any number of inputs (``sum``): one node, an edge per input.

    Its inputs are a tuple in ``_a`` and their partials a tuple in ``_local_a``: 2 objects for
    the garbage collector to visit where a chain of two-input nodes would need n − 1.
    """
    rule = RULES[op]
    forward, partials = rule.forward, rule.partials

    def operation(terms: Iterable[Value | float]) -> Value:
        given = tuple(terms)
        inputs: tuple[Value, ...] = given  # type: ignore[assignment]  # checked on the next line
        if not _VALUE_TYPES.issuperset(map(type, given)):  # numbers become constants
            inputs = tuple(
                x if isinstance(x, Value) else _constant(as_float(x, f"{op}: term {i}"))
                for i, x in enumerate(given)
            )
        if not inputs:
            raise ValueError(f"{op} needs at least one term")
        data = [x.data for x in inputs]
        out = forward(*data)
        if not _isfinite(out):
            raise overflow(op, out, *data)
        if not _is_recording():
            return _unrecorded(out)
        try:
            locals_ = partials(out, *data)
        except (ZeroDivisionError, OverflowError, ValueError) as error:
            raise derivative_error(op, tuple(data), error) from None
        return _node(Value, out, op, inputs, locals_, None, 0.0)

    return _documented(operation, rule)


_Operation = TypeVar("_Operation", bound=Callable[..., Any])


def _documented(operation: _Operation, rule: Rule) -> _Operation:
    """Name the operation after its rule and give it the rule's docstring, for ``help(Value)``.

    Its qualified name is that of the method (``Value.tanh``), so that pickle finds it by name.
    """
    operation.__name__ = rule.name
    operation.__qualname__ = f"Value.{rule.name}"
    operation.__doc__ = rule.doc
    return operation


def _reflected_operation(op: str) -> Callable[[Value, float], Value]:
    """The method for ``number op value`` (``2 * x``): the number becomes a constant on the left."""
    operation = _binary_operation(op)

    def reflected(b: Value, a: float) -> Value:
        return operation(_constant(a), b)

    reflected.__doc__ = f"{operation.__doc__} (For ``number {op} value``: the number is ``a``.)"
    return reflected


def _comparison(symbol: str) -> Callable[[Value, Value | float], bool]:
    """The method for ``value < other`` and the like: compares the numbers, records no edge."""
    holds = COMPARED[symbol]

    def compare(a: Value, b: Value | float) -> bool:
        return _compared(a, symbol, b, holds(a.data, _number(b)))

    compare.__doc__ = (
        "Compares the numbers (``.data``); records no edge. A tape re-checks it on every replay."
    )
    return compare


class Value:
    """A number that remembers how it was computed, so that its derivatives can be found.

    Make inputs with ``Value(2.0, "x1")``; combine them with ``+ - * / **`` and methods such as
    ``tanh()``; then ``y.backward()`` fills every input's ``.grad`` with ∂y/∂input::

        >>> x1, x2 = Value(2.0, "x1"), Value(3.0, "x2")
        >>> y = (x1 + x2) * (x2 + 1)
        >>> y.backward()
        >>> x1.grad, x2.grad
        (4.0, 9.0)

    Attributes:
        data: the number.
        grad: ∂output/∂self after ``backward()``; 0.0 until a backward pass reaches it. Interior
            nodes and constants are recomputed by every backward pass; other leaves accumulate
            across passes (as in PyTorch, so that a batch can be accumulated): reset them with
            ``zero_grad``.
        op: the operation that made it (``"mul"``, ``"tanh"`` …), ``""`` for an input (a leaf).
        edges: one ``(input, local derivative)`` pair per argument, in argument order;
            ``x*x`` has two edges to ``x``.
        label: a name for drawings and explanations.
        constant: True for a ``Constant``, a plain number that took part in an operation (``x * 2``).
    """

    # Internals: a node of a one- or two-input rule keeps its edges in four slots (``_a``,
    # ``_local_a``, ``_b``, ``_local_b``: the rule's arguments and ∂out/∂a, ∂out/∂b) rather than in
    # tuples: one object per node is all the garbage collector has to track, which makes the engine
    # fast. A ``sum`` of any number of terms keeps a tuple of inputs in ``_a`` and a tuple of
    # partials in ``_local_a``. Every operation method is made from the rule of the same name in
    # ``rules.py`` and carries that rule's docstring.
    __slots__ = ("data", "grad", "op", "label", "_a", "_local_a", "_b", "_local_b")

    data: float
    grad: float
    op: str
    label: str
    _a: Value | tuple[Value, ...] | None
    _local_a: Any
    _b: Value | None
    _local_b: Any
    constant: ClassVar[bool] = False

    def __new__(cls: type[_V], data: float, label: str = "") -> _V:
        """An input (a leaf): a finite real number and an optional name for drawings."""
        if type(data) is not float or not -_INF < data < _INF:
            data = as_float(data)
        if type(label) is not str:
            raise TypeError(f"Value label must be a str, got {type(label).__name__} {label!r}")
        return _node(cls, data, "", None, 0.0, None, 0.0, label)

    @property
    def edges(self) -> tuple[tuple[Value, Any], ...]:
        """``((input, ∂self/∂input), …)`` in argument order; ``()`` for a leaf."""
        a = self._a
        if a is None:
            return ()
        if isinstance(a, tuple):  # a rule of any number of inputs (sum)
            return tuple(zip(a, self._local_a, strict=True))
        if self._b is None:
            return ((a, self._local_a),)
        return ((a, self._local_a), (self._b, self._local_b))

    # ---- operators: made from the rules of the same name (``operators.py`` says which is which) --
    (__add__, __radd__, __sub__, __rsub__, __mul__, __rmul__, __truediv__, __rtruediv__, __neg__, __abs__) = (
        arithmetic(_binary_operation, _reflected_operation, _unary_operation)
    )
    abs = __abs__

    def __pow__(self, exponent: Value | float) -> Value:
        return _pow(self, exponent)

    def __rpow__(self, base: float) -> Value:
        return _pow(base, self)

    __pow__.__doc__ = __rpow__.__doc__ = RULES["pow"].doc
    exp = _unary_operation("exp")
    log = _unary_operation("log")
    sqrt = _unary_operation("sqrt")
    tanh = _unary_operation("tanh")
    sigmoid = _unary_operation("sigmoid")
    relu = _unary_operation("relu")
    softplus = _unary_operation("softplus")
    sin = _unary_operation("sin")
    cos = _unary_operation("cos")

    # ---- comparisons look at the numbers; == and hash stay by identity ----------------------
    # (each is noted while a tape records, so that its replay can check the branch still holds)
    __lt__, __le__, __gt__, __ge__ = comparisons(_comparison)

    # ``==`` and ``hash`` stay object's own (identity), in C: Values are dict keys and set members
    __hash__ = object.__hash__

    def __reduce__(self) -> tuple[Any, ...]:
        """For ``pickle`` and ``copy``: a leaf by its fields, a graph as a flat list, so that depth
        is no limit (``copying.py``)."""
        if self._a is None:
            return _leaf, (type(self), self.data, self.grad, self.label)
        return _rebuilt, flatten(self)

    def __float__(self) -> float:
        """Refused: ``math.exp(x)`` and ``float(x)`` would drop the edge and give a wrong gradient.

        Raises:
            TypeError: always; the message names ``x.exp()`` for the graph and ``x.data`` for the number.
        """
        raise silent_float_error(type(self).__name__, "x")

    def __repr__(self) -> str:
        """``Value(data=…, grad=…, label=…, op=…)``, the number and gradient to 6 significant digits."""
        label = f", label={self.label!r}" if self.label else ""
        op = f", op={self.op!r}" if self.op else ""
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g}{label}{op})"

    def detach(self) -> Value:
        """A new leaf with the same number and label, cut off from this graph: no gradient flows back."""
        leaf = Value(self.data, self.label)
        log = _tape_log()
        if log is not None:  # a tape could only replay it frozen: record refuses it
            log.frozen.append(leaf)
        return leaf

    def backward(self) -> None:
        """Fill ``.grad`` of every node that this one depends on with ∂self/∂node.

        Seeds ∂self/∂self = 1 and applies the composite-function tutorial's rule in reverse topological order:
        each node's gradient is the sum, over the nodes that use it, of local derivative × their gradient.
        Interior and constant gradients are recomputed on every call; other leaves accumulate.
        """
        backward_pass(self)


def _number(x: object) -> float:
    return x.data if isinstance(x, Value) else as_float(x, "comparison")


def _compared(left: Value, operator: str, right: Value | float, result: bool) -> bool:
    log = _tape_log()
    if log is not None:
        log.comparisons.append((left, operator, right, result))
    return result


class Constant(Value):
    """A leaf for a plain number that took part in an operation (``x * 2``): never a parameter.

    The constant a plain number becomes is shared by every operation with that number (one ``2``
    for all of ``x * 2``, ``y * 2``, ``2 + z``), so never assign its ``.data``. ``Constant(x)`` makes
    a constant of your own, also how to make a number that a drawing shows as fixed.
    """

    __slots__ = ()
    constant = True


_CONSTANTS: dict[float, Constant] = {}
_CONSTANTS_KEPT = 4096  # plenty for a model's inputs and a loss's numbers; a cap, so no leak
_EXACT_INT = 2**53  # every int up to here is exactly a float


def _constant(x: object) -> Value:
    """The ``Constant`` for a plain number in an operation (the ``2`` of ``x * 2``).

    Nonzero floats are shared: ``x * 1.0001`` a million times makes one constant, not a million
    objects for the garbage collector to visit (see ``tests/benchmarks``). Sharing is safe because
    a constant is never a parameter and ``backward`` recomputes its ``.grad`` on every pass.
    Zero is not shared, so that ``-0.0`` keeps its sign.
    """
    if type(x) is int and -_EXACT_INT <= x <= _EXACT_INT:
        x = float(x)
    if type(x) is float and _isfinite(x):
        leaf = _CONSTANTS.get(x)
        if leaf is not None:
            return leaf
        leaf = _node(Constant, x, "", None, 0.0, None, 0.0)
        if x:
            if len(_CONSTANTS) >= _CONSTANTS_KEPT:
                _CONSTANTS.clear()
            _CONSTANTS[x] = leaf
        return leaf
    return Constant(x)  # type: ignore[arg-type]  # converts an int; names what is wrong with the rest


def _pow(base: Value | float, exponent: Value | float) -> Value:
    """``base ** exponent``; a variable exponent needs a positive base (∂/∂b = aᵇ·ln a)."""
    if isinstance(exponent, Value) and not exponent.constant and _number(base) <= 0:
        raise variable_exponent_error(_number(base), exponent.data)
    return _pow_operation(base if isinstance(base, Value) else _constant(base), exponent)


def _leaf(cls: type[Value], data: float, grad: float, label: str) -> Value:
    """A leaf again, from its fields (what ``pickle`` and ``copy`` keep of a node without inputs)."""
    return _node(cls, data, "", None, 0.0, None, 0.0, label, grad)


def _rebuilt(leaves: tuple[Value, ...], records: list[Record]) -> Value:
    """The graph that ``copying.flatten`` took apart, node by node, inputs first; returns its root."""
    built: list[Value] = list(leaves)
    for cls, data, grad, op, label, inputs, partials in records:
        given = [built[i] for i in inputs]
        if RULES[op].arity is None:  # a sum: its tuples of inputs and partials
            node = _node(cls, data, op, tuple(given), tuple(partials), None, 0.0, label, grad)
        else:
            b, local_b = (given[1], partials[1]) if len(given) == 2 else (None, 0.0)
            node = _node(cls, data, op, given[0], partials[0], b, local_b, label, grad)
        built.append(node)
    return built[-1]


_pow_operation = _binary_operation("pow")
_VALUE_TYPES = frozenset({Value, Constant})
sum_values = _n_ary_operation("sum")
"""Σ of ``Value``s and numbers as one node (``autograd_tiny.sum`` is the public name)."""
