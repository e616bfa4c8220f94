"""Hostile inputs against the engine, the parser, the tape, nn and the command line: a report, not a test.

``python -m tests.hostile_inputs`` tries each input and prints how many were tried, which were not
answered as the project promises (a result, or an error of an expected type whose message is one line
and names what was wrong; never a traceback from deep inside, never nan), the slowest and the most
memory-hungry. The command line is run in a subprocess per input, with its exit status and stderr
checked (one ``error:`` line and status 2 for bad input). It takes a few minutes, so it is not part of
the test suite; the suite has a regression test for each case it found broken.
"""

from __future__ import annotations

import math
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

import autograd_tiny as at
import nn
from autograd_tiny import Value

EXPECTED = (TypeError, ValueError, ArithmeticError, at.BranchChangedError)


@dataclass
class Outcome:
    name: str
    seconds: float
    peak_bytes: int
    problem: str  # "" when the promise held


def _judge(result: Any, error: BaseException | None) -> str:
    if error is not None:
        if not isinstance(error, EXPECTED):
            return f"unexpected {type(error).__name__}: {error}"
        message = str(error)
        if not message or "\n" in message.strip():
            return f"{type(error).__name__} without a one-line message: {message!r}"
        return ""
    numbers = result if isinstance(result, (list, tuple)) else [result]
    for number in numbers:
        value = number.data if isinstance(number, Value) else number
        if isinstance(value, float) and not math.isfinite(value):
            return f"silent {value}"
    return ""


MUST_SUCCEED = {"fit numpy", "fit int64 labels bce", "predict numpy"}  # data like any other


def run_in_process(name: str, call: Callable[[], Any]) -> Outcome:
    tracemalloc.start()
    start = time.perf_counter()
    result: Any = None
    error: BaseException | None = None
    try:
        result = call()
    except Exception as caught:  # the point: anything at all is judged
        error = caught
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    problem = _judge(result, error)
    if name in MUST_SUCCEED and error is not None:
        problem = f"refused: {type(error).__name__}: {error}"
    return Outcome(name, seconds, peak, problem)


def run_cli(arguments: list[str], bad: bool) -> Outcome:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "autograd_tiny.cli", *arguments],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Outcome(f"cli {arguments!r}"[:120], 60.0, 0, "no answer within 60 s")
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) * 1024
    problem = ""
    if bad:
        lines = done.stderr.strip().splitlines()
        if done.returncode != 2 or len(lines) != 1 or not lines[0].startswith("error:"):
            problem = f"status {done.returncode}, stderr {done.stderr.strip()[:200]!r}"
    elif done.returncode != 0:
        problem = f"status {done.returncode}, stderr {done.stderr.strip()[:200]!r}"
    return Outcome(f"cli {' '.join(arguments)}"[:120], seconds, peak, problem)


NUMBERS: list[Any] = [
    0.0, -0.0, 1.0, -1.0, 5e-324, -5e-324, 1e-300, 1e300, -1e300, 1.7976931348623157e308, 709.0, 710.0,
    float("nan"), float("inf"), -float("inf"), 10**400, -(10**400), 2**53 + 1, True, None, "1", b"1",
    1j, [1.0], Fraction(1, 3), np.float64(0.5), np.float32(1e38), np.int64(3), np.array(2.0),
]  # fmt: skip
UNARY = [name for name, rule in at.RULES.items() if rule.arity == 1 and rule.function]
BINARY = ["__add__", "__sub__", "__mul__", "__truediv__", "__pow__", "__rpow__", "__rtruediv__"]


