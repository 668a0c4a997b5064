"""Exercises of notebook 07 (beyond)."""
from functools import cache

import numpy as np

from . import Exercise
from .coding import function
from .judges import number


@cache
def _critical_sigma_w():
    """σ_w where the mean-field χ of tanh with σ_b = 0 crosses 1, by bisection (χ grows with σ_w)."""
    from ..theory import chaos_chi
    lo, hi = 0.5, 2.0
    for _ in range(12):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if chaos_chi(mid, 0.0) < 1.0 else (lo, mid)
    return (lo + hi) / 2


def _depth_variance(depth, s):
    from ..initializers import init_variance
    from ..theory import theory_variance
    return theory_variance(depth, "relu", init_variance("he_normal", 256, 256, scale=s), 256)[-1]


def _depth_window():
    return float(_depth_variance(50, 1.1) / _depth_variance(50, 1.0))


def _residual_growth(depth=100):
    """Var(x) after ``depth`` residual blocks with α = 1/√depth, each block adding α² times the variance."""
    alpha, q = 1.0 / np.sqrt(depth), 1.0
    for _ in range(depth):
        q = q + alpha**2 * q
    return q


EXERCISES = [
    Exercise("beyond.critical_sigma_w", "σ_w at the edge of chaos for tanh with σ_b = 0",
             number(_critical_sigma_w, digits=2,
                    traps=[(np.sqrt(2), "√2 is He's gain, for relu; for tanh the edge depends on tanh's own slope "
                                        "(revisit χ = σ_w² E[φ′(z)²] in 'The edge of chaos')."),
                           (5 / 3, "5/3 is PyTorch's tanh gain, chosen for finite-variance inputs; the mean-field "
                                   "edge with no bias noise is lower.")],
                    too_low="Too small: there χ < 1 and gradients vanish.",
                    too_high="Too large: there χ > 1, the chaotic phase."),
             _critical_sigma_w, wrong=[np.sqrt(2), 5 / 3, 0.5, 3.0], expects="a number (2 significant figures)"),
    Exercise("beyond.depth_window", "Var(z50) at s = 1.1 over Var(z50) at s = 1, 50 relu layers with He × s",
             number(_depth_window, digits=3,
                    traps=[(1.1**50, "The scale multiplies the weights: what does it do to their variance?"),
                           (lambda: _depth_variance(49, 1.1) / _depth_variance(49, 1.0),
                            "Count again which layers are scaled: all 50, the first one too."),
                           (lambda: 50 * _depth_variance(1, 1.1) / _depth_variance(1, 1.0),
                            "Per-layer factors compound through depth; they do not add."),
                           (lambda: _depth_variance(1, 1.1) / _depth_variance(1, 1.0),
                            "That is one layer's factor: revisit how factors compound through depth.")],
                    too_low="Too small: revisit how a per-layer factor compounds through 50 layers ('Depth: how "
                            "exact must the scale be?').",
                    too_high="Too large: revisit how a per-layer factor compounds through 50 layers ('Depth: how "
                             "exact must the scale be?')."),
             _depth_window, wrong=[1.1**50, 1.1**98, 1.21 * 50, 1.21, 1.0],
             expects="a number (a ratio, 3 significant figures)"),
    Exercise("beyond.residual_growth", "variance growth after 100 residual blocks with α = 1/√L",
             number(_residual_growth, digits=3,
                    traps=[(2.0**100, "That is the unscaled chain (α = 1): revisit what α = 1/√L does to each block."),
                           (2.0, "Per-block factors compound; they do not add."),
                           (101.0, "Per-block factors compound; they do not add."),
                           (np.e, "e is the limit for infinitely many blocks; the question is about L = 100.")],
                    too_low="Too small: revisit how per-block factors compound ('Residual networks').",
                    too_high="Too large: with α = 1/√L each block adds only a little; revisit 'Residual networks'."),
             _residual_growth, wrong=[2.0**100, 2.0, 101.0, 10.0, np.e], expects="a number (3 significant figures)"),
]


# ---- coding exercise ----

