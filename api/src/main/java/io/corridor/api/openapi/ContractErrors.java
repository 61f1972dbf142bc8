package io.corridor.api.openapi;

import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a contract violation into Corridor's 400: which field was wrong and why, in words a
 * client developer can act on ({@code kind: must be one of ...}), not a schema dump.
 */
final class ContractErrors {

  /** What the 400 says. */
  record Problem(String error, String field, String reason) {}

  private static final Pattern PARAMETER = Pattern.compile("(?:query|path|header|cookie) parameter (\\S+)");
  private static final Pattern REQUIRED = Pattern.compile("required property \"?([^\"\\s]+)\"?");

  private ContractErrors() {}

  static Problem describe(ValidatorException e) {
    String message = e.getMessage() == null ? "invalid request" : e.getMessage();
    Matcher parameter = PARAMETER.matcher(message);
    if (parameter.find()) {
      return new Problem("bad_parameter", parameter.group(1), reason(e, message));
    }
    if (e instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      OutputUnit leaf = deepest(schema.getOutputUnit());
      String field = field(leaf);
      return new Problem("bad_request", field, leaf.getError() == null ? message : leaf.getError());
    }
    if (message.contains("body") || message.contains("content type")) {
      return new Problem("bad_request", "body", message + " (send a JSON object with Content-Type: application/json)");
    }
    return new Problem("bad_request", null, message);
  }

  private static String reason(ValidatorException e, String message) {
    if (e instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      String error = deepest(schema.getOutputUnit()).getError();
      if (error != null) {
        return message.replaceFirst("Reason: .*", "").trim() + " " + error;
      }
    }
    return message;
  }

  /**
   * The most specific error: the deepest instance location, and there the deepest schema keyword
   * (".../properties/kind/enum" rather than the object's "additionalProperties" summary).
   */
  static OutputUnit deepest(OutputUnit root) {
    OutputUnit best = root;
    long bestScore = -1;
    Deque<OutputUnit> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      OutputUnit unit = todo.pop();
      if (unit.getError() != null) {
        String keyword = unit.getKeywordLocation() == null ? "" : unit.getKeywordLocation();
        long score = depth(unit.getInstanceLocation()) * 1_000_000L + (keyword.endsWith("additionalProperties") ? 0 : 1000)
            + Math.min(999, keyword.length());
        if (score > bestScore) {
          best = unit;
          bestScore = score;
        }
      }
      if (unit.getErrors() != null) {
        unit.getErrors().forEach(todo::push);
      }
    }
    return best;
  }

  private static int depth(String location) {
    if (location == null) {
      return 0;
    }
    return (int) location.chars().filter(ch -> ch == '/').count();
  }

  private static String field(OutputUnit unit) {
    String location = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation().replaceFirst("^#", "");
    String path = location.replaceFirst("^/", "").replace('/', '.');
    if (unit.getError() != null) {
      Matcher required = REQUIRED.matcher(unit.getError());
      if (required.find()) {
        return path.isEmpty() ? required.group(1) : path + "." + required.group(1);
      }
    }
    return path.isEmpty() ? "body" : path;
  }
}
