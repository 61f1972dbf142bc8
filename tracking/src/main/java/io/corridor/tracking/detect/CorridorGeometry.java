package io.corridor.tracking.detect;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * A shipment's declared route and corridor on its own metric plane (JTS geometry in a
 * {@link LocalProjection} centred on the route). Built once per plan and kept per node: plans
 * travel between members, geometry does not. Thread-safe once built.
 */
public final class CorridorGeometry {

  private static final int CACHE_LIMIT = 10_000;
  private static final Map<String, CorridorGeometry> CACHE = new ConcurrentHashMap<>();

  private final MonitorPlan plan;
  private final LocalProjection projection;
  private final GeometryFactory factory = new GeometryFactory();
  private final LineString route;
  private final PreparedGeometry corridor;

  /** Projects the route and buffers it by half the corridor width on each side. */
  public CorridorGeometry(List<LatLon> route, double corridorWidthM) {
    this(null, route, corridorWidthM);
  }

  private CorridorGeometry(MonitorPlan plan, List<LatLon> route, double corridorWidthM) {
    this.plan = plan;
    LatLon first = route.get(0);
    LatLon last = route.get(route.size() - 1);
    this.projection = new LocalProjection(new LatLon((first.lat() + last.lat()) / 2, (first.lon() + last.lon()) / 2));
    Coordinate[] coordinates = route.stream().map(projection::project).toArray(Coordinate[]::new);
    this.route = factory.createLineString(coordinates);
    Geometry buffer = this.route.buffer(corridorWidthM / 2);
    this.corridor = PreparedGeometryFactory.prepare(buffer);
  }

  /** The geometry of {@code plan}, from this node's cache. */
  public static CorridorGeometry of(MonitorPlan plan) {
    CorridorGeometry cached = CACHE.get(plan.shipmentId());
    // the live state keeps its plan object, so identity is the usual hit; equality covers a copy
    if (cached != null && (cached.plan == plan || (cached.plan.route().equals(plan.route())
        && cached.plan.corridorWidthM() == plan.corridorWidthM()))) {
      return cached;
    }
    if (CACHE.size() >= CACHE_LIMIT) {
      CACHE.clear(); // plans of finished shipments are never asked for again; rebuilding is cheap
    }
    CorridorGeometry built = new CorridorGeometry(plan, plan.route(), plan.corridorWidthM());
    CACHE.put(plan.shipmentId(), built);
    return built;
  }

  /** Whether {@code p} lies inside the corridor (its border included). */
  public boolean inside(LatLon p) {
    return corridor.covers(point(p));
  }

  /** Distance from {@code p} to the declared route, metres. */
  public double distanceToRouteM(LatLon p) {
    return route.distance(point(p));
  }

  private Point point(LatLon p) {
    return factory.createPoint(projection.project(p));
  }
}
