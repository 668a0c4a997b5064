"""Untrained deep chains: variance and gradients through depth (measured against ``weightlab.theory``), the
order-to-chaos map, and LSUV."""
import numpy as np

from .. import chain
from .._validate import check_choice, check_float, check_int, check_rng, check_X
from ..activations import ACTIVATIONS
from ..initializers import BIAS_INITS, get_initializer, initialize, initialize_bias
from ..theory import chaos_chi, theory_gradient_variance, theory_variance
from .symmetry import _check_net

def depth_statistics(depth=10, width=256, init="he_normal", activation="relu", scale=1.0, n_samples=512, seed=0,
                     batchnorm=False, init_options=None, bias_std=0.0, inputs=None, theory=True, bias_init=None):
    """Push ``n_samples`` standard-normal inputs through ``depth`` layers, untrained, and a random gradient back.

    ``width``: one int (square layers of that width) or a list of ``depth + 1`` widths, input first, for a chain
    that narrows or widens (``depth`` may then be None). Returns a dict of arrays of length ``depth`` (layer 1
    first): ``pre_var`` (variance of z_l over samples and units), ``input_driven_var`` (its part that changes with
    the input: each unit's variance across the samples, averaged over units; the rest, pre_var - input_driven_var, is
    the spread of the units' means, the same for every input), ``act_var`` and ``act_mean`` (of φ(z_l)),
    ``saturated`` and ``dead``
    fractions, ``grad_var`` (variance of ∂L/∂z_l for a standard-normal gradient arriving at the top),
    ``weight_grad_var`` (of ∂L/∂W_l), ``theory_pre_var`` and ``theory_grad_var`` (mean field; nan with batchnorm or
    ``theory=False``), ``hist_samples``: a few hundred activations per layer for histograms; and
    ``input_grad_var``, the variance of ∂L/∂x (a float). With ``batchnorm`` each z_l is standardized over the batch
    before φ (Ioffe & Szegedy 2015). ``bias_std`` > 0 adds biases drawn from N(0, bias_std²) to every layer (the σ_b
    of the edge-of-chaos map); ``bias_init``, a name of ``BIAS_INITS``, draws them that way instead (e.g.
    "pytorch_linear": nn.Linear's U(±1/√fan_in)). ``inputs``, an (n, width[0]) array, replaces the drawn inputs. ``seed`` may be a
    Generator, which then draws the weights, the biases, the inputs and the top gradient in that order.

    ``activation`` may also be a list or tuple of names: the result is then a dict, name -> the statistics above,
    each equal to its own call with that activation (the weights do not depend on it), from one draw of the weights
    (drawing a deep, wide chain's weights is about a third of a call in notebook 4's table).
    """
    widths = _check_widths(depth, width)
    depth = len(widths) - 1
    n_samples = check_int(n_samples, "n_samples", minimum=2)
    several = isinstance(activation, (list, tuple))
    names = list(activation) if several else [activation]
    if not names:
        raise ValueError("activation must be a name of ACTIVATIONS or a list of them, got an empty list")
    for name in names:
        check_choice(name, "activation", ACTIVATIONS)
    bias_std = check_float(bias_std, "bias_std", minimum=0.0)
    rng = check_rng(seed)
    blocks = _draw_blocks(widths, init, rng, scale, init_options, bias_std, bias_init)
    if inputs is None:
        x = rng.standard_normal((n_samples, widths[0]))
    else:
        x = check_X(inputs, "inputs")
        if x.shape[1] != widths[0]:
            raise ValueError(f"inputs must have shape (n_samples, {widths[0]}), got {x.shape}")
    after_inputs = rng.bit_generator.state  # each activation's top gradient is the same next draw
    results = {}
    for name in names:
        rng.bit_generator.state = after_inputs
        results[name] = _chain_statistics(blocks, x, rng, widths, name, batchnorm)
        if theory and not batchnorm:
            _add_theory(results[name], widths, init, name, scale, init_options, bias_std, bias_init)
        else:
            results[name]["theory_pre_var"] = np.full(depth, np.nan)
            results[name]["theory_grad_var"] = np.full(depth, np.nan)
    return results if several else results[names[0]]


def _chain_statistics(blocks, x, rng, widths, activation, batchnorm):
    """depth_statistics' measurements of one drawn chain on the inputs ``x`` (``rng`` draws the top gradient)."""
    acts = [ACTIVATIONS[activation]] * (len(widths) - 1)
    bufs = chain.input_buffers(widths, len(x), X=x)
    grads = [np.empty_like(block) for block in blocks]
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        zs, norms = chain.forward(blocks, acts, bufs, batchnorm=bool(batchnorm))
        top = np.ascontiguousarray(rng.standard_normal((len(x), widths[-1])).T)  # ∂L/∂z at the top
        deltas = chain.backward(top, blocks, acts, zs, bufs, grads, norms, input_grad=True)
        out = _layer_statistics(zs, bufs[1:], deltas[:-1], grads, acts[0])
        out["input_grad_var"] = float(deltas[-1].var())
    return out


