"""torch figure for the MLP benchmark, measured like bench/harness.ts does (one thread).

The step of bench/cases/nn.ts 'nn/MLP 784-400-10 fwd+bwd, batch 128': a float32 784-400-10
network (Linear, ReLU, Linear), forward on a fixed batch of 128 rows, cross-entropy on the logits,
backward to the parameters (the input needs no gradient). Gradients are set to None before each
step (torch's default in optimizer.zero_grad), so nothing accumulates. Prints JSON with median /
min / max seconds per step over >= 7 samples of >= 0.2 s after a 0.3 s warm-up, samples/s and
GFLOP/s with the same flop count as our case (gemm flops only).

Run with Debian's python3 (python3-torch): /usr/bin/python3 bench/peers/torch_mlp.py

With --serve it warms up, prints "ready", then answers each "sample" line on stdin with the
seconds per step of one sample (>= 0.2 s of steps): bench/peers/mlp.ts uses this to take torch's
samples in turn with ours, so both see the same machine load.
"""
import sys
import json
import math
import platform
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(1)
B = 128
FLOPS = 2 * B * (784 * 400 + 400 * 10) * 2 + 2 * B * 400 * 10
model = torch.nn.Sequential(torch.nn.Linear(784, 400), torch.nn.ReLU(), torch.nn.Linear(400, 10))
x = torch.rand(B, 784)
y = torch.arange(B) % 10


def step():
    for p in model.parameters():
        p.grad = None
    loss = torch.nn.functional.cross_entropy(model(x), y)
    loss.backward()


def measure(fn, min_samples=7, min_sample_seconds=0.2, warmup_seconds=0.3):
    calls = 0
    t0 = time.perf_counter()
    while True:
        fn()
        calls += 1
        elapsed = time.perf_counter() - t0
        if elapsed >= warmup_seconds:
            break
    reps = max(1, math.ceil(min_sample_seconds / max(elapsed / calls, 1e-9)))
    times = []
    for _ in range(min_samples):
        t = time.perf_counter()
        for _ in range(reps):
            fn()
        times.append((time.perf_counter() - t) / reps)
    times.sort()
    med = times[len(times) // 2]
    return {"median": med, "min": times[0], "max": times[-1], "samplesPerSecond": B / med, "gflops": FLOPS / med / 1e9}


if "--serve" in sys.argv:
    calls = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 0.3:
        step()
        calls += 1
    reps = max(1, math.ceil(0.2 / ((time.perf_counter() - t0) / calls)))
    print(json.dumps({"ready": True, "torch": torch.__version__, "python": platform.python_version(), "threads": torch.get_num_threads()}), flush=True)
    for line in sys.stdin:
        if line.strip() != "sample":
            break
        t = time.perf_counter()
        for _ in range(reps):
            step()
        print((time.perf_counter() - t) / reps, flush=True)
    sys.exit(0)

print(json.dumps({
    "torch": torch.__version__,
    "python": platform.python_version(),
    "threads": torch.get_num_threads(),
    "results": {"torch MLP 784-400-10 fwd+bwd batch 128": measure(step)},
}))
