"""Weight initializers, one table: Keras 3's catalogue and PyTorch's ``torch.nn.init``, with their own names.
(Not here: PyTorch's ``dirac_`` and Keras' ``STFT``, which fill convolution kernels, not a dense layer's W.)

A layer computes ``X @ W + b`` with ``W`` of shape ``(fan_in, fan_out)``. Each entry of ``INITIALIZERS`` is an
:class:`Initializer` that draws ``W`` (``sample``) and states the facts of one entry of ``W``: its theoretical
``mean``, ``variance`` and ``std``, its ``distribution`` ("normal", "truncated_normal", "uniform",
"sparse_normal", "constant" or "matrix"), its ``bounds`` and its ``density``, and the ``family`` it belongs to (one
of ``FAMILIES``). A notebook can put the formula next to a histogram of the draw, a plot can colour it by family and
draw its density, without parsing the formula. Dropdowns, tests and docs all iterate this one table; ``ALIASES`` adds other spellings
(``kaiming_normal_``, ``he``, ...). The distributions themselves live in ``weightlab._distributions``.

Each entry follows its framework's definition and defaults exactly (``framework`` says which), with two conventions
of WeightLab's own:

* ``scale`` is the notebooks' slider: it multiplies the drawn ``W``, so the std by ``scale`` and the variance by
  ``scale²``. Keras' ``VarianceScaling(scale=...)`` option is therefore called ``variance_scale`` here.
* PyTorch stores a Linear weight as (out, in) where WeightLab uses (in, out); the fans mean the same thing.

Randomness comes only from ``rng`` (an int seed or a ``np.random.Generator``); numpy's global state is never used.
Names are matched without regard to case ("He", "Xavier", "HE_NORMAL"). A draw is refused at once past
``MAX_PARAMETERS`` entries; a theoretical variance beyond float64's range (about 1.8e308, e.g. ``scale=1e200``) is
returned as inf, as numpy would, while ``std`` stays exact (``sqrt(variance) * scale``).
"""
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from types import MappingProxyType

import numpy as np

from ._distributions import Constant, Identity, Normal, Orthogonal, SparseNormal, Uniform
from ._validate import check_choice, check_float, check_int, check_rng

__all__ = ["ALIASES", "BIAS_INITS", "DISTRIBUTIONS", "FAMILIES", "INITIALIZERS", "KERAS_TRUNCATED_STD",
           "MAX_PARAMETERS", "Initializer", "calculate_gain", "get_initializer", "init_variance", "initialize",
           "initialize_bias"]

#: Keras' correction constant: the std of a standard normal truncated to [-2, 2]. Keras divides by it so that
#: variance_scaling's truncated normal ends with exactly the intended std after truncation.
KERAS_TRUNCATED_STD = 0.87962566103423978

#: the most entries one draw may have (fan_in·fan_out for W, fan_out for a bias): 160 MB of float64. Past it a typo
#: (an extra zero in a fan) would allocate until the kernel dies, so it is refused at once. ``weightlab.mlp`` caps a
#: network's parameter count with the same number.
MAX_PARAMETERS = 20_000_000

#: the initializer families, each one scheme under Keras' and PyTorch's names (``Initializer.family``), in the order
#: in which the plots hand out their palette's colours
FAMILIES = ("he", "glorot", "fixed", "constant", "lecun", "orthogonal", "identity", "variance_scaling",
            "pytorch_linear", "sparse")

#: what ``Initializer.distribution`` can answer: how one entry of W is drawn ("sparse_normal": a normal with a fixed
#: number of zeros in every row; "matrix": not entry by entry)
DISTRIBUTIONS = ("normal", "truncated_normal", "uniform", "sparse_normal", "constant", "matrix")

# torch.nn.init.calculate_gain's table; leaky_relu's gain depends on its negative slope (see calculate_gain).
_GAINS = {**dict.fromkeys(["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
                           "conv_transpose3d", "sigmoid"], 1.0),
          "tanh": 5.0 / 3, "relu": math.sqrt(2.0), "leaky_relu": None, "selu": 3.0 / 4}


