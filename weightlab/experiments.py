"""The course's experiments as pure functions that return arrays (no plotting here).

Each function is one claim of the notebooks made measurable: variance through depth, symmetry, the three zero-init
cases, restarts, the scale sweep, convex vs non-convex starts, the edge of chaos and LSUV.
"""
from collections.abc import Mapping

import numpy as np

from ._validate import check_choice, check_data, check_float, check_int, check_rng
from .activations import ACTIVATIONS
from .ensemble import MLPEnsemble
from .initializers import get_initializer, initialize
from .mlp import MLP, _check_layer_sizes


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


def theory_variance(depth, activation, weight_var, fan_in, input_var=1.0, bias_var=0.0):
    """Mean-field prediction of the pre-activation variance q_l of layers 1..depth of a wide net.

    q_1 = fan_in·Var(w)·input_var + Var(b) and q_(l+1) = fan_in·Var(w)·E[φ(z)²] + Var(b) with z ~ N(0, q_l): the
    recursion of LeCun et al. 1998, Glorot & Bengio 2010 and He et al. 2015 (Poole et al. 2016 for any φ).
    For linear φ it is Var(y) = n·Var(w)·Var(x) layer after layer; for relu E[φ²] = q/2, hence He's factor 2.
    """
    depth = check_int(depth, "depth", minimum=1)
    check_choice(activation, "activation", ACTIVATIONS)
    weight_var = check_float(weight_var, "weight_var", minimum=0.0)
    fan_in = check_int(fan_in, "fan_in", minimum=1)
    input_var = check_float(input_var, "input_var", minimum=0.0)
    bias_var = check_float(bias_var, "bias_var", minimum=0.0)
    f, _ = _phi(activation)
    q = np.empty(depth)
    q[0] = fan_in * weight_var * input_var + bias_var
    with np.errstate(over="ignore", invalid="ignore"):  # an exploding chain reaches inf: reported as inf
        for l in range(1, depth):
            q[l] = fan_in * weight_var * gaussian_expectation(lambda z: f(z) ** 2, q[l - 1]) + bias_var
    return q


def theory_gradient_variance(q, activation, weight_var, fan_out, top_var=1.0):
    """Mean-field prediction of Var(∂L/∂z_l) going backwards from ``top_var`` at the last layer.

    Var(δ_(l-1)) = fan_out·Var(w)·E[φ'(z_(l-1))²]·Var(δ_l) (Glorot & Bengio 2010, eq. 5-6; He et al. 2015, eq. 13).
    ``q`` is the forward pre-activation variance per layer from ``theory_variance``.
    """
    _, df = _phi(check_choice(activation, "activation", ACTIVATIONS))
    q = np.asarray(q, dtype=float)
    if q.ndim != 1 or q.size == 0 or np.any(q < 0) or np.any(np.isnan(q)):
        raise ValueError(f"q must be a non-empty 1-D array of variances >= 0 (theory_variance's output), got {q!r}")
    weight_var = check_float(weight_var, "weight_var", minimum=0.0)
    fan_out = check_int(fan_out, "fan_out", minimum=1)
    top_var = check_float(top_var, "top_var", minimum=0.0)
    g = np.empty(len(q))
    g[-1] = top_var
    with np.errstate(over="ignore", invalid="ignore"):
        for l in range(len(q) - 1, 0, -1):
            g[l - 1] = fan_out * weight_var * gaussian_expectation(lambda z: df(z) ** 2, q[l - 1]) * g[l]
    return g


