package io.corridor.rules;

import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import io.corridor.rules.evidence.EvidenceSigner;
import io.corridor.rules.outbox.OutboxOptions;
import io.corridor.rules.violations.DismissReasons;
import java.time.Duration;
import java.util.List;

/** Settings of the rules outbox consumer, the violation review and the evidence packages. */
public final class ViolationsOptions {

  /** Outbox rows one node claims at once. */
  public static final ConfigKey OUTBOX_BATCH = new ConfigKey("violations.outbox.batch", "500",
      "Committed reads one node claims at once from the rules outbox");
  /** Lease of a claim. */
  public static final ConfigKey OUTBOX_LEASE = new ConfigKey("violations.outbox.lease", "30s",
      "How long a node's claim on outbox rows holds; after it, another node evaluates them (a dead node's reads)");
  /** Poll period for unclaimed rows. */
  public static final ConfigKey OUTBOX_POLL = new ConfigKey("violations.outbox.poll-interval", "1s",
      "How often each node looks for outbox rows nobody evaluated (its own commits wake it at once)");
  /** Longest evaluation of one read. */
  public static final ConfigKey EVALUATION_TIMEOUT = new ConfigKey("violations.outbox.evaluation-timeout", "10s",
      "Longest the violation engine may take for one read before the read is left for a retry");
  /** Whether this node evaluates the outbox. */
  public static final ConfigKey OUTBOX_CONSUME = new ConfigKey("violations.outbox.consume", "true",
      "Whether this node evaluates committed reads from the rules outbox; false: it only ingests and other nodes evaluate its reads");
  /** How long an enforcement read outlives its pairing window. */
  public static final ConfigKey ENFORCEMENT_MARGIN = new ConfigKey("violations.enforcement.margin", "1m",
      "How long after its pairing window an enforcement-site read that proved nothing waits for the purge"
          + " (at least two rules.sweep-interval: a section offence is stored after its window)");
  /** Dismissal reason codes. */
  public static final ConfigKey DISMISS_REASONS = new ConfigKey("violations.dismiss-reasons", DismissReasons.DEFAULT,
      "Comma-separated reason codes an officer may dismiss a violation with ('other' needs a note)");
  /** Largest page of GET /v1/violations. */
  public static final ConfigKey MAX_PAGE = new ConfigKey("violations.max-page", "200",
      "Most violations in one page of GET /v1/violations");
  /** The evidence signing key. */
  public static final ConfigKey EVIDENCE_KEY = new ConfigKey("violations.evidence.signing-key", "",
      "Base64 PKCS#8 Ed25519 private key that signs evidence packages (keep in a secret store); "
          + "unset: a key generated at start, logged as a warning, that dies with the node");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(OUTBOX_BATCH, OUTBOX_LEASE, OUTBOX_POLL, EVALUATION_TIMEOUT, OUTBOX_CONSUME,
      ENFORCEMENT_MARGIN,
      DISMISS_REASONS, MAX_PAGE, EVIDENCE_KEY);

  private final OutboxOptions outbox;
  private final boolean consume;
  private final Duration enforcementMargin;
  private final DismissReasons dismissReasons;
  private final int maxPage;
  private final String evidenceKey;

  /** Reads and validates the keys. */
  public ViolationsOptions(Settings s) {
    outbox = new OutboxOptions(s.getPositiveInt(OUTBOX_BATCH), s.getDuration(OUTBOX_LEASE), s.getDuration(OUTBOX_POLL),
        s.getDuration(EVALUATION_TIMEOUT));
    if (outbox.lease().compareTo(outbox.evaluationTimeout().multipliedBy(2)) < 0) {
      throw new ConfigException(OUTBOX_LEASE, outbox.lease().toString(), "must be at least twice "
          + EVALUATION_TIMEOUT.name() + " (" + outbox.evaluationTimeout() + ") or a live node's claim could expire");
    }
    try {
      dismissReasons = DismissReasons.parse(s.get(DISMISS_REASONS));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(DISMISS_REASONS, s.get(DISMISS_REASONS), e.getMessage());
    }
    maxPage = s.getPositiveInt(MAX_PAGE);
    consume = s.getBoolean(OUTBOX_CONSUME);
    enforcementMargin = s.getDuration(ENFORCEMENT_MARGIN);
    evidenceKey = s.get(EVIDENCE_KEY);
    if (evidenceKey != null && !evidenceKey.isBlank()) {
      try {
        EvidenceSigner.fromPkcs8(evidenceKey);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(EVIDENCE_KEY, "<redacted>", "must be a base64 PKCS#8 Ed25519 private key");
      }
    }
  }

  public OutboxOptions outbox() { return outbox; }

  /** Whether this node consumes the outbox. */
  public boolean consume() { return consume; }

  /** How long an enforcement read that proved nothing outlives its pairing window. */
  public Duration enforcementMargin() { return enforcementMargin; }

  public DismissReasons dismissReasons() { return dismissReasons; }

  public int maxPage() { return maxPage; }

  /** The configured signing key, or null. */
  public String evidenceKey() { return evidenceKey == null || evidenceKey.isBlank() ? null : evidenceKey; }
}
