package io.corridor.rules.engine.http;

import io.corridor.events.Severity;
import io.corridor.events.http.ErrorResponse;
import io.corridor.platform.auth.Role;
import io.corridor.platform.auth.UserAuth;
import io.corridor.rules.HotlistAdmin;
import io.corridor.rules.HotlistRepository;
import io.corridor.rules.engine.EngineAdmin;
import io.corridor.rules.engine.VersionConflictException;
import io.corridor.rules.engine.doc.RuleDocument;
import io.corridor.rules.engine.doc.RuleError;
import io.corridor.rules.engine.doc.RuleValidationException;
import io.corridor.rules.engine.store.ImportResult;
import io.corridor.rules.engine.store.RuleDocumentRepository;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Thin HTTP adapter over {@link EngineAdmin}: rule documents, camera sites, registry and permit
 * imports, hotlist management. Every call runs on a worker thread (JDBC); errors are the project's
 * JSON shape: 400 naming rule, field and reason, 409 with the current version, 503 when the
 * database is unreachable.
 */
public final class EngineRoutes {

  /** Largest rule or site document accepted. */
  static final long DOCUMENT_LIMIT = 256 * 1024;
  /** Largest CSV import accepted (a national registry goes in several files). */
  static final long IMPORT_LIMIT = 64L * 1024 * 1024;

  private final EngineAdmin admin;
  private final UserAuth users;

  /** Serves {@code admin}, authenticating with {@code users}. */
  public EngineRoutes(EngineAdmin admin, UserAuth users) {
    this.admin = admin;
    this.users = users;
  }

  /** Adds the routes. */
  public void mount(Router router) {
    BodyHandler docs = BodyHandler.create(false).setBodyLimit(DOCUMENT_LIMIT);
    BodyHandler imports = BodyHandler.create(false).setBodyLimit(IMPORT_LIMIT);
    router.get("/v1/rules").handler(users.authenticate()).handler(users.require(Role.OPERATOR, Role.OFFICER))
        .handler(ctx -> blocking(ctx, () -> new JsonObject().put("rules", new JsonArray(admin.rules().stream()
            .map(EngineRoutes::summary).toList()))));
    router.get("/v1/rules/:id").handler(users.authenticate()).handler(users.require(Role.OPERATOR, Role.OFFICER))
        .handler(this::getRule);
    router.put("/v1/rules/:id").handler(docs).handler(users.authenticate()).handler(users.require(Role.OPERATOR))
        .handler(ctx -> blocking(ctx, () -> summary(admin.putRule(ctx.pathParam("id"), body(ctx), users.subject(ctx)))));
    router.get("/v1/sites").handler(users.authenticate()).handler(users.require(Role.OPERATOR, Role.OFFICER))
        .handler(ctx -> blocking(ctx, () -> new JsonObject().put("sites", new JsonArray(admin.sites().stream()
            .map(SiteJson::of).toList()))));
    router.put("/v1/sites/:id").handler(docs).handler(users.authenticate()).handler(users.require(Role.OPERATOR))
        .handler(ctx -> blocking(ctx, () -> SiteJson.of(admin.putSite(ctx.pathParam("id"), body(ctx), users.subject(ctx)))));
    router.post("/v1/registry/import").handler(imports).handler(users.authenticate()).handler(users.require(Role.OPERATOR))
        .handler(ctx -> importing(ctx, () -> admin.importRegistry(body(ctx), users.subject(ctx))));
    router.post("/v1/permits/:list/import").handler(imports).handler(users.authenticate())
        .handler(users.require(Role.OPERATOR))
        .handler(ctx -> importing(ctx, () -> admin.importPermits(ctx.pathParam("list"), body(ctx), users.subject(ctx))));
    mountHotlist(router, docs, imports);
  }