def depth_statistics(depth=10, width=256, init="he_normal", activation="relu", scale=1.0, n_samples=512, seed=0,
                     batchnorm=False, init_options=None, bias_std=0.0):
    """Push ``n_samples`` standard-normal inputs through ``depth`` square layers of ``width`` units, untrained.

    Returns a dict of arrays of length ``depth`` (layer 1 first): ``pre_var`` (variance of z_l), ``act_var`` and
    ``act_mean`` (of φ(z_l)), ``saturated`` and ``dead`` fractions, ``grad_var`` (variance of ∂L/∂z_l for a random
    standard-normal gradient arriving at the top), ``weight_grad_var`` (of ∂L/∂W_l), ``theory_pre_var`` and
    ``theory_grad_var`` (mean field, nan with batchnorm), and ``hist_samples``: a few hundred activations per layer
    for histograms. With ``batchnorm`` each z_l is standardized over the batch before φ (Ioffe & Szegedy 2015).
    ``bias_std`` > 0 adds biases drawn from N(0, bias_std²) to every layer (the σ_b of the edge-of-chaos map).
    """
    depth = check_int(depth, "depth", minimum=1, maximum=1000)
    bias_std = check_float(bias_std, "bias_std", minimum=0.0)
    width = check_int(width, "width", minimum=1, maximum=4096)
    n_samples = check_int(n_samples, "n_samples", minimum=2)
    check_choice(activation, "activation", ACTIVATIONS)
    act = ACTIVATIONS[activation]
    rng = check_rng(seed)
    Ws = [initialize(init, width, width, rng, scale=scale, **(init_options or {})) for _ in range(depth)]
    bs = [bias_std * rng.standard_normal(width) for _ in range(depth)]
    x = rng.standard_normal((n_samples, width))
    keys = ["pre_var", "act_var", "act_mean", "saturated", "dead", "grad_var", "weight_grad_var"]
    out = {k: np.full(depth, np.nan) for k in keys}
    hist = np.full((depth, min(n_samples * width, 2000)), np.nan)
    zs, acts, stds = [], [x], []
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        a = x
        for l, (W, b) in enumerate(zip(Ws, bs)):
            z = a @ W + b
            if batchnorm:
                std = np.sqrt(z.var(axis=0) + 1e-12)  # a tiny ε: tiny scales must still normalize to 1
                z = (z - z.mean(axis=0)) / std
                stds.append(std)
            a = act.f(z)
            zs.append(z)
            acts.append(a)
            out["pre_var"][l], out["act_var"][l], out["act_mean"][l] = z.var(), a.var(), a.mean()
            out["saturated"][l] = act.saturated(a).mean() if act.saturated else 0.0
            out["dead"][l] = np.all(a == 0, axis=0).mean() if act.can_die else 0.0
            hist[l] = a.ravel()[np.linspace(0, a.size - 1, hist.shape[1]).astype(int)]  # spread over samples, units
        delta = rng.standard_normal(zs[-1].shape)  # ∂L/∂z at the top
        for l in range(depth - 1, -1, -1):
            out["grad_var"][l] = delta.var()
            out["weight_grad_var"][l] = (acts[l].T @ delta).var()
            if l:
                da = delta @ Ws[l].T
                delta = da * act.grad(zs[l - 1], acts[l])
                if batchnorm:  # backward through standardization (per unit): project out mean and z-direction
                    zn = zs[l - 1]
                    delta = (delta - delta.mean(axis=0) - zn * (delta * zn).mean(axis=0)) / stds[l - 1]
    weight_var = _init_variance(init, width, scale, init_options)
    if batchnorm:
        out["theory_pre_var"] = np.full(depth, np.nan)
        out["theory_grad_var"] = np.full(depth, np.nan)
    else:
        out["theory_pre_var"] = theory_variance(depth, activation, weight_var, width, bias_var=bias_std**2)
        out["theory_grad_var"] = theory_gradient_variance(out["theory_pre_var"], activation, weight_var, width)
    out["hist_samples"] = hist
    for k in keys:  # a layer whose numbers overflowed reads as inf, not as a silent NaN
        out[k] = np.where(np.isnan(out[k]), np.inf, out[k])
    return out


def _init_variance(init, width, scale, init_options):
    return get_initializer(init).variance(width, width, scale=scale, **(init_options or {}))


def count_distinct_units(net, decimals=8):
    """Number of distinct hidden units per hidden layer: units whose incoming weights and bias are equal (to
    ``decimals`` places) compute the same function and count once."""
    _check_net(net)
    decimals = check_int(decimals, "decimals")
    counts = []
    for W, b in zip(net.weights[:-1], net.biases[:-1]):
        params = np.round(np.vstack([W, b[None, :]]).T, decimals)
        counts.append(len(np.unique(params, axis=0)))
    return np.array(counts)


def _check_net(net):
    if not isinstance(net, MLP):
        raise TypeError(f"net must be a weightlab MLP, got {type(net).__name__}")


