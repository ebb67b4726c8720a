//! The GeoPackage part of the file (OGC 12-128r18): the tables every GeoPackage has and a
//! `projects` feature table, so GIS tools open the file as a map.

use indmap_core::Project;
use indmap_core::feature::project_properties;
use rusqlite::{Connection, params};

/// 'GPKG' in the SQLite header's application id, and GeoPackage 1.4.
const APPLICATION_ID: i32 = 0x4750_4B47;
const USER_VERSION: i32 = 10400;

/// The tables of every GeoPackage, and the empty `projects` layer.
pub fn create_tables(tx: &Connection) -> rusqlite::Result<()> {
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", USER_VERSION)?;
    tx.execute_batch(
        "CREATE TABLE gpkg_spatial_ref_sys (
            srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
            organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
         INSERT INTO gpkg_spatial_ref_sys VALUES
            ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
            ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
            ('WGS 84 geodetic', 4326, 'EPSG', 4326,
             'GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]]',
             'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
         CREATE TABLE gpkg_contents (
            table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
            last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
            min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER REFERENCES gpkg_spatial_ref_sys(srs_id));
         CREATE TABLE gpkg_geometry_columns (
            table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
            z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name));
         CREATE TABLE projects (
            fid INTEGER PRIMARY KEY AUTOINCREMENT, geom GEOMETRY,
            id TEXT NOT NULL UNIQUE, code TEXT, name_kk TEXT, name_ru TEXT, name_en TEXT, region TEXT,
            level TEXT, status TEXT, sector TEXT, initiator TEXT, cost_kzt REAL, jobs_permanent INTEGER,
            start_date TEXT, commissioning_planned TEXT, commissioning_actual TEXT, properties TEXT);
         INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
            VALUES ('projects', 'features', 'projects', 'Industrialization map projects', 4326);
         INSERT INTO gpkg_geometry_columns VALUES ('projects', 'geom', 'GEOMETRY', 4326, 0, 0);",
    )
}

/// Adds projects to the `projects` layer, widening `extent` to their geometries.
pub fn add_features<'a>(
    tx: &Connection,
    projects: impl Iterator<Item = &'a Project>,
    extent: &mut Option<geo::Rect<f64>>,
) -> rusqlite::Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO projects (geom, id, code, name_kk, name_ru, name_en, region, level, status, sector, initiator,
            cost_kzt, jobs_permanent, start_date, commissioning_planned, commissioning_actual, properties)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    for p in projects {
        let blob = p.location.as_ref().and_then(|g| geometry_blob(g, extent));
        let props = project_properties(p);
        let text = |k: &str| props.get(k).and_then(|v| v.as_str()).map(str::to_owned);
        insert.execute(params![
            blob,
            p.id.to_string(),
            text("code"),
            p.name_kk,
            p.name_ru,
            p.name_en,
            p.region.as_str(),
            p.level.code(),
            p.status.code(),
            p.sector,
            p.initiator,
            p.cost.map(|c| c.minor() as f64 / 100.0),
            p.jobs_permanent,
            text("start_date"),
            text("commissioning_planned"),
            text("commissioning_actual"),
            serde_json::Value::Object(props).to_string(),
        ])?;
    }
    Ok(())
}

/// The extent of the `projects` layer, as GIS tools zoom to it.
pub fn set_extent(tx: &Connection, r: geo::Rect<f64>) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE gpkg_contents SET min_x = ?1, min_y = ?2, max_x = ?3, max_y = ?4 WHERE table_name = 'projects'",
        params![r.min().x, r.min().y, r.max().x, r.max().y],
    )?;
    Ok(())
}

/// Lists plain tables in gpkg_contents, as the standard asks of non-spatial data.
pub fn register_attributes(tx: &Connection, tables: &[&str]) -> rusqlite::Result<()> {
    for t in tables {
        tx.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES (?1, 'attributes', ?1)", [t])?;
    }
    Ok(())
}

/// A GeoPackage geometry: the 'GP' header with the SRS and the envelope, then WKB.
fn geometry_blob(g: &geo::Geometry<f64>, extent: &mut Option<geo::Rect<f64>>) -> Option<Vec<u8>> {
    use geo::BoundingRect;
    let rect = g.bounding_rect()?;
    *extent = Some(match extent.take() {
        None => rect,
        Some(e) => geo::Rect::new(
            geo::coord! { x: e.min().x.min(rect.min().x), y: e.min().y.min(rect.min().y) },
            geo::coord! { x: e.max().x.max(rect.max().x), y: e.max().y.max(rect.max().y) },
        ),
    });
    // Version 0; flags: little-endian, envelope [minx, maxx, miny, maxy].
    let mut blob = vec![b'G', b'P', 0, 0b0000_0011];
    blob.extend_from_slice(&4326i32.to_le_bytes());
    for v in [rect.min().x, rect.max().x, rect.min().y, rect.max().y] {
        blob.extend_from_slice(&v.to_le_bytes());
    }
    let options = wkb::writer::WriteOptions { endianness: wkb::Endianness::LittleEndian };
    wkb::writer::write_geometry(&mut blob, g, &options).ok()?;
    Some(blob)
}
