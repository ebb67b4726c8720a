//! The map projection: equidistant cylindrical (equirectangular) with its standard parallel at
//! the centre latitude of the printed extent. Kazakhstan spans 40°–56° N, so over one region the
//! scale varies by a few percent and over the country by about ±15 % east–west; the scale bar
//! is true along the standard parallel and along every meridian, and the page says so.

use crate::paper::Rect;

/// The mean radius of the Earth (IUGG), metres.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// A longitude/latitude extent, degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extent {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl Extent {
    pub fn of(r: geo::Rect<f64>) -> Extent {
        Extent { west: r.min().x, south: r.min().y, east: r.max().x, north: r.max().y }
    }

    pub fn union(self, o: Extent) -> Extent {
        Extent {
            west: self.west.min(o.west),
            south: self.south.min(o.south),
            east: self.east.max(o.east),
            north: self.north.max(o.north),
        }
    }

    /// Grows the extent by `fraction` of its size on every side.
    pub fn padded(self, fraction: f64) -> Extent {
        let dx = (self.east - self.west) * fraction;
        let dy = (self.north - self.south) * fraction;
        Extent { west: self.west - dx, south: self.south - dy, east: self.east + dx, north: self.north + dy }
    }
}

/// From longitude/latitude to page millimetres.
#[derive(Debug, Clone, Copy)]
pub struct Projection {
    lon0: f64,
    lat0: f64,
    cos_lat0: f64,
    /// Page millimetres per metre on the ground.
    mm_per_m: f64,
    centre_x: f64,
    centre_y: f64,
}

impl Projection {
    /// The projection that shows `extent` as large as it fits in `frame`, centred.
    pub fn fit(extent: Extent, frame: Rect) -> Projection {
        let lat0 = (extent.south + extent.north) / 2.0;
        let lon0 = (extent.west + extent.east) / 2.0;
        let cos_lat0 = lat0.to_radians().cos();
        let width_m = (extent.east - extent.west).to_radians() * cos_lat0 * EARTH_RADIUS_M;
        let height_m = (extent.north - extent.south).to_radians() * EARTH_RADIUS_M;
        let mm_per_m = (frame.w / width_m.max(1.0)).min(frame.h / height_m.max(1.0));
        Projection {
            lon0,
            lat0,
            cos_lat0,
            mm_per_m,
            centre_x: frame.x + frame.w / 2.0,
            centre_y: frame.y + frame.h / 2.0,
        }
    }

    pub fn to_page(&self, lon: f64, lat: f64) -> (f64, f64) {
        let x_m = (lon - self.lon0).to_radians() * self.cos_lat0 * EARTH_RADIUS_M;
        let y_m = (lat - self.lat0).to_radians() * EARTH_RADIUS_M;
        (self.centre_x + x_m * self.mm_per_m, self.centre_y - y_m * self.mm_per_m)
    }

    /// The longitude and latitude at a page point: the inverse of [`Projection::to_page`].
    pub fn to_lonlat(&self, x: f64, y: f64) -> (f64, f64) {
        let x_m = (x - self.centre_x) / self.mm_per_m;
        let y_m = (self.centre_y - y) / self.mm_per_m;
        let lon = self.lon0 + (x_m / (self.cos_lat0 * EARTH_RADIUS_M)).to_degrees();
        let lat = self.lat0 + (y_m / EARTH_RADIUS_M).to_degrees();
        (lon, lat)
    }

    /// Metres on the ground per millimetre on paper, true along the standard parallel.
    pub fn metres_per_mm(&self) -> f64 {
        1.0 / self.mm_per_m
    }

    /// The latitude where the scale is true east–west.
    pub fn standard_parallel(&self) -> f64 {
        self.lat0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_degree_of_latitude_is_111_km_on_the_page() {
        let extent = Extent { west: 70.0, south: 45.0, east: 72.0, north: 47.0 };
        let p = Projection::fit(extent, Rect::new(0.0, 0.0, 100.0, 100.0));
        let (_, y1) = p.to_page(71.0, 45.5);
        let (_, y2) = p.to_page(71.0, 46.5);
        let km = (y1 - y2) * p.metres_per_mm() / 1000.0;
        assert!((km - 111.19).abs() < 0.05, "{km}");
        // Along the standard parallel a degree of longitude is cos(46°) as long.
        let (x1, _) = p.to_page(70.5, 46.0);
        let (x2, _) = p.to_page(71.5, 46.0);
        let km = (x2 - x1) * p.metres_per_mm() / 1000.0;
        assert!((km - 111.19 * 46f64.to_radians().cos()).abs() < 0.05, "{km}");
        // North is up.
        assert!(y2 < y1);
        let (x, y) = p.to_page(70.5, 45.5);
        let (lon, lat) = p.to_lonlat(x, y);
        assert!((lon - 70.5).abs() < 1e-9 && (lat - 45.5).abs() < 1e-9);
    }
}
