"""numpy/LAPACK answers for bench/peers/linalg-check.ts.

Usage: linalg_numpy.py MANIFEST.json. The manifest lists cases {"path", "rows", "cols",
"symmetric", "lambdas": [[re, im], ...]}: a matrix as little-endian float64 (row-major) and the
eigenvalues our `eigenvalues` found for it. Prints one JSON line, per case: the singular values
(LAPACK gesdd), the symmetric eigenvalues (syevd, when "symmetric"), the eigenvalues (geev), the
2-norm condition number, the determinant (square cases), numpy's matrix_rank, and for each of our
eigenvalues the smallest singular value of A - lambda I (its backward error: lambda is an exact
eigenvalue of a matrix within that distance of A).
"""
import json
import math
import sys

import numpy as np


def finite(v):
    return v if math.isfinite(v) else None


def main():
    out = []
    for c in json.load(open(sys.argv[1])):
        a = np.fromfile(c["path"], dtype="<f8").reshape(c["rows"], c["cols"])
        r = {"s": [float(v) for v in np.linalg.svd(a, compute_uv=False)] if a.size else [], "rank": int(np.linalg.matrix_rank(a)) if a.size else 0}
        if c["rows"] == c["cols"] and a.size:
            n = c["rows"]
            w = np.linalg.eigvals(a)
            r["eig"] = [[float(v.real), float(v.imag)] for v in w]
            with np.errstate(all="ignore"):
                r["cond"] = finite(float(np.linalg.cond(a)))
                r["det"] = finite(float(np.linalg.det(a)))
            r["backward"] = [float(np.linalg.svd(a - complex(lr, li) * np.eye(n), compute_uv=False)[-1]) for lr, li in c["lambdas"]]
            if c["symmetric"]:
                r["eigh"] = [float(v) for v in np.linalg.eigvalsh(a)]
        out.append(r)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