def symmetry_experiment(X, y, layer_sizes=(2, 10, 5, 1), init="zeros", scale=1.0, bias_init="zeros",
                        activation="tanh", epochs=1000, lr=0.1, record_every=50, seed=0, init_options=None,
                        bias_options=None):
    """Train from ``init`` and count distinct hidden units per layer every ``record_every`` epochs.

    Returns ``epochs`` (shape (k,)), ``distinct`` (shape (k, hidden layers)), ``widths`` and the ``history``.
    """
    X, y = check_data(X, y)
    record_every = check_int(record_every, "record_every", minimum=1)
    net = MLP(layer_sizes, activation, init, scale, bias_init, seed, init_options, bias_options)
    rec_epochs, rec_counts = [], []

    def record(net_, hist, epoch):
        rec_epochs.append(epoch)
        rec_counts.append(count_distinct_units(net_))

    hist = net.fit(X, y, epochs=epochs, lr=lr, callback=record, callback_every=record_every)
    return {"epochs": np.array(rec_epochs), "distinct": np.array(rec_counts),
            "widths": np.array(net.layer_sizes[1:-1]), "history": hist, "net": net}


ZERO_INIT_CASES = {
    "W=0, b=0": dict(init="zeros", bias_init="zeros"),
    "W=0, b random": dict(init="zeros", bias_init="random_normal", bias_options={"stddev": 1.0}),
    "W random, b=0": dict(init="random_normal", init_options={"stddev": 1.0}, bias_init="zeros"),
}


def gradient_flow_cases(X, y, layer_sizes=(2, 4, 1), activation="relu", steps=2, lr=0.5, seed=0, cases=None):
    """Which weights and biases receive a non-zero gradient at each of the first ``steps`` gradient steps.

    For each case of ``cases`` (default ``ZERO_INIT_CASES``: W=0/b=0, W=0/b random, W random/b=0) returns a list over
    steps of dicts with boolean masks ``weights`` (one (fan_in, fan_out) array per layer) and ``biases``, plus
    ``distinct``: the number of distinct hidden units per layer before that step, and ``weights_after`` and
    ``biases_after``: copies of the parameters after that step's update.
    """
    X, y = check_data(X, y)
    steps = check_int(steps, "steps", minimum=1)
    lr = check_float(lr, "lr", minimum=0.0, strict_min=True)
    if cases is not None and not isinstance(cases, Mapping):
        raise TypeError(f"cases must be a dict mapping a name to MLP keyword arguments, got {type(cases).__name__}")
    results = {}
    for name, kwargs in (cases or ZERO_INIT_CASES).items():
        net = MLP(layer_sizes, activation=activation, seed=seed, **kwargs)
        per_step = []
        for _ in range(steps):
            gW, gb = net.gradients(X, y)
            per_step.append({"weights": [g != 0 for g in gW], "biases": [g != 0 for g in gb],
                             "distinct": count_distinct_units(net)})
            for W, b, dW, db in zip(net.weights, net.biases, gW, gb):
                W -= lr * dW
                b -= lr * db
            per_step[-1]["weights_after"] = [W.copy() for W in net.weights]
            per_step[-1]["biases_after"] = [b.copy() for b in net.biases]
        results[name] = per_step
    return results


def train_restarts(X, y, layer_sizes=(2, 10, 5, 1), n_restarts=100, first_seed=0, epochs=2000, lr=0.1,
                   X_test=None, y_test=None, **net_kwargs):
    """Train ``n_restarts`` copies of one network from seeds ``first_seed, first_seed+1, ...`` in one vectorized run.

    Returns a dict: ``seeds``, ``final_loss``, ``train_accuracy``, ``test_accuracy`` (or None), ``loss`` curves
    (n_restarts, epochs), ``diverged`` mask and ``best``: the index of the lowest final training loss.
    """
    n_restarts = check_int(n_restarts, "n_restarts", minimum=1)
    first_seed = check_int(first_seed, "first_seed", minimum=0)
    _check_test_data(X_test, y_test)
    ens = MLPEnsemble(layer_sizes, range(first_seed, first_seed + n_restarts), **net_kwargs)
    hist = ens.fit(X, y, epochs=epochs, lr=lr, X_test=X_test, y_test=y_test)
    final = hist.final_loss
    return {"seeds": hist.seeds, "final_loss": final, "train_accuracy": hist.train_accuracy,
            "test_accuracy": hist.test_accuracy, "loss": hist.loss, "diverged": hist.diverged,
            "best": int(np.nanargmin(np.where(hist.diverged, np.nan, final))) if not hist.diverged.all() else -1,
            "ensemble": ens}


