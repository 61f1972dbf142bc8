package io.corridor.ingest;

import io.corridor.events.AvroTrust;
import io.corridor.events.PlateRead;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Reads an Avro object container ({@code avro/binary}) of {@link PlateRead}. The writer's schema
 * comes from the container header and is resolved against the current one, so edges still on an
 * older schema version keep working.
 */
public final class AvroBatchDecoder {

  /** Decodes {@code body}; at most {@code maxReads} reads (more: 413). */
  public List<PlateRead> decode(byte[] body, int maxReads) {
    AvroTrust.trustEventPackages();
    AvroContainerCheck.validate(body);
    List<PlateRead> reads = new ArrayList<>();
    try (DataFileStream<PlateRead> stream =
        new DataFileStream<>(new SeekableByteArrayInput(body), new SpecificDatumReader<>(PlateRead.class))) {
      String writer = stream.getSchema().getFullName();
      if (!writer.equals(PlateRead.getClassSchema().getFullName())) {
        throw IngestException.malformed("Avro container holds " + writer + ", expected " + PlateRead.getClassSchema().getFullName());
      }
      while (stream.hasNext()) {
        if (reads.size() == maxReads) {
          throw new IngestException(413, "too_many_reads", null, "more than " + maxReads + " reads in one request");
        }
        reads.add(stream.next());
      }
    } catch (IngestException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // Corrupt containers surface as IOException, AvroRuntimeException or plain runtime errors.
      throw IngestException.malformed("body is not an Avro container of PlateRead: " + e.getMessage());
    }
    if (reads.isEmpty()) {
      throw IngestException.malformed("Avro container holds no reads");
    }
    return reads;
  }
}
