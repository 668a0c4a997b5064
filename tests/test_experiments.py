"""The experiments against theory: variance through depth, symmetry, the zero-init cases, restarts, the scale
sweep, convexity, the edge of chaos and LSUV."""
import warnings

import numpy as np
import pytest

from weightlab import MLP, load_circles, load_gaussian
from weightlab.experiments import (chaos_chi, count_distinct_units, course_weights, depth_statistics,
                                   edge_of_chaos, gaussian_expectation, gradient_flow_cases, logistic_starts,
                                   lsuv_init, scale_sweep, symmetry_experiment, theory_gradient_variance,
                                   theory_variance, train_restarts)


@pytest.fixture(scope="module")
def circles():
    return load_circles()


def test_gaussian_expectation_matches_closed_forms():
    assert gaussian_expectation(lambda z: z**2, 2.5) == pytest.approx(2.5)
    assert gaussian_expectation(lambda z: np.maximum(z, 0) ** 2, 2.5) == pytest.approx(1.25)
    assert gaussian_expectation(lambda z: z**4, 2.0) == pytest.approx(3 * 4.0)


def test_theory_variance_recursions():
    np.testing.assert_allclose(theory_variance(5, "linear", 0.5, 4), 2.0 ** np.arange(1, 6))
    np.testing.assert_allclose(theory_variance(30, "relu", 2 / 64, 64), 2.0)  # He keeps relu steady
    q = theory_variance(30, "tanh", 1 / 64, 64)
    assert q[0] == pytest.approx(1.0) and np.all(np.diff(q) < 0) and q[-1] > 0.01  # slow, not exponential, decay
    g = theory_gradient_variance(theory_variance(10, "linear", 1 / 8, 8), "linear", 1 / 8, 8)
    np.testing.assert_allclose(g, 1.0)


@pytest.mark.parametrize("activation", ["linear", "tanh", "relu"])
@pytest.mark.parametrize("scheme, options", [("lecun_normal", {}), ("glorot_normal", {}), ("he_normal", {}),
                                             ("random_normal", {"stddev": 0.1})])
def test_measured_variance_follows_theory(activation, scheme, options):
    # one finite-width network wanders around the mean-field line (for relu by tens of percent after 8 layers),
    # so compare the geometric mean of three networks
    runs = [depth_statistics(8, 256, scheme, activation, n_samples=512, init_options=options, seed=s) for s in range(3)]
    measured = np.mean([np.log(r["pre_var"]) for r in runs], axis=0)
    np.testing.assert_allclose(measured, np.log(runs[0]["theory_pre_var"]), atol=np.log(1.4))  # within 40% (2 sigma of the spread)
    gradients = np.mean([np.log(r["grad_var"]) for r in runs], axis=0)
    np.testing.assert_allclose(gradients, np.log(runs[0]["theory_grad_var"]), atol=np.log(1.5))


def test_he_keeps_fifty_relu_layers_alive_where_fixed_scales_fail():
    he = depth_statistics(50, 256, "he_normal", "relu", n_samples=256)
    small = depth_statistics(50, 256, "random_normal", "relu", n_samples=256, init_options={"stddev": 0.01})
    large = depth_statistics(50, 256, "random_normal", "relu", n_samples=256, init_options={"stddev": 1.0})
    assert 0.05 < he["pre_var"][-1] < 20
    assert small["pre_var"][-1] < 1e-10 and large["pre_var"][-1] > 1e10


def test_batchnorm_keeps_unit_variance_at_any_scale():
    for scale in (0.01, 10.0):
        stats = depth_statistics(20, 64, "he_normal", "relu", scale=scale, n_samples=128, batchnorm=True)
        np.testing.assert_allclose(stats["pre_var"], 1.0, rtol=1e-3)
        assert np.isnan(stats["theory_pre_var"]).all()


def test_overflow_reads_as_inf_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        stats = depth_statistics(200, 32, "random_normal", "linear", scale=100, init_options={"stddev": 1.0},
                                 n_samples=16)
    assert np.isinf(stats["pre_var"][-1]) and not np.isnan(stats["pre_var"]).any()
    assert stats["hist_samples"].shape[0] == 200


def test_constant_init_keeps_one_unit_random_keeps_all(circles):
    X, y = circles[:2]
    const = symmetry_experiment(X, y, (2, 6, 4, 1), init="constant", init_options={"value": 0.3}, epochs=300)
    assert (const["distinct"] == 1).all() and const["epochs"][-1] == 299
    rand = symmetry_experiment(X, y, (2, 6, 4, 1), init="glorot_normal", epochs=300)
    assert (rand["distinct"] == [6, 4]).all()


