"""The experiments against theory: variance through depth, symmetry, the zero-init cases, restarts, the scale
sweep, convexity, the edge of chaos, LSUV and the course's weights.

Expected values come from formulas (closed-form Gaussian moments, the mean-field recursions, backprop by hand),
from independent computations (scipy quadrature, scikit-learn's logistic regression, a single MLP), or from exact
symmetries (relu nets are positively homogeneous), never from a previous run.
"""
import functools
import math
import warnings

import numpy as np
import pytest
from scipy import integrate, optimize
from sklearn.linear_model import LogisticRegression

from weightlab import ACTIVATIONS, MLP, MLPEnsemble, load_circles, load_gaussian
from weightlab.experiments import (GRADIENT_TOLERANCE, ZERO_INIT_CASES, count_distinct_units, course_weights,
                                   depth_statistics, edge_of_chaos, gradient_flow_cases, logistic_starts, loss_surface,
                                   lsuv_init, plane_through, random_directions, scale_sweep, symmetry_experiment,
                                   train_restarts, variance_by_scale)
from weightlab.theory import (chaos_chi, gaussian_expectation, theory_gradient_variance, theory_variance,
                              variance_fixed_point)


@pytest.fixture(scope="module")
def circles():
    return load_circles()


def quad_expectation(g, var):
    """E[g(z)], z ~ N(0, var), by scipy's adaptive quadrature over x = z / σ (an independent reference)."""
    s = math.sqrt(var)
    points = sorted({0.0, *([1 / s, -1 / s, 3 / s, -3 / s] if s > 0.1 else [])})
    return integrate.quad(lambda x: g(s * x) * math.exp(-x * x / 2) / math.sqrt(2 * math.pi), -14, 14,
                          points=points, limit=500, epsabs=0, epsrel=1e-12)[0]


def tanh_prime_sq(z):
    return (1 - np.tanh(z) ** 2) ** 2


# ---- gaussian_expectation ------------------------------------------------------------------------------------

VARS = np.array([[1e-6, 0.3, 1.0], [2.5, 100.0, 1e6]])


def test_gaussian_expectation_matches_closed_forms():
    relu = ACTIVATIONS["relu"].f
    np.testing.assert_allclose(gaussian_expectation(lambda z: z**2, VARS), VARS, rtol=1e-12)
    np.testing.assert_allclose(gaussian_expectation(lambda z: relu(z) ** 2, VARS), VARS / 2, rtol=1e-12)
    np.testing.assert_allclose(gaussian_expectation(lambda z: z**4, VARS), 3 * VARS**2, rtol=1e-10)
    np.testing.assert_allclose(gaussian_expectation(np.abs, VARS), np.sqrt(2 * VARS / np.pi), rtol=1e-9)
    np.testing.assert_allclose(gaussian_expectation(lambda z: (z > 0) * 1.0, VARS), 0.5, rtol=1e-12)
    small = VARS[VARS < 3]
    np.testing.assert_allclose(gaussian_expectation(np.cos, small), np.exp(-small / 2), rtol=1e-10)
    assert gaussian_expectation(lambda z: z**2, VARS).shape == VARS.shape


@pytest.mark.parametrize("var", [0.5, 25.0, 256.0, 1e4])
def test_gaussian_expectation_resolves_narrow_derivatives_at_large_variance(var):
    # tanh'(z)² is a peak of width ~1: at var = 256 it is 1/16 of the Gaussian's width (a 64-node Gauss-Hermite
    # rule stepped over it and returned 1.8e-5 instead of 0.033)
    for g in (tanh_prime_sq, lambda z: np.tanh(z) ** 2, lambda z: ACTIVATIONS["sigmoid"].f(z) ** 2,
              lambda z: ACTIVATIONS["sigmoid"].grad(z, ACTIVATIONS["sigmoid"].f(z)) ** 2):
        assert gaussian_expectation(g, var) == pytest.approx(quad_expectation(g, var), rel=1e-7)


def test_gaussian_expectation_limits():
    assert gaussian_expectation(np.cos, 0.0) == 1.0  # z = 0
    assert gaussian_expectation(np.tanh, np.inf) == 0.0  # (tanh(-inf) + tanh(inf)) / 2
    assert gaussian_expectation(lambda z: np.tanh(z) ** 2, np.inf) == 1.0
    both = gaussian_expectation(lambda z: z**2, np.array([0.0, 2.0, np.inf, np.nan]))
    assert both[0] == 0 and both[1] == pytest.approx(2.0) and both[2] == np.inf and np.isnan(both[3])


# ---- theory_variance and theory_gradient_variance --------------------------------------------------------------

@pytest.mark.parametrize("fan_in, weight_var, input_var", [(4, 0.5, 1.0), (100, 0.013, 2.0), (256, 1.0, 1.0)])
def test_linear_theory_is_the_product_rule(fan_in, weight_var, input_var):
    depth = 12
    gain = fan_in * weight_var  # Var(y) = n Var(w) Var(x), layer after layer
    np.testing.assert_allclose(theory_variance(depth, "linear", weight_var, fan_in, input_var),
                               gain ** np.arange(1, depth + 1) * input_var, rtol=1e-12)
    q = theory_variance(depth, "linear", weight_var, fan_in, input_var)
    np.testing.assert_allclose(theory_gradient_variance(q, "linear", weight_var, fan_in),
                               gain ** np.arange(depth - 1, -1, -1), rtol=1e-12)


def test_linear_theory_with_biases():
    a, b = 0.9, 0.2
    q = theory_variance(8, "linear", a / 10, 10, input_var=1.0, bias_var=b)
    expected = [a**l + b * sum(a**k for k in range(l)) for l in range(1, 9)]
    np.testing.assert_allclose(q, expected, rtol=1e-12)


def test_he_variance_keeps_relu_steady():
    # E[relu(z)²] = q / 2, so Var(w) = 2 / fan_in makes each layer's gain exactly 1
    np.testing.assert_allclose(theory_variance(30, "relu", 2 / 64, 64, input_var=0.5), 1.0, rtol=1e-12)
    np.testing.assert_allclose(theory_variance(30, "relu", 2 / 64, 64), 2.0, rtol=1e-12)  # q_1 = 2 Var(x)
    q = theory_variance(30, "relu", 2 / 64, 64)
    np.testing.assert_allclose(theory_gradient_variance(q, "relu", 2 / 64, 64), 1.0, rtol=1e-12)
    # any other variance is geometric: gain n Var(w) / 2 per layer
    np.testing.assert_allclose(theory_variance(10, "relu", 1 / 64, 64), 0.5 ** np.arange(10), rtol=1e-12)


