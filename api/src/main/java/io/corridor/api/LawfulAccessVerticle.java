package io.corridor.api;

import io.corridor.api.audit.AuditAnchoring;
import io.corridor.api.retention.RetentionMetrics;
import io.corridor.api.retention.RetentionReport;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timers of lawful access, each doing its JDBC and file work on a worker: anchoring the audit
 * chain's head (when a signing key is configured) and refreshing the retention metrics.
 */
final class LawfulAccessVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(LawfulAccessVerticle.class);

  private final AuditAnchoring anchoring;
  private final Duration anchorInterval;
  private final RetentionReport report;
  private final RetentionMetrics metrics;
  private final Duration reportInterval;
  private long anchorTimer = -1;
  private long reportTimer = -1;

  /** {@code anchoring} may be null (no signing key: no anchors). */
  LawfulAccessVerticle(AuditAnchoring anchoring, Duration anchorInterval, RetentionReport report,
      RetentionMetrics metrics, Duration reportInterval) {
    this.anchoring = anchoring;
    this.anchorInterval = anchorInterval;
    this.report = report;
    this.metrics = metrics;
    this.reportInterval = reportInterval;
  }

  @Override
  public Future<?> start() {
    if (anchoring != null) {
      anchorTimer = vertx.setPeriodic(anchorInterval.toMillis(), id -> vertx.executeBlocking(anchoring::anchor, false)
          .onFailure(e -> LOG.warn("audit anchoring failed; will retry: {}", e.toString())));
    }
    reportTimer = vertx.setPeriodic(0, reportInterval.toMillis(), id -> vertx.executeBlocking(report::build, false)
        .onSuccess(metrics::update)
        .onFailure(e -> LOG.warn("retention report failed; metrics keep the previous figures: {}", e.toString())));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(anchorTimer);
    vertx.cancelTimer(reportTimer);
    if (anchoring == null) {
      return Future.succeededFuture();
    }
    // A last anchor on the way out, so the head written by this node's final requests is covered.
    return vertx.executeBlocking(anchoring::anchor, false).otherwiseEmpty().mapEmpty();
  }
}
