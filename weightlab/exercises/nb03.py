"""Exercises of notebook 03 (scale)."""
import numpy as np

from . import Exercise
from .coding import Wrong, as_array, check_rng_discipline, expect_finite, expect_shape, function, judge_weights
from .judges import number


def _he(fan_in, fan_out, **options):
    from ..initializers import get_initializer
    return get_initializer("kaiming_normal").std(fan_in, fan_out, nonlinearity="relu", **options)


def _he_std():
    return _he(10, 5)


def _sigmoid_max_slope():
    from ..activations import ACTIVATIONS
    act = ACTIVATIONS["sigmoid"]
    z = np.linspace(-10, 10, 20001)
    return float(np.max(act.grad(z, act.f(z))))


def _logit_factor():
    """Ratio of the x10 start's logits to the plain randn start's (the same draws): relu is positively homogeneous,
    so each of the three weight matrices contributes its factor 10."""
    from ..data import load_circles
    from ..experiments import course_weights
    from ..mlp import MLP
    X = load_circles()[0]
    logits = []
    for kind in ("large", "randn"):
        net = MLP([2, 10, 5, 1], activation="relu", init="zeros")
        net.weights = course_weights(net.layer_sizes, kind, factor=1.0)
        logits.append(net.forward(X)[0][-1])
    return float(np.median(logits[0] / logits[1]))


def _lecun_std():
    from ..initializers import get_initializer
    return get_initializer("lecun_normal").std(10, 5)


EXERCISES = [
    Exercise("scale.he_std", "He's standard deviation for fan_in = 10",
             number(_he_std, digits=3,
                    traps=[(lambda: _he(10, 5, mode="fan_out"), "That uses fan_out: He's rule divides by fan_in."),
                           (lambda: _he_std() ** 2, "That is a variance; the question asks for a standard deviation."),
                           (_lecun_std, "That is LeCun's rule: revisit why relu needs He's factor.")],
                    too_low="Too small: revisit He's rule in the table of 'The course experiment'.",
                    too_high="Too large: revisit He's rule in the table of 'The course experiment'."),
             _he_std, wrong=[np.sqrt(2 / 5), 0.2, np.sqrt(0.1), 1.0], expects="a number (3 significant figures)"),
    Exercise("scale.sigmoid_max_slope", "the largest slope of the sigmoid",
             number(_sigmoid_max_slope, digits=2,
                    traps=[(1.0, "1 is tanh's largest slope; the sigmoid is flatter. Revisit the slope curves of "
                                 "'Why large weights hurt: saturation'."),
                           (0.5, "0.5 is σ(0), the value, not the slope.")],
                    too_low="Too small: look for the steepest point of the sigmoid, and its slope there.",
                    too_high="Too large: look for the steepest point of the sigmoid, and its slope there."),
             _sigmoid_max_slope, wrong=[1.0, 0.5, 0.1], expects="a number (2 significant figures)"),
    Exercise("scale.logit_factor", "how much larger the x10 start's logits are than plain randn's",
             number(_logit_factor, digits=3,
                    traps=[(10.0, "That is one layer's factor: what happens to it in the layers after? relu is "
                                  "positively homogeneous, relu(c·z) = c·relu(z) for c > 0."),
                           (30.0, "Scaling factors compound from layer to layer; they do not add."),
                           (100.0, "Count the weight matrices the signal crosses, not the hidden layers.")],
                    too_low="Too small: revisit how a factor on every weight matrix passes through relu layers.",
                    too_high="Too large: revisit how a factor on every weight matrix passes through relu layers, "
                             "and count the matrices."),
             _logit_factor, wrong=[10.0, 30.0, 100.0, 10000.0], expects="a number (3 significant figures)"),
]


# ---- coding exercises ----

def _he_variance(fan_in, fan_out):
    """Var(w) of He et al.'s normal, from weightlab's table: PyTorch's kaiming_normal_ for relu."""
    from ..initializers import get_initializer
    return get_initializer("kaiming_normal").variance(fan_in, fan_out, nonlinearity="relu")


