"""Build the offline world basemap the web map draws instead of tiles.

Reads Natural Earth 1:110m country shapes from the ``world-atlas`` npm package
(TopoJSON, ISC licence; the underlying Natural Earth data is public domain),
decodes the TopoJSON arcs, redraws rings that cross the antimeridian, rounds coordinates to ``--digits`` decimals, drops
rings that collapse at that precision, and writes a compact GeoJSON
FeatureCollection (one feature per country, property ``name``) plus the
package's licence notice beside it.

    python scripts/build_basemap.py                      # fetches world-atlas with `npm pack`
    python scripts/build_basemap.py --topojson countries-110m.json --license LICENSE

The output is committed (src/sumber/web/static/world.geojson), so nothing is
fetched at run time; rerun this script only to change the basemap.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

PACKAGE = "world-atlas@2.0.2"
MEMBER = "package/countries-110m.json"
OUT_DIR = Path(__file__).resolve().parents[1] / "src" / "sumber" / "web" / "static"


def fetch_package(workdir: Path) -> tuple[dict[str, Any], str]:
    """Download the npm tarball with the ordinary client and read the TopoJSON and licence from it."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent", "--pack-destination", str(workdir)], check=True,
                   stdout=subprocess.DEVNULL)
    tarball = next(workdir.glob("world-atlas-*.tgz"))
    with tarfile.open(tarball) as tar:
        topo = json.load(tar.extractfile(MEMBER))  # type: ignore[arg-type]
        licence = tar.extractfile("package/LICENSE").read().decode("utf-8")  # type: ignore[union-attr]
    return topo, licence


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (TopoJSON stores quantized, delta-encoded positions)."""
    transform = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(pts)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Stitch a ring from arc indices (``~i`` means arc ``i`` reversed), sharing end points."""
    pts: list[tuple[float, float]] = []
    for i in indices:
        part = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(part if not pts else part[1:])
    return pts


def across_antimeridian(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Make a ring drawable on a flat map: no edge may jump from 180 to -180 degrees.

    A ring that crosses the antimeridian and comes back (Fiji, Chukotka) is unwrapped
    into longitudes past 180; a ring around a pole (Antarctica) is closed along the pole.
    """
    if not any(abs(a[0] - b[0]) > 180 for a, b in zip(pts, pts[1:])):
        return pts
    out = [pts[0]]
    shift = 0.0
    for (x0, _), (x1, y1) in zip(pts, pts[1:]):
        if x1 - x0 > 180:
            shift -= 360
        elif x0 - x1 > 180:
            shift += 360
        out.append((x1 + shift, y1))
    if abs(shift) < 1e-9:
        return out
    polar = []
    pole = -90.0 if min(y for _, y in pts) < 0 else 90.0
    for a, b in zip(pts, pts[1:]):
        polar.append(a)
        if abs(a[0] - b[0]) > 180:
            polar.extend([(a[0], pole), (b[0], pole)])
    polar.append(pts[-1])
    return polar


def round_ring(pts: list[tuple[float, float]], digits: int) -> list[list[float]] | None:
    """Rounded ring without repeated points; None when fewer than 4 positions remain."""
    out: list[list[float]] = []
    for x, y in pts:
        p = [round(x, digits), round(y, digits)]
        if not out or out[-1] != p:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def polygons(geom: dict[str, Any], arcs: list[list[tuple[float, float]]], digits: int) -> list[list[list[list[float]]]]:
    parts = [geom["arcs"]] if geom["type"] == "Polygon" else geom["arcs"] if geom["type"] == "MultiPolygon" else []
    result = []
    for poly in parts:
        rings = [round_ring(across_antimeridian(ring(r, arcs)), digits) for r in poly]
        if rings and rings[0] is not None:
            result.append([r for r in rings if r is not None])
    return result


def to_geojson(topo: dict[str, Any], digits: int) -> dict[str, Any]:
    arcs = decode_arcs(topo)
    obj = topo["objects"]["countries"]
    features = []
    for geom in obj["geometries"]:
        polys = polygons(geom, arcs, digits)
        if not polys:
            continue
        geometry = ({"type": "Polygon", "coordinates": polys[0]} if len(polys) == 1
                    else {"type": "MultiPolygon", "coordinates": polys})
        features.append({"type": "Feature", "properties": {"name": (geom.get("properties") or {}).get("name")},
                         "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--topojson", type=Path, help="a countries TopoJSON file (default: fetch world-atlas with npm)")
    ap.add_argument("--license", type=Path, help="its licence file (with --topojson)")
    ap.add_argument("--digits", type=int, default=2, help="decimals kept in coordinates (default 2, ~1 km)")
    ap.add_argument("--out", type=Path, default=OUT_DIR / "world.geojson")
    args = ap.parse_args(argv)
    if args.topojson:
        topo = json.loads(args.topojson.read_text(encoding="utf-8"))
        licence = args.license.read_text(encoding="utf-8") if args.license else ""
    else:
        with tempfile.TemporaryDirectory() as tmp:
            topo, licence = fetch_package(Path(tmp))
    gj = to_geojson(topo, args.digits)
    args.out.write_text(json.dumps(gj, separators=(",", ":")), encoding="utf-8")
    notice = (f"world.geojson: country outlines from Natural Earth 1:110m (public domain), via the npm package "
              f"{PACKAGE} (TopoJSON), converted and rounded by scripts/build_basemap.py.\n\n"
              f"Licence of {PACKAGE}:\n\n{licence}")
    args.out.with_name("world.NOTICE.txt").write_text(notice, encoding="utf-8")
    print(f"{args.out}: {len(gj['features'])} countries, {args.out.stat().st_size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