def engine_cases() -> list[tuple[str, Callable[[], Any]]]:
    cases: list[tuple[str, Callable[[], Any]]] = []
    for x in NUMBERS:
        cases.append((f"Value({x!r})", lambda x=x: Value(x)))
        for op in UNARY:
            cases.append((f"{op}({x!r})", lambda x=x, op=op: getattr(at, op)(x)))
        for method in BINARY:
            for y in (0.0, -2.0, 0.5, 3.0, 1e-200, 1e200, 10**400, "a", None):
                cases.append(
                    (f"Value({x!r}).{method}({y!r})", lambda x=x, y=y, m=method: getattr(Value(x), m)(y))
                )

    def backward_of(make: Callable[[Value], Value], at_x: float) -> Callable[[], Any]:
        def run() -> Any:
            x = Value(at_x)
            y = make(x)
            y.backward()
            return [y, x.grad]

        return run

    for at_x in (0.0, 1e-300, 1e-150, -1.0, 700.0):
        cases.append((f"sqrt·1e300 at {at_x}", backward_of(lambda x: x.sqrt() * 1e300, at_x)))
        cases.append((f"x**0 at {at_x}", backward_of(lambda x: x**0, at_x)))
        cases.append((f"exp∘exp at {at_x}", backward_of(lambda x: x.exp().exp(), at_x)))
        for n in range(1, 5):
            cases.append((f"d{n} x**{n} at {at_x}", lambda n=n, v=at_x: _nth_derivative(n, v)))
    cases.append(("chain 10⁵ backward", backward_of(lambda x: _chain(x, 100_000), 0.5)))
    cases.append(("sum of 10⁵ terms", backward_of(lambda x: at.sum([x] * 100_000), 0.5)))
    cases.append(("grad of a non-Value", lambda: at.grad(1.0, [Value(1.0)])))  # type: ignore[arg-type]
    cases.append(("zero_grad(5)", lambda: at.zero_grad(5)))  # type: ignore[arg-type]
    cases.append(("zero_grad('ab')", lambda: at.zero_grad("ab")))  # type: ignore[arg-type]
    return cases


def _chain(x: Value, n: int) -> Value:
    for _ in range(n):
        x = (x * 1.0001 + 0.0001).tanh()
    return x


def _nth_derivative(n: int, at_x: float) -> Any:
    x = Value(at_x)
    d = x**n
    for _ in range(n):
        (d,) = at.grad(d, [x], create_graph=True)
    return d


PARSER_TEXTS = [
    "__import__('os').system('id')", "().__class__.__bases__[0]", "x.__class__", "eval('1')", "lambda: 1",
    "x if x else y", "[x]", "{x}", "x[0]", "f'{x}'", "x @ y", "x // y", "x % y", "~x", "not x", "x == y",
    "x; y", "x\ny", "x # c", "𝐱 + 1", "ｘ + 1", "x" * 3000, "(" * 60 + "x" + ")" * 60, "1e999 * x",
    "9" * 400 + " + x",
    "exp(exp(exp(x)))", "log(0 * x)", "sqrt(-x)", "x ** -1", "0 ** x", "(-8) ** (1/3) + x", "sum()", "sum(x)",
    "exp(x, y)", "exp", "exp(x=1)", "abs(x)", "softplus(x) * relu(x)", "x" + "*x" * 500, "x" + "+x" * 999,
    "", " ", "\x00", "x +", "* x", "1 2", "x y",
]  # fmt: skip


def parser_cases() -> list[tuple[str, Callable[[], Any]]]:
    cases: list[tuple[str, Callable[[], Any]]] = []
    for text in PARSER_TEXTS:
        for x in (2.0, 0.0, -1.0, 10**400):
            cases.append((f"parse({text[:40]!r}, x={x!r})", lambda t=text, x=x: _parse_and_backward(t, x)))
    cases.append(("parse(None)", lambda: at.parse(None)))  # type: ignore[arg-type]
    return cases


def _parse_and_backward(text: str, x: float) -> Any:
    names = {"x": x, "y": 3.0} if "y" in text else {"x": x}
    y, leaves = at.parse(text, **names)
    y.backward()
    return [y, *(leaf.grad for leaf in leaves.values())]


def tape_cases() -> list[tuple[str, Callable[[], Any]]]:
    def replay(
        fn: Callable[..., Value], record_at: list[float], replay_at: list[Any], seed: Any = 1.0
    ) -> Any:
        tape = at.record(fn, record_at)
        out = tape.forward(replay_at)
        return [out, *tape.backward(seed)]

    functions: dict[str, Callable[..., Value]] = {
        "x*x.detach()": lambda x: x * x.detach(),
        "x**3": lambda x: x**3,
        "x**0.5": lambda x: x**0.5,
        "log(x)": lambda x: x.log(),
        "1/x": lambda x: 1 / x,
        "branch": lambda x: x if x > 0 else -x,
    }
    cases: list[tuple[str, Callable[[], Any]]] = []
    for name, fn in functions.items():
        for value in (2.0, -2.0, 0.0, 1e-200, 10**400, "1", None, np.array([1.0, -1.0, 0.0])):
            cases.append((f"tape {name} at {value!r}", lambda fn=fn, v=value: replay(fn, [1.5], [v])))
        cases.append((f"tape {name} seed '1'", lambda fn=fn: replay(fn, [1.5], [2.0], "1")))
    return cases