def calculate_gain(nonlinearity, param=None):
    """PyTorch's recommended gain for a nonlinearity (``torch.nn.init.calculate_gain``), exactly.

    1 for linear, conv* and sigmoid; 5/3 for tanh; √2 for relu; √(2 / (1 + slope²)) for leaky_relu with
    slope = ``param`` (0.01 when None, as PyTorch); 3/4 for selu (PyTorch itself advises ``"linear"`` for
    self-normalizing SELU nets). ``param`` is ignored for the others.
    """
    check_choice(nonlinearity, "nonlinearity", _GAINS)
    if nonlinearity != "leaky_relu":
        return _GAINS[nonlinearity]
    slope = 0.01 if param is None else check_float(param, "param")
    return math.sqrt(2.0 / (1.0 + slope * slope))


# ---- the rules that pick a distribution from the fans ----

def _zero_mean(variance, distribution):
    """A zero-mean distribution with the given variance, as Keras' VarianceScaling builds it."""
    if distribution == "uniform":
        limit = math.sqrt(3.0 * variance)
        return Uniform(-limit, limit)
    if distribution == "truncated_normal":  # widen first, so the std after cutting at ±2σ is √variance
        sigma = math.sqrt(variance) / KERAS_TRUNCATED_STD
        return Normal(0.0, sigma, -2.0 * sigma, 2.0 * sigma)
    return Normal(0.0, math.sqrt(variance))


_FAN = {"fan_in": lambda fan_in, fan_out: fan_in,
        "fan_out": lambda fan_in, fan_out: fan_out,
        "fan_avg": lambda fan_in, fan_out: (fan_in + fan_out) / 2}


def _variance_scaling(fan_in, fan_out, variance_scale, mode, distribution):
    return _zero_mean(variance_scale / max(1.0, _FAN[mode](fan_in, fan_out)), distribution)


def _xavier(fan_in, fan_out, gain, distribution):
    return _zero_mean(gain * gain * 2.0 / (fan_in + fan_out), distribution)


def _sparse(fan_in, fan_out, sparsity, std):
    """PyTorch's sparse_: ``int(math.ceil(sparsity * rows))`` zeros in each column of its (out, in) weight, whose
    ``rows`` are our fan_out, in float64 as PyTorch computes it (sparsity 0.07 of 100 is 8 zeros: 0.07·100 =
    7.000000000000001). A single output unit (fan_out = 1) gets all its weights zeroed by any sparsity > 0."""
    return SparseNormal(std, int(math.ceil(sparsity * fan_out)), fan_out)


def _kaiming(fan_in, fan_out, a, mode, nonlinearity, distribution):
    gain = calculate_gain(nonlinearity, a)
    return _zero_mean(gain * gain / _FAN[mode](fan_in, fan_out), distribution)


# ---- the Initializer record and its checks ----

_POSITIVE = {"stddev", "std", "variance_scale", "gain"}  # numeric options that must be > 0
_FRACTIONS = {"sparsity"}  # numeric options in [0, 1]; the others: any finite number
_ORDERED = [("minval", "maxval"), ("a", "b")]  # when an initializer has both, the first must be < the second


def _check_option(name, value, choices):
    """One option's value: one of ``choices[name]`` if it has choices, else a finite number (> 0 if in _POSITIVE)."""
    if name in choices:
        return check_choice(value, name, choices[name])
    if name in _FRACTIONS:
        return check_float(value, name, minimum=0.0, maximum=1.0)
    return check_float(value, name, minimum=0.0, strict_min=True) if name in _POSITIVE else check_float(value, name)


