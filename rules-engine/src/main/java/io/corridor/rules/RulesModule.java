package io.corridor.rules;

import io.corridor.config.ConfigKey;
import io.corridor.ingest.IngestOptions;
import io.corridor.platform.CorridorModule;
import io.corridor.platform.ModuleParts;
import io.corridor.platform.NodeContext;
import io.corridor.platform.cluster.MemberDepartures;
import io.corridor.rules.engine.ViolationEngine;
import io.corridor.rules.evidence.EvidenceService;
import io.corridor.rules.evidence.EvidenceSigner;
import io.corridor.rules.http.SignalRoutes;
import io.corridor.rules.http.SignalService;
import io.corridor.rules.http.ViolationRoutes;
import io.corridor.rules.outbox.EnforcementPurge;
import io.corridor.rules.outbox.LateViolations;
import io.corridor.rules.outbox.OutboxConsumer;
import io.corridor.rules.outbox.OutboxRepository;
import io.corridor.rules.outbox.OutboxVerticle;
import io.corridor.rules.outbox.SitePurposes;
import io.corridor.rules.violations.ReviewService;
import io.corridor.rules.violations.ViolationQueries;
import io.corridor.rules.violations.ViolationStore;
import io.corridor.storage.StorageOptions;
import io.corridor.storage.hold.LegalHolds;
import io.corridor.storage.outbox.DepartedLeases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules capability: consumes committed reads from the durable rules outbox (hotlist alerts and
 * the violation engine), stores violations, serves the officers' review and evidence routes and
 * junction controllers' {@code POST /v1/signals}, and purges enforcement-site reads that proved
 * nothing.
 */
public final class RulesModule implements CorridorModule {

  private static final Logger LOG = LoggerFactory.getLogger(RulesModule.class);

  @Override
  public String name() {
    return "rules";
  }

  @Override
  public List<ConfigKey> configKeys() {
    return ViolationsOptions.KEYS;
  }

  @Override
  public ModuleParts wire(NodeContext node) throws Exception {
    ViolationsOptions options = new ViolationsOptions(node.settings());
    RulesOptions rules = new RulesOptions(node.settings());
    StorageOptions storage = new StorageOptions(node.settings());
    EngineParts engine = EngineParts.create(node, options.enforcementMargin());
    var dataSource = node.database().dataSource();
    ViolationStore store = new ViolationStore(node.protector());

    Hotlist hotlist = new Hotlist();
    HotlistRepository hotlists = new HotlistRepository(dataSource);
    AlertEvidence alertEvidence = new AlertEvidence(node.frameEvidence());
    ViolationEvidence violationEvidence = new ViolationEvidence(node.frameEvidence());
    String owner = node.hazelcast().getCluster().getLocalMember().getUuid().toString();
    AfterCommit afterCommit = new AfterCommit(node.vertx(), alertEvidence, violationEvidence);
    OutboxConsumer consumer = new OutboxConsumer(dataSource, new OutboxRepository(dataSource, node.protector()),
        new HotlistRule(hotlist, node.protector(), node.clock()), new AlertRepository(dataSource, node.protector()),
        engine.engine(), store, engine.sites(), afterCommit, options.outbox(), owner, node.clock());
    ExecutorService thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("rules-outbox").daemon().factory());
    // Section offences decided when a journey's window passes are stored on their own small pool:
    // the sweep waits for the commit before it deletes the journey.
    ExecutorService lateWriter = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("rules-late").daemon().factory());
    LateViolations late = new LateViolations(dataSource, store, node.protector(), lateWriter, afterCommit, node.clock());
    engine.standard().onLateViolations(late::store);
    List<OutboxVerticle.Job> jobs = new ArrayList<>();
    jobs.add(new OutboxVerticle.Job("hotlist reload", rules.hotlistReload(), () -> {
      try {
        hotlist.replace(hotlists.loadActive(), hotlists.loadVariants());
      } catch (Exception e) {
        LOG.warn("hotlist reload failed; keeping the previous one: {}", e.toString());
      }
    }));

    EvidenceSigner signer = signer(options);
    ViolationRoutes violationRoutes = new ViolationRoutes(node.users(),
        new ViolationQueries(dataSource, store, node.audit()),
        new ReviewService(dataSource, store, options.dismissReasons(),
            new LegalHolds(dataSource, node.audit(), storage.evidenceRetention(), node.clock()), node.clock()),
        new EvidenceService(dataSource, store, node.protector(), signer, node.clock()), node.audit(), options.maxPage());
    IngestOptions ingest = new IngestOptions(node.settings());
    SignalRoutes signalRoutes = new SignalRoutes(new SignalService(node.devices(), dataSource, engine.engine(),
        ingest.clockSkew(), ingest.maxAge(), node.clock()), ingest.retryAfter().toSeconds());

    ModuleParts parts = new ModuleParts();
    if (options.consume()) {
      parts.verticle(new OutboxVerticle(consumer, new EnforcementPurge(dataSource), thread,
          options.outbox().pollInterval(), storage.retentionInterval(), jobs, node.clock()));
    } else {
      LOG.info("{}=false: this node ingests only; other nodes evaluate its reads", ViolationsOptions.OUTBOX_CONSUME.name());
    }
    // A member that dies leaves its claimed reads leased to it: end those leases when it leaves, so
    // the survivors evaluate them at their next poll rather than after violations.outbox.lease.
    DepartedLeases departed = new DepartedLeases(dataSource, node.clock(), List.of(OutboxRepository.OUTBOX));
    parts.onClose(MemberDepartures.watch(node.hazelcast(), "rules", member -> departed.release(member.toString())));
    return parts
        .routes(violationRoutes::mount)
        .routes(signalRoutes::mount)
        .routes(engine.routes())
        .onClose(engine.closer())
        .onClose(lateWriter::shutdownNow)
        .onClose(thread::shutdownNow);
  }

  private static EvidenceSigner signer(ViolationsOptions options) {
    if (options.evidenceKey() != null) {
      return EvidenceSigner.fromPkcs8(options.evidenceKey());
    }
    LOG.warn("{} is not set: evidence packages are signed with a key generated now, which dies with this node",
        ViolationsOptions.EVIDENCE_KEY.name());
    return EvidenceSigner.generate();
  }
}
