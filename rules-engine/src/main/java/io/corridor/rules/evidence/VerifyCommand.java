package io.corridor.rules.evidence;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bin/corridor evidence verify FILE [--key-id HEX]}: checks an evidence package with nothing
 * but the file (and, when given, the key id the force publishes). Exit code 0 when it verifies, 1
 * when it does not (each problem printed), 2 on bad usage.
 */
public final class VerifyCommand {

  private VerifyCommand() {}

  /** Command-line entry point. */
  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /** Runs the command; returns the exit code. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.size() < 2 || !args.get(0).equals("verify")) {
      err.println("usage: bin/corridor evidence verify FILE [--key-id HEX]");
      return 2;
    }
    String keyId = null;
    for (int i = 2; i < args.size(); i++) {
      if (args.get(i).equals("--key-id") && i + 1 < args.size()) {
        keyId = args.get(++i);
      } else if (args.get(i).startsWith("--key-id=")) {
        keyId = args.get(i).substring("--key-id=".length());
      } else {
        err.println("unknown option '" + args.get(i) + "'");
        return 2;
      }
    }
    byte[] file;
    try {
      file = Files.readAllBytes(Path.of(args.get(1)));
    } catch (NoSuchFileException e) {
      err.println("no such file: " + args.get(1));
      return 2;
    } catch (IOException e) {
      err.println("cannot read " + args.get(1) + ": " + e.getMessage());
      return 2;
    }
    EvidenceVerifier.Result result = EvidenceVerifier.verify(file, keyId);
    if (result.valid()) {
      out.println("VERIFIED: evidence for violation " + result.violationId() + ", " + result.parts()
          + " parts, signature and every SHA-256 match");
      return 0;
    }
    out.println("NOT VERIFIED: " + args.get(1));
    result.problems().forEach(p -> out.println("  - " + p));
    return 1;
  }
}
