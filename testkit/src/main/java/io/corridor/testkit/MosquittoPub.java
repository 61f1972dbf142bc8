package io.corridor.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's {@code mosquitto_pub}, a real MQTT client, installed on first use. */
public final class MosquittoPub {

  /** What one run printed (with {@code -d}, the packets it sent and received) and how it ended. */
  public record Run(int exitCode, boolean timedOut, String output) {

    /** Whether the server acknowledged the QoS 1 message. */
    public boolean acknowledged() {
      return output.contains("received PUBACK") && !output.contains("RC:1");
    }

    /** Whether the server completed the QoS 2 exchange (PUBREC, then PUBCOMP after the client's PUBREL). */
    public boolean completed() {
      return output.contains("received PUBREC") && output.contains("received PUBCOMP");
    }
  }

  private static final Path BINARY = Path.of("/usr/bin/mosquitto_pub");

  private MosquittoPub() {}

  /** Ensures the client is installed. */
  public static void install() {
    DebianPackages.ensure(BINARY, "mosquitto-clients");
  }

  /**
   * Publishes {@code payload} once at QoS 1 to 127.0.0.1:{@code port}.
   *
   * @param mqttVersion {@code mqttv311} or {@code mqttv5}
   */
  public static Run publish(int port, String user, String password, String topic, byte[] payload, String mqttVersion,
      int timeoutSeconds) throws IOException, InterruptedException {
    Process process = start(port, user, password, topic, payload, mqttVersion);
    return await(process, timeoutSeconds);
  }

  /** Starts a publish without waiting for it. */
  public static Process start(int port, String user, String password, String topic, byte[] payload, String mqttVersion)
      throws IOException {
    return start(port, user, password, topic, payload, mqttVersion, 1);
  }

  /** Starts a publish at {@code qos} without waiting for it. */
  public static Process start(int port, String user, String password, String topic, byte[] payload, String mqttVersion,
      int qos) throws IOException {
    return start(port, user, password, topic, payload, mqttVersion, qos, null);
  }

  /**
   * Publishes {@code payload} once at QoS 1 over TLS, trusting the CA certificate(s) in {@code caFile}
   * ({@code --cafile}: the client checks the server's certificate and its name 127.0.0.1).
   */
  public static Run publishTls(int port, Path caFile, String user, String password, String topic, byte[] payload,
      int timeoutSeconds) throws IOException, InterruptedException {
    return await(start(port, user, password, topic, payload, "mqttv311", 1, caFile), timeoutSeconds);
  }

  private static Process start(int port, String user, String password, String topic, byte[] payload, String mqttVersion,
      int qos, Path caFile) throws IOException {
    install();
    Path file = Files.createTempFile("mqtt-payload", ".bin");
    Files.write(file, payload);
    file.toFile().deleteOnExit();
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-d", "-h", "127.0.0.1", "-p", String.valueOf(port),
        "-V", mqttVersion, "-q", String.valueOf(qos), "-t", topic, "-f", file.toString(), "-i", "test-" + System.nanoTime()));
    if (user != null) {
      command.addAll(List.of("-u", user, "-P", password));
    }
    if (caFile != null) {
      command.addAll(List.of("--cafile", caFile.toString()));
    }
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Waits for {@code process}, killing it after {@code timeoutSeconds}. */
  public static Run await(Process process, int timeoutSeconds) throws InterruptedException, IOException {
    boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(finished ? process.exitValue() : -1, !finished, output);
  }
}