def nn_cases() -> list[tuple[str, Callable[[], Any]]]:
    def fit(X: Any, y: Any, loss: str = "half_squared_error") -> Any:
        model = nn.MLP(2, [3, 1], seed=0)
        before = model.state_dict()
        try:
            optimizer = nn.SGD(model.parameters(), lr=0.1)
            return nn.fit(model, X, y, loss=loss, optimizer=optimizer, epochs=1, progress=False)
        except EXPECTED:
            if model.state_dict() != before:
                raise AssertionError("a refused fit changed the model") from None
            raise

    X = [[0.0, 1.0], [1.0, 0.0], [0.5, 0.5], [1.0, 1.0]]
    y = [0.0, 1.0, 1.0, 0.0]
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("fit numpy", lambda: fit(np.array(X), np.array(y))),
        ("fit nan in X", lambda: fit([[math.nan, 1.0], *X[1:]], y)),
        ("fit str in X", lambda: fit([["a", 1.0], *X[1:]], y)),
        ("fit ragged X", lambda: fit([[1.0], *X[1:]], y)),
        ("fit empty", lambda: fit([], [])),
        ("fit int64 labels bce", lambda: fit(X, np.array([0, 1, 1, 0]), "binary_cross_entropy")),
        ("fit 10**400 in X", lambda: fit([[10**400, 1.0], *X[1:]], y)),
        ("load_state_dict junk", lambda: nn.MLP(2, [1]).load_state_dict({"x": 1})),
        ("predict numpy", lambda: nn.predict(nn.MLP(2, [1]), np.array(X))),
    ]
    return cases


CLI_BAD = [
    ["graph"], ["graph", "x*"], ["graph", "x", "--at", "x=a"], ["graph", "x", "--at", "y=1"],
    ["graph", "__import__('os')"], ["graph", "log(x)", "--at", "x=0"], ["graph", "x", "--at", "x=1e999"],
    ["graph", "x" + "*x" * 99, "--at", "x=1.01", "-o", "/tmp/hostile.svg"],
    ["graph", "x" + "+x" * 999, "--at", "x=1", "-o", "/tmp/hostile.svg"],
    ["graph", "x" + "*x" * 700, "--at", "x=1", "--paths"],
    ["graph", "x", "--at", "x=1", "-o", "/no/such/dir/y.svg"],
    ["graph", "x", "--at", "x=1", "-o", "y.exe"], ["nosuchcommand"], ["demo", "--out", "/proc/forbidden"],
]  # fmt: skip
CLI_GOOD = [["graph", "(x1+x2)*(x2+1)", "--at", "x1=2,x2=3", "--paths", "--trace"]]


def main() -> None:
    rng = random.Random(0)
    outcomes: list[Outcome] = []
    for name, call in [*engine_cases(), *parser_cases(), *tape_cases(), *nn_cases()]:
        outcomes.append(run_in_process(name, call))
    chains = [f"x{rng.choice('+-*/')}{rng.uniform(-3, 3):.3f}" for _ in range(200)]
    for i in range(0, 200, 20):  # random expressions through the parser, with gradients against numbers
        text = "(" * 10 + ")".join(chains[i : i + 10]) + ")"
        outcomes.append(run_in_process(f"random chain {i}", lambda t=text: _parse_and_backward(t, 0.7)))
    for arguments in CLI_BAD:
        outcomes.append(run_cli(arguments, bad=True))
    for arguments in CLI_GOOD:
        outcomes.append(run_cli(arguments, bad=False))
    problems = [o for o in outcomes if o.problem]
    slowest = max(outcomes, key=lambda o: o.seconds)
    hungriest = max(outcomes, key=lambda o: o.peak_bytes)
    print(f"{len(outcomes)} inputs tried; {len(problems)} not answered as promised")
    for outcome in problems:
        print(f"  {outcome.name}: {outcome.problem}")
    print(f"slowest: {slowest.seconds:.2f} s ({slowest.name})")
    print(f"most memory: {hungriest.peak_bytes / 2**20:.1f} MiB ({hungriest.name})")


if __name__ == "__main__":
    main()
