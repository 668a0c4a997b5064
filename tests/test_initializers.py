"""Initializers checked against their documented formulas (Keras 3 and torch.nn.init), then against their own draws.

Tolerances: a 400 x 300 draw has N = 120,000 entries. The std estimate's relative error is about
sqrt((kurtosis - 1) / 4N) <= 0.3% for these distributions, so the empirical std must be within 2% (about 7 standard
errors) of the theoretical one, and the empirical mean within 5·std/sqrt(N) of the theoretical mean.
"""
import math

import numpy as np
import pytest
from scipy import stats as scipy_stats  # scikit-learn's own dependency: an independent reference for the densities

from weightlab.initializers import (ALIASES, BIAS_INITS, DISTRIBUTIONS, FAMILIES, INITIALIZERS, KERAS_TRUNCATED_STD,
                                    Initializer, calculate_gain, get_initializer, init_variance, initialize,
                                    initialize_bias)

FI, FO = 400, 300
N = FI * FO
STD_RTOL = 0.02
KERAS_CONSTANT = 0.87962566103423978  # as written in keras/src/initializers/random_initializers.py


def truncated_moments(mean, std, a, b, points=400_001):
    """Mean and variance of N(mean, std²) restricted to [a, b], by trapezoid-rule integration (the reference)."""
    x = np.linspace(a, b, points)
    w = np.exp(-0.5 * ((x - mean) / std) ** 2)
    w[[0, -1]] *= 0.5  # trapezoid end weights; the grid step cancels in the ratios
    m = (x * w).sum() / w.sum()
    return m, ((x - m) ** 2 * w).sum() / w.sum()


TRUNC_STD = math.sqrt(truncated_moments(0.0, 1.0, -2.0, 2.0)[1])  # std of N(0, 1) cut at ±2, by integration

KERAS = {"zeros", "ones", "constant", "random_normal", "random_uniform", "truncated_normal", "variance_scaling",
         "lecun_uniform", "lecun_normal", "glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "orthogonal",
         "identity"}
PYTORCH = {"xavier_uniform", "xavier_normal", "kaiming_uniform", "kaiming_normal", "normal", "uniform",
           "trunc_normal", "eye", "pytorch_linear", "sparse"}
DETERMINISTIC = {"zeros", "ones", "constant", "identity", "eye"}
RANDOM = sorted(set(INITIALIZERS) - DETERMINISTIC)

P_DIAG = min(FI, FO) / (FI * FO)  # fraction of identity entries on the diagonal

# (mean, std) of one entry at (FI, FO) with default options, written from each initializer's documentation
REFERENCE = {
    "zeros": (0.0, 0.0), "ones": (1.0, 0.0), "constant": (0.0, 0.0),
    "random_normal": (0.0, 0.05), "random_uniform": (0.0, 0.1 / math.sqrt(12)),
    "truncated_normal": (0.0, 0.05 * TRUNC_STD),  # Keras applies no correction here
    "variance_scaling": (0.0, math.sqrt(1 / FI)),
    "lecun_uniform": (0.0, math.sqrt(1 / FI)), "lecun_normal": (0.0, math.sqrt(1 / FI)),
    "glorot_uniform": (0.0, math.sqrt(2 / (FI + FO))), "glorot_normal": (0.0, math.sqrt(2 / (FI + FO))),
    "he_uniform": (0.0, math.sqrt(2 / FI)), "he_normal": (0.0, math.sqrt(2 / FI)),
    "orthogonal": (0.0, 1 / math.sqrt(max(FI, FO))),
    "identity": (P_DIAG, math.sqrt(P_DIAG * (1 - P_DIAG))), "eye": (P_DIAG, math.sqrt(P_DIAG * (1 - P_DIAG))),
    "xavier_uniform": (0.0, math.sqrt(2 / (FI + FO))), "xavier_normal": (0.0, math.sqrt(2 / (FI + FO))),
    "kaiming_uniform": (0.0, math.sqrt(2 / FI)), "kaiming_normal": (0.0, math.sqrt(2 / FI)),  # leaky_relu, a=0: √2
    "normal": (0.0, 1.0), "uniform": (0.5, 1 / math.sqrt(12)), "trunc_normal": (0.0, TRUNC_STD),
    "pytorch_linear": (0.0, 1 / math.sqrt(3 * FI)),
    "sparse": (0.0, 0.01 * math.sqrt(1 - math.ceil(0.1 * FO) / FO)),  # torch: ceil(sparsity·rows) zeros per column
}


def cut(std):  # Keras' truncated normals: drawn with std / 0.8796..., cut at twice that
    return 2 * std / KERAS_CONSTANT


# the support [lo, hi] of every bounded initializer at (FI, FO) with default options
BOUNDS = {
    "random_uniform": (-0.05, 0.05), "truncated_normal": (-0.1, 0.1), "uniform": (0.0, 1.0),
    "trunc_normal": (-2.0, 2.0), "pytorch_linear": (-1 / math.sqrt(FI), 1 / math.sqrt(FI)),
    **{name: (-math.sqrt(6 / (FI + FO)), math.sqrt(6 / (FI + FO))) for name in ["glorot_uniform", "xavier_uniform"]},
    **{name: (-math.sqrt(6 / FI), math.sqrt(6 / FI)) for name in ["he_uniform", "kaiming_uniform"]},
    "lecun_uniform": (-math.sqrt(3 / FI), math.sqrt(3 / FI)),
    **{name: (-cut(math.sqrt(1 / FI)), cut(math.sqrt(1 / FI))) for name in ["lecun_normal", "variance_scaling"]},
    "glorot_normal": (-cut(math.sqrt(2 / (FI + FO))), cut(math.sqrt(2 / (FI + FO)))),
    "he_normal": (-cut(math.sqrt(2 / FI)), cut(math.sqrt(2 / FI))),
}

