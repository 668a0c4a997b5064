"""Mean-field theory of wide random networks: what the variance of a signal and of its gradient should be, layer by
layer, and where a deep net sits between order and chaos. Pure functions of numbers; the measurements that these
predictions are checked against live in ``experiments``.

The recursion is the one of LeCun et al. 1998, Glorot & Bengio 2010 and He et al. 2015 (for linear and relu units),
written for any activation as in Poole et al. 2016 and Schoenholz et al. 2017.
"""
import numpy as np

from ._validate import check_choice, check_float, check_int
from .activations import ACTIVATIONS


def gaussian_expectation(g, var):
    """E[g(z)] for z ~ N(0, var); ``var`` may be an array (``g`` then works elementwise on arrays).

    E[g(z)] = ∫_0^∞ (g(z) + g(-z)) p(z) dz by the trapezoid rule in u = ln z, from z = 1e-17·min(1, σ) to 13σ in
    steps of 0.1: the nodes resolve both the activations' own scale near 0 (tanh's derivative is a peak of width ~1
    however large σ is, which a fixed Gauss-Hermite rule steps over) and the Gaussian's scale σ, and a kink at 0
    (relu, |z|) is an end point. Relative error ~1e-14 for polynomials and |z|, ~1e-8 for the activations and their
    derivatives at any σ. var = 0 gives g(0), var = inf the limit (g(-inf) + g(inf)) / 2.
    """
    if not callable(g):
        raise TypeError(f"g must be a function of z, got {type(g).__name__} {g!r}")
    var = np.asarray(var, dtype=float)
    if np.any(var < 0):
        raise ValueError(f"var must be >= 0 (a variance), got {np.nanmin(var)}")
    sd = np.sqrt(var)[..., None]
    regular = np.isfinite(sd) & (sd > 0)
    sd = np.where(regular, sd, 1.0)
    s = np.minimum(sd, 1.0)
    lo, hi = np.log(1e-17), np.log(13.0 * sd / s)
    n = int(np.ceil((hi - lo).max() / 0.1))
    u = lo + (hi - lo) * (np.arange(n + 1) / n)
    z = s * np.exp(u)
    logw = u - 0.5 * (z / sd) ** 2  # p(z) dz = p(z) z du, up to a constant
    w = np.exp(logw - logw.max(axis=-1, keepdims=True))
    out = np.sum(w * (g(z) + g(-z)), axis=-1) / (2 * np.sum(w, axis=-1))
    if regular.all():
        return out
    for where, nodes in ((var == 0, [0.0]), (np.isinf(var), [-np.inf, np.inf])):
        if np.any(where):
            out = np.where(where, np.mean(np.broadcast_to(g(np.array(nodes)), len(nodes))), out)
    return np.where(np.isnan(var), np.nan, out)[()]


def _phi(activation):
    act = ACTIVATIONS[activation]
    return act.f, (lambda z: act.grad(z, act.f(z)) * np.ones_like(z))


def _per_layer(value, depth, name, check, **bounds):
    """``value`` for each of ``depth`` layers: one number for all of them, or a sequence of ``depth`` numbers."""
    if np.ndim(value) == 0:
        return [check(value, name, **bounds)] * depth
    values = list(value)
    if len(values) != depth:
        raise ValueError(f"{name} must be one number or a list of {depth} (one per layer), got {len(values)}")
    return [check(v, f"{name}[{l}]", **bounds) for l, v in enumerate(values)]


def theory_variance(depth, activation, weight_var, fan_in, input_var=1.0, bias_var=0.0):
    """Mean-field prediction of the pre-activation variance q_l of layers 1..depth of a wide net, shape (depth,).

    q_1 = fan_in·Var(w)·input_var + Var(b) and q_(l+1) = fan_in·Var(w)·E[φ(z)²] + Var(b) with z ~ N(0, q_l): the
    recursion of LeCun et al. 1998, Glorot & Bengio 2010 and He et al. 2015 (Poole et al. 2016 for any φ).
    For linear φ it is Var(y) = n·Var(w)·Var(x) layer after layer; for relu E[φ²] = q/2, hence He's factor 2.
    ``weight_var``, ``fan_in`` and ``bias_var`` are one number for every layer or a list with one per layer (a funnel).
    """
    depth = check_int(depth, "depth", minimum=1)
    check_choice(activation, "activation", ACTIVATIONS)
    weight_var = _per_layer(weight_var, depth, "weight_var", check_float, minimum=0.0)
    fan_in = _per_layer(fan_in, depth, "fan_in", check_int, minimum=1)
    input_var = check_float(input_var, "input_var", minimum=0.0)
    bias_var = _per_layer(bias_var, depth, "bias_var", check_float, minimum=0.0)
    f, _ = _phi(activation)
    q = np.empty(depth)
    q[0] = fan_in[0] * weight_var[0] * input_var + bias_var[0]
    with np.errstate(over="ignore", invalid="ignore"):  # an exploding chain reaches inf: reported as inf
        for l in range(1, depth):
            q[l] = fan_in[l] * weight_var[l] * gaussian_expectation(lambda z: f(z) ** 2, q[l - 1]) + bias_var[l]
    return q


