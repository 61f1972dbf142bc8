package io.corridor.api.openapi;

import io.corridor.events.http.ErrorResponse;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatorException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The public API's OpenAPI 3.1 document ({@code openapi.yaml} beside this class, served at
 * {@code /openapi.yaml}) and request validation against it: {@link #validate(String)} in front of a
 * route's handler answers a request that does not match its operation with 400
 * {@code {error, field, reason}}, the same shape everywhere. Routes put it after authentication
 * and the role check, so a stranger learns nothing from a 400.
 */
public final class ApiContract {

  /** Classpath resource of the document. */
  public static final String RESOURCE = "/io/corridor/api/openapi/openapi.yaml";

  private static final java.util.Set<String> VALIDATED_MEDIA_TYPES = java.util.Set.of("application/json",
      "text/plain", "multipart/form-data");

  /** Context key set once a request passed validation, so it is checked once. */
  private static final String VALIDATED = "corridor.contract.validated";

  private final String yaml;
  private final OpenAPIContract contract;
  private final RequestValidator validator;

  private ApiContract(String yaml, OpenAPIContract contract, RequestValidator validator) {
    this.yaml = yaml;
    this.contract = contract;
    this.validator = validator;
  }

  /** Reads and checks the document (a broken document fails the node's start). */
  public static Future<ApiContract> load(Vertx vertx) {
    String yaml = text();
    JsonObject document = forValidator(parse(yaml));
    return OpenAPIContract.from(vertx, document)
        .map(contract -> new ApiContract(yaml, contract, RequestValidator.create(vertx, contract)));
  }

  /** The document's text. */
  public static String text() {
    try (InputStream in = ApiContract.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document as JSON. */
  public static JsonObject parse(String yaml) {
    Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    return new JsonObject(stringKeys(doc));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> result = new LinkedHashMap<>();
    map.forEach((k, v) -> result.put(String.valueOf(k), v instanceof Map<?, ?> m ? stringKeys(m)
        : v instanceof java.util.List<?> list ? list.stream().map(e -> e instanceof Map<?, ?> m2 ? stringKeys(m2) : e).toList()
        : v instanceof java.util.Date d ? d.toInstant().toString() : v));
    return result;
  }

  /**
   * The document as the validator reads it: request bodies of binary media types (Avro
   * containers, camera images) are left out, because the validator knows only JSON, form and text
   * bodies; those operations check their bodies themselves (ingest's decoders and limits).
   */
  static JsonObject forValidator(JsonObject document) {
    JsonObject copy = document.copy();
    JsonObject paths = copy.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        JsonObject body = item.getJsonObject(method).getJsonObject("requestBody");
        JsonObject content = body == null ? null : body.getJsonObject("content");
        if (content != null && !content.fieldNames().stream().allMatch(VALIDATED_MEDIA_TYPES::contains)) {
          item.getJsonObject(method).remove("requestBody");
        }
      }
    }
    return copy;
  }

  /** Serves the document at {@code GET /openapi.yaml}. */
  public Handler<RoutingContext> serve() {
    return ctx -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(yaml);
  }

  /** The operation {@code operationId} of the document (throws when there is none). */
  public Operation operation(String operationId) {
    return contract.operation(operationId);
  }

  /**
   * A handler that validates the request against {@code operationId} and then calls the next
   * handler, or answers 400. Put a {@code BodyHandler} before it on routes with a body.
   */
  public Handler<RoutingContext> validate(String operationId) {
    Operation operation = contract.operation(operationId);
    if (operation == null) {
      throw new IllegalArgumentException("no operation " + operationId + " in " + RESOURCE);
    }
    return ctx -> check(ctx, operation);
  }

  /**
   * Validates the request against the operation its method and path name in the document, then
   * calls the next handler (or answers 400); a request that names no operation, or one already
   * validated, goes on unchecked (the contract test proves every route the node serves is in the
   * document).
   *
   * @param deferBody when the operation has a body the validator reads but no {@code BodyHandler}
   *     has run yet, go on without checking: the route checks after reading its body
   *     ({@link io.corridor.platform.auth.UserAuth#validate()})
   */
  public void validateRequest(RoutingContext ctx, boolean deferBody) {
    if (ctx.get(VALIDATED) != null) {
      ctx.next();
      return;
    }
    Operation operation = contract.findOperation(ctx.request().path(), ctx.request().method());
    if (operation == null || (deferBody && operation.getRequestBody() != null && !ctx.body().available())) {
      ctx.next();
      return;
    }
    check(ctx, operation);
  }

  private void check(RoutingContext ctx, Operation operation) {
    if (ctx.get(VALIDATED) != null) {
      ctx.next();
      return;
    }
    // The handlers read a body sent without a media type as JSON; so does the contract.
    if (operation.getRequestBody() != null && ctx.request().getHeader("Content-Type") == null
        && operation.getRequestBody().getContent().containsKey("application/json")) {
      ctx.request().headers().set("Content-Type", "application/json");
    }
    RequestUtils.extract(ctx.request(), operation,
            () -> Future.succeededFuture(ctx.body() == null ? null : ctx.body().buffer()))
        .compose(request -> validator.validate(request, operation.getOperationId()))
        .onSuccess(validated -> {
          ctx.put(VALIDATED, operation.getOperationId());
          ctx.next();
        })
        .onFailure(e -> {
          if (e instanceof ValidatorException invalid) {
            ContractErrors.Problem problem = ContractErrors.describe(invalid);
            ErrorResponse.send(ctx.response(), 400, problem.error(), problem.field(), problem.reason());
          } else {
            ctx.fail(e);
          }
        });
  }
}
