package io.corridor.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Self-signed certificates for TLS tests, made with the JDK's own {@code keytool} (no extra
 * library) and written as the PEM files Corridor's configuration takes.
 */
public final class TestCertificates {

  /** The PEM files of one certificate: {@code cert} is also the CA to trust, as it signs itself. */
  public record Pem(Path cert, Path key, Path keyStore, char[] password) {}

  private TestCertificates() {}

  /** A fresh RSA key and self-signed certificate for {@code cn}, valid for 127.0.0.1 and localhost. */
  public static Pem selfSigned(Path dir, String cn) {
    try {
      Files.createDirectories(dir);
      Path store = dir.resolve(cn + ".p12");
      Files.deleteIfExists(store);
      char[] password = "test-only-password".toCharArray();
      Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      TimescaleServer.run(List.of(keytool.toString(), "-genkeypair", "-alias", "corridor", "-keyalg", "RSA",
          "-keysize", "2048", "-validity", "2", "-dname", "CN=" + cn, "-ext", "SAN=ip:127.0.0.1,dns:localhost",
          "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", new String(password)), 60);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        ks.load(in, password);
      }
      Key key = ks.getKey("corridor", password);
      Certificate cert = ks.getCertificate("corridor");
      Path certPem = dir.resolve(cn + ".crt.pem");
      Path keyPem = dir.resolve(cn + ".key.pem");
      Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
      Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
      return new Pem(certPem, keyPem, store, password);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the generated key store", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
