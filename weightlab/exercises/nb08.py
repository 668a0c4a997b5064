"""Exercises of notebook 08 (into practice)."""
from functools import cache

import numpy as np

from . import Exercise
from .coding import function
from .judges import number

CONV = (3, 48, 64)  #: the convolution of the fans exercise: kernel size k, C_in, C_out


def _kaiming_std(fan_in, fan_out, nonlinearity="relu"):
    from ..initializers import get_initializer
    return get_initializer("kaiming_normal").std(fan_in, fan_out, nonlinearity=nonlinearity)


def _conv_he_std():
    """kaiming_normal_(w, nonlinearity="relu") on a Conv2d(48, 64, 3) weight: fan_in = k·k·C_in."""
    k, c_in, c_out = CONV
    return _kaiming_std(k * k * c_in, c_out)


def _conv_traps():
    from ..initializers import get_initializer
    k, c_in, c_out = CONV
    return [(lambda: _kaiming_std(c_in, c_out),
             "That fan_in counts the input channels only: revisit 'Convolutions: the fans count the kernel's pixels'."),
            (lambda: _kaiming_std(k * k * c_out, c_in),
             "That divides by the fan_out; kaiming_normal_'s default mode keeps the forward signal (fan_in)."),
            (lambda: _kaiming_std(k * k * c_in, c_out, "linear"),
             "That is LeCun's rule, the gain for linear units: which gain does nonlinearity='relu' add?"),
            (lambda: _conv_he_std() ** 2, "That is a variance; the question asks for a standard deviation."),
            (lambda: get_initializer("xavier_normal").std(k * k * c_in, k * k * c_out),
             "That is Glorot's compromise between the fans; He's rule uses one fan.")]


def _bn_net(s):
    """Notebook 8's digits net with batch norm and its hidden weights multiplied by ``s``."""
    from ..data import load_dataset
    from ..mlp import MLP
    net = MLP([64] + [32] * 10 + [10], init="he_normal", seed=0, batchnorm=True)
    for l in range(net.n_layers - 1):
        net.weights[l] = s * net.weights[l]
    return net, load_dataset("digits")


@cache
def _update_ratio(s, lr=0.1):
    """‖lr·∂L/∂W₁‖ / ‖W₁‖ of the batch-norm digits net at its start, hidden weights × s (one full-batch gradient)."""
    net, (X, y, _, _) = _bn_net(s)
    grad = net.gradients(X, y)[0][0]
    return float(lr * np.linalg.norm(grad) / np.linalg.norm(net.weights[0]))


def _bn_ratio_factor():
    return _update_ratio(4.0) / _update_ratio(1.0)


EXERCISES = [
    Exercise("practice.conv_he_std", "std of kaiming_normal_(w, nonlinearity='relu') for Conv2d(48, 64, 3)",
             number(_conv_he_std, digits=3, traps=_conv_traps(),
                    too_low="Too small: revisit which fan He's rule divides by, and what it counts in a convolution "
                            "('Convolutions: the fans count the kernel's pixels').",
                    too_high="Too large: revisit what a convolution's fan_in counts ('Convolutions: the fans count "
                             "the kernel's pixels')."),
             _conv_he_std, wrong=[np.sqrt(2 / 48), np.sqrt(2 / 576), np.sqrt(1 / 432), 2 / 432, 0.1],
             expects="a number (3 significant figures)"),
    Exercise("practice.bn_update_ratio", "factor on W1's update:data ratio when batch norm's hidden weights are × 4",
             number(_bn_ratio_factor, digits=3,
                    traps=[(0.25, "That is what happens to the gradient alone: the ratio also divides by the "
                                  "weights, which grew too."),
                           (4.0, "Batch norm makes the loss blind to the scale: revisit which way the gradient of "
                                 "a normalized layer moves when its weights grow ('Batch normalization, trained')."),
                           (16.0, "Under batch norm, larger weights get smaller gradients: revisit which way the "
                                  "ratio moves when s grows."),
                           (1.0, "The forward pass does not change, but the gradient and the weights do: revisit "
                                 "'Batch normalization, trained'.")],
                    too_low="Too small: count the factors of s once each, in the gradient and in the weights.",
                    too_high="Too large: revisit how the gradient of a normalized layer scales with s ('Batch "
                             "normalization, trained')."),
             _bn_ratio_factor, wrong=[0.25, 4.0, 16.0, 1.0, 0.5], expects="a number (3 significant figures)"),
]


