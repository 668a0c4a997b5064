"""The MLP: exact gradients, reproducibility, training, statistics, divergence and bad input."""
import warnings

import numpy as np
import pytest

from weightlab import ACTIVATIONS, MLP, MLPEnsemble, NumericalError, load_circles, load_dataset
from weightlab.experiments import count_distinct_units


@pytest.fixture(scope="module")
def circles():
    return load_circles()


def numerical_gradients(net, X, y, eps=1e-6):
    """Central finite differences of net.loss for every weight and bias entry."""
    grads = []
    for params in (net.weights, net.biases):
        layer_grads = []
        for P in params:
            G = np.zeros_like(P)
            for idx in np.ndindex(P.shape):
                old = P[idx]
                P[idx] = old + eps
                up = net.loss(X, y, training=True)
                P[idx] = old - eps
                down = net.loss(X, y, training=True)
                P[idx] = old
                G[idx] = (up - down) / (2 * eps)
            layer_grads.append(G)
        grads.append(layer_grads)
    return grads


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_gradients_match_finite_differences(activation):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((20, 3))
    y = (rng.random(20) > 0.5).astype(float)
    # random biases too, so relu units are not all at the kink and every term of backprop is exercised
    net = MLP([3, 5, 4, 1], activation=activation, init="glorot_normal", bias_init="random_normal",
              bias_options={"stddev": 0.5}, seed=1)
    gW, gb = net.gradients(X, y)
    nW, nb = numerical_gradients(net, X, y)
    for a, b in zip(gW + gb, nW + nb):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-8)


def test_gradients_of_a_deep_mixed_net():
    rng = np.random.default_rng(2)
    X = rng.standard_normal((15, 2))
    y = (X[:, 0] > 0).astype(float)
    acts = ["tanh", "relu", "sigmoid", "leaky_relu", "linear", "tanh", "relu", "tanh"]
    net = MLP([2] + [6] * 8 + [1], activation=acts, init="he_normal", bias_init="random_normal", seed=3)
    gW, gb = net.gradients(X, y)
    nW, nb = numerical_gradients(net, X, y)
    for a, b in zip(gW + gb, nW + nb):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-9)
    assert np.abs(gW[0]).max() > 0  # the gradient reaches the first layer of this 9-layer net


def test_loss_is_binary_cross_entropy(circles):
    X, y = circles[0][:50], circles[1][:50]
    net = MLP([2, 4, 1], seed=0)
    p = net.predict_proba(X)
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert net.loss(X, y) == pytest.approx(expected, rel=1e-10)
    assert net.accuracy(X, y) == pytest.approx(np.mean((p > 0.5) == y))


def test_huge_logits_give_a_finite_loss_and_no_warning():
    X = np.array([[1.0, 0.0], [0.0, 1.0]])
    y = np.array([0.0, 1.0])
    net = MLP([2, 1], init="zeros")
    net.weights = [np.array([[1e4], [-1e4]])]  # confidently wrong on both points: loss ≈ 1e4
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = net.loss(X, y)
    assert np.isfinite(loss) and loss == pytest.approx(1e4)


def test_same_seed_same_weights_and_history(circles):
    X, y = circles[:2]
    state = np.random.get_state()[1].copy()
    runs = []
    for _ in range(2):
        net = MLP([2, 8, 1], seed=42)
        hist = net.fit(X, y, epochs=30, lr=0.1, batch_size=32, momentum=0.9)
        runs.append((net.weights, hist.loss))
    for a, b in zip(runs[0][0], runs[1][0]):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(runs[0][1], runs[1][1])
    other = MLP([2, 8, 1], seed=43)
    assert not np.array_equal(other.weights[0], runs[0][0][0])
    np.testing.assert_array_equal(np.random.get_state()[1], state)  # the global generator was never touched