def _check_he_normal(call):
    for fan_in, fan_out in [(1, 1), (3, 7), (7, 3), (1, 50), (50, 1)]:
        text = f"he_normal({fan_in}, {fan_out}, rng)"
        W = as_array(call(fan_in, fan_out, np.random.default_rng(fan_in + fan_out)), text, "a weight matrix")
        if W.shape == (fan_out, fan_in) and fan_in != fan_out:
            raise Wrong(f"{text} returned shape {W.shape}: in WeightLab, W has one row per input, shape (fan_in, "
                        "fan_out) (PyTorch stores the transpose).")
        expect_shape(W, (fan_in, fan_out), text)
        expect_finite(W, text)
    check_rng_discipline(lambda rng: call(30, 20, rng), "he_normal(30, 20, rng)")
    for fan_in, fan_out in [(400, 100), (100, 400)]:
        text = f"he_normal({fan_in}, {fan_out}, rng)"
        W = as_array(call(fan_in, fan_out, np.random.default_rng(fan_in)), text, "a weight matrix")
        expect_shape(W, (fan_in, fan_out), text)
        variance = _he_variance(fan_in, fan_out)
        judge_weights(W, variance, text, "He's rule", mistakes=[
            (fan_in / fan_out, "did you use fan_out? He's rule keeps the forward signal, so it divides by fan_in."),
            (0.5, "that is LeCun's variance: revisit why relu needs twice as much."),
            (2.0, "revisit the factor in He's rule: relu halves E[z²] once, so the rule doubles it once."),
            (2 * fan_in / (fan_in + fan_out) / 2, "that is Glorot's compromise between the fans; He's rule uses fan_in "
                                                  "alone."),
            (variance, "rng.normal's second argument is a standard deviation, and you gave it a variance.")])
    return ("shapes from 1 × 1 to 400 × 100 and several seeds; W is (fan_in, fan_out), drawn from the rng alone, "
            "normal, with mean 0 and variance 2/fan_in.")


def _bce_reference(z, y):
    """The mean binary cross-entropy of logits z, from weightlab's own network: a 1 -> 1 net with weight 1 and bias 0
    outputs z itself as its logit."""
    from ..mlp import MLP
    net = MLP([1, 1], init="ones", bias_init="zeros")
    return net.loss(np.asarray(z, dtype=float).reshape(-1, 1), y)


def _check_bce(call):
    rng = np.random.default_rng(3)
    cases = [(rng.normal(0, 2, 50), rng.integers(0, 2, 50).astype(float), "50 logits between −6 and 6"),
             (np.array([0.0]), np.array([1.0]), "one logit, 0"),
             (np.array([40.0, -40.0]), np.array([0.0, 1.0]), "z = ±40, each on the wrong side"),
             (np.array([800.0, -800.0, 800.0]), np.array([0.0, 1.0, 1.0]), "z = ±800"),
             (np.array([1e300, -1e300]), np.array([0.0, 0.0]), "z = ±1e300")]
    for z, y, what in cases:
        text = f"bce_from_logits(z, y) with {what}"
        result = call(z.copy(), y.copy())
        loss = as_array(result, text, "the mean loss")
        if loss.size == z.size and z.size > 1:
            raise Wrong(f"{text} returned one loss per sample (shape {loss.shape}): return their mean, one number.")
        if loss.size != 1:
            raise Wrong(f"{text} returned shape {loss.shape}: return the mean loss, one number.")
        value, reference = float(loss.reshape(-1)[0]), _bce_reference(z, y)
        if not np.isfinite(value):
            raise Wrong(f"{text} returned {value}: a sigmoid of such a z rounds to exactly 0 or 1 in float64, and its "
                        "log is −inf (or e^z overflows). Revisit 'Why the course printed inf': the loss can be "
                        "written from z itself, and log(1 + e^z) computed without overflow.")
        if np.isclose(value, reference * z.size, rtol=1e-6) and z.size > 1:
            raise Wrong(f"{text} returned the sum of the losses: return their mean.")
        if not np.isclose(value, reference, rtol=1e-7, atol=1e-12):
            if value < reference:
                raise Wrong(f"{text} returned {value:.6g}, less than the true mean loss: a confident mistake must cost "
                            "as much as it is wrong (clipping the probability hides that).")
            raise Wrong(f"{text} returned {value:.6g}: that is not the mean binary cross-entropy of these logits.")
    return "five batches, logits from 0 to ±1e300; the exact mean loss every time, never inf or NaN."


EXERCISES += [
    Exercise("scale.he_normal_code", "write he_normal(fan_in, fan_out, rng)",
             function("he_normal", "he_normal(fan_in, fan_out, rng)", _check_he_normal), None,
             expects="your function he_normal"),
    Exercise("scale.bce_code", "write bce_from_logits(z, y) that never overflows",
             function("bce_from_logits", "bce_from_logits(z, y)", _check_bce), None,
             expects="your function bce_from_logits"),
]
