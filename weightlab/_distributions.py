"""The law of one entry of W, for the initializer table (``weightlab.initializers``).

Each law knows the five facts the rest of WeightLab asks of it, so no caller re-derives them from a formula string:

* ``kind``: "normal", "truncated_normal", "uniform", "sparse_normal" (a normal with a fixed number of zeros in
  every row), "constant" or "matrix" (whole-matrix initializers, whose entries are not independent draws);
* ``sample(rng, shape)``: a float64 array of that shape;
* ``moments()``: (mean, variance) of one entry, exactly;
* ``bounds()``: (lo, hi), the interval one entry lies in (±inf for an untruncated normal);
* ``pdf(x)``: the density of one entry at ``x`` (an array of x's shape), or None when an entry has no density
  (constants, whole matrices).

All are unscaled: the Initializer applies the notebooks' ``scale`` slider on top. Squares are products, never
``x ** 2``: a moment beyond float64's range (about 1.8e308) comes out as inf, not as Python's OverflowError.
"""
import math
from dataclasses import dataclass

import numpy as np

from . import chain  # noqa: F401  (imported first: it sets BLAS to one thread before any QR)

_MIN_MASS = 1e-3  # a truncation interval must hold at least this much probability (else rejection sampling crawls)
_SQRT_2PI = math.sqrt(2.0 * math.pi)


def norm_pdf(x):
    """The standard normal density φ(x), elementwise (a scalar in, a scalar out)."""
    return np.exp(-0.5 * np.square(x)) / _SQRT_2PI


def norm_cdf(x):
    """The standard normal distribution function Φ(x) of a scalar."""
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def _inside(x, lo, hi):
    x = np.asarray(x, dtype=np.float64)
    return x, (x >= lo) & (x <= hi)


@dataclass(frozen=True)
class Normal:
    """N(mean, std²); values outside [lo, hi] are redrawn when bounds are given (a truncated normal)."""
    mean: float
    std: float
    lo: float = -math.inf
    hi: float = math.inf

    def __post_init__(self):
        if self.mass() < _MIN_MASS:
            raise ValueError(f"the truncation interval [a, b] = [{self.lo:g}, {self.hi:g}] holds only {self.mass():.2g}"
                             f" of N({self.mean:g}, {self.std:g}²); choose a and b within a few std of mean")

    @property
    def truncated(self):
        return math.isfinite(self.lo) or math.isfinite(self.hi)

    @property
    def kind(self):
        return "truncated_normal" if self.truncated else "normal"

    def _alpha_beta(self):
        return (self.lo - self.mean) / self.std, (self.hi - self.mean) / self.std

    def mass(self):
        """Probability that one untruncated draw falls in [lo, hi]: Z = Φ(β) − Φ(α)."""
        if not self.truncated:
            return 1.0
        alpha, beta = self._alpha_beta()
        return norm_cdf(beta) - norm_cdf(alpha)

    def moments(self):
        """Mean and variance after truncation (the textbook truncated-normal formulas)."""
        if not self.truncated:
            return self.mean, self.std * self.std
        alpha, beta = self._alpha_beta()
        z = self.mass()
        shift = (norm_pdf(alpha) - norm_pdf(beta)) / z
        spread = 1.0 + (alpha * norm_pdf(alpha) - beta * norm_pdf(beta)) / z - shift * shift
        return self.mean + self.std * shift, self.std * self.std * spread

    def bounds(self):
        return self.lo, self.hi

    def pdf(self, x):
        """φ((x − mean)/std) / (std·Z) inside [lo, hi], 0 outside (Z = 1 untruncated)."""
        x, inside = _inside(x, self.lo, self.hi)
        return np.where(inside, norm_pdf((x - self.mean) / self.std) / (self.std * self.mass()), 0.0)

    def sample(self, rng, shape):
        if not self.truncated:
            return rng.normal(self.mean, self.std, shape)
        n = math.prod(shape)
        out, filled = np.empty(n), 0
        while filled < n:  # draw, keep what falls inside, in order, redraw the rest
            missing = n - filled
            draw = rng.normal(self.mean, self.std, min(int(missing / self.mass() * 1.1) + 16, 1 << 22))
            inside = draw >= self.lo
            inside &= draw <= self.hi
            kept = draw[inside][:missing]
            out[filled:filled + kept.size] = kept
            filled += kept.size
        return out.reshape(shape)


@dataclass(frozen=True)
class Uniform:
    """U(lo, hi)."""
    lo: float
    hi: float
    kind = "uniform"

    def moments(self):
        return self.lo / 2 + self.hi / 2, (self.hi - self.lo) * (self.hi - self.lo) / 12

    def bounds(self):
        return self.lo, self.hi

    def pdf(self, x):
        """1 / (hi − lo) inside [lo, hi], 0 outside."""
        x, inside = _inside(x, self.lo, self.hi)
        return np.where(inside, 1.0 / (self.hi - self.lo), 0.0)

    def sample(self, rng, shape):
        return rng.uniform(self.lo, self.hi, shape)