# ---- coding exercise ----

def _loss_cases():
    """(net, X, y, what) for the initial-loss check: nets of 10, 3 and 2 classes (the last a single sigmoid unit)."""
    from ..data import load_circles, load_digits
    from ..mlp import MLP

    X, y, _, _ = load_digits(n_train=300, n_test=10, seed=4)
    few = y < 3
    Xc, yc, _, _ = load_circles(n_train=200, n_test=10, seed=4)
    cases = []
    for factor, what in [(1.0, "He's weights"), (10.0, "its last layer × 10"), (0.0, "its last layer 0")]:
        net = MLP([64, 32, 32, 10], seed=5)
        net.weights[-1] = factor * net.weights[-1]
        cases.append((net, X, y, f"a 10-class digits net with {what}"))
    cases.append((MLP([64, 16, 3], seed=6), X[few], y[few], "a 3-class net on the digits 0, 1 and 2"))
    cases.append((MLP([2, 8, 1], seed=7, scale=3.0), Xc, yc, "a circles net with one sigmoid output unit"))
    return cases


def _check_initial_loss(call):
    from ..outputs import Output
    from .coding import Wrong, as_array

    for net, X, y, what in _loss_cases():
        text = f"initial_loss_check(net, X, y) for {what}"
        before = net.flat_parameters()
        result = as_array(call(net, X.copy(), y.copy()), text, "a number")
        if result.size != 1:
            raise Wrong(f"{text} returned shape {result.shape}: return one number, the gap of the mean loss.")
        if not np.array_equal(net.flat_parameters(), before):
            raise Wrong(f"{text} changed the network's weights: the check only looks at the untrained net, it does "
                        "not train it.")
        value, loss, k = float(result.reshape(-1)[0]), net.loss(X, y), net.n_classes
        reference = loss - Output.chance_loss(k)
        if np.isclose(value, reference, rtol=1e-9, atol=1e-9):
            continue
        if np.isclose(value, loss, rtol=1e-9, atol=1e-9):
            if net.layer_sizes[-1] == 1:
                raise Wrong(f"{text} returned the loss itself: a single sigmoid unit still chooses between two "
                            "classes, so its chance level is not 0.")
            raise Wrong(f"{text} returned the loss itself: the check asks how far it lies above the chance level.")
        if np.isclose(value, -reference, rtol=1e-9, atol=1e-9):
            raise Wrong(f"{text} returned {value:.4g}, the right size with the wrong sign: a net that starts above "
                        "the chance level has a positive gap.")
        if np.isclose(value, loss - np.log(10), rtol=1e-9, atol=1e-9):
            raise Wrong(f"{text} used the chance level of ten classes: this net has {k}. Read the number of classes "
                        "from the net itself.")
        if any(np.isclose(value, loss - log(k), rtol=1e-9, atol=1e-9) for log in (np.log2, np.log10)):
            raise Wrong(f"{text} measured the chance level in another base: the cross-entropy uses the natural "
                        "logarithm.")
        raise Wrong(f"{text} returned {value:.6g}: that is not the mean loss minus the chance level log k (revisit "
                    "'The initial-loss check').")
    return "nets of 10, 3 and 2 classes (one sigmoid unit), with large, usual and zero last layers; the exact gap " \
           "to log k every time, and the weights left as they were."


EXERCISES += [
    Exercise("practice.initial_loss_check_code", "write initial_loss_check(net, X, y): the gap to log k",
             function("initial_loss_check", "initial_loss_check(net, X, y)", _check_initial_loss), None,
             expects="your function initial_loss_check"),
]