def test_xavier_tanh_shrinks_slowly():
    q = theory_variance(1000, "tanh", 1 / 64, 64)
    assert q[0] == pytest.approx(1.0) and np.all(np.diff(q) < 0)
    for l in range(3):  # each step is q_(l+1) = E[tanh(z)²], z ~ N(0, q_l)
        assert q[l + 1] == pytest.approx(quad_expectation(lambda z: np.tanh(z) ** 2, q[l]), rel=1e-8)
    # tanh² = z² - 2z⁴/3 + ..., so q_(l+1) ≈ q_l - 2 q_l²: q_l ≈ 1 / (2l), a power law, not exponential decay
    assert 2 * 1000 * q[-1] == pytest.approx(1.0, rel=0.02)
    assert q[199] / q[99] == pytest.approx(0.5, rel=0.03)
    g = theory_gradient_variance(q[:5], "tanh", 1 / 64, 64)
    for l in range(4):
        assert g[l] / g[l + 1] == pytest.approx(quad_expectation(tanh_prime_sq, q[l]), rel=1e-8)


# ---- depth_statistics: measured against the mean field -----------------------------------------------------------

SCHEMES = {"lecun_normal": {}, "glorot_normal": {}, "he_normal": {}, "random_normal": {"stddev": 1.0}}


@functools.lru_cache(maxsize=None)
def wide_run(activation, scheme, seed=0):
    return depth_statistics(10, 256, scheme, activation, n_samples=512, seed=seed, init_options=SCHEMES[scheme])


def log_error(measured, theory):
    return np.abs(np.log(measured / theory))


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("activation", ["linear", "tanh"])
def test_one_wide_net_follows_the_mean_field(activation, scheme):
    # linear and tanh: one net of width 256 and 512 inputs is within 20% of theory at every layer (in log space,
    # so the exploding random_normal case, 256^10 = 1e24 for linear, is compared the same way)
    stats = wide_run(activation, scheme)
    assert log_error(stats["pre_var"], stats["theory_pre_var"]).max() < np.log(1.2)
    assert log_error(stats["grad_var"], stats["theory_grad_var"]).max() < np.log(1.25)


@pytest.mark.parametrize("scheme", ["he_normal", "random_normal"])
def test_relu_nets_follow_the_mean_field_on_average(scheme):
    # a single finite relu net drifts log-normally around the mean field (Var ln q_l ≈ 5 l / width per input,
    # Hanin & Nica 2019: tens of percent after 10 layers of width 256), so: the first layer per net, the one-layer
    # gain averaged over 4 nets within 25%, and the whole chain within 4 standard errors of the 4 nets' mean
    runs = [wide_run("relu", scheme, seed) for seed in range(4)]
    theory, gtheory = runs[0]["theory_pre_var"], runs[0]["theory_grad_var"]
    pre = np.array([r["pre_var"] for r in runs])
    grad = np.array([r["grad_var"] for r in runs])
    assert log_error(pre[:, 0], theory[0]).max() < np.log(1.05)
    gain = (pre[:, 1:] / pre[:, :-1]).mean(axis=0)
    assert log_error(gain, theory[1:] / theory[:-1]).max() < np.log(1.25)
    for ratio in (pre / theory, grad / gtheory):  # the mean of the nets estimates the mean-field value
        standard_error = ratio.std(axis=0, ddof=1) / np.sqrt(len(runs))
        assert np.all(np.abs(ratio.mean(axis=0) - 1) < 4 * standard_error + 0.05)


@pytest.mark.parametrize("scheme, ratio", [("lecun_normal", 0.5), ("glorot_normal", 0.5)])
def test_relu_nets_are_scaled_copies(scheme, ratio):
    # relu is positively homogeneous and the three Keras schemes draw the same truncated normals times their std:
    # a lecun net is the he net times sqrt(1/2), so its variances are the he net's times (1/2)^l, exactly, as theory
    he, other = wide_run("relu", "he_normal"), wide_run("relu", scheme)
    layers = np.arange(1, 11)
    np.testing.assert_allclose(other["pre_var"] / he["pre_var"], ratio**layers, rtol=1e-9)
    np.testing.assert_allclose(other["theory_pre_var"] / he["theory_pre_var"], ratio**layers, rtol=1e-12)
    np.testing.assert_allclose(other["grad_var"] / he["grad_var"], ratio ** (10 - layers), rtol=1e-9)


def test_layer_statistics_follow_their_formulas():
    relu = wide_run("relu", "he_normal")
    # layer 1: z ~ N(0, 2); E[relu(z)] = sqrt(q / 2π), no unit is dead
    assert relu["act_mean"][0] == pytest.approx(math.sqrt(2 / (2 * math.pi)), rel=0.02)
    assert relu["dead"][0] == 0 and (relu["saturated"] == 0).all()
    tanh = wide_run("tanh", "random_normal")
    # z ~ N(0, 256): saturated means |tanh z| > 0.975, i.e. |z| > atanh(0.975)
    p_saturated = 1 - math.erf(math.atanh(0.975) / math.sqrt(2 * 256))
    assert tanh["saturated"][0] == pytest.approx(p_saturated, abs=0.01)
    assert tanh["act_mean"][0] == pytest.approx(0.0, abs=0.02) and (tanh["dead"] == 0).all()


def test_scale_multiplies_variances_by_its_square_per_layer():
    base = depth_statistics(6, 32, "he_normal", "linear", n_samples=16, seed=1)
    scaled = depth_statistics(6, 32, "he_normal", "linear", scale=3.0, n_samples=16, seed=1)
    np.testing.assert_allclose(scaled["pre_var"] / base["pre_var"], 9.0 ** np.arange(1, 7), rtol=1e-9)
    np.testing.assert_allclose(scaled["theory_pre_var"] / base["theory_pre_var"], 9.0 ** np.arange(1, 7))


def test_he_keeps_fifty_relu_layers_alive_where_fixed_scales_fail():
    width, layers = 256, np.arange(1, 51)
    he = depth_statistics(50, width, "he_normal", "relu", n_samples=128)
    small, large = (depth_statistics(50, width, "random_normal", "relu", n_samples=128, init_options={"stddev": sd})
                    for sd in (0.01, 1.0))
    np.testing.assert_allclose(he["theory_pre_var"], 2.0)
    # the finite-width drift of relu nets: within 4 of its standard deviations sqrt(5 l / width) of the theory line
    band = 4 * np.sqrt(5 * layers / width)
    for stats in (he, small, large):
        assert np.all(log_error(stats["pre_var"], stats["theory_pre_var"]) < band)
    assert small["pre_var"][-1] < 1e-10 and large["pre_var"][-1] > 1e10
    # the same seed draws the same normals: the stddev-1 net is the stddev-0.01 net times 100, layer after layer
    np.testing.assert_allclose(large["pre_var"] / small["pre_var"], 1e4**layers, rtol=1e-9)