def test_history_records_what_the_course_prints(circles):
    X, y, Xt, yt = circles
    net = MLP([2, 10, 5, 1], seed=0)
    first = net.loss(X, y)
    hist = net.fit(X, y, epochs=200, lr=0.05, X_test=Xt, y_test=yt, record_every=50)
    assert hist.loss[0] == pytest.approx(first)  # the loss of epoch 0 is taken before its update
    assert hist.loss[-1] < hist.loss[0]
    assert hist.epochs_recorded == [0, 50, 100, 150, 199]
    assert len(hist.test_loss) == len(hist.test_accuracy) == 5
    # statistics describe the state at the start of their epoch, like the loss: record 0 is the untrained net
    assert hist.test_loss[0] == pytest.approx(MLP([2, 10, 5, 1], seed=0).loss(Xt, yt))
    for name in hist.stats:
        assert hist.stat(name).shape[0] == 5
    assert hist.stat("act_var").shape[1] == 2 and hist.stat("grad_norm").shape[1] == 3
    assert "done after 200 epochs" in hist.status


def test_statistics_detect_saturation_and_dead_units(circles):
    X, y = circles[:2]
    sat = MLP([2, 50, 1], activation="tanh", init="random_normal", scale=1000, seed=0).fit(X, y, epochs=1, lr=0.01)
    assert sat.stat("saturated")[0, 0] > 0.8
    calm = MLP([2, 50, 1], activation="tanh", init="glorot_normal", seed=0).fit(X, y, epochs=1, lr=0.01)
    assert calm.stat("saturated")[0, 0] < 0.1
    dead = MLP([2, 20, 1], bias_init="constant", bias_options={"value": -100.0}, seed=0).fit(X, y, epochs=1, lr=0.01)
    assert dead.stat("dead")[0, 0] == 1.0


def test_callback_every_k_epochs_and_stop(circles):
    X, y = circles[:2]
    seen = []
    hist = MLP([2, 4, 1]).fit(X, y, epochs=100, lr=0.1, callback=lambda n, h, e: seen.append(e), callback_every=25)
    assert seen == [0, 25, 50, 75, 99]
    hist = MLP([2, 4, 1]).fit(X, y, epochs=100, lr=0.1, callback=lambda n, h, e: e < 30, callback_every=10)
    assert hist.epochs == 31 and hist.stopped_early and "stopped" in hist.status


def test_enormous_scale_is_reported_not_a_warning_storm(circles):
    X, y = circles[:2]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for scale in (1e3, 1e30, 1e300):
            net = MLP([2, 10, 5, 1], init="random_normal", scale=scale, seed=0)
            hist = net.fit(X, y, epochs=50, lr=0.01)
            assert hist.diverged or np.all(np.isfinite(hist.loss))
        assert hist.diverged and hist.diverged_epoch == 0 and "diverged at epoch 0" in hist.status
        with pytest.raises(NumericalError, match="overflowed"):
            net.predict(X)


def test_learning_rate_divergence_names_the_epoch(circles):
    X, y = circles[:2]
    hist = MLP([2, 10, 5, 1], activation="linear", seed=0).fit(X, y, epochs=500, lr=1e6)
    assert hist.diverged and 0 < hist.diverged_epoch < 500 and hist.epochs == hist.diverged_epoch + 1


def test_symmetry_stays_under_constant_init_and_breaks_under_random(circles):
    X, y = circles[:2]
    const = MLP([2, 6, 4, 1], activation="tanh", init="constant", init_options={"value": 0.3}, seed=0)
    const.fit(X, y, epochs=300, lr=0.5)
    assert count_distinct_units(const).tolist() == [1, 1]
    rand = MLP([2, 6, 4, 1], activation="tanh", init="glorot_normal", seed=0)
    rand.fit(X, y, epochs=300, lr=0.5)
    assert count_distinct_units(rand).tolist() == [6, 4]


def test_fit_is_gradient_descent_on_shuffled_minibatches_with_momentum(circles):
    X, y = circles[:2]
    net = MLP([2, 5, 3, 1], activation="tanh", seed=7)
    hist = net.fit(X, y, epochs=3, lr=0.2, batch_size=64, momentum=0.5)
    ref = MLP([2, 5, 3, 1], activation="tanh", seed=7)
    rng = ref.rng  # the reference net's generator is where fit draws the permutations from
    vel = [np.zeros_like(p) for p in ref.weights + ref.biases]
    losses = []
    for _ in range(3):
        order, total = rng.permutation(len(y)), 0.0
        for start in range(0, len(y), 64):
            rows = order[start:start + 64]
            total += ref.loss(X[rows], y[rows]) * len(rows)
            gW, gb = ref.gradients(X[rows], y[rows])
            for v, p, g in zip(vel, ref.weights + ref.biases, gW + gb):
                v *= 0.5
                v -= 0.2 * g
                p += v
        losses.append(total / len(y))
    np.testing.assert_allclose(hist.loss, losses, rtol=1e-12)
    for a, b in zip(net.weights + net.biases, ref.weights + ref.biases):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)


