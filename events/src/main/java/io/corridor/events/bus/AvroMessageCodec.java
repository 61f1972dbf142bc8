package io.corridor.events.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.corridor.events.AvroTrust;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one event-bus codec for Corridor's generated Avro records. On the wire a message is the
 * record's full class name (length-prefixed) followed by the Avro binary encoding, so one codec
 * serves every event type. Only classes in {@code io.corridor.events} are decoded.
 */
public final class AvroMessageCodec implements MessageCodec<SpecificRecord, SpecificRecord> {

  /** Codec name used when registering and when selecting it for a message body. */
  public static final String NAME = "corridor-avro";

  private static final String TRUSTED_PACKAGE = "io.corridor.events.";

  private final Map<String, Class<? extends SpecificRecord>> classes = new ConcurrentHashMap<>();

  @Override
  public void encodeToWire(Buffer buffer, SpecificRecord record) {
    byte[] name = record.getClass().getName().getBytes(StandardCharsets.UTF_8);
    buffer.appendInt(name.length).appendBytes(name);
    byte[] body = encode(record);
    buffer.appendInt(body.length).appendBytes(body);
  }

  @Override
  public SpecificRecord decodeFromWire(int pos, Buffer buffer) {
    int nameLength = buffer.getInt(pos);
    String className = buffer.getString(pos + 4, pos + 4 + nameLength, "UTF-8");
    int bodyAt = pos + 4 + nameLength;
    int bodyLength = buffer.getInt(bodyAt);
    byte[] body = buffer.getBytes(bodyAt + 4, bodyAt + 4 + bodyLength);
    return decode(recordClass(className), body);
  }

  /** Local delivery: a deep copy, so no consumer can change what another one sees. */
  @Override
  public SpecificRecord transform(SpecificRecord record) {
    return SpecificData.get().deepCopy(record.getSchema(), record);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }

  /** Encodes a record to Avro binary (no schema, no header). */
  public static byte[] encode(SpecificRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(128);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + record.getSchema().getFullName(), e);
    }
  }

  /** Decodes Avro binary written with the current schema of {@code type}. */
  public static <T extends SpecificRecord> T decode(Class<T> type, byte[] body) {
    AvroTrust.trustEventPackages();
    try {
      SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(body, null);
      return reader.read(null, decoder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode " + type.getName(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private Class<? extends SpecificRecord> recordClass(String className) {
    return classes.computeIfAbsent(className, name -> {
      if (!name.startsWith(TRUSTED_PACKAGE)) {
        throw new IllegalArgumentException("refusing to decode event-bus body of class " + name);
      }
      try {
        Class<?> type = Class.forName(name, false, AvroMessageCodec.class.getClassLoader());
        if (!SpecificRecord.class.isAssignableFrom(type)) {
          throw new IllegalArgumentException(name + " is not an Avro record");
        }
        return (Class<? extends SpecificRecord>) type;
      } catch (ClassNotFoundException e) {
        throw new IllegalArgumentException("unknown event class " + name, e);
      }
    });
  }
}
