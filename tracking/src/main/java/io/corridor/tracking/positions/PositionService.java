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
    try {
      check(sender, protocol, positions, fieldNames);
    } catch (IngestException e) {
      return CompletableFuture.failedFuture(e);
    }
    List<String> ids = positions.size() == 1 ? List.of(positions.get(0).getEventId())
        : positions.stream().map(Position::getEventId).toList(); // one fix per request, as trackers send
    return deadlines.watch(writer.submit(positions)).handle((stored, failure) -> {
          if (failure == null) {
            return ids;
          }
          throw storeFailure(failure);
        });
  }

  /** How long a commit may take before its positions are answered as not stored. */
  public Duration writeTimeout() {
    return writeTimeout;
  }

  /**
   * What {@link #accept(TrackerIdentity, String, List, UnaryOperator)} does before queuing:
   * validates {@code positions} from {@code sender} and flags implausible jumps, so that they can
   * be stored later with {@link #storeChecked}, together with others.
   *
   * @throws IngestException 400 naming the field, 403 for another device's position, 413 for too many
   */
  public void check(TrackerIdentity sender, String protocol, List<Position> positions, UnaryOperator<String> fieldNames) {
    if (positions.isEmpty()) {
      throw IngestException.invalid("positions", "no positions in the request");
    }
    if (positions.size() > maxBatch) {
      throw new IngestException(413, "too_many_positions", null,
          positions.size() + " positions in one request; the limit is " + maxBatch);
    }
    validator.validate(positions, sender, protocol, fieldNames);
    positions.forEach(jumps::check);
  }

  /**
   * Queues positions that passed {@link #check} (of one sender or of many, at most
   * {@link #maxBatch()} of them) for one group commit, without the commit timeout: the caller
   * times its waiting answers out itself after {@link #writeTimeout()}. The future completes
   * (with null) once they are committed, or fails with {@link UnavailableException}.
   */
  public CompletableFuture<Void> storeChecked(List<Position> positions) {
    return writer.submit(positions).handle((stored, failure) -> {
      if (failure == null) {
        return null;
      }
      throw storeFailure(failure);
    });
  }

  /** The most positions one request (or one {@link #storeChecked} call) may carry. */
  public int maxBatch() {
    return maxBatch;
  }

  /** The exception a failed commit future stands for: a timeout or an outage is a 503. */
  private RuntimeException storeFailure(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof TimeoutException) {
      return new UnavailableException("commit did not finish within " + writeTimeout.toSeconds()
          + " s; retry with the same positions", retryAfter, cause);
    }
    if (cause instanceof IngestException ingest) {
      return ingest;
    }
    return new UnavailableException("positions not stored: " + cause, retryAfter, cause);
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
