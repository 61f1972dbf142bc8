package io.corridor.load;

import io.corridor.config.Settings;
import io.corridor.events.AvroTrust;
import io.corridor.events.PlateRead;
import io.corridor.ingest.IngestOptions;
import io.corridor.ingest.PlateReadSink;
import io.corridor.storage.Database;
import io.corridor.storage.PartitionMaintenance;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.PrivacyOptions;
import io.corridor.storage.StorageOptions;
import io.corridor.storage.outbox.ReadOutboxes;
import io.corridor.testkit.TestDatabase;
import io.corridor.testkit.TestKeys;
import io.corridor.tracking.TruckReadOutbox;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * What the cargo outbox of plate reads ({@link TruckReadOutbox}) costs a commit of reads:
 * {@code bin/corridor bench read-outboxes [batch] [shipments]} stores groups of reads of random
 * plates (none a truck's, as nearly all reads) through the read sink on an embedded PostgreSQL with
 * that many shipments in transit, and times the truck look-up on its own against the whole write
 * (binary COPY of the reads and of the rules outbox) and commit of the same group.
 */
final class ReadOutboxBench {

  private static final int COMMITS = 60;

  private final int batch;
  private final int shipments;
  private final PrintStream out;

  ReadOutboxBench(List<String> args, PrintStream out) {
    this.batch = args.isEmpty() ? 500 : Integer.parseInt(args.get(0));
    this.shipments = args.size() < 2 ? 500 : Integer.parseInt(args.get(1));
    this.out = out;
  }

  int run() throws Exception {
    AvroTrust.trustEventPackages();
    Map<String, String> values = new HashMap<>(TestKeys.settings());
    values.put("db.url", TestDatabase.fresh("bench_read_outboxes"));
    Settings settings = Settings.of(values);
    StorageOptions storage = new StorageOptions(settings);
    try (Database db = Database.open(storage)) {
      db.migrate(false);
      new PartitionMaintenance(db.dataSource(), storage.retention(), storage.partitionsAhead(),
          new IngestOptions(settings).maxAge(), Clock.systemUTC()).run();
      PlateProtector protector = new PrivacyOptions(settings).protector();
      release(db, protector);
      TruckReadOutbox trucks = new TruckReadOutbox(protector, "bench", Duration.ofSeconds(30), Clock.systemUTC());
      PlateReadSink sink = new PlateReadSink(protector);
      Random random = new Random(7);
      out.printf("%d commits of %d reads per round, %d shipments in transit%n", COMMITS, batch, shipments);
      for (int round = 1; round <= 3; round++) {
        long write = 0;
        long lookUp = 0;
        for (int i = 0; i < COMMITS; i++) {
          List<PlateRead> reads = reads(random);
          try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            sink.write(c, reads);
            long t1 = System.nanoTime();
            trucks.write(c, reads);
            long t2 = System.nanoTime();
            c.commit();
            write += (t1 - t0) + (System.nanoTime() - t2);
            lookUp += t2 - t1;
          }
        }
        out.printf("round %d: reads, rules outbox and commit %.2f ms; truck look-up %.2f ms (%.1f %% more)%n", round,
            write / 1e6 / COMMITS, lookUp / 1e6 / COMMITS, 100.0 * lookUp / write);
      }
    }
    return 0;
  }

  private void release(Database db, PlateProtector protector) throws Exception {
    try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
        INSERT INTO shipments (shipment_id, mrn, goods, state, truck_plate_hash, truck_plate_ct, trackers, declaration,
          declared_by, declared_at, updated_at) VALUES (?, ?, 'fuel', 'released', ?, ?, '{bench}', '{}', 'bench', now(), now())""")) {
      for (int i = 0; i < shipments; i++) {
        ps.setObject(1, UUID.randomUUID());
        ps.setString(2, String.format("26AL%013d7", i));
        ps.setBytes(3, protector.hash("TR" + i + "BN"));
        ps.setBytes(4, protector.encrypt("TR" + i + "BN"));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private List<PlateRead> reads(Random random) {
    Instant now = Instant.now();
    List<PlateRead> reads = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      reads.add(PlateRead.newBuilder().setEventId(UUID.randomUUID().toString()).setDeviceId("cam-bench")
          .setEventTime(now.minusMillis(i)).setReceivedTime(now).setPlate("KS" + random.nextInt(1_000_000))
          .setConfidence(0.9f).build());
    }
    return reads;
  }
}
