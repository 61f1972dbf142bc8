package io.corridor.anpr.grouping;

import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.RecognizedPlate;
import io.corridor.anpr.plate.PlateFormat;
import io.corridor.anpr.plate.PlateFormats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Collapses the frames in which one camera sees one vehicle into one read. A camera sends several
 * frames per passing car; each is recognised on its own and may read the plate slightly
 * differently ("BG123AB", "BG128AB"). Frames from the same camera whose best texts are equal or
 * nearly so ({@link EditDistance#sameVehicle}) to one of a group's frames, each within {@code window}
 * of the group's previous frame, form one group; the group closes when the camera's event time
 * moves {@code window} past its last frame, or {@code maxSpan} past its first (a car parked in view
 * must not keep a group open for ever). A closed group's text is voted over its frames
 * ({@link PlateVote}), character by character where they agree on the length.
 *
 * <p>Time is event time, supplied by the caller: {@link #accept} advances the frame's camera,
 * {@link #advanceTo} all cameras (for a camera that fell silent). Plain and single-threaded: give
 * each camera's frames to one grouper, in order.
 */
public final class PlateReadGrouper {

  /** Default gap that ends a group: a car at 30 km/h crosses a camera's view in about 2 s. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(2);
  /** Default longest group. */
  public static final Duration DEFAULT_MAX_SPAN = Duration.ofSeconds(30);

  private static final Comparator<GroupedRead> EMIT_ORDER =
      Comparator.comparing(GroupedRead::firstSeen).thenComparing(GroupedRead::cameraId);

  private final Duration window;
  private final Duration maxSpan;
  private final Map<String, List<Group>> open = new HashMap<>();
  private final Map<String, Instant> cameraTime = new HashMap<>();

  /** A grouper with the default window and span. */
  public PlateReadGrouper() {
    this(DEFAULT_WINDOW, DEFAULT_MAX_SPAN);
  }

  /** A grouper with the given gap and the default span. */
  public PlateReadGrouper(Duration window) {
    this(window, DEFAULT_MAX_SPAN);
  }

  /** A grouper with the given gap that ends a group and longest group. */
  public PlateReadGrouper(Duration window, Duration maxSpan) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("grouping window must be positive, got " + window);
    }
    if (maxSpan.compareTo(window) < 0) {
      throw new IllegalArgumentException("grouping maxSpan " + maxSpan + " is shorter than the window " + window);
    }
    this.window = window;
    this.maxSpan = maxSpan;
  }

  /**
   * Adds one frame's plate and closes the groups of its camera that this frame's time ends.
   *
   * @return the reads closed by this call, oldest first; often empty
   */
  public List<GroupedRead> accept(FrameRead read) {
    List<Group> groups = open.computeIfAbsent(read.cameraId(), k -> new ArrayList<>());
    Group target = matchingGroup(groups, read);
    if (target != null) {
      target.add(read);
    } else {
      groups.add(new Group(read));
    }
    Instant now = cameraTime.merge(read.cameraId(), read.eventTime(), (a, b) -> a.isAfter(b) ? a : b);
    List<GroupedRead> closed = new ArrayList<>();
    closeExpired(read.cameraId(), now, closed);
    closed.sort(EMIT_ORDER);
    return closed;
  }

  /**
   * Closes the groups of every camera that have expired at {@code now}, in the cameras' event
   * time (a caller using its own clock should allow for camera clock skew).
   *
   * @return the reads closed, oldest first
   */
  public List<GroupedRead> advanceTo(Instant now) {
    List<GroupedRead> closed = new ArrayList<>();
    for (String camera : List.copyOf(open.keySet())) {
      closeExpired(camera, now, closed);
    }
    closed.sort(EMIT_ORDER);
    return closed;
  }

  /** Closes every open group, e.g. at shutdown. */
  public List<GroupedRead> flush() {
    List<GroupedRead> closed = new ArrayList<>();
    open.values().forEach(groups -> groups.forEach(g -> closed.add(g.toRead())));
    open.clear();
    closed.sort(EMIT_ORDER);
    return closed;
  }

  /** How many groups are open, for metrics and tests. */
  public int openGroups() {
    return open.values().stream().mapToInt(List::size).sum();
  }

  private Group matchingGroup(List<Group> groups, FrameRead read) {
    String text = read.plate().text();
    Group nearest = null;
    for (Group group : groups) {
      if (!group.canTake(read.eventTime()) || !group.near(text)) {
        continue;
      }
      if (group.has(text)) {
        return group; // an exact match beats a near one
      }
      if (nearest == null || group.lastSeen.isAfter(nearest.lastSeen)) {
        nearest = group;
      }
    }
    return nearest;
  }

  private void closeExpired(String camera, Instant now, List<GroupedRead> closed) {
    List<Group> groups = open.get(camera);
    for (Iterator<Group> it = groups.iterator(); it.hasNext(); ) {
      Group group = it.next();
      if (group.expired(now)) {
        closed.add(group.toRead());
        it.remove();
      }
    }
    if (groups.isEmpty()) {
      open.remove(camera);
    }
  }

  /** One vehicle's frames so far. */
  private final class Group {
    private final String cameraId;
    private final List<String> frameIds = new ArrayList<>();
    private final List<FrameRead> members = new ArrayList<>();
    private FrameRead best;
    private Instant firstSeen;
    private Instant lastSeen;

    Group(FrameRead first) {
      cameraId = first.cameraId();
      best = first;
      firstSeen = first.eventTime();
      lastSeen = first.eventTime();
      frameIds.add(first.frameId());
      members.add(first);
    }

    boolean has(String text) {
      return members.stream().anyMatch(m -> m.plate().text().equals(text));
    }

    boolean near(String text) {
      return members.stream().anyMatch(m -> EditDistance.sameVehicle(m.plate().text(), text));
    }

    boolean canTake(Instant t) {
      // Within the gap of the group's ends (late frames may land before firstSeen) and the span.
      boolean nearEnough = !t.isAfter(lastSeen.plus(window)) && !t.isBefore(firstSeen.minus(window));
      Instant from = t.isBefore(firstSeen) ? t : firstSeen;
      Instant to = t.isAfter(lastSeen) ? t : lastSeen;
      return nearEnough && !Duration.between(from, to).minus(maxSpan).isPositive();
    }

    void add(FrameRead read) {
      frameIds.add(read.frameId());
      members.add(read);
      if (read.eventTime().isBefore(firstSeen)) {
        firstSeen = read.eventTime();
      }
      if (read.eventTime().isAfter(lastSeen)) {
        lastSeen = read.eventTime();
      }
      if (better(read, best)) {
        best = read;
      }
    }

    boolean expired(Instant now) {
      return now.isAfter(lastSeen.plus(window)) || !now.isBefore(firstSeen.plus(maxSpan));
    }

    /** The voted reading, on the plate of the frame that read it best (or of the best frame when none read it). */
    GroupedRead toRead() {
      List<PlateCandidate> voted = PlateVote.vote(members.stream().map(m -> m.plate().best()).toList());
      String text = voted.getFirst().text();
      FrameRead evidence = members.stream().filter(m -> m.plate().text().equals(text))
          .reduce((a, b) -> better(b, a) ? b : a).orElse(best);
      RecognizedPlate plate = evidence.plate();
      RecognizedPlate votedPlate = plate.text().equals(text)
          ? plate.withCandidates(voted, plate.country(), plate.formatId())
          : plate.withCandidates(voted, countryOf(text), null);
      return new GroupedRead(cameraId, evidence.frameId(), votedPlate, frameIds, firstSeen, lastSeen);
    }

    /** The country whose format a text no frame read fits, or null. */
    private static String countryOf(String text) {
      return PlateFormats.standard().all().stream().filter(f -> !f.generic() && f.matches(text))
          .map(PlateFormat::country).findFirst().orElse(null);
    }

    /** A reading that fits a plate format beats one that does not; then higher confidence wins. */
    private static boolean better(FrameRead a, FrameRead b) {
      if (a.plate().matchesFormat() != b.plate().matchesFormat()) {
        return a.plate().matchesFormat();
      }
      return a.plate().confidence() > b.plate().confidence();
    }
  }
}
