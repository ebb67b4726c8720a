//! Extra map layers users bring from their own files (districts, industrial zones): a GeoJSON
//! file, or every feature table of a GeoPackage, read into GeoJSON FeatureCollections in WGS 84
//! longitude/latitude. Layers are only shown, never merged into projects, so reading is strict
//! about size and coordinate system and says which file, layer and rule a refusal comes from.

use geo_traits::to_geo::ToGeoGeometry;
use geojson::{Feature, FeatureCollection, GeoJson, Geometry, GeometryValue, Position};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde_json::{Map, Value};
use std::path::Path;

/// A layer file larger than this is refused: the window keeps every layer in memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// At most this many features in one file (all its layers together).
pub const MAX_FEATURES: usize = 50_000;

/// One layer read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct UserLayer {
    /// The GeoPackage table, or the GeoJSON's `name` member, else the file's stem.
    pub name: String,
    /// [west, south, east, north] of every coordinate; `None` when no feature has a geometry.
    pub bbox: Option<[f64; 4]>,
    pub collection: FeatureCollection,
}

#[derive(Debug, PartialEq, thiserror::Error)]
pub enum LayerError {
    #[error("{file}: the file does not exist")]
    Missing { file: String },
    #[error("{file} cannot be read: {reason}")]
    Unreadable { file: String, reason: String },
    #[error("{file} is {bytes} bytes; a layer file may be at most {MAX_FILE_BYTES} bytes (64 MB)")]
    TooLarge { file: String, bytes: u64 },
    #[error("{file} holds more than {MAX_FEATURES} features; simplify or split it")]
    TooManyFeatures { file: String },
    #[error("{file} is neither GeoJSON (.geojson, .json) nor a GeoPackage (.gpkg)")]
    UnknownFormat { file: String },
    #[error("{file} is not valid {format}: {reason}")]
    Malformed { file: String, format: &'static str, reason: String },
    #[error(
        "{file}: layer {layer:?} is in {srs}; only WGS 84 longitude/latitude (EPSG:4326) can be shown. Reproject it, e.g. `ogr2ogr -t_srs EPSG:4326 out.gpkg {file}`"
    )]
    WrongSrs { file: String, layer: String, srs: String },
    #[error("{file}: layer {layer:?}, feature {feature}: {reason}")]
    BadGeometry { file: String, layer: String, feature: usize, reason: String },
    #[error("{file} has no feature table")]
    NoLayers { file: String },
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Reads every layer of a GeoJSON or GeoPackage file, checking the limits first.
pub fn read_layers(path: &Path) -> Result<Vec<UserLayer>, LayerError> {
    let file = file_name(path);
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => LayerError::Missing { file: path.display().to_string() },
        _ => LayerError::Unreadable { file: file.clone(), reason: e.to_string() },
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(LayerError::TooLarge { file, bytes: meta.len() });
    }
    let bytes =
        std::fs::read(path).map_err(|e| LayerError::Unreadable { file: file.clone(), reason: e.to_string() })?;
    let layers = if bytes.starts_with(b"SQLite format 3\0") {
        read_geopackage(path, &file)?
    } else if bytes.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|&b| b == b'{') {
        vec![read_geojson(&bytes, &file, path)?]
    } else {
        return Err(LayerError::UnknownFormat { file });
    };
    if layers.iter().map(|l| l.collection.features.len()).sum::<usize>() > MAX_FEATURES {
        return Err(LayerError::TooManyFeatures { file });
    }
    Ok(layers)
}

// ---- GeoJSON --------------------------------------------------------------------------------