@dataclass(frozen=True)
class Initializer:
    """One weight initializer: how to draw W of shape (fan_in, fan_out), and the facts of one entry of W.

    ``name`` is the table key; ``framework`` ("keras" or "pytorch") says whose name, definition and defaults it
    follows; ``family`` which scheme it is (one of ``FAMILIES``: Keras' he_normal and PyTorch's kaiming_normal are
    both "he"); ``summary`` says in one line what it is for; ``sampling`` how W is drawn and ``variance_formula`` the
    variance of one entry (with its mean where that is not 0), joined in ``formula``; ``source`` the paper or
    framework doc. ``defaults`` maps each option to its default, ``choices`` each string option to the values it
    accepts (for dropdowns). Print an entry to read all of it.

    ``mean``/``variance``/``std`` are the theoretical moments of one entry, ``scale`` included. For the fixed
    matrices (identity, eye, constants) they are the mean and variance of the population of entries, so they
    equal ``W.mean()`` and ``W.var()`` exactly; for orthogonal, E[w] = 0 and the variance gain²/max(fan_in, fan_out)
    is also the exact mean square of every draw. ``distribution``, ``bounds`` and ``density`` say how one entry is
    distributed, from the same law that draws it (``weightlab._distributions``).
    """
    name: str
    framework: str
    family: str
    summary: str
    sampling: str
    variance_formula: str
    source: str
    defaults: Mapping = field(default_factory=dict)
    choices: Mapping = field(default_factory=dict)
    _law: Callable = field(default=None, repr=False, compare=False)  # (fan_in, fan_out, **options) -> a law

    def __post_init__(self):
        if self.family not in FAMILIES:
            raise ValueError(f"{self.name}: family {self.family!r} is not one of FAMILIES {FAMILIES}")
        object.__setattr__(self, "defaults", MappingProxyType(dict(self.defaults)))
        object.__setattr__(self, "choices", MappingProxyType(dict(self.choices)))

    @property
    def formula(self):
        """How W is drawn and the variance of one entry, for display: ``sampling;  variance_formula``."""
        return f"{self.sampling};  {self.variance_formula}"

    def __str__(self):
        options = ", ".join(f"{k}={v!r}" for k, v in self.defaults.items())
        return f"{self.name}({options}) [{self.framework}]: {self.summary}\n  {self.formula}\n  Source: {self.source}"

    def sample(self, fan_in, fan_out, rng, scale=1.0, **options):
        """Draw W: a float64 array of shape (fan_in, fan_out), multiplied by ``scale``."""
        return self._draw(fan_in, fan_out, rng, scale, options, bias=False)

    def mean(self, fan_in, fan_out, scale=1.0, **options):
        """Theoretical mean of one entry of W (``scale`` included)."""
        return self._stats(fan_in, fan_out, scale, options)[0]

    def variance(self, fan_in, fan_out, scale=1.0, **options):
        """Theoretical variance of one entry of W (``scale²`` included)."""
        return self._stats(fan_in, fan_out, scale, options)[1]

    def std(self, fan_in, fan_out, scale=1.0, **options):
        """Theoretical standard deviation of one entry of W (``scale`` included): √variance of the unscaled law
        times ``scale``, so it stays finite where the variance itself leaves float64's range."""
        law, scale = self._entry_law(fan_in, fan_out, scale, options)
        with np.errstate(over="ignore"):
            return math.sqrt(float(law.moments()[1])) * scale

    def distribution(self, fan_in, fan_out, **options):
        """How one entry of W is drawn with these fans and options, one of ``DISTRIBUTIONS``: "normal",
        "truncated_normal", "uniform", "sparse_normal" (sparse: a normal, with a fixed number of zeros in every row),
        "constant", or "matrix" for the whole-matrix initializers (orthogonal, identity, eye), whose entries are not
        independent draws. Options matter: variance_scaling's ``distribution="uniform"`` is "uniform"."""
        return self._entry_law(fan_in, fan_out, 1.0, options)[0].kind

    def bounds(self, fan_in, fan_out, scale=1.0, **options):
        """(lo, hi): the interval one entry of W lies in, ``scale`` included.

        (-inf, inf) for an untruncated normal (sparse's too); the truncation interval for a truncated normal; (lo, hi)
        for a uniform; (v, v) for a constant v. For the whole-matrix initializers, the smallest and largest value an entry
        can take: (-gain, gain) for orthogonal (an orthonormal row or column has entries in [-1, 1]), (0, gain) for
        identity and eye (entries are 0 or gain).
        """
        law, scale = self._entry_law(fan_in, fan_out, scale, options)
        if scale == 0.0:
            return 0.0, 0.0
        lo, hi = law.bounds()
        return float(lo * scale), float(hi * scale)

    def density(self, x, fan_in, fan_out, scale=1.0, **options):
        """The theoretical density of one entry of W at ``x``: a float64 array of x's shape, ``scale`` included.

        A normal's pdf (a truncated normal's renormalised by its mass inside the bounds, 0 outside); a uniform's
        1/(hi − lo) inside, 0 outside; for sparse, whose entries are exactly 0 with probability p, the density of the
        nonzero ones times their share, (1 − p)·φ(x/std)/std, which integrates to 1 − p. None where an entry has no
        density: constants, the whole-matrix initializers, sparsity 1 and ``scale=0`` (every entry is 0).
        """
        law, scale = self._entry_law(fan_in, fan_out, scale, options)
        pdf = law.pdf(np.asarray(x, dtype=np.float64) / scale) if scale > 0.0 else None
        return None if pdf is None else pdf / scale

    def _entry_law(self, fan_in, fan_out, scale, options):
        fan_in, fan_out, scale, options = self._check(fan_in, fan_out, scale, options)
        return self._law(fan_in, fan_out, **options), scale

    def _draw(self, fan_in, fan_out, rng, scale, options, bias):
        law, scale = self._entry_law(fan_in, fan_out, scale, options)
        shape = (fan_out,) if bias else (fan_in, fan_out)
        size = math.prod(shape)
        if size > MAX_PARAMETERS:
            what = f"a bias of {fan_out:,} entries" if bias else \
                f"a {fan_in:,} × {fan_out:,} weight matrix has {size:,} entries, which"
            raise ValueError(f"{what} is more than this library's limit of {MAX_PARAMETERS:,} "
                             "(weightlab.initializers.MAX_PARAMETERS, 160 MB of float64): use smaller fans")
        rng = check_rng(rng, "rng")
        try:
            with np.errstate(over="ignore", invalid="ignore"):
                W = np.asarray(law.sample(rng, shape), dtype=np.float64) * scale
        except OverflowError:  # numpy's uniform refuses a range wider than float64's
            W = np.array([np.inf])
        if not np.isfinite(W).all():
            call = ", ".join([f"scale={scale:g}"] + [f"{k}={v!r}" for k, v in options.items()])
            raise ValueError(f"{self.name}({call}) draws numbers beyond float64's range (about ±1.8e308): one entry's "
                             f"std is {self.std(fan_in, fan_out, scale, **options):.3g}; use a smaller scale or std")
        return W

    def _stats(self, fan_in, fan_out, scale, options):
        law, scale = self._entry_law(fan_in, fan_out, scale, options)
        with np.errstate(over="ignore"):
            mean, variance = (float(moment) for moment in law.moments())
        return mean * scale, variance * scale * scale  # Python floats: inf past float64's range, no OverflowError

    def _check(self, fan_in, fan_out, scale, options):
        fan_in = check_int(fan_in, "fan_in", minimum=1)
        fan_out = check_int(fan_out, "fan_out", minimum=1)
        scale = check_float(scale, "scale", minimum=0.0)
        unknown = sorted(set(options) - set(self.defaults))
        if unknown:
            allowed = ", ".join(self.defaults) or "none"
            raise TypeError(f"{self.name} got unknown option(s) {', '.join(unknown)}; allowed options: {allowed}")
        options = {key: _check_option(key, value, self.choices) for key, value in {**self.defaults, **options}.items()}
        for low, high in _ORDERED:
            if low in options and high in options and not options[low] < options[high]:
                raise ValueError(f"{low} must be < {high}, got {low}={options[low]} and {high}={options[high]}")
            if low in options and high in options and not math.isfinite(options[high] - options[low]):
                raise ValueError(f"{high} − {low} must be a finite number, got {low}={options[low]} and "
                                 f"{high}={options[high]}, an interval wider than float64's range")
        return fan_in, fan_out, scale, options


