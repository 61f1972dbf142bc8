package io.corridor.ingest;

import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.RecognizedPlate;
import io.corridor.anpr.grouping.FrameRead;
import io.corridor.anpr.grouping.GroupedRead;
import io.corridor.anpr.grouping.PlateReadGrouper;
import io.corridor.events.PlateRead;
import io.corridor.events.PlateReadCandidate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Per-vehicle grouping of recognised frames, and the frames' answers waiting for it. Each camera
 * has its own {@link PlateReadGrouper}; each plate of a frame (a "slot") joins one group. A closed
 * group becomes one consolidated read; a frame is answered once every one of its slots' reads is
 * committed, so nothing is acknowledged before it is durable.
 *
 * <p>The consolidated read takes the group's voted plate ({@link io.corridor.anpr.grouping.PlateVote})
 * with its confidence and the votes as candidates, the country of the frame that read it, lists every
 * frame id of the group (ordered by event time), and takes its id and event time from the group's
 * first frame by event time (ties: the smaller frame id): the same frames always give the same
 * {@code (eventId, eventTime)} key, whatever order they arrive in, so a re-formed group is stored
 * once. A group of one frame gets exactly the id that frame gets without grouping.
 *
 * <p>Time: groups close on the camera's event time ({@link PlateReadGrouper}). On {@link #tick}
 * the camera's clock is carried forward by the wall-clock time since its last frame arrived, so a
 * camera that falls silent does not hold its frames' answers; a camera whose clock has not moved
 * for longer than {@code maxSpan} of wall-clock time has all its groups closed.
 *
 * <p>Plain and single-threaded: {@link GroupedFrameReads} calls it from its one thread only.
 */
final class FrameGroups {

  /** Slot {@code slot} of the frame with key {@code frameKey}: what a closed group answers. */
  record Member(String frameKey, int slot) {}

  /** A closed group: its consolidated read, to be committed, and the frame slots it answers. */
  record ClosedGroup(PlateRead read, List<Member> members) {}

  private record Slot(String frameKey, String frameId, int index, PlateRead read) {
    String token() {
      return frameKey + "#" + index;
    }
  }

  /** A frame whose answer waits for its slots' reads to be committed. */
  private static final class Held {
    final RecognizedFrame frame;
    final PlateRead[] reads;
    final List<CompletableFuture<FrameResult>> answers = new ArrayList<>(1);
    int unresolved;

    Held(RecognizedFrame frame, CompletableFuture<FrameResult> answer) {
      this.frame = frame;
      this.reads = new PlateRead[frame.reads().size()];
      frame.stored().forEach((slot, read) -> reads[slot] = read);
      this.unresolved = reads.length - frame.stored().size();
      answers.add(answer);
    }

    void resolve(int slot, PlateRead read) {
      if (reads[slot] == null) {
        reads[slot] = read;
        unresolved--;
      }
    }
  }

  private static final class Camera {
    final PlateReadGrouper grouper;
    Instant eventTime;
    Instant movedAt;
    Instant lastArrival;

    Camera(PlateReadGrouper grouper) {
      this.grouper = grouper;
    }

    void saw(Instant frameTime, Instant now) {
      lastArrival = now;
      if (eventTime == null || frameTime.isAfter(eventTime)) {
        eventTime = frameTime;
        movedAt = now;
      }
    }
  }

  private record Recent(FrameResult result, Instant at) {}

  private static final Comparator<Slot> FIRST = Comparator.<Slot, Instant>comparing(s -> s.read().getEventTime())
      .thenComparing(Slot::frameId).thenComparingInt(Slot::index);

  private final Duration window;
  private final Duration maxSpan;
  private final int maxHeld;
  private final Duration retryAfter;
  private final Clock clock;
  private final Map<String, Camera> cameras = new HashMap<>();
  private final Map<String, Slot> openSlots = new HashMap<>();
  private final Map<String, Held> held = new HashMap<>();
  private final LinkedHashMap<String, Recent> recent = new LinkedHashMap<>();