# every initializer with its defaults, plus option settings that exercise the other branches
CASES = [(name, {}) for name in INITIALIZERS] + [
    ("constant", {"value": -0.7}), ("random_normal", {"mean": 1.0, "stddev": 0.3}),
    ("random_uniform", {"minval": 0.2, "maxval": 0.9}), ("truncated_normal", {"mean": -1.0, "stddev": 2.0}),
    ("variance_scaling", {"variance_scale": 2.0, "mode": "fan_avg", "distribution": "uniform"}),
    ("variance_scaling", {"mode": "fan_out", "distribution": "untruncated_normal"}),
    ("variance_scaling", {"variance_scale": 0.5, "mode": "fan_out"}),
    ("orthogonal", {"gain": 2.0}), ("identity", {"gain": 3.0}), ("xavier_normal", {"gain": 5 / 3}),
    ("kaiming_normal", {"nonlinearity": "tanh", "mode": "fan_out"}), ("kaiming_uniform", {"a": 0.2}),
    ("normal", {"mean": -2.0, "std": 0.1}), ("uniform", {"a": -3.0, "b": 5.0}),
    ("trunc_normal", {"mean": 0.5, "std": 2.0, "a": -1.0, "b": 3.0}),
    ("sparse", {"sparsity": 0.5, "std": 0.2}), ("sparse", {"sparsity": 0.0}),
]


# ---- the table ----

def test_table_holds_the_keras_catalogue_and_pytorch_names():
    assert set(INITIALIZERS) == KERAS | PYTORCH
    for name, init in INITIALIZERS.items():
        assert isinstance(init, Initializer) and init.name == name
        assert init.framework == ("keras" if name in KERAS else "pytorch")


@pytest.mark.parametrize("name", sorted(INITIALIZERS))
def test_every_entry_is_documented(name):
    init = INITIALIZERS[name]
    assert init.summary and "\n" not in init.summary and len(init.summary) <= 100
    assert "W" in init.formula and ("Var" in init.formula or name == "orthogonal")
    assert init.source
    assert set(init.choices) <= set(init.defaults)
    for option, allowed in init.choices.items():
        assert init.defaults[option] in allowed
    assert init.formula in str(init) and init.source in str(init)


def test_defaults_are_the_frameworks_own():
    expected = {
        "constant": {"value": 0.0}, "random_normal": {"mean": 0.0, "stddev": 0.05},
        "random_uniform": {"minval": -0.05, "maxval": 0.05}, "truncated_normal": {"mean": 0.0, "stddev": 0.05},
        "variance_scaling": {"variance_scale": 1.0, "mode": "fan_in", "distribution": "truncated_normal"},
        "orthogonal": {"gain": 1.0}, "identity": {"gain": 1.0},
        "xavier_uniform": {"gain": 1.0}, "xavier_normal": {"gain": 1.0},
        "kaiming_uniform": {"a": 0.0, "mode": "fan_in", "nonlinearity": "leaky_relu"},
        "kaiming_normal": {"a": 0.0, "mode": "fan_in", "nonlinearity": "leaky_relu"},
        "normal": {"mean": 0.0, "std": 1.0}, "uniform": {"a": 0.0, "b": 1.0},
        "trunc_normal": {"mean": 0.0, "std": 1.0, "a": -2.0, "b": 2.0},
        "sparse": {"sparsity": 0.1, "std": 0.01},  # PyTorch's sparsity has no default; 0.1 is its docs' example
    }
    for name, init in INITIALIZERS.items():
        assert dict(init.defaults) == expected.get(name, {}), name
    assert INITIALIZERS["variance_scaling"].choices["mode"] == ("fan_in", "fan_out", "fan_avg")
    assert INITIALIZERS["kaiming_normal"].choices["mode"] == ("fan_in", "fan_out")  # PyTorch has no fan_avg
    with pytest.raises(TypeError):
        INITIALIZERS["constant"].defaults["value"] = 1.0  # the shared table cannot be changed by accident


@pytest.mark.parametrize("name, variance_scale, mode, distribution", [
    ("lecun_uniform", 1.0, "fan_in", "uniform"), ("lecun_normal", 1.0, "fan_in", "truncated_normal"),
    ("glorot_uniform", 1.0, "fan_avg", "uniform"), ("glorot_normal", 1.0, "fan_avg", "truncated_normal"),
    ("he_uniform", 2.0, "fan_in", "uniform"), ("he_normal", 2.0, "fan_in", "truncated_normal"),
])
def test_keras_family_is_variance_scaling_with_keras_parameters(name, variance_scale, mode, distribution):
    options = dict(variance_scale=variance_scale, mode=mode, distribution=distribution)
    assert np.array_equal(initialize(name, 30, 20, 4), initialize("variance_scaling", 30, 20, 4, **options))
    assert init_variance(name, 30, 20) == init_variance("variance_scaling", 30, 20, **options)


def test_aliases_resolve_to_table_entries():
    assert not set(ALIASES) & set(INITIALIZERS)
    assert set(ALIASES.values()) <= set(INITIALIZERS)
    for torch_name in ["xavier_uniform", "xavier_normal", "kaiming_uniform", "kaiming_normal", "normal", "uniform",
                       "trunc_normal", "eye", "orthogonal", "zeros", "ones", "constant", "sparse"]:
        assert get_initializer(torch_name + "_") is INITIALIZERS[torch_name]
    assert get_initializer("he") is INITIALIZERS["he_normal"]
    assert get_initializer("glorot") is INITIALIZERS["glorot_uniform"]
    assert get_initializer("lecun") is INITIALIZERS["lecun_normal"]
    assert np.array_equal(initialize("kaiming_normal_", 8, 4, 1), initialize("kaiming_normal", 8, 4, 1))


def test_names_match_without_regard_to_case():
    assert get_initializer("He") is get_initializer("HE") is INITIALIZERS["he_normal"]
    assert get_initializer("Xavier") is get_initializer("XAVIER") is INITIALIZERS["glorot_uniform"]
    assert get_initializer("He_Normal") is INITIALIZERS["he_normal"]
    assert get_initializer("Kaiming_Normal_") is INITIALIZERS["kaiming_normal"]
    assert initialize_bias("Zeros", 4, 3, 0).tolist() == [0.0, 0.0, 0.0]
    from weightlab import MLP
    he = MLP([2, 3, 1], init="He", seed=0).weights[0]
    assert np.array_equal(he, MLP([2, 3, 1], init="he_normal", seed=0).weights[0])
    with pytest.raises(ValueError, match="Did you mean 'he_normal'"):
        get_initializer("He_Norml")


# ---- theory against the documented formulas, then draws against the theory ----

