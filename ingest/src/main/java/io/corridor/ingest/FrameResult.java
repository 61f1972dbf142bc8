package io.corridor.ingest;

import io.corridor.events.PlateRead;
import java.util.List;

/**
 * What became of one frame: the plate reads recognised in it, all committed.
 *
 * @param frameId the frame's id (sent or derived from its content)
 * @param reads committed reads, possibly none (a frame without a plate is not an error)
 * @param recognitionMillis time spent in the recognizer
 */
public record FrameResult(String frameId, List<PlateRead> reads, long recognitionMillis) {}
