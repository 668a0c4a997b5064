"""The one forward and backward pass of a chain of fully connected layers: every network in weightlab runs here.

``MLP`` (one net), ``MLPEnsemble`` (R nets trained together) and the depth experiments call these functions; nothing
else in the library multiplies a layer's weights. As in micrograd's ``nn.py`` or TensorFlow Playground's ``nn.ts``:
one forward, one backward, everything else calls them.

The layout is CS231n's "bias trick", transposed so that each sample is a column:

* a layer's parameters are one **block** of shape ``(..., fan_out, fan_in + 1)``: Wᵀ with the bias as last column;
* a layer's input is a **buffer** of shape ``(..., fan_in + 1, n)``: one column per sample, the last row all ones.

Then ``block @ buffer`` is ``(X @ W + b)ᵀ`` in one product and ``dZ @ bufferᵀ`` is the gradient of W and b in one
product; every buffer is contiguous, which keeps a small net's training step to a few microseconds of numpy. The
leading ``...`` axes hold nets: ``MLP`` passes none, ``MLPEnsemble`` one axis of R members. A 2-D input buffer with
3-D blocks is shared by every member and multiplied for all of them at once.

Callers wrap these functions in ``np.errstate``: an overflow shows up as inf or NaN, which they check and report.

Threads: weightlab runs numpy's BLAS and LAPACK (OpenBLAS) on one thread, set once for the process when weightlab is
imported. OpenBLAS starts one thread per core for any product above ~2^18 multiply-adds; on weightlab's sizes (at
most a few hundred units, a few hundred samples) a second thread saves little on an idle machine and costs 2-15x
when the other core is busy (a shared JupyterHub, Binder, CI), because the product waits for the slower thread
(measured by benchmarks/bench_notebooks.py and benchmarks/bench_threads.py). Setting it per product instead
(threadpoolctl's ``limit``) costs ~20 µs a product, as long as a small product itself; and OpenBLAS 0.3.31 lets only
the main thread raise the count again, so a dashboard training in a background thread beside a kernel that restores
threads ended up on two threads, 10-30x slower beside a busy process (measured: notebook 8's Init Lab, 1.7 s quiet,
20-54 s busy). ``restore_blas_threads()`` gives numpy its threads back; ``one_blas_thread()`` sets one again.
"""
import numpy as np
from threadpoolctl import ThreadpoolController

#: batch normalization's ε: tiny, so that tiny init scales still normalize to variance 1
BN_EPSILON = 1e-12


def parameter_blocks(sizes, lead=(), dtype=float):
    """One flat zero vector holding every layer's parameters, and per layer a block view into it of shape
    ``(*lead, fan_out, fan_in + 1)``. ``sizes`` lists the widths, input first. (With ``lead`` non-empty the blocks
    are separate arrays and the flat vector is None.)"""
    pairs = list(zip(sizes[:-1], sizes[1:]))
    if lead:
        return None, [np.zeros((*lead, o, i + 1), dtype=dtype) for i, o in pairs]
    counts = [(i + 1) * o for i, o in pairs]
    flat = np.zeros(sum(counts), dtype=dtype)
    bounds = np.cumsum([0] + counts)
    return flat, [flat[s:e].reshape(o, i + 1) for s, e, (i, o) in zip(bounds[:-1], bounds[1:], pairs)]


def weight_view(block):
    """W of a block, shape ``(..., fan_in, fan_out)`` (a view: writing it writes the block)."""
    return block[..., :-1].swapaxes(-1, -2)


def bias_view(block):
    """b of a block, shape ``(..., fan_out)`` (a view)."""
    return block[..., -1]


def input_buffers(sizes, n, lead=(), dtype=float, X=None):
    """Per width in ``sizes`` a buffer ``(*lead, width + 1, n)`` whose last row is 1; the first buffer has no lead
    axes (the input is shared by every net) and holds ``X.T`` when ``X`` (shape (n, sizes[0])) is given."""
    bufs = [np.empty((size + 1, n) if k == 0 else (*lead, size + 1, n), dtype=dtype) for k, size in enumerate(sizes)]
    for buf in bufs:
        buf[..., -1, :] = 1.0
    if X is not None:
        bufs[0][:-1] = X.T
    return bufs