def test_keras_truncation_constant_is_the_std_of_a_normal_cut_at_two_sigma():
    assert KERAS_TRUNCATED_STD == KERAS_CONSTANT
    assert TRUNC_STD == pytest.approx(KERAS_CONSTANT, rel=1e-9)


@pytest.mark.parametrize("name", sorted(INITIALIZERS))
def test_theoretical_moments_match_the_documented_formula(name):
    init = INITIALIZERS[name]
    mean, std = REFERENCE[name]
    assert init.mean(FI, FO) == pytest.approx(mean, rel=1e-9, abs=1e-15)
    assert init.std(FI, FO) == pytest.approx(std, rel=1e-9, abs=1e-15)
    assert init.variance(FI, FO) == pytest.approx(init.std(FI, FO) ** 2, rel=1e-12, abs=1e-15)
    assert init_variance(name, FI, FO) == init.variance(FI, FO)


@pytest.mark.parametrize("name, options", CASES, ids=[f"{n}-{'-'.join(map(str, o.values()))}" for n, o in CASES])
def test_draw_matches_theoretical_moments(name, options):
    init = INITIALIZERS[name]
    W = init.sample(FI, FO, rng=0, **options)
    assert W.shape == (FI, FO) and W.dtype == np.float64
    mean, std = init.mean(FI, FO, **options), init.std(FI, FO, **options)
    assert abs(W.mean() - mean) <= 5 * std / math.sqrt(N) + 1e-12
    assert W.std() == pytest.approx(std, rel=STD_RTOL, abs=1e-12)


@pytest.mark.parametrize("mean, std, a, b", [(0.0, 1.0, -2.0, 2.0), (0.5, 2.0, -1.0, 3.0), (1.0, 0.5, 1.2, 4.0)])
def test_trunc_normal_moments_match_numerical_integration(mean, std, a, b):
    ref_mean, ref_var = truncated_moments(mean, std, a, b)
    options = dict(mean=mean, std=std, a=a, b=b)
    assert INITIALIZERS["trunc_normal"].mean(5, 5, **options) == pytest.approx(ref_mean, rel=1e-8)
    assert init_variance("trunc_normal", 5, 5, **options) == pytest.approx(ref_var, rel=1e-8)


@pytest.mark.parametrize("name", sorted(BOUNDS))
def test_draws_fill_exactly_the_documented_interval(name):
    lo, hi = BOUNDS[name]
    W = initialize(name, FI, FO, 1)
    assert lo - 1e-12 <= W.min() and W.max() <= hi + 1e-12
    assert W.min() < lo + 5e-4 * (hi - lo) and W.max() > hi - 5e-4 * (hi - lo)  # the bound is not loose


def test_orthogonal_rows_or_columns_are_orthonormal_times_gain():
    tall = initialize("orthogonal", 50, 20, 0, gain=2.0)
    wide = initialize("orthogonal", 20, 50, 0, gain=2.0)
    square = initialize("orthogonal", 30, 30, 0)
    np.testing.assert_allclose(tall.T @ tall, 4.0 * np.eye(20), atol=4e-10)
    np.testing.assert_allclose(wide @ wide.T, 4.0 * np.eye(20), atol=4e-10)
    np.testing.assert_allclose(square.T @ square, np.eye(30), atol=1e-10)
    np.testing.assert_allclose(square @ square.T, np.eye(30), atol=1e-10)
    assert np.mean(tall ** 2) == pytest.approx(init_variance("orthogonal", 50, 20, gain=2.0), rel=1e-12)


def test_orthogonal_is_uniformly_distributed_thanks_to_the_sign_correction():
    # without multiplying Q's columns by sign(diag(R)), LAPACK's QR makes W[0, 0] negative in every draw
    corner = np.array([initialize("orthogonal", 3, 3, seed)[0, 0] for seed in range(1000)])
    assert abs(corner.mean()) < 5 * corner.std() / math.sqrt(corner.size)
    assert 0.45 < np.mean(corner > 0) < 0.55


@pytest.mark.parametrize("name, options", [
    ("random_normal", {}), ("xavier_normal", {}), ("kaiming_normal", {}), ("normal", {}),
    ("variance_scaling", {"distribution": "untruncated_normal"}),
])
def test_untruncated_normals_have_tails(name, options):
    W = initialize(name, FI, FO, 0, **options)
    assert np.abs(W).max() > 3.5 * INITIALIZERS[name].std(FI, FO, **options)  # P(|z| > 3.5) = 5e-4: ~56 expected


def pytorch_sparse(fan_in, fan_out, sparsity, std, rng):
    """torch.nn.init.sparse_ as written in torch/nn/init.py, on PyTorch's (out, in) = (fan_out, fan_in) tensor, with
    numpy's generator for torch's, then transposed to WeightLab's (fan_in, fan_out)."""
    rows, cols = fan_out, fan_in
    num_zeros = int(math.ceil(sparsity * rows))
    tensor = rng.normal(0, std, (rows, cols))
    for col_idx in range(cols):
        row_indices = rng.permutation(rows)
        tensor[row_indices[:num_zeros], col_idx] = 0
    return tensor.T


@pytest.mark.parametrize("fan_in, fan_out, sparsity", [(400, 300, 0.1), (50, 100, 0.07), (30, 7, 0.5), (5, 1, 0.1),
                                                        (20, 10, 0.0), (20, 10, 1.0)])
def test_sparse_is_pytorchs_sparse_in_our_layout(fan_in, fan_out, sparsity):
    init = INITIALIZERS["sparse"]
    W = initialize("sparse", fan_in, fan_out, 0, sparsity=sparsity, std=0.3)
    ref = pytorch_sparse(fan_in, fan_out, sparsity, 0.3, np.random.default_rng(0))
    k = int(math.ceil(sparsity * fan_out))
    if (fan_out, sparsity) == (100, 0.07):
        assert k == 8  # 0.07·100 = 7.000000000000001 in float64: 8 zeros, as in PyTorch
    # every row of W (one input's outgoing weights, a column of PyTorch's weight) has exactly k zeros, as in torch
    assert (W == 0).sum(axis=1).tolist() == [k] * fan_in == (ref == 0).sum(axis=1).tolist()
    assert W.shape == ref.shape == (fan_in, fan_out)
    p = k / fan_out
    assert init.variance(fan_in, fan_out, sparsity=sparsity, std=0.3) == pytest.approx((1 - p) * 0.09, rel=1e-12)
    assert init.mean(fan_in, fan_out, sparsity=sparsity, std=0.3) == 0.0
    assert init.bounds(fan_in, fan_out, sparsity=sparsity, std=0.3) == (-math.inf, math.inf)
    assert init.distribution(fan_in, fan_out, sparsity=sparsity) == "sparse_normal"
    if k < fan_out:  # the nonzero entries are N(0, std²)
        nonzero = W[W != 0]
        assert nonzero.size == fan_in * (fan_out - k)
        if nonzero.size > 10_000:
            assert nonzero.std() == pytest.approx(0.3, rel=STD_RTOL)
            assert abs(nonzero.mean()) < 5 * 0.3 / math.sqrt(nonzero.size)
    else:
        assert init.density(np.zeros(3), fan_in, fan_out, sparsity=sparsity) is None


