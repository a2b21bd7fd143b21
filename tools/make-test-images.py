#!/usr/bin/env python3
"""Writes the decoder's test images to compute/src/test/resources/images/ (ImageFilesTest reads them).

Needs only Python 3 and ImageMagick 6 at /usr/bin/convert (called by full path: /usr/local/bin/convert
may be a stand-in). Every image shows the same 4 x 2 grid of 16-pixel colour patches (PATCHES, row by
row), so one table of expected colours checks them all; the grid is not symmetric, so a wrong EXIF
rotation or mirror puts a wrong colour in some patch. Pixels are written as PPM/PGM/PAM by this script
and only encoded by ImageMagick. Rerun: python3 tools/make-test-images.py

Files (each a few hundred bytes to a few KB):
  patches.png          8-bit RGB                patches-grey.png    8-bit grey
  patches-16.png       16-bit RGB               patches-grey16.png  16-bit grey
  patches-alpha.png    8-bit RGBA, alpha varying per patch
  patches-palette.png  indexed colour (PLTE)
  patches.bmp, patches.gif
  patches.jpg          baseline YCbCr JPEG      patches-grey.jpg    one-component JPEG
  patches-cmyk.jpg     Adobe CMYK JPEG (ImageMagick's CMYK, no profile)
  patches-adobergb.jpg the patches converted to Adobe RGB (1998) primaries and gamma, with an
                       Adobe-RGB-compatible ICC profile this script writes (icc_profile below, from the
                       published primaries; no third-party profile bytes)
  orient-1.jpg ... orient-8.jpg  the pixels stored transformed, with the EXIF Orientation tag that
                       undoes it (a minimal EXIF APP1 segment this script inserts), so each displays
                       as the upright grid
  huge-header.png      a valid PNG header claiming 100000 x 100000 pixels, then one tiny IDAT
"""
import os
import struct
import subprocess
import tempfile
import zlib

CONVERT = "/usr/bin/convert"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "compute", "src", "test", "resources", "images")
P = 16  # patch side
PATCHES = [  # sRGB, rows of 4
    (200, 60, 60), (60, 170, 80), (50, 80, 190), (230, 210, 60),
    (128, 128, 128), (20, 20, 20), (240, 240, 240), (150, 90, 160),
]
GREYS = [0, 36, 73, 109, 146, 182, 219, 255]
ALPHAS = [255, 200, 128, 64, 0, 255, 32, 255]
W, H = 4 * P, 2 * P