def test_minibatch_momentum_training_learns_circles(circles):
    X, y, Xt, yt = circles
    net = MLP([2, 16, 16, 1], seed=0)
    net.fit(X, y, epochs=150, lr=0.1, batch_size=32, momentum=0.9)
    assert net.accuracy(X, y) > 0.95 and net.accuracy(Xt, yt) > 0.9


def test_weights_can_be_assigned_and_are_checked():
    net = MLP([2, 3, 1])
    net.weights = [np.ones((2, 3)), np.ones((3, 1))]
    net.weights[1] = np.full((3, 1), 2.0)
    assert net.weights[1].sum() == 6.0
    with pytest.raises(ValueError, match=r"weights\[0\] must have shape \(2, 3\)"):
        net.weights[0] = np.ones((3, 2))
    with pytest.raises(ValueError, match="needs 2 arrays"):
        net.weights = [np.ones((2, 3))]
    with pytest.raises(ValueError, match=r"biases\[1\] contains NaN"):
        net.biases = [np.zeros(3), np.array([np.nan])]


def test_ensemble_members_equal_sequential_fits(circles):
    X, y, Xt, yt = circles
    ens = MLPEnsemble([2, 6, 3, 1], seeds=[0, 1, 2], activation="tanh", init="glorot_normal", dtype="float64")
    hist = ens.fit(X, y, epochs=40, lr=0.3, X_test=Xt, y_test=yt, chunk=2)
    for r, seed in enumerate([0, 1, 2]):
        net = MLP([2, 6, 3, 1], activation="tanh", init="glorot_normal", seed=seed)
        single = net.fit(X, y, epochs=40, lr=0.3)
        np.testing.assert_allclose(hist.loss[r], single.loss, rtol=1e-10)
        np.testing.assert_allclose(ens.member(r).weights[0], net.weights[0], rtol=1e-10)
        assert hist.test_accuracy[r] == net.accuracy(Xt, yt)


def test_float32_ensemble_follows_the_float64_runs(circles):
    X, y = circles[:2]
    kwargs = dict(layer_sizes=[2, 10, 5, 1], seeds=range(6))
    h32 = MLPEnsemble(**kwargs).fit(X, y, epochs=300, lr=0.05)
    h64 = MLPEnsemble(**kwargs, dtype="float64").fit(X, y, epochs=300, lr=0.05)
    np.testing.assert_allclose(h32.loss, h64.loss, rtol=1e-4)
    assert h32.loss[:, -1].std() > 1e-3  # the seeds really end in different places


def test_ensemble_marks_only_the_diverging_members(circles):
    X, y = circles[:2]
    ens = MLPEnsemble([2, 4, 1], seeds=[0, 1], activation="linear", dtype="float64")
    ens.weights[0][1] *= 1e200  # member 1 overflows, member 0 is fine
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hist = ens.fit(X, y, epochs=20, lr=0.1)
    assert hist.diverged.tolist() == [False, True]
    assert np.all(np.isfinite(hist.loss[0])) and np.isnan(hist.loss[1, hist.diverged_epoch[1]:]).all()


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(layer_sizes=[2]), ValueError, "at least an input and an output"),
    (dict(layer_sizes=[2, 3, 2], batchnorm="yes"), TypeError, "batchnorm must be True or False"),
    (dict(layer_sizes=[2, 0, 1]), ValueError, r"layer_sizes\[1\] must be >= 1"),
    (dict(layer_sizes=[2, 2.5, 1]), TypeError, r"layer_sizes\[1\] must be an int"),
    (dict(layer_sizes="2,3,1"), TypeError, "layer_sizes must be a list"),
    (dict(layer_sizes=[2, 3, 1], activation="rleu"), ValueError, "Did you mean 'relu'"),
    (dict(layer_sizes=[2, 3, 1], activation=["relu", "tanh"]), ValueError, "one per hidden layer"),
    (dict(layer_sizes=[2, 3, 1], init="he_norml"), ValueError, "he_normal"),
    (dict(layer_sizes=[2, 3, 1], scale=-1.0), ValueError, "scale"),
    (dict(layer_sizes=[2, 3, 1], scale=float("nan")), ValueError, "scale"),
    (dict(layer_sizes=[2, 3, 1], scale=float("inf")), ValueError, "scale"),
    (dict(layer_sizes=[2, 3, 1], seed=-3), ValueError, "seed"),
    (dict(layer_sizes=[2, 3, 1], seed="abc"), TypeError, "seed"),
])
def test_bad_constructor_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        MLP(**kwargs)


