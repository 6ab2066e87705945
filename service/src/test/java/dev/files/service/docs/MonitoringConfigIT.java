package dev.files.service.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules pass their promtool unit tests, every alert has a test, the dashboard's queries
 * parse, every metric they read is documented, and both compose files run Prometheus and Grafana.
 */
class MonitoringConfigIT {
  private static final String INSTALLER = "scripts/prereqs/prometheus.sh";
  private static final Pattern METRIC =
      Pattern.compile("\\b(files_[a-z_]+?)(?:_bucket|_count|_sum|_max)?\\b");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path ROOT = RepoFiles.root();
  private static final Path PROMETHEUS = ROOT.resolve("docker/prometheus");

  @TempDir Path temp;

  @Test
  void alertRulesPassTheirPromtoolTests() {
    Tools.Run check = promtool("check", "config", "prometheus.yml");
    assertEquals(0, check.exitCode(), check.output());
    Tools.Run test = promtool("test", "rules", "alerts.test.yml");
    assertEquals(0, test.exitCode(), test.output());
    assertTrue(test.output().contains("SUCCESS"), test.output());
  }

  @Test
  void everyAlertHasAUnitTest() throws IOException {
    Set<String> alerts = new TreeSet<>();
    YAML.readTree(PROMETHEUS.resolve("alerts.yml").toFile())
        .path("groups")
        .forEach(g -> g.path("rules").forEach(r -> alerts.add(r.path("alert").asText())));
    Set<String> tested = new TreeSet<>();
    YAML.readTree(PROMETHEUS.resolve("alerts.test.yml").toFile())
        .path("tests")
        .forEach(
            t ->
                t.path("alert_rule_test")
                    .forEach(
                        a -> {
                          if (a.path("exp_alerts").size() > 0) {
                            tested.add(a.path("alertname").asText());
                          }
                        }));
    assertEquals(alerts, tested, "alerts vs alerts with a firing test case");
  }

  @Test
  void dashboardQueriesParse() throws IOException {
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    List<String> exprs = dashboardQueries();
    assertTrue(exprs.size() >= 10, "the dashboard has its panels: " + exprs);
    for (int i = 0; i < exprs.size(); i++) {
      String expr = exprs.get(i).replace("$__rate_interval", "5m").replace("'", "''");
      rules.append("      - record: dashboard:q").append(i).append('\n');
      rules.append("        expr: '").append(expr.replace("\n", " ")).append("'\n");
    }
    Path file = temp.resolve("dashboard-rules.yml");
    Files.writeString(file, rules);
    Tools.Run check = promtool("check", "rules", file.toString());
    assertEquals(0, check.exitCode(), check.output());
  }

  @Test
  void everyMetricReadIsDocumented() throws IOException {
    String page = Files.readString(ROOT.resolve("docs/operations/monitoring.md"));
    Set<String> read = new TreeSet<>();
    List<String> sources = new ArrayList<>(dashboardQueries());
    sources.add(Files.readString(PROMETHEUS.resolve("alerts.yml")));
    for (String source : sources) {
      Matcher m = METRIC.matcher(source);
      while (m.find()) {
        read.add(m.group(1));
      }
    }
    Set<String> undocumented = new TreeSet<>();
    for (String metric : read) {
      if (!page.contains("`" + metric)) {
        undocumented.add(metric);
      }
    }
    assertEquals(Set.of(), undocumented, "metrics read by alerts or dashboard but not documented");
  }

  @Test
  void composeFilesRunPrometheusAndGrafana() throws IOException {
    for (String compose : List.of("docker/compose.yaml", "docker/compose.embedded.yaml")) {
      JsonNode services = YAML.readTree(ROOT.resolve(compose).toFile()).path("services");
      assertTrue(services.has("prometheus") && services.has("grafana"), compose);
    }
  }

  private List<String> dashboardQueries() throws IOException {
    JsonNode dashboard =
        new ObjectMapper().readTree(ROOT.resolve("docker/grafana/dashboards/files.json").toFile());
    List<String> exprs = new ArrayList<>();
    dashboard
        .path("panels")
        .forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
    return exprs;
  }

  private Tools.Run promtool(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "promtool";
    System.arraycopy(args, 0, command, 1, args.length);
    return Tools.run(PROMETHEUS, 60, INSTALLER, command);
  }
}