def grid(values):
    """Row-major pixel list of the 4 x 2 patch grid for a per-patch value list."""
    return [values[(y // P) * 4 + x // P] for y in range(H) for x in range(W)]


def pnm(path, pixels, channels, maxval):
    fmt = ">H" if maxval > 255 else "B"
    body = b"".join(struct.pack(fmt, c) for px in pixels for c in (px if channels > 1 else (px,)))
    if channels == 4:
        head = f"P7\nWIDTH {W}\nHEIGHT {H}\nDEPTH 4\nMAXVAL {maxval}\nTUPLTYPE RGB_ALPHA\nENDHDR\n"
    else:
        head = f"{'P6' if channels == 3 else 'P5'}\n{W} {H}\n{maxval}\n"
    with open(path, "wb") as f:
        f.write(head.encode() + body)


def convert(*args):
    subprocess.run([CONVERT, *args], check=True)


# --- colour maths for the Adobe RGB file (ICC PCS is D50; primaries Bradford-adapted to D50) -------------
SRGB_TO_XYZ_D50 = [[0.4360747, 0.3850649, 0.1430804], [0.2225045, 0.7168786, 0.0606169],
                   [0.0139322, 0.0971045, 0.7141733]]
ADOBE_TO_XYZ_D50 = [[0.6097559, 0.2052401, 0.1492240], [0.3111242, 0.6256560, 0.0632197],
                    [0.0194811, 0.0608902, 0.7448387]]
ADOBE_GAMMA = 563 / 256


def inverse3(m):
    a, b, c = m[0]
    d, e, f = m[1]
    g, h, i = m[2]
    det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)
    return [[(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
            [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
            [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det]]


def mul(m, v):
    return [sum(m[r][k] * v[k] for k in range(3)) for r in range(3)]


def srgb_to_adobe8(rgb):
    lin = [(c / 255) / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    adobe = mul(inverse3(ADOBE_TO_XYZ_D50), mul(SRGB_TO_XYZ_D50, lin))
    return tuple(round(255 * max(0.0, min(1.0, v)) ** (1 / ADOBE_GAMMA)) for v in adobe)


def s15(v):
    return struct.pack(">i", round(v * 65536))


def icc_profile():
    """A minimal ICC v2 RGB display profile: Adobe RGB (1998) primaries and gamma 563/256, D50 white."""
    def xyz(x, y, z):
        return b"XYZ " + b"\0" * 4 + s15(x) + s15(y) + s15(z)

    def desc(text):
        a = text.encode() + b"\0"
        return b"desc" + b"\0" * 4 + struct.pack(">I", len(a)) + a + b"\0" * 8 + b"\0" * 3 + b"\0" * 67

    trc = b"curv" + b"\0" * 4 + struct.pack(">IH", 1, round(ADOBE_GAMMA * 256)) + b"\0\0"
    cols = list(zip(*ADOBE_TO_XYZ_D50))
    tags = [(b"desc", desc("Attention Workbench test: Adobe RGB (1998) compatible")),
            (b"cprt", b"text" + b"\0" * 4 + b"No copyright, use freely\0"),
            (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
            (b"rXYZ", xyz(*cols[0])), (b"gXYZ", xyz(*cols[1])), (b"bXYZ", xyz(*cols[2])),
            (b"rTRC", trc), (b"gTRC", trc), (b"bTRC", trc)]
    table, data = b"", b""
    offset = 128 + 4 + 12 * len(tags)
    for sig, body in tags:
        body += b"\0" * (-len(body) % 4)
        table += sig + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (struct.pack(">I", size) + b"\0" * 4 + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
              + struct.pack(">6H", 2026, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 24 + struct.pack(">I", 0)
              + s15(0.9642) + s15(1.0) + s15(0.8249) + b"\0" * 48)
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


# --- EXIF ------------------------------------------------------------------------------------------------
def exif_app1(orientation):
    """APP1 'Exif' segment with one IFD0 entry: Orientation (0x0112, SHORT, 1)."""
    tiff = b"II*\0" + struct.pack("<I", 8) + struct.pack("<H", 1) \
        + struct.pack("<HHIHH", 0x0112, 3, 1, orientation, 0) + struct.pack("<I", 0)
    body = b"Exif\0\0" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body


def insert_exif(path, segment):
    """After SOI, or after the JFIF APP0 when there is one (where cameras and editors put it)."""
    data = open(path, "rb").read()
    assert data[:2] == b"\xff\xd8"
    at = 2
    if data[2:4] == b"\xff\xe0":
        at = 4 + struct.unpack(">H", data[4:6])[0]
    open(path, "wb").write(data[:at] + segment + data[at:])


# ImageMagick operator that stores the upright grid so that EXIF orientation N displays it upright
STORE = {1: [], 2: ["-flop"], 3: ["-rotate", "180"], 4: ["-flip"], 5: ["-transpose"], 6: ["-rotate", "-90"],
         7: ["-transverse"], 8: ["-rotate", "90"]}


def huge_header_png(path, w, h):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + chunk(b"IEND", b""))


def main():
    os.makedirs(OUT, exist_ok=True)
    png = ["-define", "png:exclude-chunks=date,time,gAMA,cHRM,bKGD,sRGB", "-strip"]
    jpg = ["-strip", "-quality", "95", "-sampling-factor", "1x1"]
    with tempfile.TemporaryDirectory() as tmp:
        rgb8, grey8 = os.path.join(tmp, "rgb.ppm"), os.path.join(tmp, "grey.pgm")
        rgb16, grey16 = os.path.join(tmp, "rgb16.ppm"), os.path.join(tmp, "grey16.pgm")
        rgba, adobe = os.path.join(tmp, "rgba.pam"), os.path.join(tmp, "adobe.ppm")
        pnm(rgb8, grid(PATCHES), 3, 255)
        pnm(grey8, grid(GREYS), 1, 255)
        pnm(rgb16, grid([tuple(c * 257 for c in p) for p in PATCHES]), 3, 65535)
        pnm(grey16, grid([g * 257 for g in GREYS]), 1, 65535)
        pnm(rgba, grid([p + (a,) for p, a in zip(PATCHES, ALPHAS)]), 4, 255)
        pnm(adobe, grid([srgb_to_adobe8(p) for p in PATCHES]), 3, 255)
        icc = os.path.join(tmp, "adobe-compatible.icc")
        open(icc, "wb").write(icc_profile())

        o = lambda name: os.path.join(OUT, name)  # noqa: E731
        convert(rgb8, *png, "PNG24:" + o("patches.png"))
        convert(grey8, *png, "-define", "png:color-type=0", "-define", "png:bit-depth=8", o("patches-grey.png"))
        convert(rgb16, *png, "-depth", "16", "PNG48:" + o("patches-16.png"))
        convert(grey16, *png, "-depth", "16", "-define", "png:color-type=0", "-define", "png:bit-depth=16",
                o("patches-grey16.png"))
        convert(rgba, *png, "PNG32:" + o("patches-alpha.png"))
        convert(rgb8, *png, "PNG8:" + o("patches-palette.png"))
        convert(rgb8, "BMP3:" + o("patches.bmp"))
        convert(rgb8, o("patches.gif"))
        convert(rgb8, *jpg, o("patches.jpg"))
        convert(grey8, *jpg, "-colorspace", "Gray", o("patches-grey.jpg"))
        convert(rgb8, *jpg, "-colorspace", "CMYK", o("patches-cmyk.jpg"))
        convert(adobe, *jpg, "-profile", icc, o("patches-adobergb.jpg"))
        for n, op in STORE.items():
            convert(rgb8, *op, *jpg, o(f"orient-{n}.jpg"))
            insert_exif(o(f"orient-{n}.jpg"), exif_app1(n))
        huge_header_png(o("huge-header.png"), 100_000, 100_000)


if __name__ == "__main__":
    main()