def test_zero_init_cases_follow_backprop_by_hand(circles):
    X, y = circles[0][:64], circles[1][:64]
    flow = gradient_flow_cases(X, y, (2, 4, 1), activation="relu", steps=2)

    def moving(step):
        return {f"{k}{l + 1}" for l in range(2) for k, m in (("W", step["weights"]), ("b", step["biases"]))
                if m[l].any()}

    zz, zr, rz = flow["W=0, b=0"], flow["W=0, b random"], flow["W random, b=0"]
    assert moving(zz[0]) == moving(zz[1]) == {"b2"}
    assert moving(zr[0]) == {"W2", "b2"} and moving(zr[1]) == {"W1", "b1", "W2", "b2"}
    assert moving(rz[0]) == {"W1", "b1", "W2", "b2"}
    assert zz[1]["distinct"].tolist() == [1]


def test_restarts_spread_and_best(circles):
    X, y, Xt, yt = circles
    res = train_restarts(X, y, (2, 10, 5, 1), n_restarts=8, epochs=300, lr=0.1, X_test=Xt, y_test=yt)
    assert res["loss"].shape == (8, 300) and res["test_accuracy"].shape == (8,)
    assert res["final_loss"][res["best"]] == res["final_loss"].min()
    assert res["final_loss"].std() > 1e-3
    alone = MLP([2, 10, 5, 1], seed=3).fit(X, y, epochs=300, lr=0.1)
    assert res["final_loss"][3] == pytest.approx(alone.loss[-1], rel=1e-3)


def test_scale_sweep_is_u_shaped(circles):
    X, y, Xt, yt = circles
    sweep = scale_sweep(X, y, Xt, yt, schemes=("he_normal",), scales=[1e-3, 1.0, 1e3], n_seeds=2, epochs=800,
                        lr=0.1)
    acc = sweep["test_accuracy"][0].mean(axis=1)
    assert sweep["train_accuracy"].shape == (1, 3, 2)
    assert acc[1] > acc[0] + 0.2 and acc[1] > acc[2] + 0.1


def test_logistic_regression_reaches_one_optimum_from_any_start():
    X, y, _, _ = load_gaussian(noise=1.5)
    res = logistic_starts(X, y, epochs=3000, lr=0.5)
    assert np.ptp(res["weights"], axis=0).max() < 1e-3
    assert np.all(np.diff(res["loss"], axis=1) <= 1e-12)


def test_edge_of_chaos():
    assert chaos_chi(0.5, 0.0) < 1 < chaos_chi(3.0, 0.0)
    assert chaos_chi(1.0, 0.0) == pytest.approx(1.0, abs=1e-2)
    res = edge_of_chaos([0.5, 3.0], [0.0], depth=20, width=64, n_samples=32)
    assert res["grad_ratio"][0, 0] < 0 < res["grad_ratio"][0, 1]  # vanishing vs exploding, as chi says
    with pytest.raises(ValueError, match="sigma_w"):
        edge_of_chaos([0.0, 1.0], [0.0])


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_lsuv_gives_unit_variance(circles, activation):
    X = circles[0]
    net = MLP([2, 16, 16, 16, 1], activation=activation, init="random_normal", seed=0)
    variances = lsuv_init(net, X, tol=0.05)
    np.testing.assert_allclose(variances, 1.0, atol=0.05)


def test_course_weights_are_the_course_draws():
    he = course_weights([2, 10, 5, 1], "he")
    np.testing.assert_array_equal(he[0], np.random.RandomState(3).randn(10, 2).T * np.sqrt(2 / 2))
    assert all((W == 0).all() for W in course_weights([2, 10, 5, 1], "zeros"))
    assert [W.shape for W in he] == [(2, 10), (10, 5), (5, 1)]


@pytest.mark.parametrize("call, error, match", [
    (lambda: depth_statistics(depth=0), ValueError, "depth must be >= 1"),
    (lambda: depth_statistics(width=0), ValueError, "width must be >= 1"),
    (lambda: depth_statistics(activation="rlu"), ValueError, "Did you mean 'relu'"),
    (lambda: depth_statistics(init="he_norml"), ValueError, "he_normal"),
    (lambda: depth_statistics(scale=-1.0), ValueError, "scale"),
    (lambda: depth_statistics(bias_std=-1.0), ValueError, "bias_std"),
    (lambda: train_restarts(np.zeros((4, 2)), np.zeros(4), n_restarts=0), ValueError, "n_restarts must be >= 1"),
    (lambda: course_weights([2, 1], "huge"), ValueError, "unknown kind"),
    (lambda: theory_variance(0, "relu", 1.0, 1), ValueError, "depth must be >= 1"),
])
def test_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()
