package io.corridor.tracking.positions;

import io.corridor.events.AvroTrust;
import io.corridor.events.Position;
import io.corridor.ingest.AvroContainerCheck;
import io.corridor.ingest.IngestException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Reads an Avro object container ({@code avro/binary}) of {@link Position}. The writer's schema
 * comes from the container header and is resolved against the current one, so trackers and
 * gateways still on schema version 1 keep working.
 */
public final class PositionAvroDecoder {

  /** Decodes {@code body}; at most {@code max} positions (more: 413). */
  public List<Position> decode(byte[] body, int max) {
    AvroTrust.trustEventPackages();
    AvroContainerCheck.validate(body);
    List<Position> positions = new ArrayList<>();
    try (DataFileStream<Position> stream =
        new DataFileStream<>(new SeekableByteArrayInput(body), new SpecificDatumReader<>(Position.class))) {
      String writer = stream.getSchema().getFullName();
      if (!writer.equals(Position.getClassSchema().getFullName())) {
        throw IngestException.malformed("Avro container holds " + writer + ", expected " + Position.getClassSchema().getFullName());
      }
      while (stream.hasNext()) {
        if (positions.size() == max) {
          throw new IngestException(413, "too_many_positions", null, "more than " + max + " positions in one request");
        }
        Position p = stream.next();
        p.setFlags(new ArrayList<>()); // quality flags are Corridor's own findings, never the sender's
        positions.add(p);
      }
    } catch (IngestException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // Corrupt containers surface as IOException, AvroRuntimeException or plain runtime errors.
      throw IngestException.malformed("body is not an Avro container of Position: " + e.getMessage());
    }
    if (positions.isEmpty()) {
      throw IngestException.malformed("Avro container holds no positions");
    }
    return positions;
  }
}
