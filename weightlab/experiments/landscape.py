"""The loss on 2-D slices of parameter space: around one solution, or through three."""
import numpy as np

from .. import chain
from .._validate import check_data, check_rng
from ..mlp import MLP
from .depth import _check_grid
from .symmetry import _check_net

def loss_surface(net, X, y, center, u, v, alphas, betas):
    """The training loss on a 2-D slice of parameter space: at θ = center + a·u + b·v for every a of ``alphas`` and
    b of ``betas`` (vectors shaped like ``net.flat_parameters()``). Returns an array of shape (len(betas),
    len(alphas)); the net's own parameters are left as they were. With batch norm the loss uses the batch's
    statistics (``training=True``)."""
    _check_net(net)
    X, y = check_data(X, y, n_classes=net.n_classes)
    center, u, v = (np.asarray(w, dtype=float) for w in (center, u, v))
    for name, w in (("center", center), ("u", u), ("v", v)):
        if w.shape != (net.flat_parameters().size,):
            raise ValueError(f"{name} must be a vector of the net's {net.flat_parameters().size} parameters, "
                             f"got shape {w.shape}")
    alphas, betas = _check_grid(alphas, "alphas", positive=None), _check_grid(betas, "betas", positive=None)
    saved = net.flat_parameters()
    out = np.empty((len(betas), len(alphas)))
    try:
        for i, b in enumerate(betas):
            for j, a in enumerate(alphas):
                net.set_flat_parameters(center + a * u + b * v)
                with np.errstate(over="ignore", invalid="ignore"):
                    out[i, j] = net.loss(X, y, training=True)
    finally:
        net.set_flat_parameters(saved)
    return out


def random_directions(net, seed=0):
    """Two random directions in parameter space, each scaled layer by layer to the norm of that layer's weights and
    biases (the per-layer normalization of Li et al. 2018, "Visualizing the loss landscape of neural nets"), so a
    step of 1 along either one is as large as the layer itself. Returns (u, v)."""
    _check_net(net)
    rng = check_rng(seed)
    _, blocks = chain.parameter_blocks(net.layer_sizes)  # the layout of flat_parameters, to find each layer
    theta, sizes = net.flat_parameters(), [block.size for block in blocks]
    bounds = np.cumsum([0] + sizes)
    directions = []
    for _ in range(2):
        d = rng.standard_normal(theta.size)
        for start, end in zip(bounds[:-1], bounds[1:]):
            d[start:end] *= np.linalg.norm(theta[start:end]) / max(np.linalg.norm(d[start:end]), 1e-300)
        directions.append(d)
    return tuple(directions)


def plane_through(nets):
    """The plane through the parameters of three nets of one architecture (three trained solutions, say): returns
    ``center`` (the first net), ``u`` (towards the second), ``v`` (towards the third, made orthogonal to u, with
    u's length) and ``coords``, the three nets' (a, b) coordinates in that plane: (0, 0), (1, 0) and (a3, b3)."""
    nets = list(nets)
    if len(nets) != 3 or any(not isinstance(net, MLP) for net in nets):
        raise TypeError("nets must be three weightlab MLPs")
    if len({tuple(net.layer_sizes) for net in nets}) != 1:
        raise ValueError("the three nets must have the same layer_sizes")
    t1, t2, t3 = (net.flat_parameters() for net in nets)
    u = t2 - t1
    length = np.linalg.norm(u)
    if length == 0:
        raise ValueError("the first two nets have the same parameters: they span no direction")
    a3 = (t3 - t1) @ u / length**2
    v = t3 - t1 - a3 * u
    if np.linalg.norm(v) == 0:
        raise ValueError("the three nets lie on one line: they span no plane")
    b3 = np.linalg.norm(v) / length
    v *= length / np.linalg.norm(v)
    return {"center": t1, "u": u, "v": v, "coords": np.array([[0.0, 0.0], [1.0, 0.0], [a3, b3]])}