  /**
   * @param window gap in a camera's event time that ends a group
   * @param maxSpan longest group
   * @param maxHeld most frames waiting for their answer; more are refused with 503
   */
  FrameGroups(Duration window, Duration maxSpan, int maxHeld, Duration retryAfter, Clock clock) {
    this.window = window;
    this.maxSpan = maxSpan;
    this.maxHeld = maxHeld;
    this.retryAfter = retryAfter;
    this.clock = clock;
  }

  /**
   * Adds a frame; {@code answer} completes when its reads are committed. A frame already waiting
   * (a retry that overtook its answer) shares the first one's answer; a frame answered a moment
   * ago gets the same answer again.
   *
   * @return groups closed by this frame's time, to be committed
   */
  List<ClosedGroup> add(RecognizedFrame frame, CompletableFuture<FrameResult> answer) {
    String key = frame.key();
    Held waiting = held.get(key);
    if (waiting != null) {
      waiting.answers.add(answer);
      return List.of();
    }
    Recent answered = recent.get(key);
    if (answered != null) {
      answer.complete(answered.result());
      return List.of();
    }
    if (held.size() >= maxHeld) {
      answer.completeExceptionally(new UnavailableException(
          "too many frames (" + maxHeld + ") are waiting for their vehicle's read; retry later", retryAfter, null));
      return List.of();
    }
    Held frameHeld = new Held(frame, answer);
    held.put(key, frameHeld);
    if (frameHeld.unresolved == 0) {
      finish(key, frameHeld);
      return List.of();
    }
    Instant now = clock.instant();
    String cameraId = frame.camera().id();
    Camera camera = cameras.computeIfAbsent(cameraId, id -> new Camera(new PlateReadGrouper(window, maxSpan)));
    camera.saw(frame.takenAt(), now);
    List<GroupedRead> closed = new ArrayList<>();
    for (int i = 0; i < frame.reads().size(); i++) {
      if (frame.stored().containsKey(i)) {
        continue;
      }
      PlateRead read = frame.reads().get(i);
      Slot slot = new Slot(key, frame.frameId(), i, read);
      openSlots.put(slot.token(), slot);
      closed.addAll(camera.grouper.accept(new FrameRead(cameraId, slot.token(), read.getEventTime(),
          withText(frame.plates().get(i), read.getPlate()))));
    }
    return consolidate(closed, cameraId);
  }

  /**
   * Closes the groups that have expired on each camera's clock carried forward by the wall-clock
   * time since it last moved, and forgets old answers.
   */
  List<ClosedGroup> tick() {
    Instant now = clock.instant();
    List<ClosedGroup> closed = new ArrayList<>();
    for (String cameraId : List.copyOf(cameras.keySet())) {
      Camera camera = cameras.get(cameraId);
      Duration silent = Duration.between(camera.lastArrival, now);
      if (Duration.between(camera.movedAt, now).compareTo(maxSpan) > 0) {
        // A clock that stands still would keep its groups open for ever: no group lasts longer than maxSpan.
        closed.addAll(consolidate(camera.grouper.flush(), cameraId));
      } else if (silent.isPositive()) {
        closed.addAll(consolidate(camera.grouper.advanceTo(camera.eventTime.plus(silent)), cameraId));
      }
    }
    // Only long enough for a retry that raced its own commit (looked up just before it); later retries
    // find the stored read in the database.
    Instant forgetBefore = now.minus(window).minusSeconds(1);
    for (Iterator<Recent> it = recent.values().iterator(); it.hasNext(); ) {
      if (!it.next().at().isBefore(forgetBefore)) {
        break;
      }
      it.remove();
    }
    return closed;
  }

  /** Closes every open group (at shutdown). */
  List<ClosedGroup> closeAll() {
    List<ClosedGroup> closed = new ArrayList<>();
    for (String cameraId : List.copyOf(cameras.keySet())) {
      closed.addAll(consolidate(cameras.get(cameraId).grouper.flush(), cameraId));
    }
    return closed;
  }

  /** {@code group}'s read is committed: answers every frame whose slots are now all committed. */
  void committed(ClosedGroup group) {
    for (Member member : group.members()) {
      Held frame = held.get(member.frameKey());
      if (frame == null) {
        continue; // already answered 503 because another of its groups failed
      }
      frame.resolve(member.slot(), group.read());
      if (frame.unresolved == 0) {
        finish(member.frameKey(), frame);
      }
    }
  }

