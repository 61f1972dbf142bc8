package io.corridor.rules.engine;

import io.corridor.events.PlateRead;
import io.corridor.events.Violation;
import io.corridor.platform.NodeContext;
import io.corridor.rules.engine.RuleBook.Snapshot;
import io.corridor.rules.engine.http.EngineRoutes;
import io.corridor.rules.engine.registry.Permits;
import io.corridor.rules.engine.registry.RegistryRecord;
import io.corridor.rules.engine.registry.VehicleRegistry;
import io.corridor.rules.engine.section.JourneyStore;
import io.corridor.rules.engine.section.SectionRule;
import io.corridor.rules.engine.signal.SignalStore;
import io.corridor.rules.engine.site.CameraSite;
import io.corridor.rules.engine.site.SitePurpose;
import io.corridor.rules.engine.site.Sites;
import io.corridor.storage.PlateProtector;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The violation rules of a node: the rule documents in force ({@link RuleBook}), camera sites, the
 * vehicle registry and permit lists, with pairing and signal state in the cluster. Plain logic: no
 * Vert.x type except the router {@link #mountRoutes} adds the management routes to.
 *
 * <p>Every read is evaluated by every rule; a rule that throws is logged, counted
 * ({@code corridor_rule_failures_total{rule}}) and skipped, and the others go on. The returned
 * stage completes exceptionally only when cluster state could not be reached (a member shutting
 * down): the caller retries the read later, and deterministic violation ids make that harmless.
 *
 * <p>Section journeys that never reach a terminal exit are decided by {@link #sweep()} once their
 * pairing window has passed; the offences found then go to the sink set by {@link #onLateViolations}.
 */
public final class StandardViolationEngine implements ViolationEngine, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StandardViolationEngine.class);

  /** What the engine is built from. */
  public record Parts(Clock clock, PlateProtector protector, EngineMetrics metrics, Sites sites,
      VehicleRegistry registry, Permits permits, JourneyStore journeys, SignalStore signals, RuleBook rules) {

    /**
     * Empty sites, registry, permits and rules over the given state stores: a single process
     * (tests, benchmarks) or a cluster, depending on the stores.
     */
    public static Parts of(Clock clock, PlateProtector protector, EngineMetrics metrics, JourneyStore journeys,
        SignalStore signals) {
      Sites sites = new Sites();
      VehicleRegistry registry = new VehicleRegistry();
      Permits permits = new Permits();
      RuleBook book = new RuleBook(new io.corridor.rules.engine.doc.RuleCompiler(
          new RuleServices(metrics, sites, registry, permits, journeys, signals)));
      return new Parts(clock, protector, metrics, sites, registry, permits, journeys, signals, book);
    }
  }

  private final Parts parts;
  private volatile EngineAdmin admin;
  private volatile io.corridor.platform.auth.UserAuth users;
  private volatile Function<List<Violation>, CompletionStage<?>> lateSink;
  private final List<AutoCloseable> resources = new ArrayList<>();

  /** An engine over {@code parts}; {@link #create} builds one for a node. */
  public StandardViolationEngine(Parts parts) {
    this.parts = parts;
  }

  /**
   * Builds the engine of {@code node}: loads sites, registry, permits and rule documents (from the
   * database, the directory {@code rules.directory} and the cluster), follows rule changes made on
   * any node, and schedules the journey sweep and the registry reload. Blocks (JDBC, files).
   *
   * @throws IllegalStateException when a rule file is invalid (the message names rule, field and reason)
   *     or the stores cannot be read
   */
  public static StandardViolationEngine create(NodeContext node) {
    return EngineFactory.create(node);
  }

  void attach(EngineAdmin admin, io.corridor.platform.auth.UserAuth users, List<AutoCloseable> resources) {
    this.admin = admin;
    this.users = users;
    this.resources.addAll(resources);
  }

  /**
   * Mounts the management routes: {@code /v1/rules}, {@code /v1/sites}, {@code /v1/registry},
   * {@code /v1/permits}, {@code /v1/hotlist} (role operator; hotlist reads also officer). Called
   * once per HTTP verticle instance.
   */
  public void mountRoutes(Router router) {
    if (admin == null) {
      throw new IllegalStateException("this engine was built without management (use create(NodeContext))");
    }
    new EngineRoutes(admin, users).mount(router);
  }

  /** The management services behind the routes, or {@code null} for an engine built from parts. */
  public EngineAdmin admin() {
    return admin;
  }

  @Override
  public CompletionStage<List<Violation>> evaluate(PlateRead read) {
    return evaluate(read, null);
  }

  /**
   * As {@link #evaluate(PlateRead)}, with the plate's blind index already known (the stored
   * read's {@code plate_hash}), which saves the HMAC: the largest single cost of a read here.
   *
   * @param plateHash the blind index of {@code read.getPlate()} under this node's key, or {@code null}
   */
  public CompletionStage<List<Violation>> evaluate(PlateRead read, byte[] plateHash) {
    ReadContext ctx;
    Snapshot rules;
    try {
      ctx = context(read, plateHash);
      rules = parts.rules().snapshot();
    } catch (RuntimeException e) {
      LOG.error("rules could not start on read {}", read.getEventId(), e);
      parts.metrics().failure("engine");
      return CompletableFuture.completedFuture(List.of());
    }
    List<Violation> found = new ArrayList<>();
    for (ReadRule rule : rules.readRules()) {
      int before = found.size();
      try {
        rule.evaluate(ctx, found);
      } catch (RuntimeException e) {
        found.subList(before, found.size()).clear();
        failed(rule, read, e);
        continue;
      }
      if (found.size() > before) {
        parts.metrics().found(rule.ref().id(), found.size() - before);
      }
    }
    List<CompletableFuture<List<Violation>>> later = null;
    for (AsyncReadRule rule : rules.asyncRules()) {
      try {
        if (!rule.appliesTo(ctx)) {
          continue;
        }
        CompletableFuture<List<Violation>> f = rule.evaluate(ctx).toCompletableFuture().thenApply(v -> {
          if (!v.isEmpty()) {
            parts.metrics().found(rule.ref().id(), v.size());
          }
          return v;
        });
        if (later == null) {
          later = new ArrayList<>();
        }
        later.add(f.handle((v, e) -> {
          if (e == null) {
            return v;
          }
          if (isClusterFailure(e)) {
            throw new IllegalStateException("cluster state unreachable for rule " + rule.ref().id(), e);
          }
          failed(rule, read, e);
          return List.of();
        }));
      } catch (RuntimeException e) {
        failed(rule, read, e);
      }
    }
    if (later == null) {
      return CompletableFuture.completedFuture(found);
    }
    List<CompletableFuture<List<Violation>>> all = later;
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(done -> {
      List<Violation> out = new ArrayList<>(found);
      all.forEach(f -> out.addAll(f.join()));
      return out;
    });
  }

  @Override
  public void onSignal(SignalPhase phase) {
    recordSignal(phase).whenComplete((v, e) -> {
      if (e != null) {
        LOG.warn("signal phase of {} group {} not recorded: {}", phase.controllerId(), phase.signalGroup(), e.toString());
      }
    });
  }

  /** Records {@code phase} in the cluster; completes when it is held by the key's owner and its backup. */
  public CompletionStage<Void> recordSignal(SignalPhase phase) {
    return parts.signals().record(phase);
  }

  /**
   * Where the offences of journeys decided by {@link #sweep()} go (they belong to no read being
   * evaluated). The sink's stage completing is the acknowledgement: only then is the journey
   * removed, so a failed store is retried at the next sweep.
   */
  public void onLateViolations(Function<List<Violation>, CompletionStage<?>> sink) {
    this.lateSink = sink;
  }

  /**
   * Decides the journeys (owned by this member) whose pairing window has passed: their worst
   * offences go to the late sink, then the journeys are deleted. Runs periodically on every node.
   *
   * @return the violations handed to the sink
   */
  public CompletionStage<List<Violation>> sweep() {
    long now = parts.clock().millis();
    JourneyStore journeys = parts.journeys();
    return journeys.due(now).thenCompose(due -> {
      List<Violation> violations = SectionRule.toViolations(due, parts.clock().instant(), parts.sites(), parts.metrics());
      Function<List<Violation>, CompletionStage<?>> sink = lateSink;
      if (violations.isEmpty()) {
        return journeys.removeDue(now).thenApply(v -> violations);
      }
      if (sink == null) {
        LOG.warn("{} section offences are due but no sink is set; they wait for the next sweep", violations.size());
        return CompletableFuture.completedFuture(List.<Violation>of());
      }
      return sink.apply(violations).thenCompose(x -> journeys.removeDue(now)).thenApply(v -> violations);
    });
  }

  /** The site of camera {@code deviceId}, or {@code null}. */
  public CameraSite site(String deviceId) {
    return parts.sites().byDevice(deviceId);
  }

  /**
   * Whether reads of camera {@code deviceId} may be kept beyond their pairing window:
   * {@link SitePurpose#NETWORK} for a camera without a site.
   */
  public SitePurpose purposeOf(String deviceId) {
    CameraSite site = parts.sites().byDevice(deviceId);
    return site == null ? SitePurpose.NETWORK : site.purpose();
  }

  /**
   * How long a read of camera {@code deviceId} may still pair with another (the longest window plus
   * clock-skew allowance of the section rules it belongs to); zero for a camera in no section. An
   * enforcement read older than this that led to no violation may be deleted.
   */
  public Duration pairingWindow(String deviceId) {
    long max = 0;
    for (SectionRule r : parts.rules().sectionRules()) {
      if (r.chain().devices().contains(deviceId)) {
        max = Math.max(max, r.chain().windowMillis() + r.chain().skewMillis());
      }
    }
    return Duration.ofMillis(max);
  }

  /** The longest pairing window of any section rule in force. */
  public Duration pairingWindow() {
    long max = 0;
    for (SectionRule r : parts.rules().sectionRules()) {
      max = Math.max(max, r.chain().windowMillis() + r.chain().skewMillis());
    }
    return Duration.ofMillis(max);
  }

  /** The rules in force. */
  public RuleBook rules() {
    return parts.rules();
  }

  /** The parts the engine runs on. */
  public Parts parts() {
    return parts;
  }

  @Override
  public void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", resources.get(i), e.toString());
      }
    }
    resources.clear();
  }

  private ReadContext context(PlateRead read, byte[] known) {
    byte[] hash = known != null ? known : parts.protector().hash(read.getPlate());
    RegistryRecord record = parts.registry().lookup(hash);
    return new ReadContext(read, parts.sites().byDevice(read.getDeviceId()), hash, record,
        record == null ? null : record.vehicleClass(), parts.clock().instant());
  }

  private void failed(Rule rule, PlateRead read, Throwable e) {
    parts.metrics().failure(rule.ref().id());
    LOG.error("rule {} v{} failed on read {}; the other rules went on", rule.ref().id(), rule.ref().version(),
        read.getEventId(), e);
  }

  private static boolean isClusterFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof com.hazelcast.core.HazelcastException
          || t instanceof com.hazelcast.core.HazelcastInstanceNotActiveException || t instanceof java.util.concurrent.RejectedExecutionException) {
        return true;
      }
    }
    return false;
  }

}