@dataclass(frozen=True)
class SparseNormal:
    """N(0, std²) entries, with exactly ``zeros`` of the ``fan_out`` entries of every row of W set to 0, at places
    drawn uniformly for each row: PyTorch's ``sparse_`` (Martens 2010) in WeightLab's (fan_in, fan_out) layout, where
    a row of W is a column of PyTorch's (out, in) weight.

    One entry is 0 with probability p = zeros / fan_out and N(0, std²) otherwise: mean 0, variance (1 − p)·std².
    That law has an atom at 0, so ``pdf`` is the density of the nonzero part, (1 − p)·φ(x / std) / std, which
    integrates to 1 − p (the other p sits at exactly 0), and None when every entry is 0."""
    std: float
    zeros: int
    fan_out: int
    kind = "sparse_normal"

    @property
    def share_of_zeros(self):
        return self.zeros / self.fan_out

    def moments(self):
        return 0.0, (1.0 - self.share_of_zeros) * self.std * self.std

    def bounds(self):
        return -math.inf, math.inf

    def pdf(self, x):
        if self.zeros == self.fan_out:
            return None
        return (1.0 - self.share_of_zeros) * norm_pdf(np.asarray(x, dtype=np.float64) / self.std) / self.std

    def sample(self, rng, shape):
        """A (fan_in, fan_out) draw: normals first, then ``zeros`` places per row, like PyTorch's randperm per
        column."""
        assert shape[-1] == self.fan_out, shape
        W = rng.normal(0.0, self.std, shape)
        if self.zeros:
            places = np.argsort(rng.random(shape), axis=-1)[..., :self.zeros]  # a uniform subset of each row
            np.put_along_axis(W, places, 0.0, axis=-1)
        return W


@dataclass(frozen=True)
class Constant:
    """Every entry equal to ``value``: no density."""
    value: float
    kind = "constant"

    def moments(self):
        return self.value, 0.0

    def bounds(self):
        return self.value, self.value

    def pdf(self, x):
        return None

    def sample(self, rng, shape):
        return np.full(shape, self.value, dtype=np.float64)


@dataclass(frozen=True)
class Orthogonal:
    """gain·Q with Q a uniformly (Haar) distributed orthogonal (fan_in, fan_out) matrix (Saxe et al. 2014).

    Q comes from the QR decomposition of a Gaussian matrix, its columns' signs set by diag(R) so that Q is Haar
    distributed, as Keras and PyTorch do; a wide matrix is drawn tall and transposed. An entry of a matrix with
    orthonormal rows or columns lies in [-1, 1], so ``bounds`` is (-gain, gain)."""
    fan_in: int
    fan_out: int
    gain: float
    kind = "matrix"

    def moments(self):
        # WᵀW = gain²·I (or WWᵀ): every draw's squares sum to gain²·min, so E[w²] = gain² / max; E[w] = 0 by symmetry
        return 0.0, self.gain * self.gain / max(self.fan_in, self.fan_out)

    def bounds(self):
        return -self.gain, self.gain

    def pdf(self, x):
        return None

    def sample(self, rng, shape):
        """A (fan_in, fan_out) draw (``shape`` must be that)."""
        assert tuple(shape) == (self.fan_in, self.fan_out), shape
        tall, short = max(self.fan_in, self.fan_out), min(self.fan_in, self.fan_out)
        q, r = np.linalg.qr(rng.standard_normal((tall, short)))  # on one LAPACK thread (weightlab.chain)
        q = q * np.where(np.diag(r) < 0, -1.0, 1.0)
        return self.gain * (q if self.fan_in >= self.fan_out else q.T)


@dataclass(frozen=True)
class Identity:
    """gain times the (fan_in, fan_out) identity: entries are gain (on the diagonal) or 0, so ``bounds`` is
    (0, gain)."""
    fan_in: int
    fan_out: int
    gain: float = 1.0
    kind = "matrix"

    def moments(self):
        # a fraction p of the entries equal gain, the rest 0: population mean gain·p, variance gain²·p·(1 − p)
        p = min(self.fan_in, self.fan_out) / (self.fan_in * self.fan_out)
        return self.gain * p, self.gain * self.gain * p * (1.0 - p)

    def bounds(self):
        return min(0.0, self.gain), max(0.0, self.gain)

    def pdf(self, x):
        return None

    def sample(self, rng, shape):
        """A (fan_in, fan_out) matrix (``shape`` must be that); ``rng`` is not used."""
        assert tuple(shape) == (self.fan_in, self.fan_out), shape
        return self.gain * np.eye(self.fan_in, self.fan_out)