@pytest.mark.parametrize("X, y, kwargs, error, match", [
    (np.zeros((0, 2)), np.zeros(0), {}, ValueError, "X is empty"),
    (np.zeros((5, 3)), np.zeros(5), {}, ValueError, "layer_sizes\\[0\\] = 2"),
    (np.zeros(5), np.zeros(5), {}, ValueError, "X must be 2-D"),
    (np.zeros((5, 2)), np.zeros(4), {}, ValueError, "4 labels but X has 5 samples"),
    (np.zeros((5, 2)), np.array([0, 1, 2, 0, 1]), {}, ValueError, "only the labels 0 and 1"),
    (np.full((5, 2), np.nan), np.zeros(5), {}, ValueError, "NaN"),
    (np.zeros((5, 2)), np.zeros(5), dict(epochs=0), ValueError, "epochs must be >= 1"),
    (np.zeros((5, 2)), np.zeros(5), dict(lr=0), ValueError, "lr must be > 0"),
    (np.zeros((5, 2)), np.zeros(5), dict(lr=float("nan")), ValueError, "lr must be a finite number"),
    (np.zeros((5, 2)), np.zeros(5), dict(batch_size=6), ValueError, "batch_size must be <= 5"),
    (np.zeros((5, 2)), np.zeros(5), dict(momentum=1.0), ValueError, "momentum must be in"),
    (np.zeros((5, 2)), np.zeros(5), dict(X_test=np.zeros((2, 2))), ValueError, "X_test and y_test"),
    (np.zeros((5, 2)), np.zeros(5), dict(callback=3), TypeError, "callback must be a function"),
])
def test_bad_fit_arguments(X, y, kwargs, error, match):
    with pytest.raises(error, match=match):
        MLP([2, 3, 1]).fit(X, y, **kwargs)


def test_ensemble_checks_its_test_data_before_training(circles):
    X, y, Xt, yt = circles
    ens = MLPEnsemble([2, 3, 1], seeds=[0])
    with pytest.raises(ValueError, match="y_test has 5 labels but X_test has 100 samples"):
        ens.fit(X, y, epochs=2, X_test=Xt, y_test=yt[:5])
    with pytest.raises(ValueError, match="X_test and y_test"):
        ens.fit(X, y, epochs=2, X_test=Xt)


# ---- issue 12: what a learner's hands find ----------------------------------------------------------------------
def test_divergence_keeps_the_last_finite_weights_and_every_method_works(circles):
    X, y = circles[:2]
    net = MLP([2, 10, 5, 1], activation="linear", seed=0)
    hist = net.fit(X, y, epochs=500, lr=1e6)
    assert hist.diverged
    assert all(np.isfinite(W).all() for W in net.weights) and all(np.isfinite(b).all() for b in net.biases)
    zs, acts = net.forward(X)  # the weights the diverging epoch started from: finite, if huge
    assert all(np.isfinite(a).all() for a in acts[1:])
    # with momentum and minibatches too
    net = MLP([2, 10, 5, 1], activation="linear", seed=0)
    hist = net.fit(X, y, epochs=200, lr=1e5, batch_size=32, momentum=0.9)
    assert hist.diverged and np.isfinite(net._theta).all()


def test_a_net_with_non_finite_weights_is_refused_clearly(circles):
    X, y = circles[:2]
    net = MLP([2, 3, 1], seed=0)
    net.weights[0][0, 0] = np.nan  # written in place, past the assignment check
    for call in (lambda: net.forward(X), lambda: net.gradients(X, y), lambda: net.predict(X),
                 lambda: net.fit(X, y, epochs=2), lambda: net.loss(X, y)):
        with pytest.raises(NumericalError, match="contain inf or NaN"):
            call()


