"""Exercises of notebook 04 (variance through depth)."""
from . import Exercise
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
                           (lambda: _lecun_relu_decay() / 2, "Off by one layer: Var(z₁) is already the first layer's "
                                                             "own pre-activation. Which layers lie between z₁ and z₂₀?")],
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