def _check_test_data(X_test, y_test):
    if (X_test is None) != (y_test is None):
        raise ValueError("give both X_test and y_test, or neither")
    if X_test is not None:
        check_data(X_test, y_test, "X_test", "y_test")


def scale_sweep(X, y, X_test=None, y_test=None, layer_sizes=(2, 10, 5, 1), schemes=("he_normal", "glorot_normal"),
                scales=None, n_seeds=3, epochs=1000, lr=0.05, activation="relu"):
    """Final accuracy over a log-spaced range of init scales for several schemes (the U-shaped curve).

    Returns ``scales``, ``schemes`` and arrays of shape (schemes, scales, seeds): ``train_accuracy``,
    ``test_accuracy`` (if test data is given), ``final_loss`` and ``diverged``.
    """
    X, y = check_data(X, y)
    _check_test_data(X_test, y_test)
    if isinstance(schemes, str):
        raise TypeError(f"schemes must be a list of initializer names, like [{schemes!r}]; got the string {schemes!r}")
    schemes = list(schemes)
    for scheme in schemes:
        get_initializer(scheme)  # an unknown name fails now, not after the other schemes have trained
    check_choice(activation, "activation", ACTIVATIONS)
    scales = np.logspace(-3, 2, 11) if scales is None else np.asarray(scales, dtype=float)
    if scales.ndim != 1:
        raise ValueError(f"scales must be a 1-D list of numbers >= 0, got shape {scales.shape}")
    for s in scales:
        check_float(s, "scales", minimum=0.0)
    n_seeds = check_int(n_seeds, "n_seeds", minimum=1)
    shape = (len(schemes), len(scales), n_seeds)
    out = {"scales": scales, "schemes": list(schemes), "train_accuracy": np.empty(shape),
           "test_accuracy": np.full(shape, np.nan), "final_loss": np.empty(shape), "diverged": np.empty(shape, bool)}
    for i, scheme in enumerate(schemes):
        for j, s in enumerate(scales):
            ens = MLPEnsemble(layer_sizes, range(n_seeds), activation=activation, init=scheme, scale=s)
            hist = ens.fit(X, y, epochs=epochs, lr=lr, X_test=X_test, y_test=y_test)
            out["train_accuracy"][i, j] = hist.train_accuracy
            out["final_loss"][i, j] = hist.final_loss
            out["diverged"][i, j] = hist.diverged
            if X_test is not None:
                out["test_accuracy"][i, j] = hist.test_accuracy
    return out


def logistic_starts(X, y, starts=None, epochs=3000, lr=0.5):
    """Logistic regression (an MLP with no hidden layer) trained from several starts: it is convex, so every start
    reaches the same optimum. ``starts`` maps a label to MLP keyword arguments (default: zeros and three random
    normal starts with stddev 1). Returns ``labels``, ``weights`` (starts, d+1: weights then bias) and ``loss``
    curves (starts, epochs)."""
    X, y = check_data(X, y)
    if starts is not None and not isinstance(starts, Mapping):
        raise TypeError(f"starts must be a dict mapping a label to MLP keyword arguments, got {type(starts).__name__}")
    if starts is not None and not starts:
        raise ValueError("starts is empty: give at least one start, or None for the default four")
    starts = starts or {"zeros": dict(init="zeros"),
                        **{f"random (seed {s})": dict(init="random_normal", init_options={"stddev": 1.0},
                                                      bias_init="random_normal", bias_options={"stddev": 1.0}, seed=s)
                           for s in (1, 2, 3)}}
    labels, weights, losses = [], [], []
    for label, kwargs in starts.items():
        net = MLP([X.shape[1], 1], **kwargs)
        hist = net.fit(X, y, epochs=epochs, lr=lr)
        labels.append(label)
        weights.append(np.concatenate([net.weights[0][:, 0], net.biases[0]]))
        losses.append(hist.loss)
    return {"labels": labels, "weights": np.array(weights), "loss": np.array(losses)}