def test_units_that_die_after_an_overflow_are_reported(circles):
    X, y = circles[:2]
    hist = MLP([2, 10, 5, 1], scale=1e3, seed=0).fit(X, y, epochs=300, lr=0.05)
    assert not hist.diverged
    layer, fraction, peak, epoch = hist.units_died_after_overflow()
    assert peak > 1e3 and fraction >= 0.5
    assert "units died after an overflow" in hist.status and f"hidden layer {layer}" in hist.status
    healthy = MLP([2, 10, 5, 1], seed=0).fit(X, y, epochs=300, lr=0.05)
    assert healthy.units_died_after_overflow() is None and "died" not in healthy.status


def test_unbounded_work_is_refused_at_once(circles):
    X, y = circles[:2]
    with pytest.raises(ValueError, match="epochs must be <= 1000000, got 1000000000"):
        MLP([2, 3, 1]).fit(X, y, epochs=10**9)
    with pytest.raises(ValueError, match="parameters, more than this library's limit of 20,000,000"):
        MLP([2, 10**5, 10**4, 1])


@pytest.mark.parametrize("call, error, match", [
    (lambda: MLP([2, 3, 1], activation=None), TypeError, "activation must be a name like 'relu'"),
    (lambda: MLP({2: 1, 3: 1, 1: 1}), TypeError, "layer_sizes must be a list of ints.*got dict"),
    (lambda: setattr(MLP([2, 3, 1]), "weights", None), TypeError, "weights must be a list of 2 arrays"),
    (lambda: setattr(MLP([2, 3, 1]), "weights", "abc"), TypeError, "weights must be a list of 2 arrays"),
    (lambda: MLP([2, 3, 1]).weights.__setitem__(0, "abc"), TypeError, r"weights\[0\] must be a numeric array"),
    (lambda: MLP([2, 3, 1]).weights.append(np.zeros((3, 1))), TypeError, "cannot grow or shrink"),
    (lambda: MLP([2, 3, 1]).biases.pop(), TypeError, "cannot grow or shrink"),
    (lambda: MLPEnsemble([2, 3, 1], seeds=5), TypeError, r"write seeds=range\(5\)"),
    (lambda: MLPEnsemble([2, 3, 1], seeds=[None]), TypeError, r"seeds\[0\] must be an int"),
    (lambda: MLPEnsemble([2, 3, 1], seeds=range(3)).member(3), ValueError, "r must be <= 2"),
])
def test_messages_name_the_parameter(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_a_transposed_X_gets_a_hint_and_X_test_is_named(circles):
    X, y, X_test, y_test = circles
    net = MLP([2, 3, 1])
    with pytest.raises(ValueError, match=r"looks transposed.*pass X\.T"):
        net.predict(X.T)
    with pytest.raises(ValueError, match="X_test has 1 features"):
        net.fit(X, y, epochs=2, X_test=X_test[:, :1], y_test=y_test)


def test_ensemble_member_keeps_its_options(circles):
    X, y = circles[:2]
    ens = MLPEnsemble([2, 4, 1], seeds=[3], init="random_normal", init_options={"stddev": 0.3},
                      bias_init="constant", bias_options={"value": 0.1}, dtype="float64")
    member = ens.member(0)
    alone = MLP([2, 4, 1], seed=3, init="random_normal", init_options={"stddev": 0.3}, bias_init="constant",
                bias_options={"value": 0.1})
    for a, b in zip(member.weights + member.biases, alone.weights + alone.biases):
        np.testing.assert_array_equal(a, b)
    assert member.init_options == {"stddev": 0.3} and member.bias_options == {"value": 0.1}



# ---- issue 9: softmax outputs, batch norm trained, the data order's own seed -----------------------------------
@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_softmax_gradients_match_finite_differences(activation):
    rng = np.random.default_rng(4)
    X = rng.standard_normal((24, 3))
    y = rng.integers(0, 4, 24).astype(float)
    net = MLP([3, 5, 4], activation=activation, init="glorot_normal", bias_init="random_normal",
              bias_options={"stddev": 0.5}, seed=2)
    gW, gb = net.gradients(X, y)
    nW, nb = numerical_gradients(net, X, y)
    for a, b in zip(gW + gb, nW + nb):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-8)


