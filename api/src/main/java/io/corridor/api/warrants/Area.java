package io.corridor.api.warrants;

import io.corridor.api.BadRequest;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * An area as a simple polygon of {@code [lon, lat]} points (WGS 84), closed implicitly. Exact
 * tests use JTS; {@link #bounds()} serves the SQL prefilter.
 */
public final class Area {

  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private final Polygon polygon;
  private final JsonArray points;

  private Area(Polygon polygon, JsonArray points) {
    this.polygon = polygon;
    this.points = points;
  }

  /** Parses {@code [[lon, lat], ...]} (3 to 1000 points); {@link BadRequest} on {@code field}. */
  public static Area parse(Object value, String field) {
    if (!(value instanceof JsonArray array) || array.size() < 3 || array.size() > 1000) {
      throw new BadRequest(field, field + " must be an array of 3 to 1000 [lon, lat] points");
    }
    List<Coordinate> coordinates = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof JsonArray p) || p.size() != 2 || !(p.getValue(0) instanceof Number lon)
          || !(p.getValue(1) instanceof Number lat) || Math.abs(lon.doubleValue()) > 180
          || Math.abs(lat.doubleValue()) > 90) {
        throw new BadRequest(field, field + " points must be [lon, lat] with lon in [-180, 180] and lat in [-90, 90]");
      }
      coordinates.add(new Coordinate(lon.doubleValue(), lat.doubleValue()));
    }
    if (!coordinates.getFirst().equals2D(coordinates.getLast())) {
      coordinates.add(coordinates.getFirst());
    }
    if (coordinates.size() < 4) {
      throw new BadRequest(field, field + " needs at least 3 distinct points");
    }
    Polygon polygon = GEOMETRY.createPolygon(coordinates.toArray(Coordinate[]::new));
    if (!polygon.isValid() || polygon.getArea() == 0) {
      throw new BadRequest(field, field + " must be a simple polygon that does not cross itself");
    }
    return new Area(polygon, array.copy());
  }

  /** Parses what {@link #encode()} wrote. */
  public static Area decode(String json) {
    return parse(new JsonArray(json), "area");
  }

  /** The points as given, JSON. */
  public String encode() {
    return points.encode();
  }

  /** The points as given. */
  public JsonArray points() {
    return points.copy();
  }

  /** Whether {@code other} lies entirely inside this area (boundary included). */
  public boolean covers(Area other) {
    return polygon.covers(other.polygon);
  }

  /** Whether the point lies inside this area (boundary included). */
  public boolean covers(double lon, double lat) {
    return polygon.covers(GEOMETRY.createPoint(new Coordinate(lon, lat)));
  }

  /** The bounding box. */
  public Envelope bounds() {
    return polygon.getEnvelopeInternal();
  }
}
