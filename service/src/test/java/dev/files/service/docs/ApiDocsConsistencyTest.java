package dev.files.service.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md and docs/openapi.yaml tell the same contract: the same actions, the same request and
 * reply fields per action, the same record and part fields, the same error codes.
 */
class ApiDocsConsistencyTest {
  private static final String RECORD_LINK = "[the record](#the-file-record)";
  private static final Pattern FIELD = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|");
  private static final Pattern CODE_CELL = Pattern.compile("\\|\\s*(\\d{3})\\s*\\|\\s*`([a-z-]+)`");

  private static JsonNode openApi;
  private static ApiPage page;

  @BeforeAll
  static void read() throws IOException {
    openApi =
        new ObjectMapper(new YAMLFactory())
            .readTree(Files.readString(RepoFiles.root().resolve("docs/openapi.yaml")));
    page = new ApiPage(Files.readString(RepoFiles.root().resolve("docs/api.md")));
  }

  @Test
  void everyActionIsInBoth() {
    assertEquals(operations().keySet(), page.actions().keySet(), "actions of openapi vs api.md");
  }

  @Test
  void requestFieldsAgree() {
    operations()
        .forEach(
            (action, op) -> {
              JsonNode schema = resolve(op.at("/requestBody/content/application~1json/schema"));
              List<String> documented = page.table(action, "**Request**");
              assertEquals(
                  topLevel(schema), topLevel(documented), action + ": request fields differ");
              for (String field : documented) {
                assertTrue(exists(schema, field), action + ": api.md documents unknown " + field);
              }
            });
  }

  @Test
  void replyFieldsAgree() {
    operations()
        .forEach(
            (action, op) -> {
              JsonNode reply = op.at("/responses/200/content/application~1json/schema");
              String section = page.actions().get(action);
              if (reply.path("$ref").asText().endsWith("/FileRecord")) {
                assertTrue(
                    section.contains("**Reply**: " + RECORD_LINK),
                    action + ": api.md must answer " + RECORD_LINK);
                return;
              }
              assertEquals(
                  properties(resolve(reply)),
                  new TreeSet<>(page.table(action, "**Reply**")),
                  action + ": reply fields differ");
            });
  }

  @Test
  void recordAndPartFieldsAgree() {
    Set<String> record = properties(schema("FileRecord"));
    record.add("c_*");
    assertEquals(record, new TreeSet<>(page.tableAfter("## The file record", "| field |")));
    assertEquals(
        properties(schema("Part")),
        new TreeSet<>(page.tableAfter("A part (an element of `files`):", "| field |")));
  }

  @Test
  void errorCodesAgree() {
    Set<String> codes = new TreeSet<>();
    schema("Error")
        .at("/properties/error/properties/code/enum")
        .forEach(c -> codes.add(c.asText()));
    Map<String, String> documented = new LinkedHashMap<>();
    Matcher m = CODE_CELL.matcher(page.section("## Errors", "## Actions"));
    while (m.find()) {
      documented.put(m.group(2), m.group(1));
    }
    assertEquals(codes, new TreeSet<>(documented.keySet()), "error codes of openapi vs api.md");
    Matcher used = CODE_CELL.matcher(page.section("## Actions", "## Notifications"));
    while (used.find()) {
      assertEquals(
          documented.get(used.group(2)),
          used.group(1),
          "an action's table gives " + used.group(2) + " another status");
    }
  }

  private static Map<String, JsonNode> operations() {
    Map<String, JsonNode> ops = new LinkedHashMap<>();
    openApi
        .path("paths")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode post = e.getValue().path("post");
              if (e.getKey().startsWith("/files/")) {
                ops.put(post.path("operationId").asText(), post);
              }
            });
    return ops;
  }

  private static JsonNode schema(String name) {
    return openApi.at("/components/schemas/" + name);
  }

  private static JsonNode resolve(JsonNode node) {
    while (node.has("$ref")) {
      node = openApi.at(node.get("$ref").asText().substring(1));
    }
    return node;
  }

  private static Set<String> properties(JsonNode schema) {
    Set<String> names = new TreeSet<>();
    schema.path("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> topLevel(JsonNode schema) {
    return properties(schema);
  }

  private static Set<String> topLevel(List<String> documented) {
    Set<String> names = new TreeSet<>();
    documented.stream().filter(f -> !f.contains(".")).forEach(names::add);
    return names;
  }

  /**
   * Whether a documented path such as {@code files[].type} or {@code meta.c_*} is in the schema.
   */
  private static boolean exists(JsonNode schema, String path) {
    JsonNode node = schema;
    for (String segment : path.split("\\.")) {
      node = resolve(node);
      if (node.has("items")) {
        node = resolve(node.get("items"));
      }
      String name = segment.replace("[]", "");
      if (name.equals("c_*")) {
        if (!node.path("patternProperties").fieldNames().hasNext()) {
          return false;
        }
        node = node.path("patternProperties").elements().next();
      } else if (node.path("properties").has(name)) {
        node = node.path("properties").get(name);
      } else {
        return false;
      }
    }
    return true;
  }

  /** The parts of api.md the test reads. */
  record ApiPage(String text) {
    /** Each {@code ### files.*} section's text, by action. */
    Map<String, String> actions() {
      Map<String, String> sections = new LinkedHashMap<>();
      String[] parts = section("## Actions", "## Notifications").split("\n### ");
      for (int i = 1; i < parts.length; i++) {
        String name = parts[i].substring(0, parts[i].indexOf('\n')).trim();
        sections.put(name, parts[i]);
      }
      return sections;
    }

    String section(String from, String to) {
      int start = text.indexOf("\n" + from + "\n");
      int end = text.indexOf("\n" + to + "\n", start + 1);
      if (start < 0 || end < 0) {
        throw new AssertionError("api.md lacks " + from + " or " + to);
      }
      return text.substring(start, end);
    }

    /** The first-column fields of the table that follows {@code marker} in an action's section. */
    List<String> table(String action, String marker) {
      String section = actions().get(action);
      int at = section.indexOf(marker + "\n");
      if (at < 0) {
        throw new AssertionError(action + " in api.md has no " + marker + " table");
      }
      return fields(section.substring(at));
    }

    List<String> tableAfter(String marker, String header) {
      int at = text.indexOf(marker);
      return fields(text.substring(text.indexOf(header, at)));
    }

    private static List<String> fields(String from) {
      List<String> names = new ArrayList<>();
      boolean inTable = false;
      for (String line : from.split("\n")) {
        if (line.startsWith("|")) {
          inTable = true;
          Matcher m = FIELD.matcher(line);
          if (m.find()) {
            names.add(m.group(1));
          }
        } else if (inTable) {
          break;
        }
      }
      return names;
    }
  }
}
