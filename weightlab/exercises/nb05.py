"""Exercises of notebook 05 (the initializer zoo)."""
import numpy as np

from . import Exercise
from .coding import function
from .judges import number


def _entry(name):
    from ..initializers import get_initializer
    return get_initializer(name)


def _glorot_limit():
    return float(_entry("glorot_uniform").bounds(300, 100)[1])


def _pytorch_bound():
    return float(_entry("pytorch_linear").bounds(400, 100)[1])


def _truncated_std():
    return _entry("truncated_normal").std(256, 256, stddev=0.1)


EXERCISES = [
    Exercise("zoo.glorot_uniform_limit", "glorot_uniform's bound for fan_in 300, fan_out 100",
             number(_glorot_limit, digits=3,
                    traps=[(lambda: _entry("glorot_uniform").std(300, 100),
                            "That is the standard deviation; a uniform's bound lies further out (revisit 'Uniform or "
                            "normal, with the same variance')."),
                           (np.sqrt(6 / 300), "Glorot's bound uses both fans, not fan_in alone: check the "
                                              "catalogue's formula."),
                           (np.sqrt(6 / 200), "Check which combination of the two fans Glorot's uniform bound uses "
                                              "(the catalogue's formula).")],
                    too_low="Too small: check glorot_uniform's formula in the catalogue.",
                    too_high="Too large: check glorot_uniform's formula in the catalogue."),
             _glorot_limit, wrong=[np.sqrt(2 / 400), np.sqrt(6 / 300), np.sqrt(6 / 200), 0.5],
             expects="a number (3 significant figures)"),
    Exercise("zoo.pytorch_linear_bound", "nn.Linear(400, 100)'s bound",
             number(_pytorch_bound, digits=3,
                    traps=[(lambda: _entry("pytorch_linear").bounds(100, 400)[1],
                            "That uses fan_out: nn.Linear's default uses fan_in."),
                           (lambda: _entry("he_uniform").bounds(400, 100)[1],
                            "That is He's uniform bound; revisit PyTorch's default gain, with a = √5 ('PyTorch's "
                            "names and gains')."),
                           (lambda: _entry("lecun_uniform").bounds(400, 100)[1],
                            "That is LeCun's uniform bound; revisit PyTorch's default gain, with a = √5 ('PyTorch's "
                            "names and gains')."),
                           (lambda: _pytorch_bound() ** 2, "That is a squared quantity: a bound is in the weights' "
                                                           "own units.")],
                    too_low="Too small: revisit nn.Linear's default in 'PyTorch's names and gains'.",
                    too_high="Too large: revisit nn.Linear's default in 'PyTorch's names and gains'."),
             _pytorch_bound, wrong=[0.1, np.sqrt(6 / 400), np.sqrt(3 / 400), 1 / 400],
             expects="a number (3 significant figures)"),
    Exercise("zoo.truncated_std", "the real std of Keras' TruncatedNormal(stddev=0.1)",
             number(_truncated_std, digits=3,
                    traps=[(0.1, "0.1 is the nominal stddev: cutting the tails removes spread, and Keras' plain "
                                 "truncated_normal does not correct for it."),
                           (lambda: 0.1 / (_truncated_std() / 0.1),
                            "That applies the correction of the variance-scaling rules; the plain truncated_normal "
                            "has none (revisit 'Truncated normals and Keras' 0.8796')."),
                           (lambda: _truncated_std() ** 2, "That is a variance: give the standard deviation.")],
                    too_low="Too small: revisit 'Truncated normals and Keras' 0.8796', then measure a draw.",
                    too_high="Too large: cutting the tails makes the spread smaller than the nominal stddev; revisit "
                             "'Truncated normals and Keras' 0.8796'."),
             _truncated_std, wrong=[0.1, 0.1 / 0.8796, 0.8796**2 * 0.01, 0.05],
             expects="a number (3 significant figures)"),
]


# ---- coding exercise ----

def _check_orthogonal(call):
    from .coding import Wrong, as_array, check_rng_discipline, expect_finite

    for fan_in, fan_out in [(5, 5), (50, 20), (20, 50), (1, 1), (1, 6), (6, 1)]:
        text = f"orthogonal({fan_in}, {fan_out}, rng)"
        W = as_array(call(fan_in, fan_out, np.random.default_rng(fan_in * 100 + fan_out)), text, "a weight matrix")
        if W.shape != (fan_in, fan_out):
            why = (" QR of a wide matrix gives a square Q: revisit how the catalogue's orthogonal handles fan_in < "
                   "fan_out." if fan_in < fan_out and W.shape == (fan_in, fan_in) else "")
            raise Wrong(f"{text} returned shape {W.shape}; W must be (fan_in, fan_out), one row per input.{why}")
        expect_finite(W, text)
        small = min(fan_in, fan_out)
        gram = W.T @ W if fan_in >= fan_out else W @ W.T  # the smaller of the two Gram matrices
        if not np.allclose(gram, np.eye(small), atol=1e-8):
            side = "columns" if fan_in >= fan_out else "rows"
            if np.allclose(gram, np.diag(np.diag(gram)), atol=1e-8):
                raise Wrong(f"The {side} of {text} are orthogonal but not of length 1: normalise them.")
            raise Wrong(f"The {side} of {text} are not orthonormal (Wᵀ W should be the identity for fan_in ≥ "
                        "fan_out, W Wᵀ for fan_in < fan_out): revisit 'Orthogonal and identity'.")
    check_rng_discipline(lambda rng: call(6, 4, rng), "orthogonal(6, 4, rng)")
    rng = np.random.default_rng(99)
    corners = np.array([as_array(call(3, 3, rng), "orthogonal(3, 3, rng)")[0, 0] for _ in range(200)])
    share = float(np.mean(corners > 0))
    if not 0.3 < share < 0.7:  # 200 fair coin flips: 0.5 ± 0.035
        sign = "positive" if share > 0.5 else "negative"
        raise Wrong(f"W[0, 0] was {sign} in {max(share, 1 - share):.0%} of 200 draws of orthogonal(3, 3, rng): your "
                    "matrices are orthogonal, but not uniformly random. numpy's QR fixes a sign convention; revisit "
                    "the catalogue's formula for orthogonal (the signs of diag(R)).")
    ref = _entry("orthogonal")
    W = as_array(call(64, 32, np.random.default_rng(5)), "orthogonal(64, 32, rng)")
    if not np.isclose(np.mean(W**2), ref.variance(64, 32), rtol=1e-9):
        raise Wrong("The mean square of orthogonal(64, 32, rng) is not 1/max(fan_in, fan_out), as an orthonormal "
                    "matrix's is.")
    return ("square, tall, wide and 1-wide shapes, several seeds, 200 draws of a 3 × 3; orthonormal columns or rows, "
            "drawn from the rng alone, and uniformly random like weightlab's orthogonal.")


EXERCISES.append(
    Exercise("zoo.orthogonal_code", "write orthogonal(fan_in, fan_out, rng), a uniformly random orthogonal W",
             function("orthogonal", "orthogonal(fan_in, fan_out, rng)", _check_orthogonal), None,
             expects="your function orthogonal"))
