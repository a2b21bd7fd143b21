#!/usr/bin/python3
"""Tiny numpy-written .npy files that pin down the header variants the Java Npy reader must handle.

Run:  /usr/bin/python3 tools/goldens/make_npy_samples.py   -> compute/src/test/resources/goldens/npy/
Every array holds arange values so a test can recompute the expected contents; manifest.json lists them.
"""
import json
import os
import sys

import numpy as np
from numpy.lib import format as npf

sys.path.insert(0, os.path.dirname(__file__))
from goldens_common import GOLDENS  # noqa: E402


def main():
    out = os.path.join(GOLDENS, "npy")
    os.makedirs(out, exist_ok=True)
    entries = []

    def write(name, arr, version=None, expect="ok"):
        with open(os.path.join(out, name), "wb") as f:
            npf.write_array(f, arr, version=version, allow_pickle=False)
        entries.append({"file": f"npy/{name}", "descr": arr.dtype.str, "shape": list(arr.shape),
                        "fortran_order": bool(arr.flags.f_contiguous and not arr.flags.c_contiguous),
                        "header_version": list(version) if version else [1, 0], "values": "arange", "expect": expect})

    write("f4_2x3_v1.npy", np.arange(6, dtype="<f4").reshape(2, 3) * 0.5 - 1, version=(1, 0))
    write("f4_2x3x4_v2.npy", np.arange(24, dtype="<f4").reshape(2, 3, 4) * 0.25, version=(2, 0))
    write("f4_scalar.npy", np.array(3.5, dtype="<f4"), version=(1, 0))
    write("f4_0x3.npy", np.zeros((0, 3), dtype="<f4"), version=(1, 0))
    write("f8_3x2.npy", np.arange(6, dtype="<f8").reshape(3, 2) / 3.0, version=(1, 0))
    write("i8_5.npy", np.arange(5, dtype="<i8") - 2, version=(1, 0))
    write("i4_2x2.npy", np.arange(4, dtype="<i4").reshape(2, 2) * 7 - 10, version=(1, 0))
    write("u1_2x3x3.npy", np.arange(18, dtype="|u1").reshape(2, 3, 3) * 14, version=(1, 0))
    write("f4_fortran_2x3.npy", np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)), version=(1, 0),
          expect="error: fortran_order")
    write("f4_bigendian_3.npy", np.arange(3, dtype=">f4"), version=(1, 0), expect="error: unsupported dtype")
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump({"generator": "tools/goldens/make_npy_samples.py", "numpy": np.__version__,
                   "values_note": "expected values are the arange expressions in the generator", "files": entries},
                  f, indent=2)
    print(f"{len(entries)} npy samples in {out}")


if __name__ == "__main__":
    main()