# ---- the table ----

_LECUN = ("LeCun, Bottou, Orr & Müller 1998, 'Efficient BackProp'; "
          "Klambauer, Unterthiner, Mayr & Hochreiter 2017, 'Self-Normalizing Neural Networks', NeurIPS")
_GLOROT = "Glorot & Bengio 2010, 'Understanding the difficulty of training deep feedforward neural networks', AISTATS"
_HE = "He, Zhang, Ren & Sun 2015, 'Delving Deep into Rectifiers', ICCV"
_CUT = "W ~ N(0, σ²) redrawn outside ±2σ,"

# Keras' named special cases of variance_scaling:
# name -> (family, variance_scale, mode, distribution, summary, sampling, variance_formula)
_KERAS_FAMILY = {
    "lecun_uniform": ("lecun", 1.0, "fan_in", "uniform",
                      "Var = 1/fan_in: keeps the signal's variance through linear or tanh-like layers.",
                      "W ~ U(-l, l), l = √(3 / fan_in)", "Var = 1 / fan_in"),
    "lecun_normal": ("lecun", 1.0, "fan_in", "truncated_normal",
                     "Var = 1/fan_in; the initializer self-normalizing SELU networks need.",
                     f"{_CUT} σ = √(1 / fan_in) / 0.8796", "Var = 1 / fan_in"),
    "glorot_uniform": ("glorot", 1.0, "fan_avg", "uniform",
                       "Keras' default: balances forward and backward variance (tanh, sigmoid).",
                       "W ~ U(-l, l), l = √(6 / (fan_in + fan_out))", "Var = 2 / (fan_in + fan_out)"),
    "glorot_normal": ("glorot", 1.0, "fan_avg", "truncated_normal",
                      "Glorot's variance 2/(fan_in + fan_out) from a truncated normal.",
                      f"{_CUT} σ = √(2 / (fan_in + fan_out)) / 0.8796", "Var = 2 / (fan_in + fan_out)"),
    "he_uniform": ("he", 2.0, "fan_in", "uniform",
                   "For ReLU: twice LeCun's variance, since ReLU zeroes half of its inputs.",
                   "W ~ U(-l, l), l = √(6 / fan_in)", "Var = 2 / fan_in"),
    "he_normal": ("he", 2.0, "fan_in", "truncated_normal",
                  "For ReLU: He's variance 2/fan_in from a truncated normal.",
                  f"{_CUT} σ = √(2 / fan_in) / 0.8796", "Var = 2 / fan_in"),
}
_FAMILY_SOURCE = {"lecun": _LECUN, "glorot": _GLOROT, "he": _HE}