def test_sparse_density_is_the_nonzero_part_and_gives_the_second_moment():
    init, scale = INITIALIZERS["sparse"], 2.0
    p = math.ceil(0.25 * FO) / FO
    x = np.linspace(-12 * 0.4, 12 * 0.4, 200_001)
    pdf = init.density(x, FI, FO, scale, sparsity=0.25, std=0.2)
    np.testing.assert_allclose(pdf, (1 - p) * scipy_stats.norm(0, 0.4).pdf(x), rtol=1e-12)
    assert np.trapezoid(pdf, x) == pytest.approx(1 - p, rel=1e-9)  # the other p is the atom at exactly 0
    assert np.trapezoid(x ** 2 * pdf, x) == pytest.approx(init.variance(FI, FO, scale, sparsity=0.25, std=0.2),
                                                          rel=1e-9)
    W = init.sample(FI, FO, 1, scale, sparsity=0.25, std=0.2)
    assert np.mean(W == 0) == pytest.approx(p, abs=1e-12)
    assert W.var() == pytest.approx(init.variance(FI, FO, scale, sparsity=0.25, std=0.2), rel=STD_RTOL)


def test_identity_and_eye_are_exact_for_any_shape():
    for fan_in, fan_out in [(4, 6), (6, 4), (5, 5)]:
        W = initialize("identity", fan_in, fan_out, 0, gain=2.5)
        assert np.array_equal(W, 2.5 * np.eye(fan_in, fan_out))
        assert np.array_equal(initialize("eye", fan_in, fan_out, 0), np.eye(fan_in, fan_out))
        init = INITIALIZERS["identity"]
        assert init.mean(fan_in, fan_out, gain=2.5) == pytest.approx(W.mean(), rel=1e-12)
        assert init.variance(fan_in, fan_out, gain=2.5) == pytest.approx(W.var(), rel=1e-12)


# ---- the facts of one entry: family, distribution, bounds, density ----

# the scheme each entry belongs to, as the notebooks and the plots group them (Keras' and PyTorch's names together)
FAMILY = {
    **dict.fromkeys(["he_normal", "he_uniform", "kaiming_normal", "kaiming_uniform"], "he"),
    **dict.fromkeys(["glorot_normal", "glorot_uniform", "xavier_normal", "xavier_uniform"], "glorot"),
    **dict.fromkeys(["random_normal", "random_uniform", "truncated_normal", "normal", "uniform", "trunc_normal"],
                    "fixed"),
    **dict.fromkeys(["zeros", "ones", "constant"], "constant"),
    **dict.fromkeys(["lecun_normal", "lecun_uniform"], "lecun"),
    "orthogonal": "orthogonal", "identity": "identity", "eye": "identity",
    "variance_scaling": "variance_scaling", "pytorch_linear": "pytorch_linear", "sparse": "sparse",
}

# how one entry is drawn with default options, from each framework's documentation
DISTRIBUTION = {
    **dict.fromkeys(["zeros", "ones", "constant"], "constant"),
    **dict.fromkeys(["random_normal", "xavier_normal", "kaiming_normal", "normal"], "normal"),
    **dict.fromkeys(["truncated_normal", "variance_scaling", "lecun_normal", "glorot_normal", "he_normal",
                     "trunc_normal"], "truncated_normal"),
    **dict.fromkeys(["random_uniform", "lecun_uniform", "glorot_uniform", "he_uniform", "xavier_uniform",
                     "kaiming_uniform", "uniform", "pytorch_linear"], "uniform"),
    **dict.fromkeys(["orthogonal", "identity", "eye"], "matrix"),
    "sparse": "sparse_normal",
}

DENSITY_CASES = [(name, options) for name, options in CASES
                 if DISTRIBUTION[name] not in ("constant", "matrix", "sparse_normal")]


def reference_distribution(name, scale=1.0, **options):
    """scipy.stats' frozen distribution of one entry at (FI, FO), built from the documented parameters."""
    init = INITIALIZERS[name]
    kind = init.distribution(FI, FO, **options)
    mean, std = init.mean(FI, FO, scale, **options), init.std(FI, FO, scale, **options)
    if kind == "uniform":
        return scipy_stats.uniform(mean - math.sqrt(3) * std, 2 * math.sqrt(3) * std)
    if kind == "normal":
        return scipy_stats.norm(mean, std)
    opts = {**init.defaults, **options}
    if name == "trunc_normal":  # PyTorch: N(mean, std²) cut at the absolute [a, b]
        mu, sigma, a, b = (scale * opts[k] for k in ("mean", "std", "a", "b"))
    elif name == "truncated_normal":  # Keras' plain truncated normal: N(mean, stddev²) cut at mean ± 2·stddev
        mu, sigma = scale * opts["mean"], scale * opts["stddev"]
        a, b = mu - 2 * sigma, mu + 2 * sigma
    else:  # Keras' variance-scaling family: N(0, σ²) cut at ±2σ, σ = the intended std / 0.8796
        mu, sigma = 0.0, std / KERAS_CONSTANT
        a, b = -2 * sigma, 2 * sigma
    return scipy_stats.truncnorm((a - mu) / sigma, (b - mu) / sigma, loc=mu, scale=sigma)


def test_every_entry_has_a_family_and_every_family_an_entry():
    assert {name: init.family for name, init in INITIALIZERS.items()} == FAMILY
    assert set(FAMILY.values()) == set(FAMILIES) and len(FAMILIES) == len(set(FAMILIES))
    with pytest.raises(ValueError, match="not one of FAMILIES"):
        Initializer("new", "keras", "no such family", "summary", "W = 0", "Var = 0", "source")


