package io.vigil.server.security;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 made by the JDK's {@code keytool} (so the tests need nothing else), and
 * written as the PEM files a user would pass to {@code --tls-cert} and {@code --tls-key}.
 */
record SelfSignedCertificate(Path certificate, Path key, X509Certificate x509, PrivateKey privateKey) {

  static SelfSignedCertificate make(Path dir, String name, String algorithm) throws Exception {
    Path store = dir.resolve(name + ".p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "vigil", "-keyalg", algorithm,
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit"))
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    X509Certificate cert = (X509Certificate) ks.getCertificate("vigil");
    PrivateKey key = (PrivateKey) ks.getKey("vigil", "changeit".toCharArray());
    Path certPem = Files.writeString(dir.resolve(name + "-cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
    Path keyPem = Files.writeString(dir.resolve(name + "-key.pem"), pem("PRIVATE KEY", key.getEncoded()));
    return new SelfSignedCertificate(certPem, keyPem, cert, key);
  }

  static String pem(String kind, byte[] der) {
    return "-----BEGIN " + kind + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + kind + "-----\n";
  }

  /** The RSA key as PKCS #1 ({@code BEGIN RSA PRIVATE KEY}), as older openssl writes it: the inner octet string. */
  Path writePkcs1Key(Path dir) throws Exception {
    byte[] der = privateKey.getEncoded();
    int at = 1 + lengthOfLength(der, 1);   // outer SEQUENCE header
    at += 3;                               // INTEGER 0
    at += 2 + der[at + 1];                 // AlgorithmIdentifier (short form)
    int header = 1 + lengthOfLength(der, at + 1);
    byte[] inner = Arrays.copyOfRange(der, at + header, der.length);
    return Files.writeString(dir.resolve("pkcs1-key.pem"), pem("RSA PRIVATE KEY", inner));
  }

  private static int lengthOfLength(byte[] der, int at) {
    return (der[at] & 0x80) == 0 ? 1 : 1 + (der[at] & 0x7f);
  }

  /** A client context that trusts only this certificate. */
  SSLContext trustingContext() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("vigil", x509);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