_KERAS_DISTRIBUTIONS = ("truncated_normal", "untruncated_normal", "uniform")


def _table():
    def entry(name, framework, family, summary, formula, source, law, defaults=None, choices=None):
        """``formula``: (how W is drawn, its variance); ``law``: (fan_in, fan_out, **options) -> the law of W."""
        return Initializer(name, framework, family, summary, *formula, source, defaults or {}, choices or {}, law)

    keras = [
        entry("zeros", "keras", "constant",
              "All 0: every hidden unit stays identical (the symmetry problem); the usual bias init.",
              ("W = 0", "Var = 0"), "Keras 3: keras.initializers.Zeros", lambda i, o: Constant(0.0)),
        entry("ones", "keras", "constant", "All 1: units stay identical, like zeros.", ("W = 1", "Var = 0"),
              "Keras 3: keras.initializers.Ones", lambda i, o: Constant(1.0)),
        entry("constant", "keras", "constant", "Every entry equal to value: units stay identical, like zeros.",
              ("W = value", "Var = 0"), "Keras 3: keras.initializers.Constant", lambda i, o, value: Constant(value),
              {"value": 0.0}),
        entry("random_normal", "keras", "fixed", "Gaussian with a fixed std, whatever the layer's size.",
              ("W ~ N(mean, stddev²)", "Var = stddev²"), "Keras 3: keras.initializers.RandomNormal",
              lambda i, o, mean, stddev: Normal(mean, stddev), {"mean": 0.0, "stddev": 0.05}),
        entry("random_uniform", "keras", "fixed", "Uniform on a fixed interval, whatever the layer's size.",
              ("W ~ U(minval, maxval)", "Var = (maxval − minval)² / 12"), "Keras 3: keras.initializers.RandomUniform",
              lambda i, o, minval, maxval: Uniform(minval, maxval), {"minval": -0.05, "maxval": 0.05}),
        entry("truncated_normal", "keras", "fixed",
              "Gaussian with a fixed std, values beyond 2 stddev redrawn (std shrinks).",
              ("W ~ N(mean, stddev²) redrawn outside mean ± 2·stddev", "Var = (0.8796·stddev)² (no correction)"),
              "Keras 3: keras.initializers.TruncatedNormal",
              lambda i, o, mean, stddev: Normal(mean, stddev, mean - 2 * stddev, mean + 2 * stddev),
              {"mean": 0.0, "stddev": 0.05}),
        entry("variance_scaling", "keras", "variance_scaling",
              "Keras' general rule Var = s/n; lecun, glorot and he are special cases.",
              ("uniform: W ~ U(-l, l), l = √(3s / n);  untruncated_normal: W ~ N(0, s / n);  truncated_normal: "
               f"{_CUT} σ = √(s / n) / 0.8796",
               "Var = s / n, s = variance_scale, n = fan_in | fan_out | (fan_in + fan_out)/2 (mode)"),
              "Keras 3: keras.initializers.VarianceScaling (there variance_scale is `scale`)",
              _variance_scaling, {"variance_scale": 1.0, "mode": "fan_in", "distribution": "truncated_normal"},
              {"mode": tuple(_FAN), "distribution": _KERAS_DISTRIBUTIONS}),
        *(entry(name, "keras", family, summary, (sampling, variance), _FAMILY_SOURCE[family],
                partial(_variance_scaling, variance_scale=s, mode=mode, distribution=distribution))
          for name, (family, s, mode, distribution, summary, sampling, variance) in _KERAS_FAMILY.items()),
        entry("orthogonal", "keras", "orthogonal",
              "Random orthogonal matrix times gain: preserves lengths (deep linear nets, RNNs).",
              ("W = gain·Q, Q from QR of a Gaussian matrix, signs fixed by diag(R); "
               "WᵀW = gain²·I if fan_in ≥ fan_out, else WWᵀ = gain²·I", "Var = gain² / max(fan_in, fan_out)"),
              "Saxe, McClelland & Ganguli 2014, 'Exact solutions to the nonlinear dynamics of learning in deep linear "
              "neural networks', ICLR", Orthogonal, {"gain": 1.0}),
        entry("identity", "keras", "identity", "gain times the identity: each unit starts by copying one input (IRNN).",
              ("W = gain·I (fan_in × fan_out, ones on the main diagonal)",
               "mean = gain·p, Var = gain²·p·(1 − p), p = min(fan_in, fan_out) / (fan_in·fan_out)"),
              "Le, Jaitly & Hinton 2015, 'A Simple Way to Initialize Recurrent Networks of Rectified Linear Units'",
              Identity, {"gain": 1.0}),
    ]
    kaiming_options = {"a": 0.0, "mode": "fan_in", "nonlinearity": "leaky_relu"}
    kaiming_choices = {"mode": ("fan_in", "fan_out"), "nonlinearity": tuple(_GAINS)}
    pytorch = [
        entry("xavier_uniform", "pytorch", "glorot", "PyTorch's Glorot uniform, with a gain.",
              ("W ~ U(-l, l), l = gain·√(6 / (fan_in + fan_out))", "Var = gain²·2 / (fan_in + fan_out)"),
              _GLOROT + "; torch.nn.init.xavier_uniform_", partial(_xavier, distribution="uniform"), {"gain": 1.0}),
        entry("xavier_normal", "pytorch", "glorot", "PyTorch's Glorot normal, with a gain; not truncated.",
              ("W ~ N(0, σ²), σ = gain·√(2 / (fan_in + fan_out))", "Var = σ²"),
              _GLOROT + "; torch.nn.init.xavier_normal_", partial(_xavier, distribution="untruncated_normal"),
              {"gain": 1.0}),
        entry("kaiming_uniform", "pytorch", "he", "PyTorch's He uniform; gain from calculate_gain.",
              ("W ~ U(-l, l), l = gain·√(3 / fan), gain = calculate_gain(nonlinearity, a), "
               "fan = fan_in | fan_out (mode)", "Var = gain² / fan"), _HE + "; torch.nn.init.kaiming_uniform_",
              partial(_kaiming, distribution="uniform"), kaiming_options, kaiming_choices),
        entry("kaiming_normal", "pytorch", "he", "PyTorch's He normal (not truncated); gain from calculate_gain.",
              ("W ~ N(0, σ²), σ = gain / √fan, gain = calculate_gain(nonlinearity, a), "
               "fan = fan_in | fan_out (mode)", "Var = gain² / fan"), _HE + "; torch.nn.init.kaiming_normal_",
              partial(_kaiming, distribution="untruncated_normal"), kaiming_options, kaiming_choices),
        entry("normal", "pytorch", "fixed",
              "Gaussian with fixed mean and std (default std 1: far too large for wide layers).",
              ("W ~ N(mean, std²)", "Var = std²"), "PyTorch: torch.nn.init.normal_",
              lambda i, o, mean, std: Normal(mean, std), {"mean": 0.0, "std": 1.0}),
        entry("uniform", "pytorch", "fixed", "Uniform on a fixed interval (default [0, 1): all positive).",
              ("W ~ U(a, b)", "Var = (b − a)² / 12"), "PyTorch: torch.nn.init.uniform_",
              lambda i, o, a, b: Uniform(a, b), {"a": 0.0, "b": 1.0}),
        entry("trunc_normal", "pytorch", "fixed",
              "Gaussian redrawn outside the absolute interval [a, b] (not mean ± 2 std).",
              ("W ~ N(mean, std²) redrawn outside [a, b]",
               "Var = std²·(1 + (αφ(α) − βφ(β))/Z − ((φ(α) − φ(β))/Z)²), "
               "α = (a − mean)/std, β = (b − mean)/std, Z = Φ(β) − Φ(α)"), "PyTorch: torch.nn.init.trunc_normal_",
              lambda i, o, mean, std, a, b: Normal(mean, std, a, b), {"mean": 0.0, "std": 1.0, "a": -2.0, "b": 2.0}),
        entry("eye", "pytorch", "identity", "The identity matrix, no gain: each unit starts by copying one input.",
              ("W = I (fan_in × fan_out, ones on the main diagonal)",
               "mean = p, Var = p·(1 − p), p = min(fan_in, fan_out) / (fan_in·fan_out)"),
              "PyTorch: torch.nn.init.eye_", Identity),
        entry("pytorch_linear", "pytorch", "pytorch_linear",
              "nn.Linear's default (weights and bias): kaiming_uniform with a = √5.",
              ("W ~ U(-l, l), l = 1 / √fan_in (gain = √(2 / (1 + 5)) = √(1/3))", "Var = 1 / (3·fan_in)"),
              "PyTorch: torch.nn.Linear.reset_parameters",
              partial(_kaiming, a=math.sqrt(5.0), mode="fan_in", nonlinearity="leaky_relu", distribution="uniform")),
        entry("sparse", "pytorch", "sparse",
              "Mostly N(0, std²) with a fraction sparsity of each input's weights 0 (Hessian-free training).",
              ("W ~ N(0, std²), then in each row (one input's fan_out weights) k = ⌈sparsity·fan_out⌉ entries "
               "set to 0", "Var = (1 − k / fan_out)·std²"),
              "Martens 2010, 'Deep learning via Hessian-free optimization', ICML; torch.nn.init.sparse_ (sparsity has "
              "no default there: 0.1 here, as in its docs' example)", _sparse, {"sparsity": 0.1, "std": 0.01}),
    ]
    return {init.name: init for init in keras + pytorch}


