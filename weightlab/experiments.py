"""The course's experiments as pure functions that return arrays (no plotting here).

Each function is one claim of the notebooks made measurable: variance through depth, symmetry, the three zero-init
cases, restarts, the scale sweep, convex vs non-convex starts, the edge of chaos and LSUV. Every network here runs on
``weightlab.chain``'s one forward and backward pass; the predictions they are compared with are in ``theory``.
"""
from collections.abc import Mapping

import numpy as np

from . import chain
from ._validate import check_choice, check_data, check_float, check_int, check_rng, check_test_data, check_X
from .activations import ACTIVATIONS
from .ensemble import MLPEnsemble
from .initializers import BIAS_INITS, get_initializer, initialize, initialize_bias
from .mlp import MLP, _check_layer_sizes
from .theory import chaos_chi, theory_gradient_variance, theory_variance


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
    """
    widths = _check_widths(depth, width)
    depth = len(widths) - 1
    n_samples = check_int(n_samples, "n_samples", minimum=2)
    check_choice(activation, "activation", ACTIVATIONS)
    bias_std = check_float(bias_std, "bias_std", minimum=0.0)
    rng = check_rng(seed)
    pairs = list(zip(widths[:-1], widths[1:]))
    _, blocks = chain.parameter_blocks(widths)
    for block, (fan_in, fan_out) in zip(blocks, pairs):
        chain.weight_view(block)[...] = initialize(init, fan_in, fan_out, rng, scale=scale, **(init_options or {}))
    for block, (fan_in, fan_out) in zip(blocks, pairs):
        chain.bias_view(block)[...] = (bias_std * rng.standard_normal(fan_out) if bias_init is None else
                                       initialize_bias(bias_init, fan_in, fan_out, rng))
    if inputs is None:
        x = rng.standard_normal((n_samples, widths[0]))
    else:
        x = check_X(inputs, "inputs")
        if x.shape[1] != widths[0]:
            raise ValueError(f"inputs must have shape (n_samples, {widths[0]}), got {x.shape}")
    acts = [ACTIVATIONS[activation]] * depth
    bufs = chain.input_buffers(widths, len(x), X=x)
    grads = [np.empty_like(block) for block in blocks]
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        zs, norms = chain.forward(blocks, acts, bufs, batchnorm=bool(batchnorm))
        top = np.ascontiguousarray(rng.standard_normal((len(x), widths[-1])).T)  # ∂L/∂z at the top
        deltas = chain.backward(top, blocks, acts, zs, bufs, grads, norms, input_grad=True)
        out = _layer_statistics(zs, bufs[1:], deltas[:-1], grads, acts[0])
        out["input_grad_var"] = float(deltas[-1].var())
    if theory and not batchnorm:
        weight_var = [get_initializer(init).variance(i, o, scale=scale, **(init_options or {})) for i, o in pairs]
        bias_var = [bias_std**2 if bias_init is None else BIAS_INITS[bias_init].variance(i, o) for i, o in pairs]
        out["theory_pre_var"] = theory_variance(depth, activation, weight_var, widths[:-1], bias_var=bias_var)
        out["theory_grad_var"] = theory_gradient_variance(out["theory_pre_var"], activation, weight_var, widths[1:])
    else:
        out["theory_pre_var"] = np.full(depth, np.nan)
        out["theory_grad_var"] = np.full(depth, np.nan)
    return out


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


def count_distinct_units(net, decimals=8, up_to_scale=False):
    """Number of distinct hidden units per hidden layer, shape (hidden layers,): units whose incoming weights and
    bias are equal (to ``decimals`` places) compute the same function and count once.

    With ``up_to_scale``, in a layer whose activation is positively homogeneous (relu, leaky_relu, linear:
    φ(βz) = β·φ(z) for β > 0) units whose incoming parameters are positive multiples of each other count once too:
    such a unit outputs β times the other's output, a factor the next layer's weight absorbs, so the layer computes
    one function with it, not two. (tanh and sigmoid are not homogeneous: there only equality counts.)
    """
    _check_net(net)
    decimals = check_int(decimals, "decimals")
    counts = []
    for W, b, name in zip(net.weights[:-1], net.biases[:-1], net.activations):
        params = np.vstack([W, b[None, :]]).T  # one row per unit: its incoming weights, then its bias
        if up_to_scale and ACTIVATIONS[name].homogeneous:
            norms = np.linalg.norm(params, axis=1, keepdims=True)
            params = params / np.where(norms > 0, norms, 1.0)  # the direction; an all-zero unit stays zero
        counts.append(len(np.unique(np.round(params, decimals), axis=0)))
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
    net = MLP(layer_sizes, activation=activation, init=init, scale=scale, bias_init=bias_init, seed=seed,
              init_options=init_options, bias_options=bias_options)
    rec_epochs, rec_counts = [], []

    def record(net_, history, epoch):
        rec_epochs.append(epoch)
        rec_counts.append(count_distinct_units(net_))

    history = net.fit(X, y, epochs=epochs, lr=lr, callback=record, callback_every=record_every)
    return {"epochs": np.array(rec_epochs), "distinct": np.array(rec_counts),
            "widths": np.array(net.layer_sizes[1:-1]), "history": history, "net": net}


ZERO_INIT_CASES = {
    "W=0, b=0": dict(init="zeros", bias_init="zeros"),
    "W=0, b random": dict(init="zeros", bias_init="random_normal", bias_options={"stddev": 1.0}),
    "W random, b=0": dict(init="random_normal", init_options={"stddev": 1.0}, bias_init="zeros"),
}


#: a gradient entry counts as moving when its magnitude exceeds this: an entry that is 0 in exact arithmetic comes out
#: of float64 as round-off far below it (~1e-17 on the course's data), a real gradient far above
GRADIENT_TOLERANCE = 1e-10


def gradient_flow_cases(X, y, layer_sizes=(2, 4, 1), activation="relu", steps=2, lr=0.5, seed=0, cases=None,
                        batch_size=None):
    """Which weights and biases receive a gradient at each of the first ``steps`` gradient steps.

    Each step takes one batch: all of ``X`` every time, or, with ``batch_size``, successive batches of that many rows
    (rows 0 to batch_size - 1 first, then the next, wrapping around), as minibatch training would. For each case of
    ``cases`` (default ``ZERO_INIT_CASES``: W=0/b=0, W=0/b random, W random/b=0) returns a list over steps of dicts:
    ``weight_grads`` and ``bias_grads`` (the gradients, one (fan_in, fan_out) or (fan_out,) array per layer),
    boolean masks ``weights`` and ``biases`` (|gradient| > ``GRADIENT_TOLERANCE``, so round-off does not count as
    moving), ``rows`` (the batch's row indices), ``distinct`` and ``distinct_up_to_scale`` (``count_distinct_units``
    before the step, exactly and up to a positive factor), and ``weights_after`` and ``biases_after``: copies of the
    parameters after the step's update.
    """
    X, y = check_data(X, y)
    steps = check_int(steps, "steps", minimum=1)
    lr = check_float(lr, "lr", minimum=0.0, strict_min=True)
    n = len(y)
    batch = n if batch_size is None else check_int(batch_size, "batch_size", minimum=1, maximum=n)
    if cases is not None and not isinstance(cases, Mapping):
        raise TypeError(f"cases must be a dict mapping a name to MLP keyword arguments, got {type(cases).__name__}")
    results = {}
    for name, kwargs in (cases or ZERO_INIT_CASES).items():
        net = MLP(layer_sizes, activation=activation, seed=seed, **kwargs)
        per_step = []
        for step in range(steps):
            rows = np.arange(step * batch, (step + 1) * batch) % n
            gW, gb = net.gradients(X[rows], y[rows])
            per_step.append({"weight_grads": gW, "bias_grads": gb, "rows": rows,
                             "weights": [np.abs(g) > GRADIENT_TOLERANCE for g in gW],
                             "biases": [np.abs(g) > GRADIENT_TOLERANCE for g in gb],
                             "distinct": count_distinct_units(net),
                             "distinct_up_to_scale": count_distinct_units(net, up_to_scale=True)})
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
    check_test_data(X_test, y_test)
    ens = MLPEnsemble(layer_sizes, range(first_seed, first_seed + n_restarts), **net_kwargs)
    history = ens.fit(X, y, epochs=epochs, lr=lr, X_test=X_test, y_test=y_test)
    final = history.final_loss
    return {"seeds": history.seeds, "final_loss": final, "train_accuracy": history.train_accuracy,
            "test_accuracy": history.test_accuracy, "loss": history.loss, "diverged": history.diverged,
            "best": int(np.nanargmin(np.where(history.diverged, np.nan, final))) if not history.diverged.all() else -1,
            "ensemble": ens}


def scale_sweep(X, y, X_test=None, y_test=None, layer_sizes=(2, 10, 5, 1), schemes=("he_normal", "glorot_normal"),
                scales=None, n_seeds=3, epochs=1000, lr=0.05, activation="relu"):
    """Final accuracy over a log-spaced range of init scales for several schemes (the U-shaped curve).

    Returns ``scales``, ``schemes`` and arrays of shape (schemes, scales, seeds): ``train_accuracy``,
    ``test_accuracy`` (if test data is given), ``final_loss`` and ``diverged``.
    """
    X, y = check_data(X, y)
    check_test_data(X_test, y_test)
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
            history = ens.fit(X, y, epochs=epochs, lr=lr, X_test=X_test, y_test=y_test)
            out["train_accuracy"][i, j] = history.train_accuracy
            out["final_loss"][i, j] = history.final_loss
            out["diverged"][i, j] = history.diverged
            if X_test is not None:
                out["test_accuracy"][i, j] = history.test_accuracy
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
        history = net.fit(X, y, epochs=epochs, lr=lr)
        labels.append(label)
        weights.append(np.concatenate([net.weights[0][:, 0], net.biases[0]]))
        losses.append(history.loss)
    return {"labels": labels, "weights": np.array(weights), "loss": np.array(losses)}


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
            stats = depth_statistics(depth, width, "random_normal", activation, seed=rng, bias_std=sb, inputs=x,
                                     init_options={"stddev": sw / np.sqrt(width)}, theory=False)
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio[i, j] = np.log10(stats["grad_var"][0] / stats["grad_var"][-1])
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
            multiplier = {"large": 10.0, "he": np.sqrt(2.0 / fan_in), "randn": factor}[kind]
            out.append(rs.randn(fan_out, fan_in).T * multiplier)
    return out