def theory_gradient_variance(q, activation, weight_var, fan_out, top_var=1.0):
    """Mean-field prediction of Var(∂L/∂z_l) going backwards from ``top_var`` at the last layer, shape like ``q``.

    Var(δ_(l-1)) = fan_out·Var(w)·E[φ'(z_(l-1))²]·Var(δ_l) (Glorot & Bengio 2010, eq. 5-6; He et al. 2015, eq. 13),
    with layer l's fan_out and Var(w). ``q`` is the forward pre-activation variance per layer from
    ``theory_variance``; ``weight_var`` and ``fan_out`` are one number or a list with one per layer.
    """
    _, df = _phi(check_choice(activation, "activation", ACTIVATIONS))
    q = np.asarray(q, dtype=float)
    if q.ndim != 1 or q.size == 0 or np.any(q < 0) or np.any(np.isnan(q)):
        raise ValueError(f"q must be a non-empty 1-D array of variances >= 0 (theory_variance's output), got {q!r}")
    weight_var = _per_layer(weight_var, len(q), "weight_var", check_float, minimum=0.0)
    fan_out = _per_layer(fan_out, len(q), "fan_out", check_int, minimum=1)
    top_var = check_float(top_var, "top_var", minimum=0.0)
    g = np.empty(len(q))
    g[-1] = top_var
    with np.errstate(over="ignore", invalid="ignore"):
        for l in range(len(q) - 1, 0, -1):
            g[l - 1] = fan_out[l] * weight_var[l] * gaussian_expectation(lambda z: df(z) ** 2, q[l - 1]) * g[l]
    return g


def _sigmas(sigma_w, sigma_b):
    """σ_w (> 0) and σ_b (>= 0), numbers or arrays, checked and broadcast together."""
    def check(value, name, strict):
        if np.ndim(value) == 0:
            return np.asarray(check_float(value, name, minimum=0.0, strict_min=strict))
        grid = np.asarray(value, dtype=float)
        if not np.all(np.isfinite(grid)) or np.any(grid <= 0 if strict else grid < 0):
            raise ValueError(f"{name} must be {'> 0' if strict else '>= 0'} and finite everywhere, got {value!r}")
        return grid
    return np.broadcast_arrays(check(sigma_w, "sigma_w", True), check(sigma_b, "sigma_b", False))


def _number_or_array(values):
    return float(values) if values.ndim == 0 else values


def variance_fixed_point(sigma_w, sigma_b, activation="tanh"):
    """The pre-activation variance q* where a deep random net settles: the fixed point of the variance map
    q -> σ_w² E[φ(z)²] + σ_b², z ~ N(0, q), for weights ~ N(0, σ_w²/fan_in) and biases ~ N(0, σ_b²) (Poole et al.
    2016), iterated 200 times from q = 1. Away from the edge of chaos the map converges geometrically; at the edge
    (tanh with σ_w = 1, σ_b = 0) it creeps to 0 like 1/(2·layers) and 200 layers leave it near 0.0025. inf where
    there is no fixed point (relu with σ_w > √2: the variance grows without bound). ``sigma_w`` and ``sigma_b`` may
    be arrays (broadcast together: a whole grid is iterated at once); the result then has their shape."""
    check_choice(activation, "activation", ACTIVATIONS)
    return _number_or_array(_fixed_point(*_sigmas(sigma_w, sigma_b), activation))


def _fixed_point(sigma_w, sigma_b, activation):
    """variance_fixed_point on checked arrays of σ_w and σ_b of one shape."""
    f, _ = _phi(activation)
    q = previous = np.ones(sigma_w.shape)
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(200):
            previous, q = q, sigma_w**2 * gaussian_expectation(lambda z: f(z) ** 2, q) + sigma_b**2
    return np.where(q > previous * (1 + 1e-6), np.inf, q)  # still growing after 200 layers: no fixed point


def chaos_chi(sigma_w, sigma_b, activation="tanh"):
    """Mean-field slope χ = σ_w² E[φ'(z)²] at the variance fixed point q* of a deep random net (Poole et al. 2016):
    χ < 1 ordered (gradients vanish with depth), χ > 1 chaotic (they explode, by a factor χ per layer), χ = 1 the
    edge of chaos. ``sigma_w`` and ``sigma_b`` may be arrays, as for ``variance_fixed_point``."""
    _, df = _phi(check_choice(activation, "activation", ACTIVATIONS))
    sigma_w, sigma_b = _sigmas(sigma_w, sigma_b)
    q = _fixed_point(sigma_w, sigma_b, activation)
    # σ_b = 0 in the ordered phase: q* = 0, where χ is its limit q -> 0+ (at q = 0 exactly, relu'(0) reads 0)
    q = np.maximum(q, np.finfo(float).tiny)
    with np.errstate(over="ignore", invalid="ignore"):
        return _number_or_array(sigma_w**2 * gaussian_expectation(lambda z: df(z) ** 2, q))