#: name -> Initializer: the whole Keras 3 catalogue (Keras' names) and torch.nn.init (PyTorch's names)
INITIALIZERS = _table()

#: other spellings -> a key of INITIALIZERS. Short names follow the paper's own recipe: Glorot & Bengio used a
#: uniform distribution, He et al. and LeCun et al. a normal one. (Keras' aliases "normal" and "uniform" for
#: random_normal/random_uniform are not here: those names are PyTorch's normal_ and uniform_.)
ALIASES = {
    **{f"{name}_": name for name in ["xavier_uniform", "xavier_normal", "kaiming_uniform", "kaiming_normal",
                                     "normal", "uniform", "trunc_normal", "eye", "orthogonal", "zeros", "ones",
                                     "sparse"]},
    "constant_": "constant", "zero": "zeros", "one": "ones",
    "glorot": "glorot_uniform", "xavier": "glorot_uniform", "he": "he_normal", "kaiming": "kaiming_normal",
    "lecun": "lecun_normal",
}

#: name -> Initializer usable for a bias vector (elementwise ones); drawn with initialize_bias
BIAS_INITS = {name: INITIALIZERS[name] for name in ["zeros", "constant", "random_normal", "random_uniform",
                                                    "pytorch_linear"]}


def _lookup(name, table, what):
    """``table[name]``, ``name`` matched without regard to case and through ALIASES ("He" -> he_normal)."""
    if isinstance(name, str):
        key = ALIASES.get(name.lower(), name.lower())
        if key in table:
            return table[key]
    return table[check_choice(name, what, table)]  # raises: lists the valid names and suggests the closest