def _add_theory(out, widths, init, activation, scale, init_options, bias_std, bias_init):
    """The mean-field predictions for ``out``'s chain: ``theory_pre_var`` and ``theory_grad_var``."""
    depth, pairs = len(widths) - 1, list(zip(widths[:-1], widths[1:]))
    weight_var = [get_initializer(init).variance(i, o, scale=scale, **(init_options or {})) for i, o in pairs]
    bias_var = [bias_std**2 if bias_init is None else BIAS_INITS[bias_init].variance(i, o) for i, o in pairs]
    out["theory_pre_var"] = theory_variance(depth, activation, weight_var, widths[:-1], bias_var=bias_var)
    out["theory_grad_var"] = theory_gradient_variance(out["theory_pre_var"], activation, weight_var, widths[1:])


def _draw_blocks(widths, init, rng, scale=1.0, init_options=None, bias_std=0.0, bias_init=None):
    """A chain's parameter blocks (see ``weightlab.chain``) drawn from ``rng``: every weight matrix, layer 1 first,
    then every bias vector (N(0, bias_std²), or ``bias_init`` of BIAS_INITS). Every experiment here draws in this
    order, so that one seed gives one net."""
    pairs = list(zip(widths[:-1], widths[1:]))
    _, blocks = chain.parameter_blocks(widths)
    for block, (fan_in, fan_out) in zip(blocks, pairs):
        chain.weight_view(block)[...] = initialize(init, fan_in, fan_out, rng, scale=scale, **(init_options or {}))
    for block, (fan_in, fan_out) in zip(blocks, pairs):
        chain.bias_view(block)[...] = (bias_std * rng.standard_normal(fan_out) if bias_init is None else
                                       initialize_bias(bias_init, fan_in, fan_out, rng))
    return blocks


def variance_by_scale(scales, depth=50, width=128, init="lecun_normal", activation="tanh", n_samples=64, seed=0,
                      init_options=None):
    """Var(z_l) of every layer of one untrained chain, its weights multiplied by each factor of ``scales``: an array of
    shape (len(scales), depth), row i equal to ``depth_statistics(..., scale=scales[i])["pre_var"]`` (the same seed
    draws the same weights, times the factor), computed forward only, from one draw."""
    scales = _check_grid(scales, "scales", positive=False)
    widths = _check_widths(depth, width)
    n_samples = check_int(n_samples, "n_samples", minimum=2)
    acts = [ACTIVATIONS[check_choice(activation, "activation", ACTIVATIONS)]] * (len(widths) - 1)
    rng = check_rng(seed)
    blocks = _draw_blocks(widths, init, rng, init_options=init_options)  # biases 0: scaling the block scales W only
    bufs = chain.input_buffers(widths, n_samples, X=rng.standard_normal((n_samples, widths[0])))
    out = np.empty((len(scales), len(widths) - 1))
    with np.errstate(over="ignore", invalid="ignore"):
        for i, s in enumerate(scales):
            zs, _ = chain.forward([s * block for block in blocks], acts, bufs)
            out[i] = [z.var() for z in zs]
    return np.where(np.isnan(out), np.inf, out)  # a layer that overflowed reads as inf, as in depth_statistics


def _check_widths(depth, width):
    """The widths of a chain, input first: ``depth + 1`` of them."""
    if np.ndim(width) == 0:
        depth = check_int(depth, "depth", minimum=1, maximum=1000)
        return [check_int(width, "width", minimum=1, maximum=4096)] * (depth + 1)
    widths = [check_int(w, f"width[{i}]", minimum=1, maximum=4096) for i, w in enumerate(width)]
    if len(widths) < 2 or len(widths) > 1001:
        raise ValueError(f"width must be an int or a list of 2 to 1001 widths (input first), got {len(widths)}")
    if depth is not None and check_int(depth, "depth", minimum=1) != len(widths) - 1:
        raise ValueError(f"a list of {len(widths)} widths makes {len(widths) - 1} layers, but depth = {depth}")
    return widths


def _layer_statistics(zs, outputs, deltas, grads, act, n_hist=2000):
    """Per-layer statistics of one forward and backward pass in the chain's layout (one column per sample)."""
    keys = ["pre_var", "input_driven_var", "act_var", "act_mean", "saturated", "dead", "grad_var", "weight_grad_var"]
    depth = len(zs)
    out = {k: np.full(depth, np.nan) for k in keys}
    n_hist = min(n_hist, min(z.size for z in zs))
    samples = np.full((depth, n_hist), np.nan)
    for l, (z, buf, delta, grad) in enumerate(zip(zs, outputs, deltas, grads)):
        a = buf[:-1]  # (width, n): one row per unit
        out["pre_var"][l], out["act_var"][l], out["act_mean"][l] = z.var(), a.var(), a.mean()
        out["input_driven_var"][l] = z.var(axis=-1).mean()
        out["saturated"][l] = act.saturated(a).mean() if act.saturated else 0.0
        out["dead"][l] = np.all(a == 0, axis=1).mean() if act.can_die else 0.0
        out["grad_var"][l], out["weight_grad_var"][l] = delta.var(), grad[:, :-1].var()
        samples[l] = a.T.ravel()[np.linspace(0, a.size - 1, n_hist).astype(int)]  # spread over samples and units
    for k in keys:  # a layer whose numbers overflowed reads as inf, not as a silent NaN
        out[k] = np.where(np.isnan(out[k]), np.inf, out[k])
    out["hist_samples"] = samples
    return out


