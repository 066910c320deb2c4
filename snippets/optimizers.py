"""The update rules of torch.optim.SGD (with momentum, Nesterov) and torch.optim.Adam, by hand.

The page ``docs/training/optimizers.md`` shows these functions;
``tests/test_optimizers.py`` checks them step by step against ``torch.optim``.
Each function takes the parameter ``p``, its gradient ``g`` and a dict ``state``
that it updates, and returns the new parameter.
"""

from __future__ import annotations

from torch import Tensor


def sgd_step(
    p: Tensor,
    g: Tensor,
    state: dict,
    lr: float,
    momentum: float = 0.0,
    dampening: float = 0.0,
    nesterov: bool = False,
) -> Tensor:
    """One step of ``torch.optim.SGD``: the buffer ``b`` sums past gradients, ``p -= lr * b``.

    b_1 = g_1 (no dampening on the first step), b_t = momentum * b_{t-1} + (1 - dampening) * g_t.
    Nesterov uses g_t + momentum * b_t instead of b_t.
    """
    if momentum != 0:
        buf = state.get("momentum_buffer")
        buf = g.clone() if buf is None else momentum * buf + (1 - dampening) * g
        state["momentum_buffer"] = buf
        g = g + momentum * buf if nesterov else buf
    return p - lr * g


def adam_step(
    p: Tensor,
    g: Tensor,
    state: dict,
    lr: float = 1e-3,
    betas: tuple[float, float] = (0.9, 0.999),
    eps: float = 1e-8,
) -> Tensor:
    """One step of ``torch.optim.Adam``: moving averages of g and g**2, bias-corrected.

    On the first step m_hat = g and v_hat = g**2, so the step is lr * g / (|g| + eps),
    about ``lr * sign(g)`` whatever the size of the gradient.
    """
    beta1, beta2 = betas
    t = state["step"] = state.get("step", 0) + 1
    m = state["exp_avg"] = beta1 * state.get("exp_avg", 0.0) + (1 - beta1) * g
    v = state["exp_avg_sq"] = beta2 * state.get("exp_avg_sq", 0.0) + (1 - beta2) * g * g
    m_hat = m / (1 - beta1**t)  # bias correction: the averages start at 0
    v_hat = v / (1 - beta2**t)
    return p - lr * m_hat / (v_hat.sqrt() + eps)
