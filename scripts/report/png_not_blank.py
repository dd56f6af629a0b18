#!/usr/bin/env python3
"""Checks that a PNG screenshot is not blank, with the standard library only (zlib, no PIL).

Decodes the PNG (8-bit RGB or RGBA, any filter), then requires that at least 2 % of the pixels
differ from the most common colour and that there are at least 50 distinct colours. A blank,
white or single-colour page fails. Usage: png_not_blank.py FILE.png
"""
import struct
import sys
import zlib
from collections import Counter


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG file")
    pos, idat, width = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour not in (2, 6):
                sys.exit(f"{path}: unsupported PNG (depth {depth}, colour type {colour})")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: png_not_blank.py FILE.png")
    width, height, channels, rows = decode(sys.argv[1])
    pixels = Counter()
    for line in rows[::2]:
        for x in range(0, len(line), channels * 2):
            pixels[line[x:x + 3]] += 1
    total = sum(pixels.values())
    common = pixels.most_common(1)[0][1]
    other = 1 - common / total
    print(f"{sys.argv[1]}: {width}x{height}, {len(pixels)} distinct colours, {other:.1%} of pixels differ from the background")
    if other < 0.02 or len(pixels) < 50:
        print("FAIL: the screenshot looks blank")
        sys.exit(1)


if __name__ == "__main__":
    main()
