package dev.files.service.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The documented list of keys: the rows of the tables of {@code docs/configuration.md} whose header
 * starts with {@code | key |} (key, type, default, variable, meaning) or {@code | variable |}
 * (environment variables that are not keys).
 */
record ConfigurationDoc(Map<String, List<String>> keys, Map<String, List<String>> variables) {
  static final Path FILE = Path.of("..", "docs", "configuration.md");

  /** The column of a key row that holds its environment variable. */
  static final int VARIABLE_COLUMN = 3;

  static ConfigurationDoc read() {
    try {
      return parse(Files.readAllLines(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ConfigurationDoc parse(List<String> lines) {
    Map<String, List<String>> keys = new TreeMap<>();
    Map<String, List<String>> variables = new TreeMap<>();
    Map<String, List<String>> table = null;
    for (String line : lines) {
      if (!line.startsWith("|")) {
        table = null;
      } else if (line.startsWith("| key |")) {
        table = keys;
      } else if (line.startsWith("| variable |")) {
        table = variables;
      } else if (table != null && !line.startsWith("|--") && !line.startsWith("|:")) {
        List<String> cells = cells(line);
        if (table.put(unquoted(cells.get(0)), cells) != null) {
          throw new IllegalStateException(cells.get(0) + " is documented twice");
        }
      }
    }
    return new ConfigurationDoc(keys, variables);
  }

  /** The cells of a row, trimmed. */
  private static List<String> cells(String row) {
    String inner = row.substring(1, row.lastIndexOf('|'));
    return Arrays.stream(inner.split("\\|", -1)).map(String::trim).toList();
  }

  /** A cell without the backticks around it. */
  static String unquoted(String cell) {
    return cell.length() > 1 && cell.startsWith("`") && cell.endsWith("`")
        ? cell.substring(1, cell.length() - 1)
        : cell;
  }
}
