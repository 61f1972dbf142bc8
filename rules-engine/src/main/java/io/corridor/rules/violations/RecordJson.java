package io.corridor.rules.violations;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericRecord;

/**
 * An Avro record (a {@code Violation} as the engine found it, whatever fields its schema version
 * has) as plain JSON: times as ISO-8601, enums as their symbol, unions unwrapped. Fields named in
 * {@link #PERSONAL} are left out, so a plate never reaches the stored JSON in clear.
 */
public final class RecordJson {

  /** Field names never copied: plate text is stored only as blind index and ciphertext. */
  public static final Set<String> PERSONAL = Set.of("plate", "plateText");

  private RecordJson() {}

  /** The JSON form of {@code record}, without {@link #PERSONAL} fields. */
  public static JsonObject of(GenericRecord record) {
    JsonObject json = new JsonObject();
    for (Schema.Field field : record.getSchema().getFields()) {
      if (!PERSONAL.contains(field.name())) {
        json.put(field.name(), value(record.get(field.pos())));
      }
    }
    return json;
  }

  private static Object value(Object v) {
    if (v == null || v instanceof Boolean || v instanceof Number) {
      return v;
    }
    if (v instanceof CharSequence || v instanceof Enum<?> || v instanceof GenericContainer && !(v instanceof GenericRecord)) {
      return v.toString();
    }
    if (v instanceof Instant instant) {
      return instant.toString();
    }
    if (v instanceof GenericRecord nested) {
      return of(nested);
    }
    if (v instanceof Collection<?> items) {
      JsonArray array = new JsonArray();
      items.forEach(item -> array.add(value(item)));
      return array;
    }
    if (v instanceof Map<?, ?> map) {
      JsonObject object = new JsonObject();
      map.forEach((k, item) -> object.put(String.valueOf(k), value(item)));
      return object;
    }
    if (v instanceof ByteBuffer bytes) {
      ByteBuffer copy = bytes.duplicate();
      byte[] raw = new byte[copy.remaining()];
      copy.get(raw);
      return Base64.getEncoder().encodeToString(raw);
    }
    return v.toString();
  }
}