fn read_geojson(bytes: &[u8], file: &str, path: &Path) -> Result<UserLayer, LayerError> {
    let malformed = |reason: String| LayerError::Malformed { file: file.into(), format: "GeoJSON", reason };
    let raw: Value = serde_json::from_slice(bytes).map_err(|e| malformed(e.to_string()))?;
    let stem = path.file_stem().map_or_else(|| file.to_string(), |s| s.to_string_lossy().into_owned());
    let name = raw.get("name").and_then(Value::as_str).map(str::to_owned).unwrap_or(stem);
    // GeoJSON of 2008 may name another CRS; RFC 7946 files are always WGS 84.
    if let Some(crs) = raw.pointer("/crs/properties/name").and_then(Value::as_str)
        && !is_wgs84_name(crs)
    {
        return Err(LayerError::WrongSrs { file: file.into(), layer: name, srs: crs.into() });
    }
    let features = match serde_json::from_value::<GeoJson>(raw).map_err(|e| malformed(e.to_string()))? {
        GeoJson::FeatureCollection(fc) => fc.features,
        GeoJson::Feature(f) => vec![f],
        GeoJson::Geometry(g) => vec![Feature { geometry: Some(g), ..Default::default() }],
    };
    if features.len() > MAX_FEATURES {
        return Err(LayerError::TooManyFeatures { file: file.into() });
    }
    layer(file, name, features)
}

/// `EPSG:4326`, `urn:ogc:def:crs:EPSG::4326`, `urn:ogc:def:crs:OGC:1.3:CRS84` and the like.
fn is_wgs84_name(crs: &str) -> bool {
    let c = crs.to_ascii_uppercase();
    c.ends_with("CRS84") || c.ends_with(":4326") || c == "WGS84"
}

/// Checks every coordinate is longitude/latitude and builds the layer with its extent.
fn layer(file: &str, name: String, features: Vec<Feature>) -> Result<UserLayer, LayerError> {
    let mut bbox: Option<[f64; 4]> = None;
    for (i, f) in features.iter().enumerate() {
        let Some(g) = &f.geometry else { continue };
        let mut bad = None;
        visit_positions(&g.value, &mut |p| {
            let (x, y) = (p[0], p[1]);
            if bad.is_none()
                && !(x.is_finite() && y.is_finite() && (-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y))
            {
                bad = Some(format!(
                    "coordinate [{x}, {y}] is not longitude/latitude; the layer seems to be in a projected system (reproject it to EPSG:4326)"
                ));
            }
            let b = bbox.get_or_insert([x, y, x, y]);
            *b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
        });
        if let Some(reason) = bad {
            return Err(LayerError::BadGeometry { file: file.into(), layer: name, feature: i + 1, reason });
        }
    }
    Ok(UserLayer { name, bbox, collection: FeatureCollection { bbox: None, features, foreign_members: None } })
}

fn visit_positions(value: &GeometryValue, f: &mut impl FnMut(&[f64])) {
    use GeometryValue as V;
    let mut each = |p: &Position| match p.as_slice() {
        s if s.len() >= 2 => f(s),
        _ => f(&[f64::NAN, f64::NAN]),
    };
    match value {
        V::Point { coordinates } => each(coordinates),
        V::MultiPoint { coordinates } | V::LineString { coordinates } => coordinates.iter().for_each(each),
        V::MultiLineString { coordinates } | V::Polygon { coordinates } => coordinates.iter().flatten().for_each(each),
        V::MultiPolygon { coordinates } => coordinates.iter().flatten().flatten().for_each(each),
        V::GeometryCollection { geometries } => geometries.iter().for_each(|g| visit_positions(&g.value, f)),
    }
}

// ---- GeoPackage -----------------------------------------------------------------------------

struct FeatureTable {
    table: String,
    column: String,
    srs_id: i64,
}

