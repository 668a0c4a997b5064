"""Exercises of notebook 02 (symmetry)."""
from functools import cache

from . import Exercise
from .coding import function
from .judges import choice, number


@cache
def _distinct_units():
    from ..data import load_circles
    from ..experiments import count_distinct_units
    from ..mlp import MLP
    X, y, _, _ = load_circles()
    net = MLP([2, 5, 3, 1], activation="tanh", init="constant", init_options={"value": 0.5})
    net.fit(X, y, epochs=500, lr=0.5)
    return int(count_distinct_units(net)[0])


@cache
def _zero_zero_learns():
    """Which parameters of the relu W=0, b=0 net ever get a gradient over the notebook's successive batches."""
    from ..data import load_circles
    from ..experiments import gradient_flow_cases
    X, y, _, _ = load_circles()
    steps = gradient_flow_cases(X, y, (2, 4, 1), activation="relu", steps=4, lr=0.5, batch_size=64,
                                cases={"W=0, b=0": dict(init="zeros")})["W=0, b=0"]
    moving = {f"{k}{l + 1}" for s in steps for l in range(2) for k, m in (("W", s["weights"]), ("b", s["biases"]))
              if m[l].any()}
    return {frozenset(): "none", frozenset({"b2"}): "b2", frozenset({"W2", "b2"}): "W2 and b2"}.get(
        frozenset(moving), "all")


@cache
def _units_after_w0_brandom():
    """The relu [2, 8, 1] of exercise 3 after training: (number of live units, number of different functions)."""
    import numpy as np

    from ..data import load_circles
    from ..mlp import MLP
    X, y, _, _ = load_circles()
    net = MLP([2, 8, 1], activation="relu", init="zeros", bias_init="random_normal", bias_options={"stddev": 1.0},
              seed=3)
    net.fit(X, y, epochs=1000, lr=0.5)
    params = np.vstack([net.weights[0], net.biases[0], net.weights[1].T])  # one column per hidden unit
    live = (np.maximum(X @ net.weights[0] + net.biases[0], 0) > 0).any(axis=0)  # dead: 0 for every input
    directions = params[:, live] / np.linalg.norm(params[:, live], axis=0)  # a positive multiple: same direction
    return int(live.sum()), len(np.unique(np.round(directions.T, 6), axis=0))


def _effective_units():
    return _units_after_w0_brandom()[1]


EXERCISES = [
    Exercise("symmetry.distinct_units", "distinct units in the first hidden layer after constant-init training",
             number(_distinct_units, digits=None,
                    traps=[(5, "5 is the layer's width: but are its units different from each other? Look at the "
                               "columns of net.weights[0].")],
                    too_low="There is at least one unit.",
                    too_high="More than the symmetry allows: revisit 'Identical units stay identical'."),
             _distinct_units, wrong=[5, 3, 0, 2], expects="a whole number"),
    Exercise("symmetry.zero_zero_learns", "which parameters learn with relu, W=0 and b=0, over successive batches",
             choice(_zero_zero_learns, ["none", "b2", "W2 and b2", "all"], hints={
                 "none": "On a class-balanced batch, yes; but look at the successive batches above: is every "
                         "gradient 0 on every batch?",
                 "W2 and b2": "What does W2's gradient multiply the output error by? Revisit the backward pass at the "
                              "start of 'Three zero-init cases'.",
                 "all": "How would the error reach the hidden layer? Revisit the backward pass at the start of 'Three "
                        "zero-init cases'."}),
             _zero_zero_learns, wrong=["none", "all", "W2 and b2", "W1"], expects='"none", "b2", "W2 and b2" or "all"'),
    Exercise("symmetry.effective_units", "different functions computed by the live relu units after W=0, b random",
             number(_effective_units, digits=None, traps=[
                 (8, "8 is what count_distinct_units says: the columns are not equal. But relu(βz) = β·relu(z): is a "
                     "unit that is a positive multiple of another a different function?"),
                 (lambda: _units_after_w0_brandom()[0], "That is the number of live units. Are they different "
                                                        "functions? Compare their parameters up to a positive factor."),
                 (0, "Some units are alive (those with a positive bias): they compute something.")],
                    too_low="At least one unit is alive.",
                    too_high="Fewer: compare the live units' parameters up to a positive factor, and leave out the "
                             "dead ones."),
             _effective_units, wrong=[8, 0, 5, 2], expects="a whole number"),
]


# ---- coding exercise ----

