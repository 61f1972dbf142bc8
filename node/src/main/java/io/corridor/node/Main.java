package io.corridor.node;

import io.corridor.api.ApiOptions;
import io.corridor.platform.auth.Role;
import io.corridor.api.Tokens;
import io.corridor.config.ConfigException;
import io.corridor.events.AvroTrust;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/corridor} entry point.
 *
 * <pre>
 * corridor run   [--config FILE] [--key=value ...]   a node, configured by file, environment, options
 * corridor demo  [--db-url URL] [--http.port N] [--keycloak]   embedded PostgreSQL + a node + simulated cameras
 * corridor token --role ROLE [--subject NAME] [--ttl 8h] [--config FILE]
 * corridor audit verify [--anchors FILE] [--config FILE]
 * </pre>
 */
public final class Main {

  /** Where the demo keeps its data, keys and credentials. */
  static final Path DEMO_DIR = Path.of(".corridor", "demo");

  private Main() {}

  /** Runs a command; exit code 2 on bad usage or configuration. */
  public static void main(String[] args) {
    AvroTrust.trustEventPackages();
    if (args.length == 0) {
      usage();
      System.exit(2);
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      switch (args[0]) {
        case "run" -> runNode(new CommandLine(rest));
        case "demo" -> new DemoCommand(new CommandLine(rest), DEMO_DIR).run();
        case "token" -> token(new CommandLine(rest));
        case "audit" -> System.exit(audit(rest));
        case "config-table" -> System.out.print(ConfigurationKeys.markdownTable());
        case "help", "--help", "-h" -> usage();
        default -> {
          System.err.println("unknown command '" + args[0] + "'");
          usage();
          System.exit(2);
        }
      }
    } catch (ConfigException | IllegalArgumentException e) {
      System.err.println("corridor: " + e.getMessage());
      System.exit(2);
    } catch (Exception e) {
      System.err.println("corridor: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void runNode(CommandLine cli) throws Exception {
    CorridorNode node = CorridorNode.start(cli.settings(null));
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "corridor-shutdown"));
    Thread.currentThread().join();
  }

  private static void token(CommandLine cli) throws Exception {
    if (!cli.has("role")) {
      throw new IllegalArgumentException("token needs --role (officer, customs, analyst, approver, auditor, operator)");
    }
    Role role = Role.parse(cli.option("role", ""));
    ApiOptions api = new ApiOptions(cli.settings(DEMO_DIR.resolve(DemoCommand.CONFIG_FILE)));
    if (api.jwtSecret() == null) {
      throw new IllegalArgumentException("token mints HS256 demo tokens, but this configuration has no "
          + ApiOptions.JWT_SECRET.name() + ": users get their tokens from the identity provider");
    }
    Duration ttl = cli.has("ttl")
        ? io.corridor.config.Settings.of(java.util.Map.of(ApiOptions.TOKEN_TTL.name(), cli.option("ttl", "")))
            .getDuration(ApiOptions.TOKEN_TTL)
        : api.tokenTtl();
    Vertx vertx = Vertx.vertx();
    try {
      System.out.println(new Tokens(vertx, api).mint(cli.option("subject", "demo-" + role.claim()), role, ttl));
    } finally {
      vertx.close();
    }
  }

  private static int audit(List<String> args) throws Exception {
    if (args.isEmpty() || !args.getFirst().equals("verify")) {
      throw new IllegalArgumentException("usage: audit verify [--anchors FILE] [--config FILE] [--db.url URL]");
    }
    return AuditCommand.fromCommandLine(new CommandLine(args.subList(1, args.size())), DEMO_DIR).run(System.out);
  }

  private static void usage() {
    System.err.println("""
        usage: bin/corridor <command> [options]
          demo   [--db-url URL] [--http.port N]   run a node with embedded PostgreSQL and simulated cameras
                 [--keycloak [--keycloak-port 8180]]  users log in at a real Keycloak instead of HS256 tokens
          run    [--config FILE] [--key=value]    run a node (keys: see README configuration table)
          token  --role ROLE [--subject S] [--ttl 8h]   mint a bearer token (demo secret by default)
          audit verify [--anchors FILE]           recompute the audit chain and check it against the signed anchors
          config-table                            print the configuration keys as a Markdown table
          bench ingest [--reads N]                measure ingest against COPY (see docs/benchmarks.md)
          drill [--phase-seconds N]               fault drill: 3 nodes, kill/pause/database restart/full queue
          load [--target URL] [--rate N] [--duration D]
                                                  Gatling mixed load (against a demo it starts by default)
          evidence verify FILE [--key-id HEX]     check a violation's evidence package offline
          anpr-bench DIR [--csv FILE]             measure plate recognition on labelled images
          anpr-train [--epochs N] [--samples N] [--seed N] [--out FILE]
                                                  retrain the recognizer's character network
          test                                    run the whole test suite""");
  }
}
