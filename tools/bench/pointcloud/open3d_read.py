# Peer for `./workbench bench pointcloud`: Open3D's reader (Debian python3-open3d), timed in-process.
# Usage: python3 open3d_read.py FILE REPEATS  ->  "points <n> best_s <seconds>"
import sys, time
import numpy as np
import open3d as o3d

path, repeats = sys.argv[1], int(sys.argv[2])
best, n = 1e30, 0
for _ in range(repeats):
    t0 = time.perf_counter()
    pcd = o3d.io.read_point_cloud(path)
    pts = np.asarray(pcd.points)  # Open3D keeps float64 xyz and float64 colours
    t1 = time.perf_counter()
    n = len(pts)
    best = min(best, t1 - t0)
print(f"points {n} best_s {best:.6f}")