def test_every_entry_has_a_known_distribution():
    for name, init in INITIALIZERS.items():
        assert init.distribution(FI, FO) == DISTRIBUTION[name], name
    for name, options in CASES:
        assert INITIALIZERS[name].distribution(FI, FO, **options) in DISTRIBUTIONS
    vs = INITIALIZERS["variance_scaling"]
    assert vs.distribution(FI, FO, distribution="uniform") == "uniform"
    assert vs.distribution(FI, FO, distribution="untruncated_normal") == "normal"


def test_formula_is_the_sampling_and_the_variance():
    for init in INITIALIZERS.values():
        assert init.formula == f"{init.sampling};  {init.variance_formula}"
        assert init.variance_formula.startswith(("Var = ", "mean = ")) and "Var = " in init.variance_formula
    assert INITIALIZERS["he_normal"].variance_formula == "Var = 2 / fan_in"


@pytest.mark.parametrize("name", sorted(BOUNDS))
def test_bounds_are_the_documented_interval(name):
    assert INITIALIZERS[name].bounds(FI, FO) == pytest.approx(BOUNDS[name], rel=1e-12)
    lo, hi = BOUNDS[name]
    assert INITIALIZERS[name].bounds(FI, FO, scale=3.0) == pytest.approx((3 * lo, 3 * hi), rel=1e-12)


def test_bounds_of_the_unbounded_the_constant_and_the_whole_matrices():
    for name in ["random_normal", "xavier_normal", "kaiming_normal", "normal"]:
        assert INITIALIZERS[name].bounds(FI, FO, scale=2.0) == (-math.inf, math.inf)
    assert INITIALIZERS["constant"].bounds(FI, FO, scale=2.0, value=-0.7) == (-1.4, -1.4)
    assert INITIALIZERS["ones"].bounds(FI, FO) == (1.0, 1.0)
    for fan_in, fan_out in [(50, 20), (20, 50), (1, 1)]:
        lo, hi = INITIALIZERS["orthogonal"].bounds(fan_in, fan_out, scale=2.0, gain=1.5)
        assert (lo, hi) == (-3.0, 3.0)
        W = initialize("orthogonal", fan_in, fan_out, 0, scale=2.0, gain=1.5)
        assert lo <= W.min() and W.max() <= hi
    assert INITIALIZERS["identity"].bounds(4, 6, gain=2.5) == (0.0, 2.5)
    assert INITIALIZERS["eye"].bounds(4, 6, scale=3.0) == (0.0, 3.0)
    assert INITIALIZERS["he_normal"].bounds(FI, FO, scale=0.0) == (0.0, 0.0)


def test_no_density_for_constants_whole_matrices_and_scale_zero():
    for name in ["zeros", "ones", "constant", "orthogonal", "identity", "eye"]:
        assert INITIALIZERS[name].density(np.zeros(3), FI, FO) is None
    assert INITIALIZERS["he_normal"].density(np.zeros(3), FI, FO, scale=0.0) is None


@pytest.mark.parametrize("scale", [1.0, 2.5])
@pytest.mark.parametrize("name, options", DENSITY_CASES, ids=[f"{n}-{'-'.join(map(str, o.values()))}"
                                                                for n, o in DENSITY_CASES])
def test_density_integrates_to_one_and_gives_the_moments(name, options, scale):
    init = INITIALIZERS[name]
    mean, std = init.mean(FI, FO, scale, **options), init.std(FI, FO, scale, **options)
    lo, hi = init.bounds(FI, FO, scale, **options)
    x = np.linspace(max(lo, mean - 12 * std), min(hi, mean + 12 * std), 200_001)
    pdf = init.density(x, FI, FO, scale, **options)
    assert pdf.shape == x.shape and (pdf >= 0).all()
    assert np.trapezoid(pdf, x) == pytest.approx(1.0, rel=1e-6)
    assert np.trapezoid(x * pdf, x) == pytest.approx(mean, rel=1e-6, abs=1e-9 * std)
    assert np.trapezoid((x - mean) ** 2 * pdf, x) == pytest.approx(std ** 2, rel=1e-6)


@pytest.mark.parametrize("name, options", DENSITY_CASES, ids=[f"{n}-{'-'.join(map(str, o.values()))}"
                                                                for n, o in DENSITY_CASES])
def test_density_is_scipys_and_matches_a_histogram_of_the_draw(name, options):
    init, scale = INITIALIZERS[name], 1.7
    reference = reference_distribution(name, scale, **options)
    mean, std = init.mean(FI, FO, scale, **options), init.std(FI, FO, scale, **options)
    x = np.linspace(mean - 6 * std, mean + 6 * std, 2001)
    np.testing.assert_allclose(init.density(x, FI, FO, scale, **options), reference.pdf(x), rtol=1e-9, atol=1e-12)
    # a histogram of N draws: each bin's count is binomial around N·P(bin), P from the reference distribution
    W = init.sample(FI, FO, rng=5, scale=scale, **options).ravel()
    edges = np.linspace(*np.percentile(W, [0.5, 99.5]), 41)
    counts = np.histogram(W, edges)[0]
    expected = N * np.diff(reference.cdf(edges))
    assert np.all(np.abs(counts - expected) <= 5 * np.sqrt(expected) + 5), np.abs(counts - expected).max()


