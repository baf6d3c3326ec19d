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
_ess_tail, _mcse_mean, _mcse_sd, _rhat_rank; Vehtari et al. 2021), written out with numpy's
real FFT (zero-padded to scipy's next_fast_len(2n)), scipy.stats.rankdata (average ranks) and
scipy.special.ndtri, as ArviZ computes them; this is not ArviZ itself (Debian has no package of
it), so its time is what ArviZ's numerical core costs, without ArviZ's xarray overhead.
"""
import json
import math
import sys
import time

import numpy as np
from scipy import fft as sfft
from scipy import special, stats


def split_chains(x):
    """(m, n) -> (2m, n // 2): first and last halves of every chain (the middle draw of odd n dropped)."""
    half = x.shape[1] // 2
    return np.concatenate([x[:, :half], x[:, x.shape[1] - half:]], axis=0)


def z_scale(x):
    """Rank normalization: Phi^-1((r - 3/8) / (S + 1/4)) of the average ranks over all draws."""
    r = stats.rankdata(x.ravel(), method="average").reshape(x.shape)
    return special.ndtri((r - 0.375) / (x.size + 0.25))


def autocov(x):
    """Biased autocovariance of each row by FFT, divisor n."""
    n = x.shape[1]
    L = sfft.next_fast_len(2 * n, real=True)
    y = x - x.mean(axis=1, keepdims=True)
    f = np.fft.rfft(y, n=L, axis=1)
    return np.fft.irfft(f * np.conjugate(f), n=L, axis=1)[:, :n] / n


def ess(x):
    """Geyer's initial monotone sequence ESS of the rows of x (m chains of n)."""
    if np.max(x) - np.min(x) < np.finfo(float).resolution:
        return float(x.size)
    m, n = x.shape
    acov = autocov(x)
    chain_mean = x.mean(axis=1)
    mean_var = np.mean(acov[:, 0]) * n / (n - 1.0)
    var_plus = mean_var * (n - 1.0) / n
    if m > 1:
        var_plus += np.var(chain_mean, ddof=1)
    rho = np.zeros(n)
    rho_even = 1.0
    rho[0] = rho_even
    rho_odd = 1.0 - (mean_var - np.mean(acov[:, 1])) / var_plus
    rho[1] = rho_odd
    t = 1
    while t < n - 3 and rho_even + rho_odd > 0.0:
        rho_even = 1.0 - (mean_var - np.mean(acov[:, t + 1])) / var_plus
        rho_odd = 1.0 - (mean_var - np.mean(acov[:, t + 2])) / var_plus
        if rho_even + rho_odd >= 0:
            rho[t + 1] = rho_even
            rho[t + 2] = rho_odd
        t += 2
    max_t = t - 2
    if rho_even > 0:
        rho[max_t + 1] = rho_even
    t = 1
    while t <= max_t - 2:
        if rho[t + 1] + rho[t + 2] > rho[t - 1] + rho[t]:
            rho[t + 1] = (rho[t - 1] + rho[t]) / 2.0
            rho[t + 2] = rho[t + 1]
        t += 2
    tau = -1.0 + 2.0 * np.sum(rho[: max_t + 1]) + np.sum(rho[max_t + 1: max_t + 2])
    tau = max(tau, 1 / np.log10(m * n))
    return m * n / tau


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