def test_softmax_loss_is_cross_entropy_and_never_overflows():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((30, 2))
    y = rng.integers(0, 3, 30).astype(float)
    net = MLP([2, 4, 3], seed=0)
    p = net.predict_proba(X)
    assert p.shape == (30, 3)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-12)
    assert net.loss(X, y) == pytest.approx(-np.mean(np.log(p[np.arange(30), y.astype(int)])), rel=1e-12)
    np.testing.assert_array_equal(net.predict(X), p.argmax(axis=1))
    net.weights[1] = net.weights[1] * 1e4  # logits in the tens of thousands
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isfinite(net.loss(X, y))


def test_softmax_initial_loss_is_near_log_k_and_it_learns_digits():
    X, y, Xt, yt = load_dataset("digits")
    net = MLP([64, 32, 10], init="he_normal", seed=0)
    history = net.fit(X, y, epochs=200, lr=0.1, X_test=Xt, y_test=yt)
    assert history.loss[0] == pytest.approx(np.log(10), rel=0.5)  # chance: log k, give or take the random start
    assert history.loss[-1] < 0.2 and net.accuracy(Xt, yt) > 0.9
    with pytest.raises(ValueError, match="labels 0 to 9"):
        net.fit(X, y + 1, epochs=1)


def test_multiclass_ensemble_members_equal_sequential_fits():
    X, y, _, _ = load_dataset("digits", n_train=200, n_test=50)
    ens = MLPEnsemble([64, 8, 10], seeds=[0, 1], dtype="float64")
    history = ens.fit(X, y, epochs=30, lr=0.1)
    for r, seed in enumerate([0, 1]):
        alone = MLP([64, 8, 10], seed=seed).fit(X, y, epochs=30, lr=0.1)
        np.testing.assert_allclose(history.loss[r], alone.loss, rtol=1e-10)
    assert ens.predict(X).shape == (2, 200) and set(np.unique(ens.predict(X))) <= set(range(10))


def test_batchnorm_gradients_match_finite_differences_of_the_training_loss():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((16, 3))
    y = (rng.random(16) > 0.5).astype(float)
    net = MLP([3, 5, 4, 1], activation="tanh", init="glorot_normal", batchnorm=True, seed=1)
    gW, gb = net.gradients(X, y)
    nW, nb = numerical_gradients(net, X, y)
    for a, b in zip(gW + gb, nW + nb):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-8)
    assert np.abs(gb[0]).max() < 1e-12  # a bias before batch norm is subtracted out again: it gets no gradient


