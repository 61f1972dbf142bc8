package io.corridor.tracking;

import io.corridor.tracking.detect.LatLon;
import io.corridor.tracking.detect.Place;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The network's configured border crossing points, from a JSON file or the built-in list. */
public final class BorderCrossings {

  private static final String BUILT_IN = "/io/corridor/tracking/border-crossings.json";

  private BorderCrossings() {}

  /** The crossings in {@code file}, or the built-in list when {@code file} is empty. */
  public static List<Place> load(String file) {
    try {
      if (file == null || file.isBlank()) {
        try (InputStream in = BorderCrossings.class.getResourceAsStream(BUILT_IN)) {
          return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      return parse(Files.readString(Path.of(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read border crossings from " + (file == null ? BUILT_IN : file), e);
    }
  }

  /** Parses {@code {"crossings": [{"name", "lat", "lon", "radiusM"}]}}. */
  public static List<Place> parse(String json) {
    return new JsonObject(json).getJsonArray("crossings").stream().map(JsonObject.class::cast)
        .map(c -> Place.of(c.getString("name"), new LatLon(c.getDouble("lat"), c.getDouble("lon")), c.getDouble("radiusM")))
        .toList();
  }
}
