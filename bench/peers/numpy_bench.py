"""numpy figures for the foundation benchmarks, measured like bench/harness.ts does.

Prints JSON: for each case the median / min / max seconds per call over >= 7 samples of
>= 0.2 s after a warm-up, and the rate in M numbers/s. Run with Debian's python3 (which has
python3-numpy): /usr/bin/python3 bench/peers/numpy_bench.py
"""
import json
import platform
import time

import numpy as np

N = 10_000_000
rng = np.random.default_rng(12345)  # PCG64, numpy's default generator
out = np.empty(N, dtype=np.float32)
x = rng.standard_normal(N, dtype=np.float32) * 4
tmp = np.empty(N, dtype=np.float32)


def uniform():
    rng.random(out=out, dtype=np.float32)


def normal():
    rng.standard_normal(out=out, dtype=np.float32)


def sigmoid():
    # 1 / (1 + exp(-x)) with no allocation: the four ufuncs write into tmp.
    np.negative(x, out=tmp)
    np.exp(tmp, out=tmp)
    np.add(tmp, 1, out=tmp)
    np.reciprocal(tmp, out=tmp)


def measure(fn, min_samples=7, min_sample_seconds=0.2, warmup_seconds=0.3):
    calls = 0
    t0 = time.perf_counter()
    while True:
        fn()
        calls += 1
        elapsed = time.perf_counter() - t0
        if elapsed >= warmup_seconds:
            break
    per_call = elapsed / calls
    reps = max(1, int(np.ceil(min_sample_seconds / max(per_call, 1e-9))))
    times = []
    for _ in range(min_samples):
        t = time.perf_counter()
        for _ in range(reps):
            fn()
        times.append((time.perf_counter() - t) / reps)
    times.sort()
    med = times[len(times) // 2]
    return {"median": med, "min": times[0], "max": times[-1], "rate": N / med / 1e6}


results = {
    "numpy uniform fill 1e7 float32": measure(uniform),
    "numpy normal fill 1e7 float32": measure(normal),
    "numpy sigmoid 1e7 float32": measure(sigmoid),
}
print(json.dumps({"numpy": np.__version__, "python": platform.python_version(), "results": results}))