def test_batchnorm_makes_the_hidden_scale_irrelevant_and_the_gradient_scale_as_one_over_s():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((64, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(float)
    base = MLP([2, 8, 8, 1], batchnorm=True, seed=0)
    scaled = MLP([2, 8, 8, 1], batchnorm=True, seed=0)
    scaled.weights = [W * (10.0 if l < 2 else 1.0) for l, W in enumerate(base.weights)]  # the hidden layers x 10
    assert scaled.loss(X, y, training=True) == pytest.approx(base.loss(X, y, training=True), rel=1e-9)
    gW, gWs = base.gradients(X, y)[0], scaled.gradients(X, y)[0]
    for l in range(2):
        np.testing.assert_allclose(gWs[l], gW[l] / 10.0, rtol=1e-6, atol=1e-14)


def test_batchnorm_predictions_use_running_statistics():
    X, y, Xt, yt = load_circles()
    net = MLP([2, 16, 16, 1], batchnorm=True, seed=0)
    history = net.fit(X, y, epochs=300, lr=0.2, batch_size=50, X_test=Xt, y_test=yt)
    assert not history.diverged and history.test_accuracy[-1] > 0.9
    # one point alone gets the prediction it gets in a batch: inference does not look at the other samples
    np.testing.assert_allclose(net.predict_proba(Xt[:1]), net.predict_proba(Xt)[:1], rtol=1e-12)
    # the running statistics are close to the statistics of the whole training set through the trained net
    bufs = net._forward(X, training=True)
    for (mean, std), (full_mean, full_std) in zip(net.running, bufs[2]):
        np.testing.assert_allclose(mean, full_mean, atol=0.3 * float(full_std.mean()))
        np.testing.assert_allclose(std, full_std, rtol=0.35)


def test_the_data_order_has_its_own_seed_when_asked(circles):
    X, y = circles[:2]
    a = MLP([2, 8, 1], seed=0).fit(X, y, epochs=20, lr=0.1, batch_size=32)
    b = MLP([2, 8, 1], seed=0).fit(X, y, epochs=20, lr=0.1, batch_size=32)
    assert a.loss == b.loss  # one seed reproduces everything
    c = MLP([2, 8, 1], seed=0).fit(X, y, epochs=20, lr=0.1, batch_size=32, data_seed=5)
    d = MLP([2, 8, 1], seed=0).fit(X, y, epochs=20, lr=0.1, batch_size=32, data_seed=5)
    e = MLP([2, 8, 1], seed=1).fit(X, y, epochs=20, lr=0.1, batch_size=32, data_seed=5)
    assert c.loss == d.loss and c.loss != a.loss  # same init, another order
    assert e.loss[0] != c.loss[0]  # another init, same order: a different start


def test_ensemble_should_stop_hook_changes_nothing_until_it_stops(circles):
    X, y, Xt, yt = circles
    kwargs = dict(layer_sizes=[2, 6, 3, 1], seeds=range(5), activation="tanh")
    plain_ens = MLPEnsemble(**kwargs)
    plain = plain_ens.fit(X, y, epochs=60, lr=0.3, X_test=Xt, y_test=yt, chunk=2)
    calls = []
    watched_ens = MLPEnsemble(**kwargs)
    watched = watched_ens.fit(X, y, epochs=60, lr=0.3, X_test=Xt, y_test=yt, chunk=2,
                              should_stop=lambda: calls.append(1) and False)
    assert len(calls) == 3 * 60 and not watched.stopped_early and not plain.stopped_early  # every epoch of 3 chunks
    np.testing.assert_array_equal(watched.loss, plain.loss)  # bit for bit
    np.testing.assert_array_equal(watched.test_accuracy, plain.test_accuracy)
    for a, b in zip(watched_ens.weights + watched_ens.biases, plain_ens.weights + plain_ens.biases):
        np.testing.assert_array_equal(a, b)
    stopping = MLPEnsemble(**kwargs)
    first = [W.copy() for W in stopping.weights]
    stopped = stopping.fit(X, y, epochs=60, lr=0.3, chunk=2, should_stop=lambda: len(calls.append(1) or calls) > 190)
    assert stopped.stopped_early  # after 10 epochs of the first chunk
    np.testing.assert_array_equal(stopped.loss[:2, :10], plain.loss[:2, :10])
    assert np.isnan(stopped.loss[:2, 10:]).all() and np.isnan(stopped.loss[2:]).all()
    np.testing.assert_array_equal(stopping.weights[0][2:], first[0][2:])  # chunks not reached keep their start
    with pytest.raises(TypeError, match="should_stop must be a function"):
        MLPEnsemble(**kwargs).fit(X, y, epochs=2, should_stop=True)


def test_blas_runs_on_one_thread_in_every_thread_and_can_be_given_back():
    # weightlab.chain: a product waits for a busy core's second thread, so weightlab sets one BLAS thread for the
    # process when imported; a dashboard's background training must see it too
    import threading

    from weightlab import chain
    libs = chain._blas["controller"].lib_controllers
    assert libs, "numpy's BLAS was not found by threadpoolctl"
    assert [lib.num_threads for lib in libs] == [1] * len(libs)
    seen = []
    worker = threading.Thread(target=lambda: seen.append([lib.num_threads for lib in libs]))
    worker.start()
    worker.join()
    assert seen == [[1] * len(libs)]
    try:
        chain.restore_blas_threads()
        assert [lib.num_threads for lib in libs] == chain._blas["original"]
    finally:
        chain.one_blas_thread()
    assert [lib.num_threads for lib in libs] == [1] * len(libs)


def test_recorded_moments_are_numpys_own():
    # the statistics record computes mean and variance without numpy's wrappers: the same numbers, bit for bit,
    # on contiguous arrays and on the strided views it is handed (a gradient block without its bias column)
    from weightlab.mlp import _mean_and_var
    rng = np.random.default_rng(0)
    for _ in range(300):
        a = rng.standard_normal((rng.integers(1, 200), rng.integers(2, 200))) * 10.0 ** rng.integers(-6, 6)
        for view in (a, a[:, :-1], a.T):
            assert _mean_and_var(view) == (float(view.mean()), float(view.var()))
