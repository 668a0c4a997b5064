"""Exercises of notebook 04 (variance through depth)."""
from . import Exercise
from .coding import function
from .judges import number


def _one_layer_variance():
    from ..theory import theory_variance
    return float(theory_variance(1, "linear", 0.2 * 0.2, 100)[0])


def _lecun_relu_decay():
    from ..theory import theory_variance
    q = theory_variance(20, "relu", 1 / 256, 256)
    return q[-1] / q[0]


def _xavier_forward_factor():
    from ..initializers import get_initializer
    return 512 * get_initializer("glorot_normal").variance(512, 256)


def _xavier_backward_factor():
    from ..initializers import get_initializer
    return 256 * get_initializer("glorot_normal").variance(512, 256)


EXERCISES = [
    Exercise("depth.one_layer_variance", "Var(y) for 100 inputs and weight std 0.2",
             number(_one_layer_variance, digits=2,
                    traps=[(lambda: _one_layer_variance() / 0.2, "That uses the weights' standard deviation where the "
                                                                 "formula needs their variance."),
                           (0.04, "That is Var(w) alone: revisit 'One unit: Var(y) = n Var(w) Var(x)'."),
                           (lambda: _one_layer_variance() / 2, "This layer is linear: nothing halves the variance "
                                                               "here. Revisit 'One unit: Var(y) = n Var(w) Var(x)'.")],
                    too_low="Too small: revisit 'One unit: Var(y) = n Var(w) Var(x)'.",
                    too_high="Too large: revisit 'One unit: Var(y) = n Var(w) Var(x)'."),
             _one_layer_variance, wrong=[20.0, 0.04, 2.0, 1.0], expects="a number (2 significant figures)"),
    Exercise("depth.lecun_relu_decay", "Var(z20)/Var(z1) for relu with LeCun's rule",
             number(_lecun_relu_decay, digits=3,
                    traps=[(1.0, "That would be He's rule: revisit what relu does to E[φ(z)²] and why He doubles the "
                                 "variance."),
                           (lambda: _lecun_relu_decay() / 2,
                            "Off by one layer: Var(z₁) is already the first layer's own pre-activation. Which layers "
                            "lie between z₁ and z₂₀?")],
                    too_low="Too small: revisit what one relu layer with LeCun's rule does to the variance ('The three "
                            "rules'), then count the layers the ratio spans.",
                    too_high="Too large: under relu, LeCun's rule does not keep the variance; revisit 'The three "
                             "rules'."),
             _lecun_relu_decay, wrong=[1.0, 0.5**20, 0.5, 0.1], expects="a number (a ratio, 3 significant figures)"),
    Exercise("depth.xavier_forward_factor", "forward variance factor of a 512 -> 256 linear layer with Xavier",
             number(_xavier_forward_factor, digits=3,
                    traps=[(_xavier_backward_factor, "That is the backward factor, which sums over the outputs; "
                                                     "forward sums over the inputs."),
                           (1.0, "1 would be LeCun's rule: Xavier's variance uses both fans."),
                           (2.0, "2 would be He's rule: revisit 'Xavier's compromise: when fan_in ≠ fan_out'."),
                           (lambda: _xavier_forward_factor() / 512, "That is Var(w) itself: what does a layer multiply "
                                                                    "the variance by?")],
                    too_low="Too small: revisit 'Xavier's compromise: when fan_in ≠ fan_out'.",
                    too_high="Too large: revisit 'Xavier's compromise: when fan_in ≠ fan_out'."),
             _xavier_forward_factor, wrong=[2 / 3, 1.0, 2.0, 0.0026, 0.5], expects="a number (3 significant figures)"),
]


# ---- coding exercise ----

def _check_predicted_variance(call):
    import numpy as np

    from ..theory import theory_variance
    from .coding import Wrong, as_array

    cases = [(1, "linear", 0.04, 100), (5, "linear", 1 / 256, 256), (10, "linear", 1.1 / 256, 256),
             (1, "relu", 2 / 256, 256), (20, "relu", 1 / 256, 256), (50, "relu", 2 / 256, 256),
             (3, "relu", 1.0, 1), (30, "relu", 1.0, 256)]
    for depth, activation, weight_var, fan_in in cases:
        text = f"predicted_variance({depth}, {activation!r}, {weight_var:.4g}, {fan_in})"
        q = as_array(call(depth, activation, weight_var, fan_in), text, "the variances of the layers")
        reference = theory_variance(depth, activation, weight_var, fan_in)  # weightlab's mean-field recursion
        if q.ndim == 0 or q.size == 1 and depth > 1:
            raise Wrong(f"{text} returned one number: return one variance per layer, an array of shape ({depth},).")
        if q.shape == (depth + 1,):
            raise Wrong(f"{text} returned {depth + 1} values: start at layer 1's pre-activation z₁, not at the input.")
        if q.shape != (depth,):
            raise Wrong(f"{text} returned shape {q.shape}: one variance per layer, shape ({depth},).")
        if np.allclose(q, reference, rtol=1e-9, atol=0):
            continue
        ratio = q / reference
        layers = np.arange(depth)
        if activation == "relu" and np.allclose(ratio, 2.0**layers, rtol=1e-6):
            raise Wrong(f"{text}: every layer after the first is too large, by 2, 4, 8, ...: revisit what relu does "
                        "to E[φ(z)²] ('Ten layers and fifty layers').")
        if activation == "relu" and np.allclose(ratio, 0.5, rtol=1e-6):
            raise Wrong(f"{text}: every layer is half as large as it should be: the first layer sees the input itself "
                        "(variance 1), not a relu's output.")
        factor = fan_in * weight_var * (0.5 if activation == "relu" and depth > 1 else 1.0)
        if depth > 1 and np.allclose(ratio, factor ** -1.0, rtol=1e-6) or np.allclose(ratio, factor, rtol=1e-6):
            raise Wrong(f"{text}: off by one layer's factor everywhere; q₁ is the variance after the first weight "
                        "matrix.")
        first = int(np.argmax(~np.isclose(q, reference, rtol=1e-9, atol=0)))
        raise Wrong(f"{text}: layer {first + 1}'s variance is {q[first]:.4g}; the recursion of 'Ten layers and fifty "
                    f"layers' gives {reference[first]:.4g}.")
    return ("eight chains, linear and relu, 1 to 50 layers, fan_in 1 to 256; the same variances as "
            "weightlab.theory.theory_variance.")


EXERCISES.append(
    Exercise("depth.predicted_variance_code", "write predicted_variance(depth, activation, weight_var, fan_in)",
             function("predicted_variance", "predicted_variance(depth, activation, weight_var, fan_in)",
                      _check_predicted_variance), None, expects="your function predicted_variance"))
