#!/usr/bin/env python3
"""Checks that a PNG screenshot is not blank and shows the given colours.

    png_check.py FILE.png [#RRGGBB ...]

Decodes the PNG with the standard library only (zlib and the five PNG row filters, 8-bit RGB or
RGBA, no interlace), then requires: at least 1% of the pixels not near-white, at least 8 distinct
colours, and for each colour given at least 30 pixels within 40 of it (sum of channel
differences: anti-aliased lines keep their core colour). Prints the figures; exits 1 on failure.
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG file")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour_type, _, _, interlace = header
    if depth != 8 or colour_type not in (2, 6) or interlace:
        raise SystemExit(f"{path}: only 8-bit RGB/RGBA non-interlaced PNGs are supported")
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(line)
        previous = line
    pixels = [tuple(row[x * channels:x * channels + 3]) for row in rows for x in range(width)]
    return width, height, pixels


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    width, height, pixels = decode(sys.argv[1])
    ink = sum(1 for p in pixels if sum(p) < 3 * 235)
    colours = len(set(pixels))
    print(f"{sys.argv[1]}: {width}x{height}, {100 * ink / len(pixels):.1f}% non-white, {colours} colours")
    ok = ink >= 0.01 * len(pixels) and colours >= 8
    for spec in sys.argv[2:]:
        target = tuple(int(spec.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
        near = sum(1 for p in pixels if sum(abs(a - b) for a, b in zip(p, target)) <= 40)
        print(f"  {spec}: {near} pixels")
        ok = ok and near >= 30
    if not ok:
        print("FAIL: the screenshot is blank or lacks the expected colours")
        sys.exit(1)


main()
