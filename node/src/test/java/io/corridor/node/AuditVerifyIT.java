package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.api.audit.AuditAnchoring;
import io.corridor.config.Settings;
import io.corridor.storage.AuditLog;
import io.corridor.storage.Database;
import io.corridor.storage.StorageOptions;
import io.corridor.storage.audit.AnchorFile;
import io.corridor.storage.audit.AnchorOptions;
import io.corridor.storage.audit.AuditAnchor;
import io.corridor.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/corridor audit verify} against a real database and a real anchor file: intact, a row
 * changed in place, a deleted tail, a chain recomputed from a changed row on, and a forged anchor.
 * Tampering goes around the append-only triggers as a database superuser could.
 */
class AuditVerifyIT {

  @TempDir Path dir;
  Database database;
  AuditLog audit;
  Settings settings;
  AuditAnchoring anchoring;
  Path anchors;

  @BeforeEach
  void setUp() throws Exception {
    String[] keys = AnchorOptions.generateKeyPair();
    anchors = dir.resolve("anchors.log");
    settings = Settings.of(Map.of("db.url", TestDatabase.fresh("auditverify"), AnchorOptions.PRIVATE_KEY.name(), keys[0],
        AnchorOptions.PUBLIC_KEY.name(), keys[1], AnchorOptions.FILE.name(), anchors.toString()));
    database = Database.open(new StorageOptions(settings));
    database.migrate(false);
    audit = new AuditLog(database.dataSource(), Clock.systemUTC());
    anchoring = new AuditAnchoring(audit, new AnchorFile(anchors), new AnchorOptions(settings).privateKey().orElseThrow(),
        Clock.systemUTC());
    for (int i = 1; i <= 3; i++) {
      append(i);
    }
    assertThat(anchoring.anchor()).isPresent();
    for (int i = 4; i <= 6; i++) {
      append(i);
    }
    assertThat(anchoring.anchor()).isPresent();
    assertThat(anchoring.anchor()).as("an unmoved head is not anchored twice").isEmpty();
  }

  @AfterEach
  void tearDown() {
    database.close();
  }

  void append(int i) throws Exception {
    audit.append(new AuditLog.Entry("analyst-" + i, "analyst", "query.plate-history", "warrant w-" + i, i, "case C-" + i,
        "w-" + i, "justification " + i, "{\"plateHash\":\"00\"}", java.util.List.of("read-" + i)));
  }

  String verify(int expectedExit) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = new AuditCommand(settings, anchors).run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(out).isEqualTo(expectedExit);
    return out;
  }

  void tamper(String sql) throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute("SET session_replication_role = replica"); // what a superuser can do: triggers off
      st.execute(sql);
      st.execute("SET session_replication_role = origin");
    }
  }

  @Test
  void anIntactLogVerifiesAgainstEveryAnchor() throws Exception {
    String out = verify(0);
    assertThat(out).contains("6 rows", "2 of 2 checked", "INTACT");
  }

  @Test
  void aModifiedRowIsNamed() throws Exception {
    tamper("UPDATE audit_log SET justification = 'nothing to see' WHERE seq = 4");
    String out = verify(1);
    assertThat(out).contains("first broken row: 4", "TAMPERED");
  }

  @Test
  void aDeletedTailIsDetectedByTheAnchors() throws Exception {
    tamper("DELETE FROM audit_log WHERE seq > 4");
    assertThat(audit.verify()).as("what remains is a consistent chain").isEmpty();
    String out = verify(1);
    assertThat(out).contains("log truncated", "names row 6", "ends at row 4", "TAMPERED");
  }

  @Test
  void aFullyRecomputedChainIsDetectedByTheAnchors() throws Exception {
    tamper("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2");
    rehashFrom(2);
    assertThat(audit.verify()).as("the rewritten chain is consistent in itself").isEmpty();
    String out = verify(1);
    assertThat(out).contains("chain rewritten: row 3", "chain rewritten: row 6", "TAMPERED").doesNotContain("first broken row");
  }

  @Test
  void anAnchorSignedWithAnotherKeyIsRefused() throws Exception {
    String[] other = AnchorOptions.generateKeyPair();
    AuditAnchor forged = AuditAnchor.sign(6, audit.head().hash(), Instant.now(), KeyFactory.getInstance("Ed25519")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(other[0]))));
    new AnchorFile(anchors).append(forged);
    assertThat(verify(1)).contains("invalid signature");
    assertThat(Files.readAllLines(anchors)).hasSize(3);
  }

  /** Recomputes every hash from {@code seq} on, as someone controlling the database could. */
  void rehashFrom(long seq) throws Exception {
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("SET LOCAL session_replication_role = replica");
      }
      byte[] prev;
      try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM audit_log WHERE seq = ?")) {
        ps.setLong(1, seq - 1);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          prev = rs.getBytes(1);
        }
      }
      try (PreparedStatement read = c.prepareStatement("SELECT " + AuditLog.COLUMNS + " FROM audit_log WHERE seq >= ? ORDER BY seq");
          PreparedStatement write = c.prepareStatement("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?")) {
        read.setLong(1, seq);
        try (ResultSet rs = read.executeQuery()) {
          while (rs.next()) {
            byte[] hash = AuditLog.hash(prev, rs.getLong(1), rs.getTimestamp(2).toInstant(), AuditLog.entry(rs));
            write.setBytes(1, prev);
            write.setBytes(2, hash);
            write.setLong(3, rs.getLong(1));
            write.executeUpdate();
            prev = hash;
          }
        }
      }
      c.commit();
    }
  }
}