fn read_geopackage(path: &Path, file: &str) -> Result<Vec<UserLayer>, LayerError> {
    let malformed =
        |e: rusqlite::Error| LayerError::Malformed { file: file.into(), format: "GeoPackage", reason: e.to_string() };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| LayerError::Unreadable { file: file.into(), reason: e.to_string() })?;
    // Before the check, which computes them too. (CHECK constraints, the other expressions a
    // file could make SQLite compute, are left out of read-only connections.)
    no_generated_columns(&conn, file)?;
    let integrity: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(malformed)?;
    if integrity != "ok" {
        return Err(LayerError::Malformed { file: file.into(), format: "GeoPackage", reason: integrity });
    }
    for table in ["gpkg_contents", "gpkg_geometry_columns", "gpkg_spatial_ref_sys"] {
        stored_table(&conn, file, table)?;
    }
    let tables: Vec<FeatureTable> = {
        let mut stmt = conn
            .prepare(
                "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c
                 JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
                 WHERE c.data_type = 'features' ORDER BY c.table_name",
            )
            .map_err(malformed)?;
        let rows = stmt
            .query_map([], |r| Ok(FeatureTable { table: r.get(0)?, column: r.get(1)?, srs_id: r.get(2)? }))
            .map_err(malformed)?;
        rows.collect::<rusqlite::Result<_>>().map_err(malformed)?
    };
    if tables.is_empty() {
        return Err(LayerError::NoLayers { file: file.into() });
    }
    let mut layers = Vec::new();
    let mut total = 0usize;
    for t in &tables {
        stored_table(&conn, file, &t.table)?;
        check_srs(&conn, file, t)?;
        let features = read_table(&conn, file, t, MAX_FEATURES - total)?;
        total += features.len();
        layers.push(layer(file, t.table.clone(), features)?);
    }
    Ok(layers)
}

/// Refuses a table the file names (a layer, or one of the GeoPackage's own tables) that is not
/// stored but computed as it is read: a view or a virtual table. Its cost is not bounded by the
/// file's size; a view over a recursive query never ends. A table the file does not have passes:
/// the query that reads it says so.
fn stored_table(conn: &Connection, file: &str, table: &str) -> Result<(), LayerError> {
    let kind: Option<String> = conn
        .query_row(
            "SELECT type FROM pragma_table_list WHERE schema = 'main' AND name = ?1 COLLATE NOCASE",
            [table],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| LayerError::Malformed { file: file.into(), format: "GeoPackage", reason: e.to_string() })?;
    match kind.as_deref() {
        None | Some("table") => Ok(()),
        Some(kind) => Err(LayerError::Malformed {
            file: file.into(),
            format: "GeoPackage",
            reason: format!("{table:?} is a {kind}, not a table; only stored tables are read"),
        }),
    }
}

