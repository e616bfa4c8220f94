"""Forward mode, a layer above the engine: dual numbers, tangents, ``jvp``, Jacobians and Hessians.

``dual`` carries a number and its tangent through the same rules table; ``tangents`` pushes tangents
through a recorded graph; ``jacobian`` builds J a column (forward) or a row (reverse) at a time;
``hessian`` is forward over reverse.
"""

from autograd_tiny.forward.dual import Dual
from autograd_tiny.forward.hessian import hessian, hessian_vector_product
from autograd_tiny.forward.jacobian import Jacobian, jacobian
from autograd_tiny.forward.tangents import jvp, tangents

__all__ = ["Dual", "Jacobian", "hessian", "hessian_vector_product", "jacobian", "jvp", "tangents"]