@pytest.mark.parametrize("activation", ["relu", "tanh", "linear"])
@pytest.mark.parametrize("scale", [0.01, 10.0])
def test_batchnorm_keeps_unit_variance_at_any_scale(activation, scale):
    stats = depth_statistics(20, 64, "he_normal", activation, scale=scale, n_samples=128, batchnorm=True)
    np.testing.assert_allclose(stats["pre_var"], 1.0, rtol=1e-3)
    assert np.isnan(stats["theory_pre_var"]).all() and np.isfinite(stats["grad_var"]).all()
    plain = depth_statistics(20, 64, "he_normal", activation, scale=scale, n_samples=128)
    assert abs(np.log(plain["pre_var"][-1])) > 4  # without it the same net is off by a factor 50 or more


def test_overflow_reads_as_inf_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        stats = depth_statistics(200, 16, "random_normal", "linear", scale=100, init_options={"stddev": 1.0},
                                 n_samples=8)
    # gain per layer: 16 · (100 · 1)² = 1.6e5, so float64 overflows after about 60 layers
    assert stats["pre_var"][0] == pytest.approx(1.6e5, rel=0.5) and np.isinf(stats["pre_var"][-1])
    for key in ("pre_var", "act_var", "act_mean", "grad_var", "weight_grad_var", "theory_pre_var", "theory_grad_var"):
        assert not np.isnan(stats[key]).any(), key
    assert np.isinf(stats["theory_pre_var"][-1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for activation in ACTIVATIONS:  # the mean-field chain itself overflows to inf, never to NaN
            q = theory_variance(300, activation, 1e4, 16)
            g = theory_gradient_variance(q, activation, 1e4, 16)
            assert not np.isnan(q).any() and not np.isnan(g).any(), activation


@pytest.mark.parametrize("n_samples, width, depth", [(4, 8, 3), (512, 64, 2)])
def test_hist_samples_shape(n_samples, width, depth):
    stats = depth_statistics(depth, width, "he_normal", "relu", n_samples=n_samples)
    assert stats["hist_samples"].shape == (depth, min(n_samples * width, 2000))
    assert (stats["hist_samples"] >= 0).all()  # relu activations
    for key in ("pre_var", "act_var", "act_mean", "saturated", "dead", "grad_var", "weight_grad_var"):
        assert stats[key].shape == (depth,)


# ---- symmetry ----------------------------------------------------------------------------------------------------

def test_count_distinct_units_counts_incoming_parameters():
    net = MLP([2, 4, 3, 1], seed=0)
    W = np.array([[1.0, 1.0, 2.0, 1.0], [0.5, 0.5, 0.5, 0.5]])
    net.weights[0] = W
    net.biases[0] = [0.0, 0.0, 0.0, 1.0]  # units 1 and 2 are equal; unit 4 differs only by its bias
    net.weights[1] = np.ones((4, 3))
    net.biases[1] = [0.0, 0.0, 0.0]
    np.testing.assert_array_equal(count_distinct_units(net), [3, 1])
    net.weights[0] = W + [[0, 1e-10, 0, 0], [0, 0, 0, 0]]
    assert count_distinct_units(net)[0] == 3 and count_distinct_units(net, decimals=12)[0] == 4


def test_constant_init_keeps_one_unit_random_keeps_all(circles):
    X, y = circles[:2]
    const = symmetry_experiment(X, y, (2, 6, 4, 1), init="constant", init_options={"value": 0.3}, epochs=300)
    np.testing.assert_array_equal(const["epochs"], [0, 50, 100, 150, 200, 250, 299])
    assert const["distinct"].shape == (7, 2) and (const["distinct"] == 1).all()
    np.testing.assert_array_equal(const["widths"], [6, 4])
    assert const["history"].loss[-1] < const["history"].loss[0]  # it trains, as one unit per layer
    rand = symmetry_experiment(X, y, (2, 6, 4, 1), init="glorot_normal", epochs=300)
    assert (rand["distinct"] == [6, 4]).all()


# ---- the three zero-init cases, by hand ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def unbalanced():
    # mean(y) != 1/2, so the output bias' first gradient σ(0) - mean(y) is not zero
    rng = np.random.default_rng(5)
    X = rng.standard_normal((40, 2))
    y = (X[:, 0] > 0.5).astype(float)
    assert abs(y.mean() - 0.5) > 0.1
    return X, y


def moving(step):
    """The parameter blocks with at least one non-zero gradient entry at this step."""
    return {f"{kind}{l + 1}" for kind in "Wb" for l, m in enumerate(step["weights" if kind == "W" else "biases"])
            if m.any()}


def test_w0_b0_only_the_output_bias_ever_moves(unbalanced):
    X, y = unbalanced
    steps = gradient_flow_cases(X, y, (2, 4, 1), "relu", steps=3)["W=0, b=0"]
    # z1 = 0, a1 = relu(0) = 0, z2 = b2: dW2 = a1ᵀ dz2 = 0 and dz1 = dz2 W2ᵀ · relu'(0) = 0 at every step; only
    # db2 = mean(σ(b2) - y) is non-zero (at step 1 it is 1/2 - mean(y)), and moving b2 changes none of the above
    assert [moving(step) for step in steps] == [{"b2"}] * 3
    assert all(step["distinct"].tolist() == [1] for step in steps)


def test_w0_b_random_output_layer_first_then_the_hidden_layer(unbalanced):
    X, y = unbalanced
    steps = gradient_flow_cases(X, y, (2, 4, 1), "relu", steps=2)["W=0, b random"]
    net = MLP((2, 4, 1), activation="relu", seed=0, **ZERO_INIT_CASES["W=0, b random"])  # the same draw
    alive = net.biases[0] > 0  # z1 = b1 for every sample: the units with b1 > 0 output relu(b1) > 0
    assert alive.any() and not alive.all()  # this seed has both kinds, so the masks are informative
    first, second = steps
    assert moving(first) == {"W2", "b2"} and moving(second) == {"W1", "b1", "W2", "b2"}
    # step 1: W2 = 0 stops the gradient at the output layer; dW2_j = relu(b1_j) · mean(σ(b2) - y)
    np.testing.assert_array_equal(first["weights"][1][:, 0], alive)
    assert first["biases"][1].all() and not first["weights"][0].any() and not first["biases"][0].any()
    assert first["distinct"].tolist() == [4]  # biases differ, so the units already differ
    # step 2: W2_j != 0 for the alive units, so they (and only they) get a gradient
    np.testing.assert_array_equal(second["weights"][0], np.broadcast_to(alive, (2, 4)))
    np.testing.assert_array_equal(second["biases"][0], alive)


def test_w_random_b0_everything_moves_at_once(unbalanced):
    X, y = unbalanced
    first = gradient_flow_cases(X, y, (2, 4, 1), "relu", steps=1)["W random, b=0"][0]
    # a1 = relu(X W1) != 0 feeds dW2, and W2 != 0 passes dz2 back to every unit active on some sample
    assert all(m.all() for m in first["weights"] + first["biases"])
    assert first["distinct"].tolist() == [4]


def test_gradient_flow_masks_are_the_nonzero_gradients(unbalanced):
    X, y = unbalanced
    cases = {"mine": dict(init="glorot_normal", bias_init="zeros")}
    step = gradient_flow_cases(X, y, (2, 3, 1), "tanh", steps=1, seed=2, cases=cases)["mine"][0]
    gW, gb = MLP((2, 3, 1), activation="tanh", seed=2, **cases["mine"]).gradients(X, y)
    for mask, g, stored in zip(step["weights"] + step["biases"], gW + gb, step["weight_grads"] + step["bias_grads"]):
        np.testing.assert_array_equal(mask, np.abs(g) > GRADIENT_TOLERANCE)
        np.testing.assert_array_equal(stored, g)


def test_round_off_does_not_count_as_moving(unbalanced):
    X, y = unbalanced
    # W1 = 0 but a hidden layer that is live, with an output weight of 1e-20: its gradient is real but ~1e-20
    cases = {"tiny": dict(init="zeros", bias_init="constant", bias_options={"value": 1.0})}
    first = gradient_flow_cases(X, y, (2, 3, 1), "relu", steps=1, cases=cases)["tiny"][0]
    assert not first["weights"][0].any()  # W2 = 0: exactly nothing reaches W1
    net = MLP((2, 3, 1), activation="relu", **cases["tiny"])
    net.weights[1] = np.full((3, 1), 1e-20)
    gW, _ = net.gradients(X, y)
    assert 0 < np.abs(gW[0]).max() < GRADIENT_TOLERANCE  # non-zero in float64, far below anything that learns


def test_a_class_balanced_batch_is_an_exact_stationary_point_for_w0_b0(circles):
    X, y = circles[:2]
    balanced = np.r_[np.flatnonzero(y == 0)[:32], np.flatnonzero(y == 1)[:32]]
    steps = gradient_flow_cases(X[balanced], y[balanced], (2, 4, 1), "relu", steps=2)["W=0, b=0"]
    for step in steps:  # σ(0) = 1/2 for every sample and mean(y) = 1/2: db2 = mean(σ(b2) - y) = 0 exactly
        assert all((g == 0).all() for g in step["weight_grads"] + step["bias_grads"])
        assert moving(step) == set()


def test_successive_batches_walk_the_data(circles):
    X, y = circles[:2]
    steps = gradient_flow_cases(X, y, (2, 4, 1), "relu", steps=6, batch_size=64)["W=0, b=0"]
    np.testing.assert_array_equal(steps[1]["rows"], np.arange(64, 128))
    np.testing.assert_array_equal(steps[4]["rows"], np.arange(256, 320) % 300)  # wraps around
    net = MLP((2, 4, 1), activation="relu", init="zeros")
    for step in steps:  # only b2 moves, by each batch's own class imbalance: db2 = σ(b2) - mean(y_batch)
        assert moving(step) <= {"b2"}
        expected = 1 / (1 + np.exp(-net.biases[1][0])) - y[step["rows"]].mean()
        assert step["bias_grads"][1][0] == pytest.approx(expected, abs=1e-15)
        net.biases[1] = net.biases[1] - 0.5 * expected


def test_units_count_once_up_to_a_positive_factor_for_relu(circles):
    X, y = circles[:2]
    net = MLP([2, 8, 1], activation="relu", init="zeros", bias_init="random_normal", bias_options={"stddev": 1.0})
    net.fit(X, y, epochs=300, lr=0.5)
    live = net.biases[0] > 0
    assert 0 < live.sum() < 8 and count_distinct_units(net).tolist() == [8]
    # every live unit is its bias times one common unit, and the dead ones (w = 0, b < 0) are one direction too
    assert count_distinct_units(net, up_to_scale=True).tolist() == [2]
    tanh = MLP([2, 5, 1], activation="tanh", init="glorot_normal")
    tanh.weights[0] = np.tile([[1.0], [2.0]], 5) * np.arange(1, 6)  # positive multiples, but tanh(βz) != β tanh(z)
    tanh.biases[0] = np.zeros(5)
    assert count_distinct_units(tanh, up_to_scale=True).tolist() == [5]


# ---- restarts and the scale sweep --------------------------------------------------------------------------------

def test_restarts_spread_best_and_members(circles):
    X, y, Xt, yt = circles
    res = train_restarts(X, y, (2, 10, 5, 1), n_restarts=6, first_seed=2, epochs=300, lr=0.1, X_test=Xt, y_test=yt)
    np.testing.assert_array_equal(res["seeds"], [2, 3, 4, 5, 6, 7])
    assert res["loss"].shape == (6, 300) and res["final_loss"].shape == (6,) and res["diverged"].shape == (6,)
    assert res["train_accuracy"].shape == (6,) and res["test_accuracy"].shape == (6,)
    assert not res["diverged"].any()
    assert res["best"] == int(np.argmin(res["final_loss"]))
    assert np.ptp(res["final_loss"]) > 0.01  # different seeds end in different places
    np.testing.assert_array_equal(res["final_loss"], res["loss"][:, -1])
    # member 3 (seed 5) is the run of one MLP with seed 5 (float32 against float64)
    alone = MLP([2, 10, 5, 1], seed=5)
    hist = alone.fit(X, y, epochs=300, lr=0.1)
    np.testing.assert_allclose(res["loss"][3], hist.loss, rtol=1e-3)
    member = res["ensemble"].member(3)
    for a, b in zip(member.weights + member.biases, alone.weights + alone.biases):
        np.testing.assert_allclose(a, b, rtol=1e-3, atol=1e-4)
    assert abs(res["test_accuracy"][3] - alone.accuracy(Xt, yt)) <= 1 / len(yt)


def test_scale_sweep_is_u_shaped(circles):
    X, y, Xt, yt = circles
    sweep = scale_sweep(X, y, Xt, yt, schemes=("he_normal",), scales=[1e-3, 1.0, 1e3], n_seeds=3, epochs=1000,
                        lr=0.1)
    for key in ("train_accuracy", "test_accuracy", "final_loss", "diverged"):
        assert sweep[key].shape == (1, 3, 3)
    np.testing.assert_array_equal(sweep["scales"], [1e-3, 1.0, 1e3])
    acc = sweep["test_accuracy"][0].mean(axis=1)
    # tiny: the signal vanishes through three layers and nothing trains (chance is 0.5 on the balanced circles)
    assert acc[0] < 0.6 and acc[1] > 0.85
    # huge: logits of order 1e9, the first steps kill the relu units (or overflow): diverged or back to chance
    assert sweep["diverged"][0, 2].all() or acc[2] < acc[1] - 0.2


def test_scale_sweep_without_test_data_has_nan_test_accuracy(circles):
    X, y = circles[:2]
    sweep = scale_sweep(X, y, schemes=["glorot_normal"], scales=[1.0], n_seeds=1, epochs=5)
    assert np.isnan(sweep["test_accuracy"]).all() and sweep["train_accuracy"].shape == (1, 1, 1)


# ---- convexity -------------------------------------------------------------------------------------------------

def test_logistic_regression_reaches_one_optimum_from_any_start():
    X, y, _, _ = load_gaussian(noise=1.5)  # overlapping classes: the optimum is finite
    res = logistic_starts(X, y, epochs=3000, lr=0.5)
    assert res["weights"].shape == (4, 3) and res["loss"].shape == (4, 3000) and len(res["labels"]) == 4
    assert np.ptp(res["weights"], axis=0).max() < 1e-3
    # lr = 0.5 < 2 / L (L = λmax(XᵀX / n) / 4 for the logistic loss), so gradient descent never goes up
    A = np.column_stack([X, np.ones(len(X))])
    assert 0.5 < 2 / (np.linalg.eigvalsh(A.T @ A / len(X)).max() / 4)
    assert np.all(np.diff(res["loss"], axis=1) <= 1e-12)
    # the optimum: the gradient vanishes there, and scikit-learn's unpenalized solver finds the same point
    w = res["weights"][0]
    p = 1 / (1 + np.exp(-(A @ w)))
    assert np.abs(A.T @ (p - y) / len(y)).max() < 1e-6
    ref = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(w, np.r_[ref.coef_[0], ref.intercept_], atol=1e-4)


# ---- edge of chaos -------------------------------------------------------------------------------------------------

def tanh_chi_reference(sigma_w, sigma_b):
    """χ at the fixed point q* = σ_w² E[tanh²] + σ_b², solved with scipy (brentq) and scipy quadrature."""
    q = optimize.brentq(lambda q: sigma_w**2 * quad_expectation(lambda z: np.tanh(z) ** 2, q) + sigma_b**2 - q,
                        1e-3, 100.0)
    return sigma_w**2 * quad_expectation(tanh_prime_sq, q)


def test_chi_orders_and_chaos():
    # σ_b = 0 and σ_w < 1: q* = 0, where tanh'(0) = 1, so χ = σ_w² exactly
    assert chaos_chi(0.5, 0.0) == pytest.approx(0.25, rel=1e-9)
    assert chaos_chi(3.0, 0.0) > 1
    assert chaos_chi(3.0, 0.0) == pytest.approx(tanh_chi_reference(3.0, 0.0), rel=1e-6)
    assert chaos_chi(1.5, 0.5) == pytest.approx(tanh_chi_reference(1.5, 0.5), rel=1e-6)
    # the edge for σ_b = 0 is σ_w = 1 (q* -> 0 only like 1/(2l), hence the tolerance)
    assert chaos_chi(1.0, 0.0) == pytest.approx(1.0, abs=1e-2)


@pytest.mark.parametrize("sigma_w", [0.2, 0.8, 1.0, math.sqrt(2), 2.0])
def test_relu_chi_is_half_sigma_w_squared(sigma_w):
    # E[relu'(z)²] = 1/2 for any q > 0 (also q* -> 0+, where relu'(0) itself would read 0): the edge is σ_w = √2
    assert chaos_chi(sigma_w, 0.0, "relu") == pytest.approx(sigma_w**2 / 2, rel=1e-9)


def test_chi_of_a_grid_is_chi_of_each_point():
    # chaos_chi and variance_fixed_point broadcast over arrays (edge_of_chaos iterates its whole grid at once)
    sigma_w, sigma_b = np.array([0.5, 1.0, 1.5, 3.0]), np.array([0.0, 0.3, 1.0])
    for activation in ("tanh", "relu"):
        grid = chaos_chi(sigma_w[None, :], sigma_b[:, None], activation)
        points = [[chaos_chi(sw, sb, activation) for sw in sigma_w] for sb in sigma_b]
        assert grid.shape == (3, 4)
        np.testing.assert_allclose(grid, points, rtol=1e-7)
        q = variance_fixed_point(sigma_w, 0.3, activation)
        np.testing.assert_allclose(q, [variance_fixed_point(sw, 0.3, activation) for sw in sigma_w], rtol=1e-7)
    assert variance_fixed_point(np.array([1.0, 3.0]), 0.0, "relu")[1] == np.inf  # relu beyond √2: no fixed point
    with pytest.raises(ValueError, match="sigma_w must be > 0 and finite everywhere"):
        chaos_chi(np.array([1.0, 0.0]), 0.0)


def test_edge_of_chaos_measures_each_point_as_depth_statistics_would():
    # the map stacks a row of nets into one pass; each must be the net depth_statistics draws from the same generator
    sigma_w, sigma_b, depth, width = [0.7, 1.3, 2.5], [0.0, 0.8], 12, 32
    res = edge_of_chaos(sigma_w, sigma_b, depth=depth, width=width, n_samples=16, seed=4)
    rng = np.random.default_rng(4)
    x = rng.standard_normal((16, width))
    for i, sb in enumerate(sigma_b):
        for j, sw in enumerate(sigma_w):
            stats = depth_statistics(depth, width, "random_normal", "tanh", seed=rng, bias_std=sb, inputs=x,
                                     init_options={"stddev": sw / np.sqrt(width)}, theory=False)
            assert res["grad_ratio"][i, j] == pytest.approx(
                np.log10(stats["grad_var"][0] / stats["grad_var"][-1]), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("init, options", [("he_normal", {}), ("random_normal", {"stddev": 0.3})])
def test_depth_statistics_of_several_activations_equal_their_own_calls(init, options):
    # one draw of the weights serves every activation; each result must be exactly its own call's, theory included
    names = ["linear", "tanh", "relu"]
    rng = np.random.default_rng(8)
    together = depth_statistics(depth=6, width=20, init=init, activation=names, init_options=options, n_samples=9,
                                seed=rng, bias_std=0.1)
    assert list(together) == names
    after = rng.standard_normal()
    for name in names:
        alone_rng = np.random.default_rng(8)
        alone = depth_statistics(depth=6, width=20, init=init, activation=name, init_options=options, n_samples=9,
                                 seed=alone_rng, bias_std=0.1)
        assert set(alone) == set(together[name])
        for key, value in alone.items():
            np.testing.assert_array_equal(together[name][key], value, err_msg=f"{name}: {key}")
        assert alone_rng.standard_normal() == after  # the generator ends where one call leaves it
    assert not np.array_equal(together["tanh"]["pre_var"], together["relu"]["pre_var"])
    with pytest.raises(ValueError, match="unknown activation .sigmoidal.. Did you mean .sigmoid."):
        depth_statistics(depth=3, width=8, activation=["tanh", "sigmoidal"])
    with pytest.raises(ValueError, match="activation must be a name of ACTIVATIONS or a list of them"):
        depth_statistics(depth=3, width=8, activation=[])


@pytest.mark.parametrize("activation", ["linear", "tanh", "relu"])
def test_variance_by_scale_is_depth_statistics_at_each_scale(activation):
    scales = [0.5, 1.0, 1.7, 1e20]
    sweep = variance_by_scale(scales, depth=20, width=24, init="lecun_normal", activation=activation, n_samples=8,
                              seed=3)
    assert sweep.shape == (4, 20)
    for row, s in zip(sweep, scales):
        expected = depth_statistics(depth=20, width=24, init="lecun_normal", activation=activation, scale=s,
                                    n_samples=8, seed=3, theory=False)["pre_var"]
        np.testing.assert_allclose(row, expected, rtol=1e-12)
    if activation != "tanh":  # (1e20)^40 overflows: read as inf, never NaN
        assert np.isinf(sweep[-1, -1])
    with pytest.raises(ValueError, match="scales must be a non-empty 1-D array of finite values >= 0"):
        variance_by_scale([1.0, -1.0])


def test_measured_gradient_ratio_follows_chi():
    sigma_w, sigma_b, depth, width = [0.5, 3.0], [0.0, 0.5], 20, 128
    res = edge_of_chaos(sigma_w, sigma_b, depth=depth, width=width, n_samples=32)
    assert res["chi"].shape == res["grad_ratio"].shape == (2, 2)
    np.testing.assert_array_equal(res["sigma_w"], sigma_w)
    # far from the edge the measured gradient growth has the sign of log χ ...
    np.testing.assert_array_equal(np.sign(res["grad_ratio"]), np.sign(np.log(res["chi"])))
    # ... and the size the mean field predicts for this depth: log10 Var(δ_1) / Var(δ_depth)
    for i, sb in enumerate(sigma_b):
        for j, sw in enumerate(sigma_w):
            q = theory_variance(depth, "tanh", sw**2 / width, width, bias_var=sb**2)
            g = theory_gradient_variance(q, "tanh", sw**2 / width, width)
            assert res["grad_ratio"][i, j] == pytest.approx(np.log10(g[0] / g[-1]), rel=0.1)


# ---- LSUV ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_lsuv_gives_unit_variance(circles, activation):
    X = circles[0]
    net = MLP([2, 16, 16, 16, 1], activation=activation, init="random_normal", scale=50.0, seed=0)
    variances = lsuv_init(net, X, tol=0.05)
    assert variances.shape == (4,)
    np.testing.assert_array_less(np.abs(variances - 1.0), 0.05)
    zs, _ = net.forward(X)  # recomputed from the net itself
    np.testing.assert_allclose([z.var() for z in zs], variances, rtol=1e-12)
    for W in net.weights:  # each matrix is orthogonal up to its scale factor
        gram = W.T @ W if W.shape[0] >= W.shape[1] else W @ W.T
        np.testing.assert_allclose(gram, gram[0, 0] * np.eye(len(gram)), atol=1e-10 * gram[0, 0])


# ---- the course's weights ------------------------------------------------------------------------------------------

def test_course_weights_are_the_course_draws():
    sizes = [2, 10, 5, 1]
    rs = np.random.RandomState(3)  # the course: np.random.seed(3), then randn(fan_out, fan_in) per layer
    draws = [rs.randn(o, i).T for i, o in zip(sizes[:-1], sizes[1:])]
    he = course_weights(sizes, "he")
    np.testing.assert_array_equal(he[0], np.random.RandomState(3).randn(10, 2).T * np.sqrt(2 / 2))
    for W, D, fan_in in zip(he, draws, sizes[:-1]):
        np.testing.assert_allclose(W, D * np.sqrt(2 / fan_in), rtol=1e-15)
    for W, D in zip(course_weights(sizes, "large"), draws):
        np.testing.assert_allclose(W, D * 10, rtol=1e-15)
    for W, D in zip(course_weights(sizes, "randn", factor=0.1), draws):
        np.testing.assert_allclose(W, D * 0.1, rtol=1e-15)
    zeros = course_weights(sizes, "zeros")
    assert all((W == 0).all() for W in zeros)
    assert [W.shape for W in he] == [W.shape for W in zeros] == [(2, 10), (10, 5), (5, 1)]
    np.testing.assert_array_equal(course_weights(sizes, "he", seed=4)[0], np.random.RandomState(4).randn(10, 2).T)


# ---- bad input -----------------------------------------------------------------------------------------------------

X4, Y4 = np.zeros((4, 2)), np.array([0.0, 1.0, 0.0, 1.0])


@pytest.mark.parametrize("call, error, match", [
    # gaussian_expectation and the theory
    (lambda: gaussian_expectation(np.square, -1.0), ValueError, "var must be >= 0"),
    (lambda: gaussian_expectation(3.0, 1.0), TypeError, "g must be a function"),
    (lambda: theory_variance(0, "relu", 1.0, 1), ValueError, "depth must be >= 1"),
    (lambda: theory_variance(3, "rleu", 1.0, 1), ValueError, "Did you mean 'relu'"),
    (lambda: theory_variance(3, "relu", -1.0, 4), ValueError, "weight_var must be >= 0"),
    (lambda: theory_variance(3, "relu", 1.0, 0), ValueError, "fan_in must be >= 1"),
    (lambda: theory_variance(3, "relu", 1.0, 2.5), TypeError, "fan_in must be an int"),
    (lambda: theory_variance(3, "relu", 1.0, 4, input_var=-1.0), ValueError, "input_var must be >= 0"),
    (lambda: theory_variance(3, "relu", 1.0, 4, bias_var=float("nan")), ValueError, "bias_var must be a finite"),
    (lambda: theory_gradient_variance([1.0, 1.0], "relux", 1.0, 4), ValueError, "Did you mean 'relu'"),
    (lambda: theory_gradient_variance([], "relu", 1.0, 4), ValueError, "q must be a non-empty 1-D array"),
    (lambda: theory_gradient_variance([[1.0]], "relu", 1.0, 4), ValueError, "q must be a non-empty 1-D array"),
    (lambda: theory_gradient_variance([-1.0], "relu", 1.0, 4), ValueError, "q must be"),
    (lambda: theory_gradient_variance([1.0], "relu", 1.0, 0), ValueError, "fan_out must be >= 1"),
    (lambda: theory_gradient_variance([1.0], "relu", -2.0, 4), ValueError, "weight_var must be >= 0"),
    # depth_statistics
    (lambda: depth_statistics(depth=0), ValueError, "depth must be >= 1"),
    (lambda: depth_statistics(width=0), ValueError, "width must be >= 1"),
    (lambda: depth_statistics(n_samples=1), ValueError, "n_samples must be >= 2"),
    (lambda: depth_statistics(activation="rlu"), ValueError, "Did you mean 'relu'"),
    (lambda: depth_statistics(init="he_norml"), ValueError, "unknown initializer 'he_norml'. Did you mean 'he_normal'"),
    (lambda: depth_statistics(scale=-1.0), ValueError, "scale must be >= 0"),
    (lambda: depth_statistics(bias_std=-1.0), ValueError, "bias_std must be >= 0"),
    (lambda: depth_statistics(seed=-1), ValueError, "seed must be an int >= 0"),
    (lambda: depth_statistics(seed=1.5), TypeError, "seed must be an int"),
    (lambda: depth_statistics(init="random_normal", init_options={"stdev": 1.0}), TypeError, "stdev"),
    # symmetry and the zero-init cases
    (lambda: count_distinct_units("net"), TypeError, "net must be a weightlab MLP"),
    (lambda: count_distinct_units(MLP([2, 3, 1]), decimals=1.5), TypeError, "decimals must be an int"),
    (lambda: symmetry_experiment(X4, Y4, record_every=0), ValueError, "record_every must be >= 1"),
    (lambda: symmetry_experiment(X4, Y4, epochs=0), ValueError, "epochs must be >= 1"),
    (lambda: symmetry_experiment(X4, Y4, lr=-1.0), ValueError, "lr must be > 0"),
    (lambda: symmetry_experiment(X4, Y4, init="zeroes"), ValueError, "Did you mean 'zeros'"),
    (lambda: symmetry_experiment(X4, Y4 * 2), ValueError, "y must hold only the labels 0 and 1"),
    (lambda: symmetry_experiment(np.zeros((4, 3)), Y4), ValueError, "X has 3 features"),
    (lambda: gradient_flow_cases(X4, Y4, steps=0), ValueError, "steps must be >= 1"),
    (lambda: gradient_flow_cases(X4, Y4, lr=0.0), ValueError, "lr must be > 0"),
    (lambda: gradient_flow_cases(X4, Y4, activation="tanhh"), ValueError, "Did you mean 'tanh'"),
    (lambda: gradient_flow_cases(X4, Y4, cases=["W=0, b=0"]), TypeError, "cases must be a dict"),
    (lambda: gradient_flow_cases(X4, Y4, layer_sizes=(3, 4, 1)), ValueError, "X has 2 features"),
    # restarts and the sweep
    (lambda: train_restarts(X4, Y4, n_restarts=0), ValueError, "n_restarts must be >= 1"),
    (lambda: train_restarts(X4, Y4, first_seed=-1), ValueError, "first_seed must be >= 0"),
    (lambda: train_restarts(X4, Y4, n_restarts=2, epochs=0), ValueError, "epochs must be >= 1"),
    (lambda: train_restarts(X4, Y4, n_restarts=2, X_test=X4), ValueError, "give both X_test and y_test"),
    (lambda: train_restarts(X4, Y4, n_restarts=2, X_test=X4, y_test=Y4[:3]), ValueError, "y_test has 3 labels"),
    (lambda: train_restarts(X4, Y4, n_restarts=2, init="glorot_norml"), ValueError, "Did you mean 'glorot_normal'"),
    (lambda: scale_sweep(X4, Y4, schemes="he_normal"), TypeError, "schemes must be a list of initializer names"),
    (lambda: scale_sweep(X4, Y4, schemes=["he_normal", "xavier_nromal"]), ValueError, "unknown initializer"),
    (lambda: scale_sweep(X4, Y4, scales=[1.0, -1.0]), ValueError, "scales must be >= 0"),
    (lambda: scale_sweep(X4, Y4, scales=[float("nan")]), ValueError, "scales must be a finite number"),
    (lambda: scale_sweep(X4, Y4, scales=1.0), ValueError, "scales must be a 1-D list"),
    (lambda: scale_sweep(X4, Y4, n_seeds=0), ValueError, "n_seeds must be >= 1"),
    (lambda: scale_sweep(X4, Y4, activation="sigmod"), ValueError, "Did you mean 'sigmoid'"),
    (lambda: scale_sweep(X4, Y4, y_test=Y4), ValueError, "give both X_test and y_test"),
    (lambda: logistic_starts(X4, Y4, starts=["zeros"]), TypeError, "starts must be a dict"),
    (lambda: logistic_starts(X4, Y4, starts={}), ValueError, "starts is empty"),
    (lambda: logistic_starts(X4, Y4, epochs=0), ValueError, "epochs must be >= 1"),
    # the edge of chaos, LSUV, the course's weights
    (lambda: chaos_chi(0.0, 0.0), ValueError, "sigma_w must be > 0"),
    (lambda: chaos_chi(1.0, -0.1), ValueError, "sigma_b must be >= 0"),
    (lambda: chaos_chi(1.0, 0.0, "tahn"), ValueError, "Did you mean 'tanh'"),
    (lambda: edge_of_chaos([0.0, 1.0], [0.0]), ValueError, "sigma_w must be a non-empty 1-D array of finite values >"),
    (lambda: edge_of_chaos([1.0], [-0.5]), ValueError, "sigma_b must be a non-empty 1-D array of finite values >= 0"),
    (lambda: edge_of_chaos([[1.0, 2.0]], [0.0]), ValueError, "sigma_w must be a non-empty 1-D"),
    (lambda: edge_of_chaos([float("nan")], [0.0]), ValueError, "sigma_w must be"),
    (lambda: edge_of_chaos([], [0.0]), ValueError, "sigma_w must be a non-empty"),
    (lambda: edge_of_chaos(["a"], [0.0]), TypeError, "sigma_w must be a 1-D array of numbers"),
    (lambda: edge_of_chaos([1.0], [0.0], depth=0), ValueError, "depth must be >= 1"),
    (lambda: edge_of_chaos([1.0], [0.0], width=0), ValueError, "width must be >= 1"),
    (lambda: edge_of_chaos([1.0], [0.0], activation="rlu"), ValueError, "Did you mean 'relu'"),
    (lambda: lsuv_init("net", X4), TypeError, "net must be a weightlab MLP"),
    (lambda: lsuv_init(MLP([2, 3, 1]), X4, tol=0.0), ValueError, "tol must be > 0"),
    (lambda: lsuv_init(MLP([2, 3, 1]), X4, max_iter=0), ValueError, "max_iter must be >= 1"),
    (lambda: lsuv_init(MLP([3, 3, 1]), X4), ValueError, "X has 2 features"),
    (lambda: course_weights([2, 1], "huge"), ValueError, "unknown kind 'huge'"),
    (lambda: course_weights([2, 1], "he", seed=-1), ValueError, "seed must be >= 0"),
    (lambda: course_weights([2, 1], "randn", factor=-1.0), ValueError, "factor must be >= 0"),
    (lambda: course_weights("2-1", "he"), TypeError, "layer_sizes must be a list of ints"),
    (lambda: course_weights([2], "he"), ValueError, "layer_sizes needs at least an input and an output size"),
    (lambda: course_weights([2, 0, 1], "he"), ValueError, r"layer_sizes\[1\] must be >= 1"),
])
def test_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_variance_fixed_point_solves_the_variance_map():
    # relu: q = σ_w² q / 2 + σ_b², so q* = σ_b² / (1 - σ_w² / 2) for σ_w < √2
    assert variance_fixed_point(1.0, 0.5, "relu") == pytest.approx(0.25 / 0.5, rel=1e-9)
    assert variance_fixed_point(1.5, 0.0, "relu") == np.inf  # σ_w > √2: no fixed point, the variance grows
    # tanh with the 5/3 gain: a non-zero fixed point, where the map returns q itself
    q = variance_fixed_point(5 / 3, 0.0, "tanh")
    assert 1.1 < q < 1.3
    assert (5 / 3) ** 2 * gaussian_expectation(lambda z: np.tanh(z) ** 2, q) == pytest.approx(q, rel=1e-9)
    assert variance_fixed_point(0.5, 0.0, "tanh") < 1e-100  # ordered: the signal dies


def test_depth_statistics_splits_input_driven_from_input_independent_variance():
    # zero-mean inputs through linear layers without bias: the units' means are ~0, the variance is all the input's
    linear = depth_statistics(depth=5, width=128, init="glorot_normal", activation="linear", n_samples=512)
    assert np.all(linear["input_driven_var"] <= linear["pre_var"] * (1 + 1e-12))
    assert np.all(linear["input_driven_var"] / linear["pre_var"] > 0.95)
    # PyTorch's nn.Linear as it comes (weights and bias U(±1/√fan_in)) through 20 relu layers: the input's share
    # shrinks by 6 per layer while each layer adds Var(b) = 1/(3·256), so the variance settles at
    # Var(b) / (1 - 1/6) = 0.0015625, the same for every input
    torch_like = depth_statistics(depth=20, width=256, init="pytorch_linear", activation="relu", n_samples=256,
                                  bias_init="pytorch_linear")
    assert torch_like["theory_pre_var"][-1] == pytest.approx(1 / (3 * 256) / (1 - 1 / 6), rel=1e-6)
    assert torch_like["pre_var"][-1] == pytest.approx(torch_like["theory_pre_var"][-1], rel=0.3)
    assert torch_like["input_driven_var"][-1] < 1e-9 * torch_like["pre_var"][-1]


def test_loss_surface_is_the_loss_on_a_plane_and_leaves_the_net_alone(circles):
    X, y = circles[:2]
    nets = [MLP([2, 3, 1], activation="tanh", seed=s) for s in (1, 2, 3)]
    plane = plane_through(nets)
    coords = plane["coords"]
    np.testing.assert_allclose(coords[:2], [[0, 0], [1, 0]])
    assert coords[2, 1] > 0 and plane["u"] @ plane["v"] == pytest.approx(0, abs=1e-9)
    before = nets[0].flat_parameters()
    surface = loss_surface(nets[0], X, y, plane["center"], plane["u"], plane["v"], coords[:, 0], coords[:, 1])
    for k, net in enumerate(nets):  # each net sits at its coordinates: the surface there is its own loss
        assert surface[k, k] == pytest.approx(net.loss(X, y), rel=1e-10)
    np.testing.assert_array_equal(nets[0].flat_parameters(), before)


def test_random_directions_are_scaled_layer_by_layer(circles):
    net = MLP([2, 6, 4, 1], seed=0)
    theta = net.flat_parameters()
    u, v = random_directions(net, seed=3)
    bounds = np.cumsum([0, 3 * 6, 7 * 4, 5 * 1])  # (fan_in + 1) · fan_out per layer
    for start, end in zip(bounds[:-1], bounds[1:]):
        for d in (u, v):
            assert np.linalg.norm(d[start:end]) == pytest.approx(np.linalg.norm(theta[start:end]), rel=1e-12)
    assert not np.allclose(u, v)
    with pytest.raises(ValueError, match="same parameters"):
        plane_through([net, net, MLP([2, 6, 4, 1], seed=1)])


def test_restarts_stop_within_milliseconds_of_being_asked(circles):
    import threading
    import time

    X, y = circles[:2]
    stop, asked = threading.Event(), []

    def should_stop():  # the first call starts the clock: training has begun (the 300 members are built)
        if not asked:
            asked.append(time.perf_counter())
            threading.Timer(0.2, lambda: asked.append(time.perf_counter()) or stop.set()).start()
        return stop.is_set()

    res = train_restarts(X, y, n_restarts=300, epochs=3000, should_stop=should_stop)  # ~25 s if not stopped
    late = time.perf_counter() - asked[1]
    assert res["stopped_early"] and late < 0.25, late  # within one of a dashboard's frame intervals
    assert not train_restarts(X, y, n_restarts=2, epochs=5, should_stop=lambda: False)["stopped_early"]


def test_scale_sweep_trains_each_setting_as_its_own_ensemble_would():
    # scale_sweep trains every (scheme, scale, seed) in one ensemble: each must match its small ensemble's run
    X, y, X_test, y_test = load_circles(n_train=60, n_test=20)
    sweep = scale_sweep(X, y, X_test, y_test, schemes=("he_normal", "random_normal"), scales=[0.3, 3.0], n_seeds=2,
                        epochs=40, lr=0.5)
    for i, scheme in enumerate(("he_normal", "random_normal")):
        for j, s in enumerate((0.3, 3.0)):
            history = MLPEnsemble((2, 10, 5, 1), range(2), init=scheme, scale=s).fit(X, y, epochs=40, lr=0.5,
                                                                                      X_test=X_test, y_test=y_test)
            np.testing.assert_allclose(sweep["final_loss"][i, j], history.final_loss, rtol=1e-5)
            np.testing.assert_array_equal(sweep["test_accuracy"][i, j], history.test_accuracy)
