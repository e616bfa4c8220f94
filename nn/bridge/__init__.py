"""The bridge to PyTorch: an ``nn`` model to ``torch.nn`` and back (torch imported only inside)."""

from nn.bridge.torch_bridge import from_torch, to_torch

__all__ = ["from_torch", "to_torch"]