  private void mountHotlist(Router router, BodyHandler docs, BodyHandler imports) {
    HotlistAdmin hotlist = admin.hotlist();
    router.get("/v1/hotlist").handler(users.authenticate()).handler(users.require(Role.OPERATOR, Role.OFFICER))
        .handler(ctx -> {
          boolean all = "false".equals(ctx.queryParams().get("active"));
          int limit;
          try {
            limit = Integer.parseInt(ctx.queryParams().get("limit") == null ? "500" : ctx.queryParams().get("limit"));
            if (limit < 1 || limit > 5000) {
              throw new NumberFormatException();
            }
          } catch (NumberFormatException e) {
            ErrorResponse.send(ctx.response(), 400, "bad_parameter", "limit", "must be a whole number from 1 to 5000");
            return;
          }
          blocking(ctx, () -> new JsonObject().put("entries", new JsonArray(hotlist.list(!all, limit).stream()
              .map(EngineRoutes::entry).toList())));
        });
    router.post("/v1/hotlist").handler(docs).handler(users.authenticate()).handler(users.require(Role.OPERATOR))
        .handler(ctx -> {
          HotlistAdmin.Addition a;
          try {
            a = addition(ctx.body().asJsonObject());
          } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            String[] fr = String.valueOf(e.getMessage()).split(": ", 2);
            ErrorResponse.send(ctx.response(), 400, "bad_request", fr.length == 2 ? fr[0] : null, fr[fr.length - 1]);
            return;
          }
          blocking(ctx, () -> {
            HotlistRepository.Added added = hotlist.add(a, users.subject(ctx));
            ctx.response().setStatusCode(added.created() ? 201 : 200);
            return new JsonObject().put("id", added.id()).put("created", added.created());
          });
        });
    router.post("/v1/hotlist/:id/expire").handler(users.authenticate()).handler(users.require(Role.OPERATOR))
        .handler(ctx -> blocking(ctx, () -> {
          if (!hotlist.expire(ctx.pathParam("id"), users.subject(ctx))) {
            throw new NotFound("no active hotlist entry " + ctx.pathParam("id"));
          }
          return new JsonObject().put("id", ctx.pathParam("id")).put("expired", true);
        }));
    router.post("/v1/hotlist/import").handler(imports).handler(users.authenticate()).handler(users.require(Role.OPERATOR))
        .handler(ctx -> importing(ctx, () -> hotlist.importCsv(body(ctx), users.subject(ctx))));
  }

  private void getRule(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String v = ctx.queryParams().get("version");
    blocking(ctx, () -> {
      if (v != null) {
        int version;
        try {
          version = Integer.parseInt(v);
        } catch (NumberFormatException e) {
          throw new BadParameter("version", "must be a whole number");
        }
        RuleDocumentRepository.Stored s = admin.ruleVersion(id, version);
        if (s == null) {
          throw new NotFound("rule " + id + " has no version " + version);
        }
        return new JsonObject().put("id", s.id()).put("version", s.version()).put("type", s.type()).put("document", s.text());
      }
      RuleDocument doc = admin.rule(id);
      if (doc == null) {
        throw new NotFound("no rule " + id);
      }
      return summary(doc).put("document", doc.text());
    });
  }

  private static HotlistAdmin.Addition addition(JsonObject body) {
    if (body == null) {
      throw new IllegalArgumentException("body: must be a JSON object {plate, reason, severity?, expiresAt?}");
    }
    String plate = body.getString("plate");
    String reason = body.getString("reason");
    if (plate == null || plate.isBlank()) {
      throw new IllegalArgumentException("plate: is required");
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason: is required");
    }
    Severity severity;
    try {
      severity = Severity.valueOf(body.getString("severity", "CRITICAL").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("severity: must be INFO, WARNING or CRITICAL");
    }
    Instant expires;
    try {
      expires = HotlistAdmin.expiry(body.getString("expiresAt"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expiresAt: " + e.getMessage());
    }
    try {
      io.corridor.rules.engine.store.Plates.normalize(plate);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("plate: " + e.getMessage());
    }
    return new HotlistAdmin.Addition(plate, reason, severity, expires);
  }

  private static JsonObject summary(RuleDocument d) {
    return new JsonObject().put("id", d.id()).put("version", d.version()).put("type", d.type());
  }

  private static JsonObject entry(HotlistRepository.View v) {
    return new JsonObject().put("id", v.id()).put("reason", v.reason()).put("severity", v.severity().name())
        .put("addedBy", v.addedBy()).put("addedAt", v.addedAt().toString())
        .put("expiresAt", v.expiresAt() == null ? null : v.expiresAt().toString()).put("active", v.active())
        .put("fuzzyVariants", v.variants());
  }

  private static String body(RoutingContext ctx) {
    return ctx.body() == null || ctx.body().asString() == null ? "" : ctx.body().asString();
  }

  private void importing(RoutingContext ctx, Callable<ImportResult> work) {
    blocking(ctx, () -> {
      ImportResult r;
      try {
        r = work.call();
      } catch (IllegalArgumentException e) {
        throw new BadParameter("body", e.getMessage());
      }
      JsonObject out = new JsonObject().put("rows", r.rows()).put("stored", r.stored()).put("duplicates", r.duplicates());
      if (!r.errors().isEmpty()) {
        RowErrors.throwFor(r);
      }
      return out;
    });
  }

  private static void blocking(RoutingContext ctx, Callable<JsonObject> work) {
    ctx.vertx().<JsonObject>executeBlocking(work, false).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.json(ar.result());
        return;
      }
      Throwable e = ar.cause();
      Future<Void> sent = switch (e) {
        case RuleValidationException v -> invalid(ctx, v.errors());
        case VersionConflictException c -> ctx.response().setStatusCode(409).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("error", "version_conflict").put("field", "version").put("reason", c.getMessage())
                .put("current", c.current()).encode());
        case NotFound n -> ErrorResponse.send(ctx.response(), 404, "not_found", null, n.getMessage());
        case BadParameter b -> ErrorResponse.send(ctx.response(), 400, "bad_request", b.field, b.getMessage());
        case RowErrors r -> ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
            .end(r.body().encode());
        case java.sql.SQLException s when s.getSQLState() != null && s.getSQLState().startsWith("23") ->
            ErrorResponse.send(ctx.response(), 409, "conflict", null, "refused by the store: " + s.getMessage());
        case java.sql.SQLException s -> ErrorResponse.unavailable(ctx.response(), 5, "database unreachable: nothing changed");
        default -> {
          ctx.fail(e);
          yield Future.succeededFuture();
        }
      };
    });
  }

  private static Future<Void> invalid(RoutingContext ctx, List<RuleError> errors) {
    RuleError first = errors.getFirst();
    JsonArray all = new JsonArray();
    errors.forEach(r -> all.add(new JsonObject().put("rule", r.rule()).put("field", r.field()).put("reason", r.reason())));
    return ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", "invalid_document").put("field", first.field())
            .put("reason", first.rule() + ": " + first.reason()).put("errors", all).encode());
  }

  private static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message, null, false, false);
    }
  }

  private static final class BadParameter extends RuntimeException {
    final String field;

    BadParameter(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }

  private static final class RowErrors extends RuntimeException {
    private final transient ImportResult result;

    private RowErrors(ImportResult result) {
      super("import refused", null, false, false);
      this.result = result;
    }

    static void throwFor(ImportResult r) {
      throw new RowErrors(r);
    }

    JsonObject body() {
      ImportResult.RowError first = result.errors().getFirst();
      JsonArray errors = new JsonArray();
      result.errors().forEach(e -> errors.add(new JsonObject().put("line", e.line()).put("field", e.field())
          .put("reason", e.reason())));
      return new JsonObject().put("error", "invalid_import").put("field", first.field())
          .put("reason", "line " + first.line() + ": " + first.reason() + " (nothing was imported)")
          .put("rows", result.rows()).put("errors", errors);
    }
  }
}
