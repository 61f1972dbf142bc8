package io.corridor.ingest.openalpr;

import io.corridor.events.PlateRead;
import java.util.List;

/**
 * What became of one agent message.
 *
 * @param dataType the message's {@code data_type}
 * @param reads the reads committed for it (a retry: the reads stored the first time)
 * @param ignored why nothing was stored (the message type), or null
 * @param dropped plates not stored because they fit no plate format at low confidence
 */
public record OpenAlprResult(String dataType, List<PlateRead> reads, String ignored, int dropped) {

  /** Copies the reads. */
  public OpenAlprResult {
    reads = List.copyOf(reads);
  }
}