def _backprop_with(call, net, X, y, what):
    """The gradients of ``net``'s mean loss on (X, y), with the learner's layer_backward for every layer and
    weightlab's activation derivatives between them; the learner's dW and db of each layer, top layer first."""
    import numpy as np

    from ..activations import ACTIVATIONS, sigmoid
    from .coding import Wrong, as_array, expect_shape

    zs, activations = net.forward(X)
    dZ = (sigmoid(zs[-1]) - y[:, None]) / len(y)  # the mean loss's gradient at the output logit, shape (n, 1)
    grads = {}
    for l in reversed(range(net.n_layers)):
        A, W = activations[l], net.weights[l]
        text = f"layer_backward(A, W, dZ) with A of shape {A.shape}, W of shape {W.shape} ({what}, layer {l + 1})"
        inputs = [A.copy(), W.copy(), dZ.copy()]
        result = call(*inputs)
        if any(not np.array_equal(a, b) for a, b in zip(inputs, [A, W, dZ])):
            raise Wrong(f"{text} changed one of its inputs in place (+=, *=, or an assignment into it): build new "
                        "arrays instead, the caller still needs A, W and dZ.")
        if not isinstance(result, (tuple, list)) or len(result) != 3:
            raise Wrong(f"{text} returned {type(result).__name__}: return three arrays, dW, db and dA.")
        dW, db, dA = (as_array(r, text) for r in result)
        if dW.shape == W.shape[::-1] and W.shape[0] != W.shape[1]:
            raise Wrong(f"{text} returned dW of shape {dW.shape}: a gradient has the shape of what it is the gradient "
                        f"of, here W, {W.shape}.")
        expect_shape(dW, W.shape, f"{text} (dW)", ", W's shape")
        if db.size != W.shape[1] and db.shape == dZ.shape:
            raise Wrong(f"{text} returned db of shape {db.shape}, one row per sample: there is one bias per unit, and "
                        "each sample's contribution adds up.")
        expect_shape(db.reshape(-1) if db.size == W.shape[1] else db, (W.shape[1],), f"{text} (db)", ", one per unit")
        expect_shape(dA, A.shape, f"{text} (dA)", ", A's shape: the gradient with respect to the layer's input")
        grads[l] = (dW, db.reshape(-1))
        if l > 0:
            act = ACTIVATIONS[net.activations[l - 1]]
            dZ = dA * act.grad(zs[l - 1], activations[l])
    return grads


def _check_layer_backward(call):
    import numpy as np

    from ..data import load_circles
    from ..mlp import MLP
    from .coding import Wrong

    X, y, _, _ = load_circles()
    nets = [(MLP([2, 4, 1], activation="relu", seed=1), X[:64], y[:64], "a relu net [2, 4, 1]"),
            (MLP([2, 5, 3, 1], activation="tanh", init="glorot_normal", seed=2), X[:1], y[:1],
             "a tanh net [2, 5, 3, 1], one sample"),
            (MLP([2, 6, 6, 1], activation="relu", seed=3), X[:50], y[:50], "a relu net [2, 6, 6, 1], square W"),
            (MLP([2, 8, 1], activation="relu", init="zeros", bias_init="random_normal", bias_options={"stddev": 1.0},
                 seed=3), X, y, "the W=0, b random net of exercise 3")]
    for net, Xs, ys, what in nets:
        mine = _backprop_with(call, net, Xs, ys, what)
        gW, gb = net.gradients(Xs, ys)
        for l in reversed(range(net.n_layers)):
            dW, db = mine[l]
            where = f"for {what}, layer {l + 1}"
            top = l == net.n_layers - 1
            if not np.allclose(db, gb[l], rtol=1e-7, atol=1e-12):
                if np.allclose(db * len(ys), gb[l], rtol=1e-7, atol=1e-12) and len(ys) > 1:
                    raise Wrong(f"db is {len(ys)} times too small {where}: dZ already holds the mean loss's 1/n; "
                                "each sample's contribution adds up.")
                raise Wrong(f"db is wrong {where}" + ("" if top else ": the layers above are right, so the dA "
                                                      "passed down from the layer above is wrong") + ".")
            if not np.allclose(dW, gW[l], rtol=1e-7, atol=1e-12):
                if np.allclose(dW * len(ys), gW[l], rtol=1e-7, atol=1e-12) and len(ys) > 1:
                    raise Wrong(f"dW is {len(ys)} times too small {where}: dZ already holds the mean loss's 1/n.")
                if dW.shape[0] == dW.shape[1] and np.allclose(dW.T, gW[l], rtol=1e-7, atol=1e-12):
                    raise Wrong(f"dW is the transpose of the gradient {where} (the shapes agree only because W is "
                                "square): each weight's gradient pairs the input it reads with the unit it feeds.")
                raise Wrong(f"dW is wrong {where}: each weight's gradient pairs the input it reads with the error of "
                            "the unit it feeds, over all samples.")
    return ("four networks (relu and tanh, one sample to 300, a square W, the zero-weight start), chained through "
            "every layer; dW, db and dA agree with weightlab's MLP.gradients to 1e-7.")


EXERCISES.append(
    Exercise("symmetry.layer_backward_code", "write layer_backward(A, W, dZ), one dense layer's backward pass",
             function("layer_backward", "layer_backward(A, W, dZ)", _check_layer_backward), None,
             expects="your function layer_backward"))