/// Refuses a file with a virtual generated column in any table: its value is computed whenever
/// the row is read (even by `PRAGMA quick_check`), and one column can make a gigabyte of text
/// per row in a file of a few kilobytes.
fn no_generated_columns(conn: &Connection, file: &str) -> Result<(), LayerError> {
    let malformed = |reason: String| LayerError::Malformed { file: file.into(), format: "GeoPackage", reason };
    let found: Option<(String, String)> = conn
        .query_row(
            "SELECT m.name, c.name FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) c
             WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%' AND c.hidden = 2 LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(|e| malformed(e.to_string()))?;
    match found {
        Some((table, column)) => Err(malformed(format!(
            "table {table:?}: column {column:?} is computed when read (a virtual generated column); only stored values are read"
        ))),
        None => Ok(()),
    }
}

/// Refuses a table whose spatial reference is not WGS 84 longitude/latitude.
fn check_srs(conn: &Connection, file: &str, t: &FeatureTable) -> Result<(), LayerError> {
    let found: Option<(String, i64, String)> = conn
        .query_row(
            "SELECT organization, organization_coordsys_id, srs_name FROM gpkg_spatial_ref_sys WHERE srs_id = ?1",
            [t.srs_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .ok();
    // srs_id 0 is the "undefined geographic" system: taken as longitude/latitude, since every
    // coordinate is checked against those ranges anyway.
    let ok = t.srs_id == 0
        || match &found {
            Some((org, id, _)) => {
                (org.eq_ignore_ascii_case("EPSG") && *id == 4326) || (org.eq_ignore_ascii_case("OGC") && *id == 84)
            }
            None => t.srs_id == 4326,
        };
    if ok {
        return Ok(());
    }
    let srs = match found {
        Some((org, id, name)) => format!("{org}:{id} ({name})"),
        None => format!("an unknown system (srs_id {})", t.srs_id),
    };
    Err(LayerError::WrongSrs { file: file.into(), layer: t.table.clone(), srs })
}

fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

fn read_table(conn: &Connection, file: &str, t: &FeatureTable, room: usize) -> Result<Vec<Feature>, LayerError> {
    let malformed = |e: rusqlite::Error| LayerError::Malformed {
        file: file.into(),
        format: "GeoPackage",
        reason: format!("layer {:?}: {e}", t.table),
    };
    // rusqlite's `Statement::column_names` panics on a name that is not UTF-8, so the table's
    // column names are read first as values, where such a name is an error.
    let mut columns = conn.prepare("SELECT name FROM pragma_table_xinfo(?1)").map_err(malformed)?;
    let mut rows = columns.query([&t.table]).map_err(malformed)?;
    while let Some(row) = rows.next().map_err(malformed)? {
        if row.get_ref(0).map_err(malformed)?.as_str().is_err() {
            return Err(LayerError::Malformed {
                file: file.into(),
                format: "GeoPackage",
                reason: format!("layer {:?}: a column name is not UTF-8 text", t.table),
            });
        }
    }
    drop(rows);
    // One row more than there is room for tells that the limit is passed.
    let sql = format!("SELECT * FROM {} LIMIT {}", quote(&t.table), room + 1);
    let mut stmt = conn.prepare(&sql).map_err(malformed)?;
    let names: Vec<String> = stmt.column_names().into_iter().map(str::to_owned).collect();
    let mut rows = stmt.query([]).map_err(malformed)?;
    let mut features = Vec::new();
    while let Some(row) = rows.next().map_err(malformed)? {
        if features.len() == room {
            return Err(LayerError::TooManyFeatures { file: file.into() });
        }
        let mut properties = Map::new();
        let mut geometry = None;
        for (i, name) in names.iter().enumerate() {
            let value = row.get_ref(i).map_err(malformed)?;
            if name.eq_ignore_ascii_case(&t.column) {
                if let ValueRef::Blob(blob) = value {
                    geometry = gpkg_geometry(blob).map_err(|reason| LayerError::BadGeometry {
                        file: file.into(),
                        layer: t.table.clone(),
                        feature: features.len() + 1,
                        reason,
                    })?;
                }
                continue;
            }
            properties.insert(name.clone(), sql_value(value));
        }
        features.push(Feature { geometry, properties: Some(properties), ..Default::default() });
    }
    Ok(features)
}

fn sql_value(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(r) => serde_json::Number::from_f64(r).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::String(format!("({} bytes)", b.len())),
    }
}

/// A GeoPackage geometry blob (OGC 12-128r18 §2.1.3): the `GP` header, then standard WKB.
/// An empty geometry is `None`.
pub fn gpkg_geometry(blob: &[u8]) -> Result<Option<Geometry>, String> {
    if blob.len() < 8 || &blob[..2] != b"GP" {
        return Err("the geometry does not start with a GeoPackage header".into());
    }
    let flags = blob[3];
    if flags & 0b0010_0000 != 0 {
        return Err("extended GeoPackage geometries are not supported".into());
    }
    let envelope = match (flags >> 1) & 0b111 {
        0 => 0,
        1 => 32,
        2 | 3 => 48,
        4 => 64,
        n => return Err(format!("the geometry header names an unknown envelope ({n})")),
    };
    let start = 8 + envelope;
    if blob.len() < start {
        return Err("the geometry is cut short".into());
    }
    if flags & 0b0001_0000 != 0 {
        return Ok(None);
    }
    let wkb = wkb::reader::read_wkb(&blob[start..]).map_err(|e| format!("the geometry is not valid WKB: {e}"))?;
    match wkb.try_to_geometry() {
        Some(g) => Ok(Some(Geometry::from(&g))),
        None => Ok(None),
    }
}