@pytest.mark.parametrize("name, options", [
    ("truncated_normal", {}), ("trunc_normal", {"mean": 0.5, "std": 2.0, "a": -1.0, "b": 3.0}),
    ("he_normal", {}), ("variance_scaling", {"mode": "fan_out"}),
])
def test_truncated_density_is_the_textbook_formula_and_zero_outside(name, options):
    # f(x) = φ((x − μ)/σ) / (σ·(Φ(β) − Φ(α))) on [a, b], 0 elsewhere; α = (a − μ)/σ, β = (b − μ)/σ
    init = INITIALIZERS[name]
    a, b = init.bounds(FI, FO, **options)
    opts = {**init.defaults, **options}
    mu = opts.get("mean", 0.0)
    sigma = opts.get("std", opts.get("stddev", (b - a) / 4))  # Keras cuts at ±2σ: b − a = 4σ

    def phi(z):
        return math.exp(-z * z / 2) / math.sqrt(2 * math.pi)

    def Phi(z):
        return 0.5 * math.erfc(-z / math.sqrt(2))

    Z = Phi((b - mu) / sigma) - Phi((a - mu) / sigma)
    x = np.array([a - 1e-9, a, (a + b) / 2, mu, b - 1e-3 * (b - a), b, b + 1e-9, b + 10 * sigma])
    expected = [phi((v - mu) / sigma) / (sigma * Z) if a <= v <= b else 0.0 for v in x]
    np.testing.assert_allclose(init.density(x, FI, FO, **options), expected, rtol=1e-12, atol=0)
    assert init.density(a - 1e-9, FI, FO, **options) == 0.0 and init.density(b + 1e-9, FI, FO, **options) == 0.0


def test_uniform_density_is_one_over_the_width_inside():
    lo, hi = INITIALIZERS["uniform"].bounds(FI, FO, a=-3.0, b=5.0)
    pdf = INITIALIZERS["uniform"].density(np.array([-3.1, -3.0, 0.0, 5.0, 5.1]), FI, FO, a=-3.0, b=5.0)
    assert (lo, hi) == (-3.0, 5.0)
    np.testing.assert_array_equal(pdf, [0.0, 1 / 8, 1 / 8, 1 / 8, 0.0])


# ---- published values ----

def test_glorot_uniform_limit_for_10_by_5():
    limit = math.sqrt(6 / 15)
    assert init_variance("glorot_uniform", 10, 5) == pytest.approx(limit ** 2 / 3, rel=1e-12)
    rng = np.random.default_rng(0)
    W = np.stack([initialize("glorot_uniform", 10, 5, rng) for _ in range(2000)])
    assert np.abs(W).max() <= limit and np.abs(W).max() > 0.999 * limit


def test_he_normal_std_is_sqrt_two_over_fan_in():
    assert INITIALIZERS["he_normal"].std(500, 100) == pytest.approx(math.sqrt(2 / 500), rel=1e-12)
    assert initialize("he_normal", 500, 300, 2).std() == pytest.approx(math.sqrt(2 / 500), rel=STD_RTOL)


def test_variance_scaling_truncated_normal_is_corrected_to_the_exact_variance():
    # s = 3, n = (fan_in + fan_out) / 2 = 350: the std after cutting at ±2σ is exactly √(s/n)
    variance = init_variance("variance_scaling", FI, FO, variance_scale=3.0, mode="fan_avg")
    assert variance == pytest.approx(3 / 350, rel=1e-12)
    W = initialize("variance_scaling", FI, FO, 0, variance_scale=3.0, mode="fan_avg")
    assert np.abs(W).max() <= cut(math.sqrt(3 / 350)) + 1e-12
    assert W.std() == pytest.approx(math.sqrt(3 / 350), rel=STD_RTOL)


def test_variance_scale_option_and_scale_slider_differ():
    assert init_variance("variance_scaling", 100, 50, variance_scale=2.0) == pytest.approx(2 / 100, rel=1e-12)
    assert init_variance("variance_scaling", 100, 50, scale=2.0) == pytest.approx(4 / 100, rel=1e-12)


def test_calculate_gain_is_pytorchs_table():
    for name in ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
                 "conv_transpose3d", "sigmoid"]:
        assert calculate_gain(name) == 1.0
    assert calculate_gain("tanh") == 5.0 / 3
    assert calculate_gain("relu") == math.sqrt(2.0)
    assert calculate_gain("selu") == 0.75
    assert calculate_gain("leaky_relu") == math.sqrt(2.0 / (1 + 0.01 ** 2))  # PyTorch's default slope
    assert calculate_gain("leaky_relu", 0.2) == math.sqrt(2.0 / 1.04)
    assert calculate_gain("leaky_relu", 0) == math.sqrt(2.0)
    assert calculate_gain("tanh", 0.5) == 5.0 / 3  # param only matters for leaky_relu


def test_pytorch_linear_bound_is_one_over_sqrt_fan_in():
    assert init_variance("pytorch_linear", 64, 10) == pytest.approx(1 / (3 * 64), rel=1e-12)
    W = initialize("pytorch_linear", 64, 3000, 0)
    assert np.abs(W).max() <= 1 / 8 and np.abs(W).max() > 0.999 / 8


def test_kaiming_uniform_with_a_sqrt5_is_pytorch_linear():
    W = initialize("kaiming_uniform", 64, 30, 9, a=math.sqrt(5))
    np.testing.assert_allclose(W, initialize("pytorch_linear", 64, 30, 9), rtol=1e-12, atol=0)


def test_kaiming_normal_tanh_gain():
    init = INITIALIZERS["kaiming_normal"]
    assert init.std(FI, FO, nonlinearity="tanh") == pytest.approx((5 / 3) / math.sqrt(FI), rel=1e-12)
    assert init.std(FI, FO, nonlinearity="tanh", mode="fan_out") == pytest.approx((5 / 3) / math.sqrt(FO), rel=1e-12)
    W = init.sample(FI, FO, 3, nonlinearity="tanh")
    assert W.std() == pytest.approx((5 / 3) / math.sqrt(FI), rel=STD_RTOL)
    assert np.abs(W).max() > 4 * W.std()  # not truncated, unlike Keras' he_normal


# ---- shape, scale and randomness ----

@pytest.mark.parametrize("name", sorted(INITIALIZERS))
def test_shape_dtype_and_scale(name):
    for fan_in, fan_out in [(3, 7), (7, 3), (1, 1)]:
        W = initialize(name, fan_in, fan_out, 0)
        assert W.shape == (fan_in, fan_out) and W.dtype == np.float64 and np.all(np.isfinite(W))
    W1, W3 = initialize(name, 30, 20, 7), initialize(name, 30, 20, 7, scale=3)
    assert np.array_equal(W3, 3 * W1)
    assert np.array_equal(initialize(name, 30, 20, 7, scale=0), np.zeros((30, 20)))
    init = INITIALIZERS[name]
    assert init.mean(30, 20, scale=3) == pytest.approx(3 * init.mean(30, 20), abs=1e-15)
    assert init.variance(30, 20, scale=3) == pytest.approx(9 * init.variance(30, 20), rel=1e-12)


