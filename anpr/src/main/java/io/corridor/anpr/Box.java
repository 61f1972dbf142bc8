package io.corridor.anpr;

import java.util.List;

/** An axis-aligned box in image pixels. */
public record Box(int x, int y, int width, int height) {

  /** The bounding box of a plate's corners (an empty box for no corners). */
  public static Box around(List<Point> corners) {
    if (corners.isEmpty()) {
      return new Box(0, 0, 0, 0);
    }
    int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = Integer.MIN_VALUE, y1 = Integer.MIN_VALUE;
    for (Point p : corners) {
      x0 = Math.min(x0, p.x());
      y0 = Math.min(y0, p.y());
      x1 = Math.max(x1, p.x());
      y1 = Math.max(y1, p.y());
    }
    return new Box(x0, y0, x1 - x0, y1 - y0);
  }

  private long intersection(Box o) {
    long ix = Math.max(0, Math.min(x + width, o.x + o.width) - Math.max(x, o.x));
    long iy = Math.max(0, Math.min(y + height, o.y + o.height) - Math.max(y, o.y));
    return ix * iy;
  }

  private long area() {
    return (long) width * height;
  }

  /** Intersection over union, 0 when either box is empty or they do not overlap. */
  public double iou(Box o) {
    long inter = intersection(o);
    long union = area() + o.area() - inter;
    return union <= 0 ? 0 : (double) inter / union;
  }

  /** Intersection over the smaller box's area: 1 when one box lies inside the other. */
  public double overlapOfSmaller(Box o) {
    long smaller = Math.min(area(), o.area());
    return smaller <= 0 ? 0 : (double) intersection(o) / smaller;
  }
}
