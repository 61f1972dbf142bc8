package io.corridor.rules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corridor.rules.HotlistAdmin;
import io.corridor.rules.engine.doc.RuleDocument;
import io.corridor.rules.engine.doc.RuleDocuments;
import io.corridor.rules.engine.doc.RuleError;
import io.corridor.rules.engine.doc.RuleValidationException;
import io.corridor.rules.engine.registry.Permits;
import io.corridor.rules.engine.registry.RegistryRecord;
import io.corridor.rules.engine.registry.VehicleRegistry;
import io.corridor.rules.engine.site.CameraSite;
import io.corridor.rules.engine.site.SiteParser;
import io.corridor.rules.engine.site.Sites;
import io.corridor.rules.engine.site.VehicleClass;
import io.corridor.rules.engine.store.Csv;
import io.corridor.rules.engine.store.ImportResult;
import io.corridor.rules.engine.store.PermitRepository;
import io.corridor.rules.engine.store.Plates;
import io.corridor.rules.engine.store.RegistryRepository;
import io.corridor.rules.engine.store.RuleDocumentRepository;
import io.corridor.rules.engine.store.SiteRepository;
import io.corridor.storage.AuditLog;
import io.corridor.storage.PlateProtector;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the management routes do, as plain blocking calls: validate, store in the database, put in
 * force here and tell the other nodes ({@code replicate}: key, value), which then put the same
 * version in force. Keys: {@code rule:<id>} (value: version, newline, document), {@code site:<id>}
 * (site JSON), {@code registry} and {@code permits} (a change counter: reload from the database).
 */
public final class EngineAdmin {