@pytest.mark.parametrize("name", RANDOM)
def test_seed_controls_the_draw(name):
    assert np.array_equal(initialize(name, 30, 20, 5), initialize(name, 30, 20, 5))
    assert not np.array_equal(initialize(name, 30, 20, 5), initialize(name, 30, 20, 6))
    a, b = np.random.default_rng(11), np.random.default_rng(11)
    first = initialize(name, 30, 20, a)
    assert np.array_equal(first, initialize(name, 30, 20, b))
    assert not np.array_equal(first, initialize(name, 30, 20, a))  # a Generator moves on between calls


def test_deterministic_initializers_ignore_the_seed():
    for name in DETERMINISTIC:
        assert np.array_equal(initialize(name, 6, 4, 0), initialize(name, 6, 4, 1))


def test_numpy_global_random_state_is_untouched():
    np.random.seed(123)
    before = np.random.get_state()
    for name in INITIALIZERS:
        initialize(name, 20, 10, 0)
        initialize(name, 20, 10, None)
    for name in BIAS_INITS:
        initialize_bias(name, 20, 10, 0)
    after = np.random.get_state()
    assert before[0] == after[0] and np.array_equal(before[1], after[1]) and before[2:] == after[2:]


# ---- bad input: the error names the parameter ----

@pytest.mark.parametrize("call, error, match", [
    (lambda: initialize("he_norml", 10, 5, 0), ValueError, "Did you mean 'he_normal'"),
    (lambda: initialize(3, 10, 5, 0), TypeError, "initializer"),
    (lambda: initialize("he_normal", 10, 5, 0, scale=-1.0), ValueError, "scale must be >= 0"),
    (lambda: initialize("he_normal", 10, 5, 0, scale=float("nan")), ValueError, "scale must be a finite"),
    (lambda: initialize("he_normal", 10, 5, 0, scale=float("inf")), ValueError, "scale must be a finite"),
    (lambda: initialize("he_normal", 10, 5, 0, scale="2"), TypeError, "scale"),
    (lambda: initialize("he_normal", 0, 5, 0), ValueError, "fan_in must be >= 1"),
    (lambda: initialize("he_normal", 2.5, 5, 0), TypeError, "fan_in must be an int"),
    (lambda: initialize("he_normal", 10, True, 0), TypeError, "fan_out must be an int"),
    (lambda: init_variance("he_normal", 10, -3), ValueError, "fan_out must be >= 1"),
    (lambda: initialize("glorot_uniform", 10, 5, 0, gain=2.0), TypeError,
     "unknown option.*gain.*allowed options: none"),
    (lambda: initialize("kaiming_normal", 10, 5, 0, stddev=1.0), TypeError,
     "stddev; allowed options: a, mode, nonlinearity"),
    (lambda: initialize("variance_scaling", 10, 5, 0, mode="fan_sum"), ValueError, "unknown mode 'fan_sum'"),
    (lambda: initialize("kaiming_normal", 10, 5, 0, mode="fan_avg"), ValueError, "unknown mode 'fan_avg'"),
    (lambda: initialize("variance_scaling", 10, 5, 0, mode=3), TypeError, "mode must be a string"),
    (lambda: initialize("variance_scaling", 10, 5, 0, distribution="gaussian"), ValueError, "distribution"),
    (lambda: initialize("variance_scaling", 10, 5, 0, variance_scale=-1.0), ValueError, "variance_scale must be > 0"),
    (lambda: initialize("kaiming_uniform", 10, 5, 0, nonlinearity="gelu"), ValueError, "unknown nonlinearity"),
    (lambda: initialize("random_normal", 10, 5, 0, stddev=0.0), ValueError, "stddev must be > 0"),
    (lambda: initialize("normal", 10, 5, 0, std=-1.0), ValueError, "std must be > 0"),
    (lambda: initialize("orthogonal", 10, 5, 0, gain=0.0), ValueError, "gain must be > 0"),
    (lambda: initialize("constant", 10, 5, 0, value="x"), TypeError, "value must be a finite number"),
    (lambda: initialize("random_uniform", 10, 5, 0, minval=0.1, maxval=0.1), ValueError, "minval must be < maxval"),
    (lambda: initialize("uniform", 10, 5, 0, a=1.0, b=0.0), ValueError, "a must be < b"),
    (lambda: initialize("trunc_normal", 10, 5, 0, a=5.0, b=6.0), ValueError, "a and b"),
    (lambda: initialize("sparse", 10, 5, 0, sparsity=1.5), ValueError, "sparsity must be <= 1"),
    (lambda: initialize("sparse", 10, 5, 0, sparsity=-0.1), ValueError, "sparsity must be >= 0"),
    (lambda: initialize("sparse", 10, 5, 0, std=0.0), ValueError, "std must be > 0"),
    (lambda: initialize("he_normal", 10, 5, "abc"), TypeError, "rng must be an int"),
    (lambda: initialize("he_normal", 10, 5, 1.5), TypeError, "rng must be an int"),
    (lambda: initialize("he_normal", 10, 5, -1), ValueError, "rng must be an int >= 0"),
    (lambda: calculate_gain("gelu"), ValueError, "unknown nonlinearity 'gelu'"),
    (lambda: calculate_gain("leaky_relu", "0.2"), TypeError, "param must be a finite number"),
])
def test_bad_input_is_reported_by_name(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_a_draw_past_the_size_limit_is_refused_at_once_naming_the_size_and_the_limit():
    import time

    from weightlab import mlp
    from weightlab.initializers import MAX_PARAMETERS
    assert MAX_PARAMETERS == 20_000_000 and mlp.MAX_PARAMETERS == MAX_PARAMETERS  # one limit for draws and networks
    start = time.perf_counter()
    with pytest.raises(ValueError, match=r"1,000,000 × 1,000,000 weight matrix has 1,000,000,000,000 entries.*"
                                         r"limit of 20,000,000 \(weightlab.initializers.MAX_PARAMETERS"):
        initialize("trunc_normal", 10**6, 10**6, 0)
    with pytest.raises(ValueError, match="bias of 20,000,001 entries.*limit of 20,000,000"):
        initialize_bias("zeros", 3, MAX_PARAMETERS + 1, 0)
    with pytest.raises(ValueError, match="4,000 × 5,001 weight matrix has 20,004,000 entries"):  # 4000 × 5000: allowed
        initialize("orthogonal", 4000, 5001, 0)
    assert time.perf_counter() - start < 1.0  # refused before anything is allocated


def test_a_variance_beyond_float64_is_inf_and_the_std_stays_exact():
    assert init_variance("he_normal", 10, 5, scale=1e200) == math.inf
    assert INITIALIZERS["he_normal"].std(10, 5, scale=1e200) == pytest.approx(math.sqrt(2 / 10) * 1e200, rel=1e-12)
    assert init_variance("he_normal", 10, 5, scale=1e-200) == 0.0  # below float64's range: 0, as numpy says
    W = initialize("he_normal", 10, 5, 0, scale=1e200)  # the draw itself is in range
    assert np.isfinite(W).all() and np.array_equal(W, 1e200 * initialize("he_normal", 10, 5, 0))
    for name, init in INITIALIZERS.items():  # every option at 1e200: inf or a number, never an OverflowError
        for option, default in init.defaults.items():
            if isinstance(default, str) or option in ("a", "minval"):  # a string, or the low end of an interval
                continue
            try:
                variance = init.variance(20, 10, scale=1e200, **{option: 1e200})
            except ValueError as error:  # e.g. a truncation interval that holds no mass: said in words
                assert "OverflowError" not in str(error) and option in str(error) or "interval" in str(error)
                continue
            assert variance == math.inf or 0.0 <= variance < math.inf, (name, option, variance)


@pytest.mark.parametrize("call, match", [
    (lambda: initialize("normal", 10, 5, 0, std=1e308), r"normal\(scale=1, std=1e\+308\) draws numbers beyond "
                                                       r"float64's range"),
    (lambda: initialize("normal", 10, 5, 0, scale=1e308), "beyond float64's range.*use a smaller scale"),
    (lambda: initialize("uniform", 10, 5, 0, a=-1e308, b=1e308), "b − a must be a finite number"),
])
def test_a_draw_beyond_float64_is_refused_in_words(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_unknown_name_lists_the_valid_names():
    with pytest.raises(ValueError) as info:
        initialize("he_norml", 10, 5, 0)
    assert all(name in str(info.value) for name in INITIALIZERS)


# ---- biases ----

def test_bias_table():
    assert set(BIAS_INITS) == {"zeros", "constant", "random_normal", "random_uniform", "pytorch_linear"}
    assert all(BIAS_INITS[name] is INITIALIZERS[name] for name in BIAS_INITS)


def test_bias_shapes_and_values():
    for name in BIAS_INITS:
        b = initialize_bias(name, 16, 7, 0)
        assert b.shape == (7,) and b.dtype == np.float64
    assert np.array_equal(initialize_bias("zeros", 16, 7, 0), np.zeros(7))
    assert np.array_equal(initialize_bias("constant", 16, 7, 0), np.zeros(7))
    assert np.array_equal(initialize_bias("constant", 16, 7, 0, value=0.3), np.full(7, 0.3))
    b = initialize_bias("random_normal", 16, N, 0)
    assert abs(b.mean()) <= 5 * 0.05 / math.sqrt(N) and b.std() == pytest.approx(0.05, rel=STD_RTOL)
    b = initialize_bias("random_uniform", 16, N, 0)
    assert b.min() >= -0.05 and b.max() <= 0.05 and b.std() == pytest.approx(0.1 / math.sqrt(12), rel=STD_RTOL)
    b = initialize_bias("pytorch_linear", 16, N, 0)  # PyTorch's nn.Linear bias: U(-1/√fan_in, 1/√fan_in)
    assert np.abs(b).max() <= 0.25 and np.abs(b).max() > 0.2499
    assert np.array_equal(initialize_bias("random_normal", 16, 7, 3), initialize_bias("random_normal", 16, 7, 3))
    assert np.array_equal(initialize_bias("zeros_", 16, 7, 0), np.zeros(7))  # aliases work for biases too


@pytest.mark.parametrize("call, error, match", [
    (lambda: initialize_bias("orthogonal", 4, 3, 0), ValueError, "unknown bias initializer 'orthogonal'"),
    (lambda: initialize_bias("zeroes", 4, 3, 0), ValueError, "Did you mean 'zeros'"),
    (lambda: initialize_bias("random_normal", 4, 3, 0, std=1.0), TypeError, "allowed options: mean, stddev"),
    (lambda: initialize_bias("random_normal", 4, 3, 0, stddev=-1.0), ValueError, "stddev must be > 0"),
    (lambda: initialize_bias("zeros", 4, 0, 0), ValueError, "fan_out must be >= 1"),
    (lambda: initialize_bias("pytorch_linear", 0, 3, 0), ValueError, "fan_in must be >= 1"),
    (lambda: initialize_bias("zeros", 4, 3, "seed"), TypeError, "rng"),
])
def test_bad_bias_input_is_reported_by_name(call, error, match):
    with pytest.raises(error, match=match):
        call()


@pytest.mark.parametrize("lo, hi, shape", [(-2.0, 2.0, (256, 256)), (-0.1, 0.1, (40, 30)), (2.5, 3.0, (7, 9)),
                                           (-1.0, math.inf, (5,)), (-0.01, 0.01, (2,))])  # the last: 3 rounds
def test_truncated_sampler_keeps_the_draws_inside_in_order(lo, hi, shape):
    # the sampler fills its output in place; it must keep exactly what plain rejection sampling keeps: every draw of
    # N(0, 1) in [lo, hi], in the order drawn, redrawing in rounds (narrow intervals need several) until n are kept
    from weightlab._distributions import Normal
    law = Normal(0.0, 1.0, lo, hi)
    n, rng, kept = math.prod(shape), np.random.default_rng(11), []
    while sum(k.size for k in kept) < n:
        missing = n - sum(k.size for k in kept)
        draw = rng.normal(0.0, 1.0, min(int(missing / law.mass() * 1.1) + 16, 1 << 22))
        kept.append(draw[(draw >= lo) & (draw <= hi)])
    sample = law.sample(np.random.default_rng(11), shape)
    np.testing.assert_array_equal(sample, np.concatenate(kept)[:n].reshape(shape))
    assert sample.min() >= lo and sample.max() <= hi