  /** {@code group}'s read was not committed: its frames are answered with {@code failure}. */
  void failed(ClosedGroup group, Throwable failure) {
    for (Member member : group.members()) {
      Held frame = held.remove(member.frameKey());
      if (frame != null) {
        frame.answers.forEach(a -> a.completeExceptionally(failure));
      }
    }
  }

  /** Answers every waiting frame with {@code failure} (at shutdown, after the last commits). */
  void failAll(Throwable failure) {
    held.values().forEach(frame -> frame.answers.forEach(a -> a.completeExceptionally(failure)));
    held.clear();
  }

  /** Frames waiting for their answer. */
  int heldFrames() {
    return held.size();
  }

  /** Groups still open, over all cameras. */
  int openGroups() {
    return cameras.values().stream().mapToInt(c -> c.grouper.openGroups()).sum();
  }

  private void finish(String key, Held frame) {
    held.remove(key);
    FrameResult result = frame.frame.result(frame.reads);
    frame.answers.forEach(a -> a.complete(result));
    recent.put(key, new Recent(result, clock.instant()));
    if (recent.size() > maxHeld) {
      recent.pollFirstEntry();
    }
  }

  private List<ClosedGroup> consolidate(List<GroupedRead> groups, String cameraId) {
    List<ClosedGroup> closed = new ArrayList<>(groups.size());
    for (GroupedRead group : groups) {
      ClosedGroup read = consolidate(group);
      if (read != null) {
        closed.add(read);
      }
    }
    Camera camera = cameras.get(cameraId);
    if (camera != null && camera.grouper.openGroups() == 0) {
      cameras.remove(cameraId);
    }
    return closed;
  }

  private ClosedGroup consolidate(GroupedRead group) {
    List<Slot> members = new ArrayList<>();
    for (String token : group.frameIds()) {
      Slot slot = openSlots.remove(token);
      if (slot != null) {
        members.add(slot);
      }
    }
    if (members.isEmpty()) {
      return null; // cannot happen: every token stays open until its one group closes
    }
    Slot best = members.stream().filter(s -> s.token().equals(group.bestFrameId())).findFirst().orElse(members.getFirst());
    List<Slot> byTime = members.stream().sorted(FIRST).toList();
    // The group's text is voted over its frames; a text no frame read takes its country from its format.
    boolean readByBest = group.text().equals(best.read().getPlate());
    PlateRead read = PlateRead.newBuilder(byTime.getFirst().read())
        .setPlate(group.text())
        .setCountry(readByBest ? best.read().getCountry() : group.bestPlate().country())
        .setConfidence((float) Math.max(0, Math.min(1, group.confidence())))
        .setFrameIds(byTime.stream().map(Slot::frameId).distinct().toList())
        .setCandidates(candidates(group, best.read()))
        .build();
    return new ClosedGroup(read, members.stream().map(s -> new Member(s.frameKey(), s.index())).toList());
  }

  /** The group's texts by vote, then the engine's other readings of the best frame; at most ten. */
  private static List<PlateReadCandidate> candidates(GroupedRead group, PlateRead best) {
    Map<String, PlateReadCandidate> out = new LinkedHashMap<>();
    group.bestPlate().candidates().forEach(c -> out.putIfAbsent(c.text(), new PlateReadCandidate(c.text(),
        (float) Math.max(0, Math.min(1, c.confidence())))));
    best.getCandidates().forEach(c -> out.putIfAbsent(c.getPlate(), c));
    return out.values().stream().limit(10).toList();
  }

  /** The plate as the grouper should compare it: its best reading as the validated, normalised text. */
  private static RecognizedPlate withText(RecognizedPlate plate, String text) {
    List<PlateCandidate> candidates = new ArrayList<>(plate.candidates());
    PlateCandidate best = candidates.getFirst();
    candidates.set(0, new PlateCandidate(text, best.confidence(), best.matchesFormat()));
    return plate.withCandidates(candidates, plate.country(), plate.formatId());
  }
}