_blas = {"controller": None, "original": None}  # threadpoolctl's view of numpy's BLAS, and the counts it had


def one_blas_thread():
    """Run numpy's BLAS and LAPACK on one thread from now on, for the whole process (weightlab does this when it is
    imported; see the module's docstring). Call it from the main thread."""
    if _blas["controller"] is None:
        _blas["controller"] = ThreadpoolController().select(user_api="blas")
        _blas["original"] = [lib.num_threads for lib in _blas["controller"].lib_controllers]
    _blas["controller"].limit(limits=1)


def restore_blas_threads():
    """Give numpy's BLAS back the thread counts it had before weightlab set one (from the main thread)."""
    if _blas["controller"] is not None:
        for lib, n in zip(_blas["controller"].lib_controllers, _blas["original"]):
            lib.set_num_threads(n)


one_blas_thread()


def _product(a, b, out=None):
    """``a @ b``; a 3-D ``a`` times a 2-D ``b`` is done as one 2-D product (the shared input of every member)."""
    if a.ndim == 3 and b.ndim == 2:
        R, h, k = a.shape
        if out is None:
            return np.matmul(a.reshape(R * h, k), b).reshape(R, h, -1)
        np.matmul(a.reshape(R * h, k), b, out=out.reshape(R * h, -1))
        return out
    return np.matmul(a, b, out=out)


def forward(blocks, activations, bufs, batchnorm=False):
    """Run the chain. ``bufs[0]`` holds the input; layer ``l``'s output ``activations[l].f(z_l)`` is written into
    ``bufs[l + 1]`` when that buffer exists (so an MLP passes one buffer fewer than blocks: its last layer is the
    output logit, left linear). Returns ``(zs, norms)``: the pre-activations ``zs[l]``, shape ``(..., fan_out, n)``,
    and batch norm's statistics.

    Batch norm (Ioffe & Szegedy 2015, without the learned scale and shift) standardizes each unit's z over the batch
    before the activation, in every layer that has an activation: with ``batchnorm=True`` by the batch's own mean
    and standard deviation, returned in ``norms`` as one ``(mean, std)`` pair per normalized layer, each of shape
    ``(..., fan_out, 1)``; with ``batchnorm`` a list of such pairs (running statistics, at inference) by those.
    ``zs`` then holds the standardized values."""
    zs, norms = [], []
    for l, block in enumerate(blocks):
        z = _product(block, bufs[l])
        hidden = l + 1 < len(bufs)
        if hidden and batchnorm is not False:
            if batchnorm is True:
                mean = z.mean(axis=-1, keepdims=True)
                std = np.sqrt(z.var(axis=-1, keepdims=True) + BN_EPSILON)
            else:
                mean, std = batchnorm[l]
            z -= mean
            z /= std
            norms.append((mean, std))
        zs.append(z)
        if hidden:
            activations[l].f(z, out=bufs[l + 1][..., :-1, :])
    return zs, norms


def backward(dz, blocks, activations, zs, bufs, grads, norms=(), input_grad=False):
    """Backpropagate ``dz`` = ∂loss/∂z of the last layer through a forward pass.

    Writes each block's gradient (weights and bias together) into ``grads[l]`` and returns the list of ∂loss/∂z_l,
    layer 0 first; with ``input_grad`` the list ends with ∂loss/∂(input), shape ``(..., fan_in, n)``. ``norms`` are
    forward's batch statistics, if it normalized by the batch (gradients flow through the batch's mean and std)."""
    deltas = [None] * len(blocks)
    for l in range(len(blocks) - 1, -1, -1):
        deltas[l] = dz
        _product(dz, bufs[l].swapaxes(-1, -2), out=grads[l])
        if l == 0 and not input_grad:
            break
        da = np.matmul(weight_view(blocks[l]), dz)
        if l == 0:
            deltas.append(da)
            break
        da *= activations[l - 1].grad(zs[l - 1], bufs[l][..., :-1, :])
        if norms:  # back through the standardization of each unit: project out the mean and the z direction
            zn = zs[l - 1]
            da -= da.mean(axis=-1, keepdims=True) + zn * (da * zn).mean(axis=-1, keepdims=True)
            da /= norms[l - 1][1]
        dz = da
    return deltas
