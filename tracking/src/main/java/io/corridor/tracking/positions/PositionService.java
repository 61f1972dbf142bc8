package io.corridor.tracking.positions;

import io.corridor.events.Position;
import io.corridor.ingest.GroupCommitWriter;
import io.corridor.ingest.IngestException;
import io.corridor.ingest.UnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Where every entry point hands its decoded positions: validates them, flags implausible jumps and
 * queues them for the group-commit writer. The returned future completes with the ids only after
 * they are committed; it fails with {@link IngestException} (4xx) or {@link UnavailableException}
 * (overload, outage, commit too slow), which HTTP answers with 503 and MQTT with no PUBACK.
 */
public final class PositionService {

  private final PositionValidator validator;
  private final JumpCheck jumps;
  private final GroupCommitWriter<Position> writer;
  private final int maxBatch;
  private final Duration writeTimeout;
  private final Duration retryAfter;
  private final CommitDeadlines deadlines;

  /** Wires the service; nothing here blocks. */
  public PositionService(PositionValidator validator, JumpCheck jumps, GroupCommitWriter<Position> writer, int maxBatch,
      Duration writeTimeout, Duration retryAfter) {
    this.validator = validator;
    this.jumps = jumps;
    this.writer = writer;
    this.maxBatch = maxBatch;
    this.writeTimeout = writeTimeout;
    this.retryAfter = retryAfter;
    this.deadlines = new CommitDeadlines(writeTimeout);
  }

  /** {@link #accept(TrackerIdentity, String, List, UnaryOperator)} with the schema's field names. */
  public CompletableFuture<List<String>> accept(TrackerIdentity sender, String protocol, List<Position> positions) {
    return accept(sender, protocol, positions, UnaryOperator.identity());
  }

  /**
   * Validates and stores {@code positions} from {@code sender}, received over {@code protocol}.
   *
   * @param fieldNames renames schema fields in errors to the protocol's own names
   */
  public CompletableFuture<List<String>> accept(TrackerIdentity sender, String protocol, List<Position> positions,
      UnaryOperator<String> fieldNames) {
    return accept(sender, protocol, positions, fieldNames, true);
  }

  /**
   * {@link #accept(TrackerIdentity, String, List, UnaryOperator)} without the commit timeout, for a
   * caller that times its waiting answers out itself after {@link #writeTimeout()} (the OsmAnd
   * server sweeps them once per interval instead of a timer per request).
   */
  public CompletableFuture<List<String>> acceptUntimed(TrackerIdentity sender, String protocol, List<Position> positions,
      UnaryOperator<String> fieldNames) {
    return accept(sender, protocol, positions, fieldNames, false);
  }

  /** How long a commit may take before its positions are answered as not stored. */
  public Duration writeTimeout() {
    return writeTimeout;
  }

  private CompletableFuture<List<String>> accept(TrackerIdentity sender, String protocol, List<Position> positions,
      UnaryOperator<String> fieldNames, boolean timed) {
    try {
      if (positions.isEmpty()) {
        throw IngestException.invalid("positions", "no positions in the request");
      }
      if (positions.size() > maxBatch) {
        throw new IngestException(413, "too_many_positions", null,
            positions.size() + " positions in one request; the limit is " + maxBatch);
      }
      validator.validate(positions, sender, protocol, fieldNames);
    } catch (IngestException e) {
      return CompletableFuture.failedFuture(e);
    }
    positions.forEach(jumps::check);
    List<String> ids = positions.size() == 1 ? List.of(positions.get(0).getEventId())
        : positions.stream().map(Position::getEventId).toList(); // one fix per request, as trackers send
    CompletableFuture<List<Position>> committed = writer.submit(positions);
    if (timed) {
      committed = deadlines.watch(committed);
    }
    return committed.handle((stored, failure) -> {
          if (failure == null) {
            return ids;
          }
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
          if (cause instanceof TimeoutException) {
            throw new UnavailableException("commit did not finish within " + writeTimeout.toSeconds()
                + " s; retry with the same positions", retryAfter, cause);
          }
          if (cause instanceof IngestException ingest) {
            throw ingest;
          }
          throw new UnavailableException("positions not stored: " + cause, retryAfter, cause);
        });
  }

  /** Positions waiting for their commit. */
  public int queued() {
    return writer.queuedEvents();
  }

  /** Stops the sweep that times commits out (the node closes it after the writer). */
  public void close() {
    deadlines.close();
  }
}
