"""ArviZ's summary columns in numpy/scipy, the peer of boltzmann's `summarize`.

Usage: summary_numpy.py DRAWS_FILE M N DIM ROUNDS
DRAWS_FILE holds M chains x N draws x DIM coordinates as little-endian float64 (a sampler's
row-major layout, chain after chain). Prints one JSON line: the seconds of each round (all DIM
rows) and the rows of the last round.

Or: summary_numpy.py --cases MANIFEST.json, a list of {"path", "m", "n"} (scalar chains, one
file each): prints one JSON line, a row per case, with r_hat twice: folded about the median of
all draws (the paper's and the posterior package's choice, which summarize follows) and about
the median of the split draws (ArviZ's; the two differ for odd n). Non-finite numbers are
written as null, "Infinity" or "-Infinity".

The formulas are those of ArviZ's `summary` (arviz/stats/diagnostics.py: _ess_mean, _ess_bulk,
_ess_tail, _mcse_mean, _mcse_sd, _rhat_rank; Vehtari et al. 2021): Geyer's sequence, the split
chains and the normal scores (scipy.stats.rankdata average ranks, norm.ppf) from the specs'
transcription spec/fixtures/arviz_reference.py, with numpy's real FFT for the autocovariances
(zero-padded to scipy's next_fast_len(2n)), as ArviZ computes them; this is not ArviZ itself (Debian has no package of
it), so its time is what ArviZ's numerical core costs, without ArviZ's xarray overhead.
"""
import json
import math
import os
import sys
import time

import numpy as np
from scipy import fft as sfft

# the transcription of ArviZ's estimators that the specs' reference values come from (split
# chains, average-rank normal scores, Geyer's sequence); this file adds FFT autocovariances
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "spec", "fixtures"))
import arviz_reference as reference  # noqa: E402


def autocov(x):
    """Biased autocovariance of each row by FFT, divisor n (zero-padded to next_fast_len(2n), as ArviZ)."""
    n = x.shape[1]
    L = sfft.next_fast_len(2 * n, real=True)
    y = x - x.mean(axis=1, keepdims=True)
    f = np.fft.rfft(y, n=L, axis=1)
    return np.fft.irfft(f * np.conjugate(f), n=L, axis=1)[:, :n] / n


def ess(x):
    """Geyer's initial monotone sequence ESS of the rows of x (the fixture's, with FFT autocovariances)."""
    return reference.geyer_ess(x, autocov)


split_chains = reference.split
z_scale = reference.z_scale


def rhat(x):
    """Classic R-hat of the rows of x."""
    n = x.shape[1]
    between = n * np.var(x.mean(axis=1), ddof=1)
    within = np.mean(np.var(x, axis=1, ddof=1))
    return np.sqrt((between / within + n - 1) / n)


def rhat_rank(x, median_of_split):
    """max of bulk and tail R-hat, the tail folded about the median of all draws or of the split draws."""
    split = split_chains(x)
    folded = np.abs(split - np.median(split)) if median_of_split else split_chains(np.abs(x - np.median(x)))
    return max(rhat(z_scale(split)), rhat(z_scale(folded)))


def row(x):
    """mean, sd, mcse_mean, mcse_sd, ess_mean, ess_bulk, ess_tail, r_hat of draws x (m, n)."""
    split = split_chains(x)
    ess_mean = ess(split)
    sd = np.std(x, ddof=1)
    d = (x - x.mean()) ** 2  # mcse_sd: delta method on the variance
    v = d.mean()
    mcse_sd = np.sqrt(((d ** 2).mean() - v ** 2) / ess(split_chains(d)) / v / 4)
    ess_bulk = ess(z_scale(split))
    q05, q95 = np.quantile(x, [0.05, 0.95])
    ess_tail = min(ess(split_chains((x <= q05).astype(float))), ess(split_chains((x <= q95).astype(float))))
    r_hat = rhat_rank(x, False)  # folded about all draws' median (ArviZ: the split draws'; the same for even n)
    return [float(x.mean()), float(sd), float(sd / np.sqrt(ess_mean)), float(mcse_sd), float(ess_mean), float(ess_bulk), float(ess_tail), float(r_hat)]


def finite_or_name(v):
    return v if math.isfinite(v) else (None if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity"))


def cases(manifest):
    out = []
    with np.errstate(all="ignore"):  # constant cases divide by zero, as ArviZ's code does
        for c in json.load(open(manifest)):
            x = np.fromfile(c["path"], dtype="<f8").reshape(c["m"], c["n"])
            r = row(x)
            out.append({"row": [finite_or_name(v) for v in r], "rhatArviz": finite_or_name(float(rhat_rank(x, True)))})
    print(json.dumps(out))


def main():
    if sys.argv[1] == "--cases":
        return cases(sys.argv[2])
    path, m, n, dim, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    draws = np.fromfile(path, dtype="<f8").reshape(m, n, dim)
    seconds = []
    rows = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        rows = [row(np.ascontiguousarray(draws[:, :, k])) for k in range(dim)]
        seconds.append(time.perf_counter() - t0)
    print(json.dumps({"numpy": np.__version__, "scipy": __import__("scipy").__version__, "seconds": seconds, "rows": rows}))


if __name__ == "__main__":
    main()
