# Writes small LAS files in several point formats with laspy (Debian 13's python3-laspy), random but
# seeded values in every standard field; las2laz then compresses each with LASzip. The .las/.laz twins
# are test resources: our LAZ reader must decode each .laz to exactly what our LAS reader reads from
# its .las twin. Run in a trixie chroot: python3 make_laz_twins.py OUTDIR
import sys
import numpy as np
import laspy

out = sys.argv[1]
rng = np.random.default_rng(14)
for fmt, version in [(1, "1.2"), (3, "1.2"), (6, "1.4"), (7, "1.4"), (8, "1.4")]:
    n = 700
    header = laspy.LasHeader(point_format=fmt, version=version)
    header.scales = np.array([0.001, 0.001, 0.001])
    header.offsets = np.array([500000.0, 4100000.0, 10.0])
    las = laspy.LasData(header)
    las.x = 500000.0 + rng.uniform(0, 50, n)
    las.y = 4100000.0 + rng.uniform(0, 50, n)
    las.z = 10.0 + rng.uniform(0, 5, n)
    las.intensity = rng.integers(0, 65535, n)
    las.return_number = rng.integers(1, 4, n)
    las.number_of_returns = np.maximum(las.return_number, rng.integers(1, 4, n))
    las.classification = rng.integers(0, 20 if fmt < 6 else 60, n)
    las.point_source_id = rng.integers(0, 1000, n)
    las.gps_time = 3.0e8 + np.sort(rng.uniform(0, 100, n))
    if fmt in (3, 7, 8):
        las.red = rng.integers(0, 65535, n)
        las.green = rng.integers(0, 65535, n)
        las.blue = rng.integers(0, 65535, n)
    if fmt == 8:
        las.nir = rng.integers(0, 65535, n)
    las.write(f"{out}/pdrf{fmt}_v{version.replace('.', '')}.las")
    print("wrote", fmt, version)