def _lsuv_cases():
    """(net, X, description, reference weights or None): the reference is what weightlab's lsuv_init reaches from
    the same orthogonal directions (the learner's net starts from them scaled by arbitrary factors)."""
    from ..experiments import lsuv_init
    from ..mlp import MLP

    X = np.random.default_rng(21).normal(size=(64, 2))
    cases = []
    for sizes, activation, bias, what in [([2, 16, 16, 1], "relu", False, "relu [2, 16, 16, 1]"),
                                          ([2, 8, 8, 8, 1], "tanh", False, "tanh [2, 8, 8, 8, 1]"),
                                          ([2, 12, 12, 1], "tanh", True, "tanh [2, 12, 12, 1] with random biases")]:
        options = dict(activation=activation, seed=len(sizes), bias_init="random_normal" if bias else "zeros",
                       bias_options={"stddev": 0.5} if bias else None)
        reference = MLP(sizes, **options)
        lsuv_init(reference, X)
        net = MLP(sizes, **options)
        net.weights = [W * factor for W, factor in zip(reference.weights, (3.0, 0.2, 7.0, 0.5))]
        cases.append((net, X, what, None if bias else [W.copy() for W in reference.weights]))
    cases.append((MLP([2, 4, 1], init="zeros"), X, "[2, 4, 1] with all weights 0", None))
    return cases


def _check_lsuv(call):
    from .coding import Wrong, as_array

    for net, X, what, reference in _lsuv_cases():
        tol = 0.05
        text = f"lsuv(net, X) for {what}"
        before = [W.copy() for W in net.weights]
        try:
            returned = call(net, X.copy(), tol=tol, max_iter=10)
        except Wrong as wrong:
            if any(W.any() for W in before):
                raise
            raise Wrong(f"{wrong}. That network has all its weights 0: a layer whose outputs all equal 0 has variance "
                        "0, and there is nothing to rescale; leave such a layer as it is.") from None
        after = [W.copy() for W in net.weights]
        if not all(np.all(np.isfinite(W)) for W in after):
            raise Wrong(f"{text} left inf or NaN in the weights: a layer whose outputs all equal 0 has variance 0, "
                        "and there is nothing to rescale; leave such a layer as it is.")
        variances = [float(z.var()) for z in net.forward(X)[0]]
        if returned is None:
            raise Wrong(f"{text} returned None: return the variance each layer reached, one per weight matrix.")
        returned = as_array(returned, text, "the variances reached")
        if returned.shape != (net.n_layers,):
            raise Wrong(f"{text} returned shape {returned.shape}: one variance per weight matrix, the output logit's "
                        f"included, shape ({net.n_layers},).")
        for l, (W0, W1) in enumerate(zip(before, after)):
            scale = np.sum(W0 * W1) / max(np.sum(W0 * W0), 1e-300)
            if not (np.allclose(W1, scale * W0, rtol=1e-9, atol=1e-12) and (scale > 0 or not W0.any())):
                raise Wrong(f"{text} changed the direction of weight matrix {l}: LSUV only divides each matrix by a "
                            "positive number, keeping the orthogonal start's directions.")
        dead = [l for l, W in enumerate(before) if not W.any()]
        off = [l for l, v in enumerate(variances) if abs(v - 1.0) >= tol and l not in dead and v > 0]
        if off:
            if all(np.array_equal(W0, W1) for W0, W1 in zip(before, after)):
                raise Wrong(f"{text} did not change net's weights: rescale them in place, net.weights[l] = ...")
            l = off[0]
            order = (" Each layer must be measured after the layers below it have been rescaled: work upwards, one "
                     "layer at a time." if l > 0 else "")
            raise Wrong(f"After {text}, layer {l + 1}'s pre-activations have variance {variances[l]:.3g}, not within "
                        f"{tol} of 1.{order}")
        if not np.allclose(returned, variances, rtol=1e-9, atol=1e-12):
            raise Wrong(f"{text} returned {np.round(returned, 4).tolist()}, but the layers' variances after it are "
                        f"{np.round(variances, 4).tolist()}: return the variances reached, measured at the end.")
        if reference is not None and not all(np.allclose(W, R, rtol=1e-8) for W, R in zip(after, reference)):
            raise Wrong(f"{text} reached other weights than weightlab's lsuv_init from the same start: each matrix "
                        "divided by the standard deviation of its layer's pre-activations, until within tol.")
    return ("four networks (relu and tanh, with and without biases, one with all weights 0); every layer's variance "
            "within tol of 1, the orthogonal directions kept, the same weights as weightlab's lsuv_init.")


EXERCISES.append(
    Exercise("beyond.lsuv_code", "write lsuv(net, X, tol, max_iter), the LSUV loop",
             function("lsuv", "lsuv(net, X, tol=0.05, max_iter=10)", _check_lsuv), None,
             expects="your function lsuv"))
