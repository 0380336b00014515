# Draws the Earshot icon (rounded square, a dot and three sound arcs) as an RGBA PNG with only
# the Python standard library. Usage: python3 build/make-icon.py 512 build/icon.png
# (build/icon.png and resources/icons/icon.png are this output at 512 px).
import math, struct, sys, zlib

def icon(size):
    s = size / 512.0
    margin, radius = 24 * s, 104 * s
    cx, cy = 176 * s, 256 * s
    arcs = [(96 * s, 128 * s), (168 * s, 200 * s), (240 * s, 272 * s)]
    half_angle = math.radians(48)
    top, bottom = (0x1f, 0x6f, 0xd6), (0x0b, 0x3a, 0x7a)
    n = 4  # supersampling per axis
    offs = [(i + 0.5) / n for i in range(n)]

    def in_square(x, y):
        lo, hi = margin, size - margin
        if not (lo <= x <= hi and lo <= y <= hi):
            return False
        qx = max(lo + radius - x, 0, x - (hi - radius))
        qy = max(lo + radius - y, 0, y - (hi - radius))
        return qx * qx + qy * qy <= radius * radius

    def in_mark(x, y):
        dx, dy = x - cx, y - cy
        d = math.hypot(dx, dy)
        if d <= 44 * s:
            return True
        if dx <= 0:
            return False
        ang = abs(math.atan2(dy, dx))
        for r0, r1 in arcs:
            if r0 <= d <= r1 and ang <= half_angle:
                return True
            # round caps at both ends of the arc
            mid = (r0 + r1) / 2
            for sgn in (1, -1):
                ex, ey = cx + mid * math.cos(sgn * half_angle), cy + mid * math.sin(sgn * half_angle)
                if math.hypot(x - ex, y - ey) <= (r1 - r0) / 2:
                    return True
        return False

    rows = []
    for py in range(size):
        t = py / (size - 1)
        bg = tuple(round(top[i] + (bottom[i] - top[i]) * t) for i in range(3))
        row = bytearray([0])
        for px in range(size):
            cover = mark = 0
            for oy in offs:
                for ox in offs:
                    x, y = px + ox, py + oy
                    if in_square(x, y):
                        cover += 1
                        if in_mark(x, y):
                            mark += 1
            total = n * n
            if cover == 0:
                row += b'\x00\x00\x00\x00'
                continue
            w = mark / cover
            rgb = [round(bg[i] * (1 - w) + 255 * w) for i in range(3)]
            row += bytes(rgb + [round(255 * cover / total)])
        rows.append(bytes(row))
    return b''.join(rows)

def png(size, pixels):
    def chunk(tag, data):
        return struct.pack('>I', len(data)) + tag + data + struct.pack('>I', zlib.crc32(tag + data) & 0xffffffff)
    ihdr = struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', zlib.compress(pixels, 9)) + chunk(b'IEND', b'')

size, out = int(sys.argv[1]), sys.argv[2]
with open(out, 'wb') as f:
    f.write(png(size, icon(size)))
