package io.corridor.node;

import com.hazelcast.core.HazelcastInstance;
import io.corridor.api.AlertQueries;
import io.corridor.api.ApiOptions;
import io.corridor.api.ApiRoutes;
import io.corridor.api.Tokens;
import io.corridor.api.identity.Identity;
import io.corridor.api.openapi.ApiContract;
import io.corridor.api.openapi.ContractUsers;
import io.corridor.api.identity.IdentityOptions;
import io.corridor.config.ConfigException;
import io.corridor.config.Settings;
import io.corridor.events.AvroTrust;
import io.corridor.events.PlateRead;
import io.corridor.events.bus.BusAddresses;
import io.corridor.events.bus.EventBusSetup;
import io.corridor.anpr.EngineSettings;
import io.corridor.anpr.PlateRecognizer;
import io.corridor.anpr.RecognizerRegistry;
import io.corridor.platform.devices.DeviceRegistry;
import io.corridor.ingest.FrameOptions;
import io.corridor.ingest.FrameReadSink;
import io.corridor.ingest.FrameService;
import io.corridor.ingest.GroupedFrameReads;
import io.corridor.ingest.ImmediateFrameReads;
import io.corridor.ingest.StoredFrameReads;
import io.corridor.ingest.evidence.CachedFrameEvidence;
import io.corridor.ingest.evidence.FrameCache;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.ingest.GroupCommitWriter;
import io.corridor.ingest.IngestOptions;
import io.corridor.ingest.IngestRoutes;
import io.corridor.ingest.IngestService;
import io.corridor.ingest.PlateReadSink;
import io.corridor.ingest.ReadFilter;
import io.corridor.ingest.ReadValidator;
import io.corridor.ingest.WriterMetrics;
import io.corridor.ingest.openalpr.OpenAlprWebhook;
import io.micrometer.core.instrument.FunctionCounter;
import io.corridor.storage.AuditLog;
import io.corridor.storage.Database;
import io.corridor.storage.PartitionMaintenance;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.PrivacyOptions;
import io.corridor.storage.StorageOptions;
import io.corridor.storage.evidence.EvidenceStore;
import io.corridor.storage.evidence.FrameEvidence;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.ext.web.Router;
import io.corridor.platform.CorridorModule;
import io.corridor.platform.ModuleParts;
import io.corridor.platform.Modules;
import io.corridor.platform.NodeContext;
import io.corridor.platform.auth.UserAuth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Corridor node: database pool and migrations, a clustered Vert.x (Hazelcast), the
 * group-commit writer and the verticles. {@link #start} blocks until the node serves or fails with
 * a message that says why; {@link #close} drains the writer before leaving the cluster.
 */
public final class CorridorNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CorridorNode.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Vertx vertx;
  private final Database database;
  private final GroupCommitWriter<PlateRead> writer;
  private final PlateProtector protector;
  private final MaintenanceVerticle maintenance;
  private final Tokens tokens;
  private final DeviceRegistry devices;
  private final DeviceRepository deviceRepository;
  private final int httpPort;
  private final String httpDeployment;
  private final PlateRecognizer recognizer;
  private final ExecutorService recognitionPool;
  private final FrameReadSink frameReads;
  private final ExecutorService evidencePool;
  private final FrameEvidence frameEvidence;
  private final List<AutoCloseable> moduleCloseables;
  private List<String> routes = List.of();

  private CorridorNode(Vertx vertx, Database database, GroupCommitWriter<PlateRead> writer, PlateProtector protector,
      MaintenanceVerticle maintenance, Tokens tokens, DeviceRegistry devices, DeviceRepository deviceRepository,
      int httpPort, String httpDeployment, PlateRecognizer recognizer, ExecutorService recognitionPool,
      FrameReadSink frameReads, ExecutorService evidencePool, FrameEvidence frameEvidence,
      List<AutoCloseable> moduleCloseables) {
    this.moduleCloseables = List.copyOf(moduleCloseables);
    this.recognizer = recognizer;
    this.recognitionPool = recognitionPool;
    this.frameReads = frameReads;
    this.evidencePool = evidencePool;
    this.frameEvidence = frameEvidence;
    this.devices = devices;
    this.deviceRepository = deviceRepository;
    this.vertx = vertx;
    this.database = database;
    this.writer = writer;
    this.protector = protector;
    this.maintenance = maintenance;
    this.tokens = tokens;
    this.httpPort = httpPort;
    this.httpDeployment = httpDeployment;
  }

  /** Starts a node; blocks until it serves HTTP and has joined the cluster. */
  public static CorridorNode start(Settings settings) throws Exception {
    AvroTrust.trustEventPackages();
    NodeOptions node = new NodeOptions(settings);
    TlsOptions tls = new TlsOptions(settings, node);
    StorageOptions storage = new StorageOptions(settings);
    PrivacyOptions privacy = new PrivacyOptions(settings);
    IngestOptions ingest = new IngestOptions(settings);
    ApiOptions api = new ApiOptions(settings);
    FrameOptions frameOptions = new FrameOptions(settings);
    if (ingest.maxAge().compareTo(storage.retention().plateReads()) >= 0) {
      throw new ConfigException(IngestOptions.MAX_AGE, ingest.maxAge().toString(),
          "must be shorter than " + StorageOptions.RETAIN_READS.name() + " (" + storage.retention().plateReads() + ")");
    }
    Duration longestHold = frameOptions.groupMaxSpan().plus(frameOptions.groupWindow()).plus(ingest.writeTimeout());
    if (frameOptions.grouping() && longestHold.toSeconds() >= HttpVerticle.IDLE_TIMEOUT_SECONDS) {
      throw new ConfigException(FrameOptions.GROUP_MAX_SPAN, frameOptions.groupMaxSpan().toString(),
          "with " + FrameOptions.GROUP_WINDOW.name() + " and " + IngestOptions.WRITE_TIMEOUT.name() + " it must stay under the "
              + HttpVerticle.IDLE_TIMEOUT_SECONDS + " s HTTP idle timeout, or a frame waiting for its group loses its connection");
    }
    Clock clock = Clock.systemUTC();
    Database database = Database.open(storage);
    Vertx vertx = null;
    GroupCommitWriter<PlateRead> writer = null;
    PlateRecognizer recognizer = null;
    ExecutorService recognitionPool = null;
    FrameReadSink frameReads = null;
    ExecutorService evidencePool = null;
    List<AutoCloseable> closeables = new ArrayList<>();
    List<Consumer<Router>> moduleRoutes = new ArrayList<>();
    try {
      awaitDatabase(database, storage);
      database.migrate(storage.timescaleAllowed());
      PartitionMaintenance partitions = new PartitionMaintenance(database.dataSource(), storage.retention(),
          storage.partitionsAhead(), ingest.maxAge(), storage.compressAfter(), clock)
          .expiring(io.corridor.storage.ExpiringData.discover(settings));
      partitions.run();
      PlateProtector protector = privacy.protector();
      DeviceRepository deviceRepository = new DeviceRepository(database.dataSource());
      DeviceRegistry devices = new DeviceRegistry();
      devices.replace(deviceRepository.loadAll());

      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);

      HazelcastClusterManager cluster = new HazelcastClusterManager(ClusterConfig.of(node));
      NetworkTransport transport = NetworkTransport.of(node);
      vertx = await(Vertx.builder()
          .with(new VertxOptions().setMaxEventLoopExecuteTime(2).setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS)
              .setEventBusOptions(tls.applyTo(EventBusAddress.of(node))))
          .withTransport(transport.transport())
          .withClusterManager(cluster)
          .buildClustered());
      LOG.info(transport.logLine(vertx));
      EventBusSetup.registerAvroCodec(vertx.eventBus());
      Vertx bus = vertx;
      DeliveryOptions local = new DeliveryOptions().setLocalOnly(true);
      // Modules add the outboxes they commit beside each read while they are wired, before reads arrive.
      io.corridor.storage.outbox.ReadOutboxes readOutboxes = new io.corridor.storage.outbox.ReadOutboxes();
      writer = new GroupCommitWriter<>("reads", database.dataSource(), new PlateReadSink(protector, readOutboxes),
          stored -> stored.forEach(read -> bus.eventBus().publish(BusAddresses.READS_STORED, read, local)),
          () -> repair(partitions), new WriterMetrics(registry, "reads", "Reads", "answered 503"), ingest.queueCapacity(), ingest.commitBatch(),
          ingest.writerThreads(), ingest.retryAfter(), clock);
      GroupCommitWriter<PlateRead> queued = writer;
      registry.gauge("corridor_reads_queued", writer, w -> queued.queuedEvents());

      ReadValidator validator = new ReadValidator(devices, clock, ingest.clockSkew(), ingest.maxAge());
      recognizer = frameOptions.engine().equals("none") ? null
          : RecognizerRegistry.standard().create(frameOptions.engine(), EngineSettings.defaults());
      recognitionPool = new ThreadPoolExecutor(frameOptions.workers(), frameOptions.workers(), 0, TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(frameOptions.queueCapacity()), Thread.ofPlatform().name("anpr-", 0).daemon().factory());
      // Frames: grouped per vehicle (or not), and held in memory only until a rule may mark them as evidence.
      frameReads = frameOptions.grouping()
          ? new GroupedFrameReads(writer, new StoredFrameReads(database.dataSource(), protector), frameOptions, ingest, clock)
          : new ImmediateFrameReads(writer, ingest.writeTimeout(), ingest.retryAfter());
      FrameCache frameCache = new FrameCache(frameOptions.evidenceCacheBytes(), frameOptions.evidenceCacheFrames(),
          frameOptions.evidenceCacheTtl(), clock);
      evidencePool = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
          Thread.ofPlatform().name("evidence-", 0).daemon().factory());
      CachedFrameEvidence evidence = new CachedFrameEvidence(frameCache,
          new EvidenceStore(database.dataSource(), protector), evidencePool, storage.evidenceRetention(), clock);
      registry.gauge("corridor_evidence_cache_bytes", frameCache, FrameCache::bytes);
      registry.gauge("corridor_evidence_cache_frames", frameCache, FrameCache::size);
      if (frameReads instanceof GroupedFrameReads grouped) {
        registry.gauge("corridor_frames_held", grouped, GroupedFrameReads::heldFrames);
        registry.gauge("corridor_frame_groups_open", grouped, GroupedFrameReads::openGroups);
      }
      ReadFilter readFilter = ReadFilter.standard(frameOptions.minConfidence(), frameOptions.minConfidenceUnformatted());
      for (String source : List.of(FrameService.SOURCE, OpenAlprWebhook.SOURCE)) {
        for (io.corridor.anpr.plate.PlausibleRead.Drop reason : io.corridor.anpr.plate.PlausibleRead.Drop.values()) {
          FunctionCounter.builder("corridor_reads_dropped", readFilter, f -> f.dropped(source, reason))
              .description("Reads not stored: below anpr.min-confidence, or fitting no plate format below"
                  + " anpr.min-confidence-unformatted")
              .tag("source", source).tag("reason", reason.label()).register(registry);
        }
      }
      FrameService frames = new FrameService(devices, validator, recognizer, recognitionPool, ingest, frameReads,
          frameCache, readFilter, frameOptions.defaultCountry());
      IngestRoutes ingestRoutes = new IngestRoutes(new IngestService(devices, validator, writer, ingest), ingest, frames,
          frameOptions, new OpenAlprWebhook(devices, validator, writer, frameReads, frameCache, readFilter, ingest,
              recognitionPool, registry));
      Tokens tokens = api.jwtSecret() == null ? null : new Tokens(vertx, api);
      ApiContract contract = await(ApiContract.load(vertx));
      // Every user route's request is validated against openapi.yaml after its role check.
      UserAuth users = new ContractUsers(await(Identity.users(vertx, new IdentityOptions(settings), tokens)), contract);
      HazelcastInstance hazelcast = cluster.getHazelcastInstance();
      ApiRoutes apiRoutes = new ApiRoutes(users, contract, new AlertQueries(database.dataSource(), protector),
          new AuditLog(database.dataSource(), clock), api, () -> readiness(bus, hazelcast, database),
          registry::scrape);

      NodeContext context = new NodeContext(settings, vertx, hazelcast, database, protector,
          new AuditLog(database.dataSource(), clock), users, devices, evidence, registry, clock, readOutboxes, frames);
      for (CorridorModule module : Modules.discover()) {
        ModuleParts parts = wireModule(module, context);
        closeables.addAll(parts.closeables());
        moduleRoutes.addAll(parts.routes());
        for (ModuleParts.VerticleSpec spec : parts.verticles()) {
          await(vertx.deployVerticle(spec.factory(), spec.options()));
        }
      }
      MaintenanceVerticle maintenance = new MaintenanceVerticle(partitions, storage.retentionInterval(), devices,
          deviceRepository, ingest.deviceReload(), clock);
      await(vertx.deployVerticle(maintenance));

      int port = node.httpPort() == 0 ? freePort(node.httpHost()) : node.httpPort();
      NodeOptions bound = new NodeOptions(settings.with(NodeOptions.HTTP_PORT, String.valueOf(port)));
      AtomicReference<List<String>> routes = new AtomicReference<>(List.of()); // every instance mounts the same
      String httpDeployment = await(vertx.deployVerticle(() -> new HttpVerticle(bound, tls, ingestRoutes, apiRoutes,
              moduleRoutes, routes::set),
          new DeploymentOptions().setInstances(node.httpInstances())));
      LOG.info("Corridor node up: {}://{}:{} cluster '{}' member {}, event bus {}", tls.httpTls() ? "https" : "http",
          node.httpHost(), port, node.clusterName(), hazelcast.getCluster().getLocalMember().getAddress(),
          tls.busTls() ? "mutual TLS" : "plain");
      CorridorNode started = new CorridorNode(vertx, database, writer, protector, maintenance, tokens, devices,
          deviceRepository, port, httpDeployment, recognizer, recognitionPool, frameReads, evidencePool, evidence, closeables);
      started.routes = routes.get();
      return started;
    } catch (Exception | Error e) {
      closeAll(closeables);
      if (frameReads instanceof GroupedFrameReads grouped) {
        grouped.close();
      }
      if (evidencePool != null) {
        evidencePool.shutdownNow();
      }
      if (writer != null) {
        writer.close();
      }
      if (recognitionPool != null) {
        recognitionPool.shutdownNow();
      }
      if (recognizer != null) {
        recognizer.close();
      }
      if (vertx != null) {
        vertx.close();
      }
      database.close();
      throw e;
    }
  }

  private static ModuleParts wireModule(CorridorModule module, NodeContext context) throws Exception {
    try {
      ModuleParts parts = module.wire(context);
      LOG.info("module '{}' wired: {} verticle(s), {} route mount(s)", module.name(), parts.verticles().size(),
          parts.routes().size());
      return parts;
    } catch (ConfigException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("module '" + module.name() + "' failed to start: " + e.getMessage(), e);
    }
  }

  private static void closeAll(List<AutoCloseable> closeables) {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", closeables.get(i), e.toString());
      }
    }
  }

  private static void awaitDatabase(Database database, StorageOptions storage) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!database.isReachable()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("database " + storage.url() + " is not reachable after 30 s; check "
            + StorageOptions.DB_URL.envName() + ", the user and the password");
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the database", e);
      }
    }
  }

  private static void repair(PartitionMaintenance partitions) {
    try {
      partitions.run();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create missing partitions", e);
    }
  }

  private static Future<JsonObject> readiness(Vertx vertx, HazelcastInstance hazelcast, Database database) {
    return vertx.executeBlocking(() -> {
      boolean clusterSafe = hazelcast.getPartitionService().isClusterSafe();
      boolean databaseReachable = database.isReachable();
      return new JsonObject()
          .put("ready", clusterSafe && databaseReachable)
          .put("clusterSafe", clusterSafe)
          .put("clusterMembers", hazelcast.getCluster().getMembers().size())
          .put("databaseReachable", databaseReachable);
    }, false);
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    }
  }

  static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      throw new IllegalStateException("node start did not finish within " + START_TIMEOUT.toSeconds() + " s", e);
    }
  }

  /** {@code "METHOD /path"} of every HTTP route this node serves (for the API-contract tests). */
  public List<String> routes() {
    return routes;
  }

  /** The port the HTTP server listens on. */
  public int httpPort() {
    return httpPort;
  }

  /** This node's Vert.x. */
  public Vertx vertx() {
    return vertx;
  }

  /** The database pool. */
  public Database database() {
    return database;
  }

  /** Plate protection with the configured keys. */
  public PlateProtector protector() {
    return protector;
  }

  /** The hook rules call to keep a frame this node received as evidence. */
  public FrameEvidence frameEvidence() {
    return frameEvidence;
  }

  /** Token signing with the configured HS256 secret; {@code null} when only an identity provider's tokens are accepted. */
  public Tokens tokens() {
    return tokens;
  }

  /** Reloads this node's device registry now (other nodes follow within their reload interval). */
  public void reloadDevices() throws SQLException {
    devices.replace(deviceRepository.loadAll());
  }

  /** Runs retention now unless another node ran it within {@code minGap}. */
  public Optional<PartitionMaintenance.Report> runRetention(Duration minGap) throws Exception {
    return await(maintenance.runRetentionIfDue(minGap));
  }

  /**
   * Closes the frames' open groups and answers their frames, stops HTTP, commits what is queued,
   * leaves the cluster and closes the pool.
   */
  @Override
  public void close() {
    if (frameReads instanceof GroupedFrameReads grouped) {
      grouped.close(); // before HTTP stops, so the frames waiting for their group still get an answer
    }
    try {
      await(vertx.undeploy(httpDeployment));
    } catch (Exception e) {
      LOG.warn("HTTP undeploy failed: {}", e.toString());
    }
    recognitionPool.shutdown();
    try {
      recognitionPool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (recognizer != null) {
      recognizer.close();
    }
    writer.close();
    try {
      await(vertx.close());
    } catch (Exception e) {
      LOG.warn("Vert.x close failed: {}", e.toString());
    }
    closeAll(moduleCloseables);
    evidencePool.shutdown();
    try {
      evidencePool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    database.close();
  }
}
