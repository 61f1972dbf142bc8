package io.corridor.rules.engine.doc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads rule documents: every document starts with {@code id}, {@code version} and {@code type};
 * the rest depends on the type. A file may hold several documents separated by {@code ---}.
 */
public final class RuleDocuments {

  /** The rule types the engine knows. */
  public static final Set<String> TYPES = Set.of("spot-speed", "section-speed", "red-light", "restricted-zone",
      "restricted-lane", "registry");

  private static final YAMLMapper YAML = new YAMLMapper();

  private RuleDocuments() {}

  /**
   * Parses one document. {@code expectedId}, when not null, must match the document's id (or is
   * taken as the id when the document has none); {@code version}, when not null, is taken as the
   * version when the document has none.
   *
   * @throws RuleValidationException naming the rule, field and reason
   */
  public static RuleDocument parse(String text, String expectedId, Integer version) throws RuleValidationException {
    String name = expectedId == null ? "document" : expectedId;
    JsonNode node;
    try {
      node = YAML.readTree(text);
    } catch (IOException e) {
      throw new RuleValidationException(List.of(new RuleError(name, "(document)", "is not valid YAML: "
          + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()))));
    }
    return header(node, text, expectedId, version, name);
  }

  /** Every document in {@code text} (separated by {@code ---}), named after {@code source} in errors. */
  public static List<RuleDocument> parseAll(String text, String source) throws RuleValidationException {
    List<RuleDocument> docs = new ArrayList<>();
    List<RuleError> errors = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
      int i = 0;
      while (it.hasNext()) {
        JsonNode node = it.next();
        i++;
        if (node == null || node.isNull() || node.isMissingNode()) {
          continue;
        }
        try {
          docs.add(header(node, YAML.writeValueAsString(node), null, null, source + "#" + i));
        } catch (RuleValidationException e) {
          errors.addAll(e.errors());
        }
      }
    } catch (IOException e) {
      errors.add(new RuleError(source, "(document)", "is not valid YAML: " + e.getMessage()));
    }
    if (!errors.isEmpty()) {
      throw new RuleValidationException(errors);
    }
    return docs;
  }

  /** Every document of every {@code *.yaml} / {@code *.yml} file in {@code dir}, in file-name order. */
  public static List<RuleDocument> loadDirectory(Path dir) throws IOException, RuleValidationException {
    List<RuleDocument> docs = new ArrayList<>();
    List<RuleError> errors = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList()) {
        try {
          docs.addAll(parseAll(Files.readString(f), f.getFileName().toString()));
        } catch (RuleValidationException e) {
          errors.addAll(e.errors());
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new RuleValidationException(errors);
    }
    return docs;
  }

  private static RuleDocument header(JsonNode node, String text, String expectedId, Integer version, String name)
      throws RuleValidationException {
    if (node == null || !node.isObject()) {
      throw new RuleValidationException(List.of(new RuleError(name, "(document)", "must be a mapping with id, version and type")));
    }
    ObjectNode obj = (ObjectNode) node;
    if (!obj.hasNonNull("id") && expectedId != null) {
      obj.put("id", expectedId);
    }
    if (!obj.hasNonNull("version") && version != null) {
      obj.set("version", IntNode.valueOf(version));
    }
    String id = obj.hasNonNull("id") ? obj.get("id").asText() : name;
    Fields f = new Fields(id, obj);
    String parsedId = f.string("id");
    if (parsedId != null && !parsedId.matches("[A-Za-z0-9._-]{1,64}")) {
      f.error("id", "must be 1-64 letters, digits, '.', '_' or '-'");
    }
    if (expectedId != null && parsedId != null && !expectedId.equals(parsedId)) {
      f.error("id", "must match the rule id in the path (" + expectedId + ")");
    }
    Integer v = f.integer("version", 1, Integer.MAX_VALUE);
    String type = f.string("type");
    if (type != null && !TYPES.contains(type)) {
      f.error("type", "unknown rule type '" + type + "'; one of " + String.join(", ", TYPES.stream().sorted().toList()));
    }
    f.check();
    return new RuleDocument(parsedId, v, type, text, obj);
  }
}