  private static final Logger LOG = LoggerFactory.getLogger(EngineAdmin.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The stores behind the admin. */
  public record Stores(RuleDocumentRepository rules, SiteRepository sites, RegistryRepository registry,
      PermitRepository permits, AuditLog audit) {}

  private final RuleBook book;
  private final Sites sites;
  private final VehicleRegistry registry;
  private final Permits permits;
  private final PlateProtector protector;
  private final Stores stores;
  private final HotlistAdmin hotlist;
  private volatile BiConsumer<String, String> replicate = (k, v) -> {};

  /** Manages the engine's data in {@code stores}. */
  public EngineAdmin(RuleBook book, Sites sites, VehicleRegistry registry, Permits permits, PlateProtector protector,
      Stores stores, HotlistAdmin hotlist) {
    this.book = book;
    this.sites = sites;
    this.registry = registry;
    this.permits = permits;
    this.protector = protector;
    this.stores = stores;
    this.hotlist = hotlist;
  }

  /** Sets how changes reach the other nodes. */
  public void replicateWith(BiConsumer<String, String> replicate) {
    this.replicate = replicate;
  }

  /** The hotlist management. */
  public HotlistAdmin hotlist() {
    return hotlist;
  }

  /** The rule documents in force, by id. */
  public List<RuleDocument> rules() {
    return book.documents().stream().sorted(java.util.Comparator.comparing(RuleDocument::id)).toList();
  }

  /** The rule document {@code id} in force, or {@code null}. */
  public RuleDocument rule(String id) {
    return book.document(id);
  }

  /** A stored version of rule {@code id} (the text a violation's rule version refers to), or {@code null}. */
  public RuleDocumentRepository.Stored ruleVersion(String id, int version) throws SQLException {
    return stores.rules().find(id, version);
  }

  /**
   * Replaces rule {@code id} with {@code text}. Without a {@code version} field the document gets
   * the next version.
   *
   * @throws RuleValidationException when it does not validate (nothing changes)
   * @throws VersionConflictException when its version is not above the current one
   */
  public RuleDocument putRule(String id, String text, String by)
      throws RuleValidationException, VersionConflictException, SQLException {
    RuleDocument inForce = book.document(id);
    int current = Math.max(inForce == null ? 0 : inForce.version(), stores.rules().currentVersion(id));
    RuleDocument doc = RuleDocuments.parse(text, id, current + 1);
    if (doc.version() <= current) {
      throw new VersionConflictException("rule " + id, current);
    }
    book.compile(doc);
    if (!stores.rules().insert(doc.id(), doc.version(), doc.type(), doc.text(), by)) {
      throw new VersionConflictException("rule " + id, stores.rules().currentVersion(id));
    }
    book.install(doc);
    replicate.accept("rule:" + id, doc.version() + "\n" + doc.text());
    LOG.info("rule {} version {} ({}) put in force by {}", id, doc.version(), doc.type(), by);
    return doc;
  }

  /**
   * Puts the rules in force at start: the database's latest versions, then the files (a file whose
   * version is above the stored one is stored, as {@code file}), then what the cluster already holds.
   *
   * @throws RuleValidationException when a stored or file document does not compile
   */
  public void loadRules(List<RuleDocument> files, Map<String, String> replicated) throws RuleValidationException, SQLException {
    List<RuleError> errors = new ArrayList<>();
    for (RuleDocumentRepository.Stored s : stores.rules().latest()) {
      try {
        book.install(RuleDocuments.parse(s.text(), s.id(), s.version()));
      } catch (RuleValidationException e) {
        errors.addAll(e.errors());
      }
    }
    for (RuleDocument doc : files) {
      try {
        if (book.install(doc)) {
          stores.rules().insert(doc.id(), doc.version(), doc.type(), doc.text(), "file");
        }
      } catch (RuleValidationException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new RuleValidationException(errors);
    }
    replicated.forEach(this::applyReplicated);
  }

  /** The sites in force. */
  public Collection<CameraSite> sites() {
    return sites.all().stream().sorted(java.util.Comparator.comparing(CameraSite::siteId)).toList();
  }

  /**
   * Replaces site {@code id} with the JSON (or YAML) {@code text}; without a {@code version} the
   * site gets the next one.
   */
  public CameraSite putSite(String id, String text, String by)
      throws RuleValidationException, VersionConflictException, SQLException {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (IOException e) {
      throw new RuleValidationException(List.of(new RuleError(id, "(document)", "is not valid JSON: " + e.getMessage())));
    }
    if (!(node instanceof ObjectNode obj)) {
      throw new RuleValidationException(List.of(new RuleError(id, "(document)", "must be a JSON object")));
    }
    CameraSite inForce = sites.byId(id);
    int current = inForce == null ? 0 : inForce.version();
    if (!obj.hasNonNull("version")) {
      obj.set("version", IntNode.valueOf(current + 1));
    }
    CameraSite site = SiteParser.parse(id, obj);
    CameraSite sameCamera = sites.byDevice(site.deviceId());
    if (sameCamera != null && !sameCamera.siteId().equals(id)) {
      throw new RuleValidationException(List.of(new RuleError(id, "device",
          "camera " + site.deviceId() + " already belongs to site " + sameCamera.siteId())));
    }
    String json = obj.toString();
    if (site.version() <= current || !stores.sites().upsert(site, json, by)) {
      throw new VersionConflictException("site " + id, current);
    }
    sites.put(site);
    replicate.accept("site:" + id, json);
    return site;
  }

  /** Puts every stored site in force. */
  public void reloadSites() throws SQLException {
    for (Map.Entry<String, String> e : stores.sites().loadAll().entrySet()) {
      installSite(e.getKey(), e.getValue());
    }
  }

  /**
   * Imports the registry CSV {@code plate,class,euro_class,insured_until,registered_until} (dates
   * {@code YYYY-MM-DD}, empty for none). All or nothing: any bad row refuses the whole file.
   */
  public ImportResult importRegistry(String csv, String by) throws SQLException {
    List<Csv.Row> rows = Csv.parse(csv, "plate");
    List<ImportResult.RowError> errors = new ArrayList<>();
    Map<String, RegistryRecord> byPlate = new LinkedHashMap<>();
    int duplicates = 0;
    for (Csv.Row row : rows) {
      String plate = field(row, "plate", true, Plates::normalize, errors);
      VehicleClass cls = field(row, "class", false, VehicleClass::parse, errors);
      Integer euro = field(row, "euro_class", false, RegistryCsv::euroClass, errors);
      LocalDate insured = field(row, "insured_until", false, RegistryCsv::date, errors);
      LocalDate registered = field(row, "registered_until", false, RegistryCsv::date, errors);
      if (plate != null && byPlate.putIfAbsent(plate, new RegistryRecord(cls, euro, insured, registered)) != null) {
        duplicates++;
      }
    }
    if (!errors.isEmpty()) {
      return new ImportResult(rows.size(), 0, duplicates, errors);
    }
    List<RegistryRepository.Row> toStore = new ArrayList<>();
    byPlate.forEach((p, r) -> toStore.add(new RegistryRepository.Row(p, r)));
    int stored = stores.registry().upsert(toStore, by);
    audit(by, "registry.import", "vehicle_registry", stored);
    reloadRegistry();
    replicate.accept("registry", Long.toString(System.nanoTime()));
    return new ImportResult(rows.size(), stored, duplicates, List.of());
  }

  /** Imports permit list {@code listId} from CSV {@code plate,valid_until}; all or nothing. */
  public ImportResult importPermits(String listId, String csv, String by) throws SQLException {
    List<Csv.Row> rows = Csv.parse(csv, "plate");
    List<ImportResult.RowError> errors = new ArrayList<>();
    Map<byte[], LocalDate> permitsByHash = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    int duplicates = 0;
    for (Csv.Row row : rows) {
      String plate = field(row, "plate", true, Plates::normalize, errors);
      LocalDate until = field(row, "valid_until", false, RegistryCsv::date, errors);
      if (plate != null) {
        if (seen.add(plate)) {
          permitsByHash.put(protector.hash(plate), until);
        } else {
          duplicates++;
        }
      }
    }
    if (!errors.isEmpty()) {
      return new ImportResult(rows.size(), 0, duplicates, errors);
    }
    int stored = stores.permits().upsert(listId, permitsByHash, by);
    audit(by, "permits.import", "zone_permits/" + listId, stored);
    reloadPermits();
    replicate.accept("permits", Long.toString(System.nanoTime()));
    return new ImportResult(rows.size(), stored, duplicates, List.of());
  }

  /** Reloads the registry from the database. */
  public void reloadRegistry() throws SQLException {
    registry.replace(stores.registry().loadAll());
  }

  /** Reloads the permit lists from the database. */
  public void reloadPermits() throws SQLException {
    permits.replace(stores.permits().loadAll());
  }

  /** Applies a change another node made (or one the cluster held when this node joined). */
  public void applyReplicated(String key, String value) {
    try {
      if (key.startsWith("rule:")) {
        int nl = value.indexOf('\n');
        String id = key.substring(5);
        book.install(RuleDocuments.parse(value.substring(nl + 1), id, Integer.parseInt(value.substring(0, nl))));
      } else if (key.startsWith("site:")) {
        installSite(key.substring(5), value);
      } else if (key.equals("registry")) {
        reloadRegistry();
      } else if (key.equals("permits")) {
        reloadPermits();
      }
    } catch (Exception e) {
      LOG.error("change {} from another node could not be applied; the previous version stays in force", key, e);
    }
  }

  private void installSite(String id, String json) {
    try {
      sites.put(SiteParser.parse(id, JSON.readTree(json)));
    } catch (IOException | RuleValidationException e) {
      LOG.error("stored site {} is invalid and was skipped: {}", id, e.getMessage());
    }
  }

  private void audit(String by, String action, String target, int records) throws SQLException {
    if (stores.audit() != null) {
      stores.audit().append(new AuditLog.Entry(by, "operator", action, target, records, "rows=" + records));
    }
  }

  private static <T> T field(Csv.Row row, String column, boolean required, java.util.function.Function<String, T> parse,
      List<ImportResult.RowError> errors) {
    String v = row.get(column);
    if (v == null) {
      if (required) {
        errors.add(new ImportResult.RowError(row.line(), column, "is required"));
      }
      return null;
    }
    try {
      return parse.apply(v);
    } catch (RuntimeException e) {
      errors.add(new ImportResult.RowError(row.line(), column, e.getMessage()));
      return null;
    }
  }
}
