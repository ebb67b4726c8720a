//! How long `check_location` takes as a location grows: prints one line per shape and size.
//!
//!     cargo run --release -p indmap-core --example location_check_bench [SIZES...]
//!
//! SIZES are vertex counts (default 1000 10000 100000 1000000). Every shape is valid and in
//! Karaganda, so each run is the whole check: shape, validity, every vertex in Kazakhstan.

use std::f64::consts::TAU;
use std::time::{Duration, Instant};

use geojson::{Geometry, Position};
use indmap_core::Problems;
use indmap_core::geography::{boundaries, check_location};

/// Karaganda, (longitude, latitude).
const CENTRE: (f64, f64) = (73.1, 49.8);

/// A closed ring of `n` distinct vertices on a circle of `radius` degrees around `centre`,
/// counter-clockwise, or clockwise for a hole.
fn ring(centre: (f64, f64), radius: f64, n: usize, clockwise: bool) -> Vec<Position> {
    let sign = if clockwise { -1.0 } else { 1.0 };
    let mut ring: Vec<Position> = (0..n)
        .map(|i| {
            let a = sign * TAU * i as f64 / n as f64;
            Position::from([centre.0 + radius * a.cos(), centre.1 + radius * a.sin()])
        })
        .collect();
    ring.push(ring[0].clone());
    ring
}

/// The shapes timed, each of about `n` vertices.
fn shapes(n: usize) -> Vec<(&'static str, Geometry)> {
    let grid = (n as f64 / 8.0).sqrt().ceil() as usize; // n / 8 octagons in a square grid
    let parts = (0..grid * grid)
        .take((n / 8).max(1))
        .map(|k| {
            let (i, j) = ((k % grid) as f64, (k / grid) as f64);
            vec![ring(
                (CENTRE.0 + 0.3 * i / grid as f64, CENTRE.1 + 0.3 * j / grid as f64),
                0.1 / grid as f64,
                8,
                false,
            )]
        })
        .collect::<Vec<_>>();
    // Half the vertices in a shell, half in n / 16 octagonal holes in a square grid inside it.
    let holes = (n / 16).max(1);
    let side = (holes as f64).sqrt().ceil() as usize;
    let pierced = std::iter::once(ring(CENTRE, 0.05, n / 2, false))
        .chain((0..holes).map(|k| {
            let (i, j) = ((k % side) as f64 + 0.5, (k / side) as f64 + 0.5);
            let step = 0.06 / side as f64;
            ring((CENTRE.0 - 0.03 + step * i, CENTRE.1 - 0.03 + step * j), step / 3.0, 8, true)
        }))
        .collect::<Vec<_>>();
    // n / 4 teeth pointing east, their tips in a line: every tooth overlaps every other from
    // west to east, the worst case for a sweep from west to east.
    let teeth = (n / 4).max(1);
    let (west, tip, dy) = (CENTRE.0 + 0.05, CENTRE.0 + 0.1, 0.1 / teeth as f64);
    let mut comb: Vec<Position> = (0..teeth)
        .flat_map(|i| {
            let y = CENTRE.1 + i as f64 * dy;
            [[west, y], [tip, y], [tip, y + dy / 2.0], [west, y + dy / 2.0]]
        })
        .chain([[west, CENTRE.1 + 0.1], [CENTRE.0, CENTRE.1 + 0.1], [CENTRE.0, CENTRE.1]])
        .map(Position::from)
        .collect();
    comb.push(comb[0].clone());
    vec![
        ("regular polygon", Geometry::new_polygon([ring(CENTRE, 0.05, n, false)])),
        (
            "polygon with a hole",
            Geometry::new_polygon([ring(CENTRE, 0.05, n / 2, false), ring(CENTRE, 0.02, n / 2, true)]),
        ),
        ("polygon with many holes", Geometry::new_polygon(pierced)),
        ("comb", Geometry::new_polygon([comb])),
        ("multipolygon of octagons", Geometry::new_multi_polygon(parts)),
        (
            "line string",
            Geometry::new_line_string(ring(CENTRE, 0.05, n, false).into_iter().take(n).collect::<Vec<_>>()),
        ),
    ]
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).map(|a| a.parse().expect("a vertex count")).collect();
    let sizes = if sizes.is_empty() { vec![1_000, 10_000, 100_000, 1_000_000] } else { sizes };
    let start = Instant::now();
    boundaries();
    println!("region outlines read and indexed once, in {}", shown(start.elapsed()));
    println!("{:<26} {:>10} {:>12}", "shape", "vertices", "check");
    for n in sizes {
        for (name, g) in shapes(n) {
            let vertices = match &g.value {
                geojson::GeometryValue::Polygon { coordinates } => coordinates.iter().map(Vec::len).sum(),
                geojson::GeometryValue::MultiPolygon { coordinates } => {
                    coordinates.iter().flatten().map(Vec::len).sum()
                }
                geojson::GeometryValue::LineString { coordinates } => coordinates.len(),
                _ => unreachable!(),
            };
            let mut problems = Problems::new();
            let start = Instant::now();
            let result = check_location("geometry", &g, &mut problems);
            let took = start.elapsed();
            assert!(result.is_some(), "{name} of {n} vertices: {problems:?}");
            println!("{name:<26} {vertices:>10} {:>12}", shown(took));
        }
    }
}

fn shown(d: Duration) -> String {
    if d < Duration::from_millis(10) {
        format!("{:.2} ms", d.as_secs_f64() * 1e3)
    } else if d < Duration::from_secs(10) {
        format!("{:.0} ms", d.as_secs_f64() * 1e3)
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}