def edge_of_chaos(sigma_w, sigma_b, activation="tanh", depth=50, width=256, n_samples=64, seed=0):
    """The order-to-chaos map of a deep random net (Poole et al. 2016; Schoenholz et al. 2017).

    For each pair (σ_w, σ_b) of the two grids (weights ~ N(0, σ_w²/width), biases ~ N(0, σ_b²)) returns
    ``chi``: the mean-field slope χ = σ_w² E[φ'(z)²] at the fixed point q* (ordered χ < 1: gradients vanish;
    chaotic χ > 1: they explode; χ = 1 is the edge of chaos) and ``grad_ratio``: the measured
    log10 Var(δ_1)/Var(δ_depth) of a random net of that ``depth``, each of shape (len(sigma_b), len(sigma_w)).
    """
    sigma_w = _check_grid(sigma_w, "sigma_w", positive=True)
    sigma_b = _check_grid(sigma_b, "sigma_b", positive=False)
    check_choice(activation, "activation", ACTIVATIONS)
    depth = check_int(depth, "depth", minimum=1, maximum=1000)
    width = check_int(width, "width", minimum=1, maximum=4096)
    n_samples = check_int(n_samples, "n_samples", minimum=1)
    rng = check_rng(seed)
    chi = chaos_chi(sigma_w[None, :], sigma_b[:, None], activation)  # the whole grid at once
    ratio = np.empty_like(chi)
    x = rng.standard_normal((n_samples, width))
    widths, acts = [width] * (depth + 1), [ACTIVATIONS[activation]] * depth
    for i, sb in enumerate(sigma_b):  # one row of the map at a time, its nets stacked: one forward and backward
        nets, tops = [], []
        for sw in sigma_w:  # drawn as depth_statistics(seed=rng, inputs=x) draws: weights, biases, top gradient
            nets.append(_draw_blocks(widths, "random_normal", rng, init_options={"stddev": sw / np.sqrt(width)},
                                     bias_std=sb))
            tops.append(rng.standard_normal((n_samples, width)).T)
        blocks = [np.stack(layer) for layer in zip(*nets)]
        bufs = chain.input_buffers(widths, n_samples, lead=(len(sigma_w),), X=x)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            zs, _ = chain.forward(blocks, acts, bufs)
            deltas = chain.backward(np.stack(tops), blocks, acts, zs, bufs, [np.empty_like(B) for B in blocks])
            ratio[i] = np.log10(deltas[0].var(axis=(-2, -1)) / deltas[-1].var(axis=(-2, -1)))
    return {"sigma_w": sigma_w, "sigma_b": sigma_b, "chi": chi, "grad_ratio": ratio}


def _check_grid(values, name, positive):
    """A 1-D grid of finite values: > 0 (positive=True), >= 0 (False) or any sign (None)."""
    bound = " > 0" if positive else " >= 0" if positive is False else ""
    try:
        grid = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a 1-D array of numbers{bound}, got {values!r}") from None
    negative = grid <= 0 if positive else grid < 0 if positive is False else np.zeros(grid.shape, bool)
    if grid.ndim != 1 or grid.size == 0 or not np.all(np.isfinite(grid)) or np.any(negative):
        raise ValueError(f"{name} must be a non-empty 1-D array of finite values{bound}, got {values!r}")
    return grid


def lsuv_init(net, X, tol=0.05, max_iter=10):
    """Layer-sequential unit-variance init (Mishkin & Matas 2016), in place on ``net``.

    Starts every weight matrix orthogonal, then, layer by layer, divides it by the standard deviation of that layer's
    pre-activations on the batch ``X`` until the variance is within ``tol`` of 1. Returns the per-layer variance
    reached (pre-activations of each hidden layer and of the output logit).
    """
    _check_net(net)
    X = check_X(X, "X", net.layer_sizes[0])
    tol = check_float(tol, "tol", minimum=0.0, strict_min=True)
    max_iter = check_int(max_iter, "max_iter", minimum=1)
    rng = check_rng(net.rng)
    net.weights = [initialize("orthogonal", *W.shape, rng) for W in net.weights]
    variances = []
    for l in range(net.n_layers):
        for _ in range(max_iter):
            var = net.forward(X)[0][l].var()
            if abs(var - 1.0) < tol or var == 0:
                break
            net.weights[l] = net.weights[l] / np.sqrt(var)
        variances.append(float(net.forward(X)[0][l].var()))
    return np.array(variances)