def chaos_chi(sigma_w, sigma_b, activation="tanh"):
    """Mean-field slope χ = σ_w² E[φ'(z)²] at the variance fixed point q* of a deep random net (Poole et al. 2016):
    χ < 1 ordered (gradients vanish with depth), χ > 1 chaotic (they explode), χ = 1 the edge of chaos."""
    f, df = _phi(check_choice(activation, "activation", ACTIVATIONS))
    sigma_w = check_float(sigma_w, "sigma_w", minimum=0.0, strict_min=True)
    sigma_b = check_float(sigma_b, "sigma_b", minimum=0.0)
    q = 1.0
    with np.errstate(over="ignore", invalid="ignore"):  # relu with σ_w > √2 has no fixed point: q grows to inf
        for _ in range(200):  # iterate the variance map to its fixed point q*
            q = sigma_w**2 * gaussian_expectation(lambda z: f(z) ** 2, q) + sigma_b**2
        # σ_b = 0 in the ordered phase: q* = 0, where χ is its limit q -> 0+ (at q = 0 exactly, relu'(0) reads 0)
        q = max(q, np.finfo(float).tiny)
        return float(sigma_w**2 * gaussian_expectation(lambda z: df(z) ** 2, q))


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
    chi = np.empty((len(sigma_b), len(sigma_w)))
    ratio = np.empty_like(chi)
    x = rng.standard_normal((n_samples, width))
    for i, sb in enumerate(sigma_b):
        for j, sw in enumerate(sigma_w):
            chi[i, j] = chaos_chi(sw, sb, activation)
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                ratio[i, j] = _measured_gradient_ratio(x, sw, sb, activation, depth, rng)
    return {"sigma_w": sigma_w, "sigma_b": sigma_b, "chi": chi, "grad_ratio": ratio}


def _check_grid(values, name, positive):
    bound = "> 0" if positive else ">= 0"
    try:
        grid = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a 1-D array of numbers {bound}, got {values!r}") from None
    if grid.ndim != 1 or grid.size == 0 or not np.all(np.isfinite(grid)) or np.any(grid <= 0 if positive else grid < 0):
        raise ValueError(f"{name} must be a non-empty 1-D array of finite values {bound}, got {values!r}")
    return grid


def _measured_gradient_ratio(x, sw, sb, activation, depth, rng):
    act = ACTIVATIONS[activation]
    width = x.shape[1]
    Ws = [rng.standard_normal((width, width)) * sw / np.sqrt(width) for _ in range(depth)]
    bs = [rng.standard_normal(width) * sb for _ in range(depth)]
    zs, acts, a = [], [x], x
    for W, b in zip(Ws, bs):
        z = a @ W + b
        a = act.f(z)
        zs.append(z)
        acts.append(a)
    delta = rng.standard_normal(zs[-1].shape)
    top = delta.var()
    for l in range(depth - 1, 0, -1):
        delta = (delta @ Ws[l].T) * act.grad(zs[l - 1], acts[l])
    with np.errstate(divide="ignore"):
        return float(np.log10(delta.var() / top))


def lsuv_init(net, X, tol=0.05, max_iter=10):
    """Layer-sequential unit-variance init (Mishkin & Matas 2016), in place on ``net``.

    Starts every weight matrix orthogonal, then, layer by layer, divides it by the standard deviation of that layer's
    pre-activations on the batch ``X`` until the variance is within ``tol`` of 1. Returns the per-layer variance
    reached (pre-activations of each hidden layer and of the output logit).
    """
    _check_net(net)
    X = net._check_input(X)
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


def course_weights(layer_sizes, kind, seed=3, factor=1.0):
    """The weights of the course's initialization exercise, drawn exactly as the course drew them.

    The course (deeplearning.ai, Improving Deep Neural Networks, week 1) seeded numpy's legacy generator with 3 and
    drew each layer as ``randn(fan_out, fan_in)`` times 10 (``kind="large"``) or times sqrt(2 / fan_in) (``"he"``);
    ``"zeros"`` is all zeros, and ``"randn"`` the same draws times any ``factor`` (0.1, 1/3, ...). A private
    ``RandomState(seed)`` gives the same numbers without the global state; the matrices are transposed to
    weightlab's (fan_in, fan_out). Biases were zeros in every case.
    """
    layer_sizes = _check_layer_sizes(layer_sizes)
    check_choice(kind, "kind", ["zeros", "large", "he", "randn"])
    factor = check_float(factor, "factor", minimum=0.0)
    rs = np.random.RandomState(check_int(seed, "seed", minimum=0))
    out = []
    for fan_in, fan_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        if kind == "zeros":
            out.append(np.zeros((fan_in, fan_out)))
        else:
            scale = {"large": 10.0, "he": np.sqrt(2.0 / fan_in), "randn": factor}[kind]
            out.append(rs.randn(fan_out, fan_in).T * scale)
    return out
