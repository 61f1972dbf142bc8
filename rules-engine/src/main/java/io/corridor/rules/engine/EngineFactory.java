package io.corridor.rules.engine;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.EntryListener;
import com.hazelcast.map.MapEvent;
import com.hazelcast.replicatedmap.ReplicatedMap;
import io.corridor.platform.NodeContext;
import io.corridor.rules.HotlistAdmin;
import io.corridor.rules.HotlistRepository;
import io.corridor.rules.RulesOptions;
import io.corridor.rules.engine.doc.RuleDocument;
import io.corridor.rules.engine.doc.RuleDocuments;
import io.corridor.rules.engine.registry.Permits;
import io.corridor.rules.engine.registry.VehicleRegistry;
import io.corridor.rules.engine.section.HazelcastJourneyStore;
import io.corridor.rules.engine.signal.HazelcastSignalStore;
import io.corridor.rules.engine.site.Sites;
import io.corridor.rules.engine.store.PermitRepository;
import io.corridor.rules.engine.store.RegistryRepository;
import io.corridor.rules.engine.store.RuleDocumentRepository;
import io.corridor.rules.engine.store.SiteRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds a node's {@link StandardViolationEngine} from its {@link NodeContext}. */
final class EngineFactory {

  /** The replicated map through which rule, site, registry and permit changes reach every node. */
  static final String CHANGES = "corridor.rules.changes";

  private static final Logger LOG = LoggerFactory.getLogger(EngineFactory.class);

  private EngineFactory() {}

  static StandardViolationEngine create(NodeContext node) {
    RulesOptions options = new RulesOptions(node.settings());
    ExecutorService callbacks = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("rules-cluster-", 0).daemon().factory());
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("rules-timer").daemon().factory());
    ExecutorService follower = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("rules-changes").daemon().factory());
    try {
      StandardViolationEngine.Parts parts = StandardViolationEngine.Parts.of(node.clock(), node.protector(),
          new EngineMetrics(node.metrics()), new HazelcastJourneyStore(node.hazelcast(), callbacks),
          new HazelcastSignalStore(node.hazelcast(), callbacks));
      StandardViolationEngine engine = new StandardViolationEngine(parts);
      RuleBook book = parts.rules();
      Sites sites = parts.sites();
      VehicleRegistry registry = parts.registry();
      Permits permits = parts.permits();
      DataSource ds = node.database().dataSource();
      EngineAdmin admin = new EngineAdmin(book, sites, registry, permits, node.protector(),
          new EngineAdmin.Stores(new RuleDocumentRepository(ds), new SiteRepository(ds),
              new RegistryRepository(ds, node.protector()), new PermitRepository(ds), node.audit()),
          new HotlistAdmin(new HotlistRepository(ds), node.protector(), node.audit()));

      ReplicatedMap<String, String> changes = node.hazelcast().getReplicatedMap(CHANGES);
      // Applied on a thread of the engine's own, in arrival order: a registry reload is JDBC and
      // must not hold a Hazelcast event thread (Vert.x's cluster manager shares them).
      UUID listener = changes.addEntryListener(new Follower(admin, follower));
      admin.replicateWith(changes::put);
      admin.reloadSites();
      admin.reloadRegistry();
      admin.reloadPermits();
      List<RuleDocument> files = options.directory().isEmpty() ? List.of()
          : RuleDocuments.loadDirectory(requireDirectory(options.directory()));
      admin.loadRules(files, new HashMap<>(changes));
      LOG.info("rules in force: {}; {} sites, {} registered vehicles", book.documents().stream()
          .map(d -> d.id() + " v" + d.version()).toList(), sites.all().size(), registry.size());

      timers.scheduleWithFixedDelay(() -> sweep(engine), options.sweep().toMillis(), options.sweep().toMillis(),
          TimeUnit.MILLISECONDS);
      timers.scheduleWithFixedDelay(() -> reload(admin), options.reload().toMillis(), options.reload().toMillis(),
          TimeUnit.MILLISECONDS);
      engine.attach(admin, node.users(), List.of(callbacks::shutdownNow, timers::shutdownNow, follower::shutdownNow,
          () -> changes.removeEntryListener(listener)));
      return engine;
    } catch (Exception e) {
      callbacks.shutdownNow();
      timers.shutdownNow();
      follower.shutdownNow();
      throw new IllegalStateException("rules engine cannot start: " + e.getMessage(), e);
    }
  }

  private static Path requireDirectory(String dir) {
    Path p = Path.of(dir);
    if (!Files.isDirectory(p)) {
      throw new IllegalArgumentException(RulesOptions.DIRECTORY.name() + " '" + dir + "' is not a directory");
    }
    return p;
  }

  private static void sweep(StandardViolationEngine engine) {
    try {
      engine.sweep().toCompletableFuture().get(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("journey sweep failed; retried at the next one: {}", e.toString());
    }
  }

  private static void reload(EngineAdmin admin) {
    try {
      admin.reloadSites();
      admin.reloadRegistry();
      admin.reloadPermits();
    } catch (Exception e) {
      LOG.warn("reloading sites, registry and permits failed; keeping the previous ones: {}", e.toString());
    }
  }

  /** Applies what other nodes put in the change map. */
  private record Follower(EngineAdmin admin, java.util.concurrent.Executor executor)
      implements EntryListener<String, String> {

    @Override
    public void entryAdded(EntryEvent<String, String> event) {
      apply(event);
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
      apply(event);
    }

    private void apply(EntryEvent<String, String> event) {
      String key = event.getKey();
      String value = event.getValue();
      try {
        executor.execute(() -> admin.applyReplicated(key, value));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        LOG.debug("engine closed; change {} not applied", key);
      }
    }

    @Override
    public void entryRemoved(EntryEvent<String, String> event) {}

    @Override
    public void entryEvicted(EntryEvent<String, String> event) {}

    @Override
    public void entryExpired(EntryEvent<String, String> event) {}

    @Override
    public void mapCleared(MapEvent event) {}

    @Override
    public void mapEvicted(MapEvent event) {}
  }

}
