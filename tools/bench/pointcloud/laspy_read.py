# Peer for `./workbench bench pointcloud`: laspy (Debian python3-laspy) reading LAS, timed in-process.
# PDAL, the peer the issue names, is in no Debian release (12, 13 or sid) and PyPI is not reachable here.
# Usage: python3 laspy_read.py FILE.las REPEATS  ->  "points <n> best_s <seconds>"
# Materialises scaled x, y, z (float64) and r, g, b, as our reader does (laspy scales lazily otherwise).
import sys, time
import numpy as np
import laspy

path, repeats = sys.argv[1], int(sys.argv[2])
best, n = 1e30, 0
for _ in range(repeats):
    t0 = time.perf_counter()
    las = laspy.read(path)
    xyz = np.vstack((np.asarray(las.x), np.asarray(las.y), np.asarray(las.z)))
    rgb = np.vstack((np.asarray(las.red), np.asarray(las.green), np.asarray(las.blue)))
    t1 = time.perf_counter()
    n = xyz.shape[1]
    best = min(best, t1 - t0)
print(f"points {n} best_s {best:.6f}")
