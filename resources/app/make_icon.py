"""Render resources/app/icon.svg into the PNG, ICO and ICNS icons the app and its bundle use.

Run from anywhere with the project's venv: ``.venv/bin/python resources/app/make_icon.py``.
The SVG is the one source; the PNGs are committed so neither the app nor the bundle
needs Qt's SVG support. ICO and ICNS are written by hand (PNG entries) so no extra tool is needed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: ICNS entry types holding PNG data, by pixel size.
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08"}


def render_png(renderer: QSvgRenderer, size: int, target: Path) -> bytes:
    """Draw the SVG at ``size`` x ``size`` on a transparent background into ``target``; its bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target)):  # format from the .png suffix
        raise RuntimeError(f"could not write {target}")
    return target.read_bytes()


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNGs (valid since Windows Vista)."""
    sizes = [s for s in ICO_SIZES if s in pngs]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in the ICO directory
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns whose entries are PNGs."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for size, kind in ICNS_TYPES.items()
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    """Write icon-<n>.png for every size, icon.ico and icon.icns next to icon.svg."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(HERE / "icon.svg"))
    if not renderer.isValid():
        print("icon.svg is not a valid SVG", file=sys.stderr)
        return 1
    pngs = {size: render_png(renderer, size, HERE / f"icon-{size}.png") for size in SIZES}
    (HERE / "icon.ico").write_bytes(ico_bytes(pngs))
    (HERE / "icon.icns").write_bytes(icns_bytes(pngs))
    print(f"wrote {len(pngs)} PNGs, icon.ico and icon.icns in {HERE}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
