package io.corridor.api;

import io.corridor.api.audit.AuditAnchoring;
import io.corridor.api.audit.AuditQueries;
import io.corridor.api.audit.AuditRoutes;
import io.corridor.api.hold.HoldRoutes;
import io.corridor.api.hold.HoldService;
import io.corridor.api.queries.QueryRoutes;
import io.corridor.api.queries.QueryService;
import io.corridor.api.queries.ReadQueries;
import io.corridor.api.retention.RetentionMetrics;
import io.corridor.api.retention.RetentionReport;
import io.corridor.api.retention.RetentionRoutes;
import io.corridor.api.warrants.WarrantRepository;
import io.corridor.api.warrants.WarrantRoutes;
import io.corridor.api.warrants.WarrantService;
import io.corridor.config.ConfigKey;
import io.corridor.platform.CorridorModule;
import io.corridor.platform.ModuleParts;
import io.corridor.platform.NodeContext;
import io.corridor.storage.StorageOptions;
import io.corridor.storage.audit.AnchorFile;
import io.corridor.storage.audit.AnchorOptions;
import io.corridor.storage.hold.LegalHolds;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Lawful access: warrants, the analysts' queries under them, the audit trail for auditors with its
 * head anchored outside the database, the retention report and legal hold.
 */
public final class LawfulAccessModule implements CorridorModule {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LawfulAccessModule.class);

  @Override
  public String name() {
    return "lawful-access";
  }

  @Override
  public List<ConfigKey> configKeys() {
    List<ConfigKey> keys = new ArrayList<>(LawfulAccessOptions.KEYS);
    keys.addAll(AnchorOptions.KEYS);
    return keys;
  }

  @Override
  public ModuleParts wire(NodeContext node) {
    LawfulAccessOptions options = new LawfulAccessOptions(node.settings());
    AnchorOptions anchors = new AnchorOptions(node.settings());
    StorageOptions storage = new StorageOptions(node.settings());
    int maxPage = node.settings().getPositiveInt(ApiOptions.MAX_PAGE);
    DataSource db = node.database().dataSource();

    WarrantRepository warrantRepository = new WarrantRepository(db, node.audit());
    WarrantService warrants = new WarrantService(warrantRepository, node.protector(), options.openTier(), node.clock());
    QueryService queries = new QueryService(warrants, new ReadQueries(db), node.protector(), node.audit(), maxPage,
        node.clock());
    HoldService holds = new HoldService(new LegalHolds(db, node.audit(), node.clock()), warrants, db, node.clock());
    RetentionReport report = new RetentionReport(db, storage.retention(), storage.evidenceRetention(),
        storage.retentionInterval(), node.clock()).expiring(io.corridor.storage.ExpiringData.discover(node.settings()));
    RetentionMetrics metrics = new RetentionMetrics(node.metrics());
    AuditAnchoring anchoring = anchors.privateKey()
        .map(key -> new AuditAnchoring(node.audit(), new AnchorFile(anchors.file()), key, node.clock())).orElse(null);
    if (anchoring == null) {
      LOG.warn("{} is not set: the audit chain's head is not anchored outside the database, so a rewritten chain"
          + " cannot be detected", AnchorOptions.PRIVATE_KEY.name());
    }

    WarrantRoutes warrantRoutes = new WarrantRoutes(warrants, warrantRepository, node.audit(), node.users(), maxPage);
    QueryRoutes queryRoutes = new QueryRoutes(queries, node.users());
    AuditRoutes auditRoutes = new AuditRoutes(new AuditQueries(db), node.audit(), node.users(), maxPage);
    RetentionRoutes retentionRoutes = new RetentionRoutes(report, metrics, node.users());
    HoldRoutes holdRoutes = new HoldRoutes(holds, node.users());
    return new ModuleParts()
        .routes(router -> {
          warrantRoutes.mount(router);
          queryRoutes.mount(router);
          auditRoutes.mount(router);
          retentionRoutes.mount(router);
          holdRoutes.mount(router);
        })
        .verticle(new LawfulAccessVerticle(anchoring, anchors.interval(), report, metrics, options.reportInterval()));
  }
}