def get_initializer(name):
    """The :class:`Initializer` called ``name`` (a key of INITIALIZERS or of ALIASES)."""
    return _lookup(name, INITIALIZERS, "initializer")


def initialize(name, fan_in, fan_out, rng, scale=1.0, **options):
    """Draw a weight matrix W of shape (fan_in, fan_out) with initializer ``name``, times ``scale``.

    ``rng`` is an int seed or a ``np.random.Generator``; ``options`` are the initializer's own (see its
    ``defaults``), e.g. ``initialize("variance_scaling", 784, 256, rng=0, variance_scale=2.0, mode="fan_avg")``.
    """
    return get_initializer(name).sample(fan_in, fan_out, rng, scale, **options)


def init_variance(name, fan_in, fan_out, scale=1.0, **options):
    """Theoretical variance of one entry of W drawn by ``initialize`` with the same arguments."""
    return get_initializer(name).variance(fan_in, fan_out, scale, **options)


def initialize_bias(name, fan_in, fan_out, rng, **options):
    """Draw a bias vector b of shape (fan_out,) with ``name`` from BIAS_INITS (pytorch_linear needs fan_in)."""
    return _lookup(name, BIAS_INITS, "bias initializer")._draw(fan_in, fan_out, rng, 1.0, options, bias=True)
