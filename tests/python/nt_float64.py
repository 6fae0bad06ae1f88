"""The textbook float64 ReLU kernel recursion in numpy, written the way
neural-tangents' stax computes it (Dense in the NTK parameterization, then
Relu through the arc-cosine kernel: cos = K / sqrt(q1 q2) clipped to
[-1, 1], theta = arccos(cos), dot = (1 - theta/pi)/2,
K' = sqrt(q1 q2 - K^2)/(2 pi) + dot K; Dense: Sigma = sigma_w2 K' +
sigma_b2, Theta = sigma_w2 dot Theta + Sigma).  Used by the tests as an
independent float64 reference and as the example of what float64 does at
depth 10^5."""

import numpy as np


def relu_kernel_float64(nngp, q1, q2, depth, sigma_w2=2.0, sigma_b2=0.0):
    """nngp: the first-layer Sigma^1(x, x') (array); q1, q2: Sigma^1(x, x),
    Sigma^1(x', x') (arrays or scalars).  Returns (nngp, ntk) at `depth`
    (depth 1 = the first layer) in float64."""
    nngp = np.asarray(nngp, dtype=np.float64)
    q1 = np.asarray(q1, dtype=np.float64) + 0 * nngp
    q2 = np.asarray(q2, dtype=np.float64) + 0 * nngp
    ntk = nngp.copy()
    for _ in range(depth - 1):
        prod = q1 * q2
        cos = np.clip(nngp / np.sqrt(prod), -1.0, 1.0)
        theta = np.arccos(cos)
        dot = (1 - theta / np.pi) / 2
        k = np.sqrt(np.maximum(prod - nngp ** 2, 0.0)) / (2 * np.pi) + dot * nngp
        nngp = sigma_w2 * k + sigma_b2
        ntk = sigma_w2 * dot * ntk + nngp
        q1 = sigma_w2 * q1 / 2 + sigma_b2
        q2 = sigma_w2 * q2 / 2 + sigma_b2
    return nngp, ntk
