package io.vigil.server.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A certificate chain and its private key, read from the PEM files most tools write ({@code certbot}, {@code
 * openssl}, cert-manager), and the Jetty connector that serves HTTPS with them.
 *
 * <pre>{@code
 * TlsCertificate tls = TlsCertificate.load(Path.of("fullchain.pem"), Path.of("privkey.pem"));
 * }</pre>
 *
 * <p>Keys: PKCS #8 ({@code BEGIN PRIVATE KEY}: RSA, EC or Ed25519) and PKCS #1 ({@code BEGIN RSA PRIVATE KEY}).
 * Others are refused with the {@code openssl} command that converts them. The key must belong to the first
 * certificate; that is checked here by signing and verifying, so a mismatch stops the start with a clear message
 * instead of failing every handshake.
 */
public final class TlsCertificate {

  private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]+)-----END \\1-----");
  /** The AlgorithmIdentifier of rsaEncryption, DER: what wraps a PKCS #1 key into PKCS #8. */
  private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
      (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

  private final KeyStore keyStore;
  private final char[] password;
  private final X509Certificate certificate;

  private TlsCertificate(KeyStore keyStore, char[] password, X509Certificate certificate) {
    this.keyStore = keyStore;
    this.password = password;
    this.certificate = certificate;
  }

  /** @throws IllegalArgumentException naming the file and what is wrong with it */
  public static TlsCertificate load(Path certificateFile, Path keyFile) {
    List<X509Certificate> chain = certificates(certificateFile);
    PrivateKey key = privateKey(keyFile);
    checkPair(key, chain.get(0), keyFile, certificateFile);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = Long.toHexString(new java.security.SecureRandom().nextLong()).toCharArray();
      store.setKeyEntry("vigil", key, password, chain.toArray(new Certificate[0]));
      return new TlsCertificate(store, password, chain.get(0));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(keyFile + ": cannot use this key: " + e.getMessage(), e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** An HTTPS connector on {@code host:port} for Javalin's {@code cfg.jetty.addConnector}. */
  public ServerConnector connector(Server server, HttpConfiguration base, String host, int port) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(keyStore);
    ssl.setKeyStorePassword(new String(password));
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    HttpConfiguration https = new HttpConfiguration(base);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);   // clients that connect by IP address send no matching name
    https.addCustomizer(secure);
    ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
        new HttpConnectionFactory(https));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  private static List<X509Certificate> certificates(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(bytes)).stream().map(c -> (X509Certificate) c).toList();
      if (chain.isEmpty()) {
        throw new IllegalArgumentException(file + ": no certificate in it (expected PEM: -----BEGIN CERTIFICATE-----)");
      }
      return chain;
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + ": not a PEM certificate: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      String kind = m.group(1);
      if (!kind.endsWith("PRIVATE KEY")) {
        continue;
      }
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(m.group(2).trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": the " + kind + " block is not Base64", e);
      }
      switch (kind) {
        case "PRIVATE KEY":
          return pkcs8(der, file);
        case "RSA PRIVATE KEY":
          return pkcs8(wrapPkcs1(der), file);
        default:
          throw new IllegalArgumentException(file + ": " + kind + " is not supported; convert it to PKCS #8 with"
              + " 'openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem'");
      }
    }
    throw new IllegalArgumentException(file + ": no private key in it (expected PEM: -----BEGIN PRIVATE KEY-----)");
  }

  private static PrivateKey pkcs8(byte[] der, Path file) {
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException(file + ": not an RSA, EC or Ed25519 private key");
  }

  /** PKCS #1 RSAPrivateKey → PKCS #8 PrivateKeyInfo: SEQUENCE { INTEGER 0, rsaEncryption, OCTET STRING key }. */
  private static byte[] wrapPkcs1(byte[] pkcs1) {
    byte[] octets = der((byte) 0x04, pkcs1);
    byte[] version = {0x02, 0x01, 0x00};
    byte[] body = new byte[version.length + RSA_ALGORITHM.length + octets.length];
    System.arraycopy(version, 0, body, 0, version.length);
    System.arraycopy(RSA_ALGORITHM, 0, body, version.length, RSA_ALGORITHM.length);
    System.arraycopy(octets, 0, body, version.length + RSA_ALGORITHM.length, octets.length);
    return der((byte) 0x30, body);
  }

  private static byte[] der(byte tag, byte[] content) {
    int n = content.length;
    byte[] length = n < 0x80 ? new byte[] {(byte) n}
        : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
        : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
        : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    byte[] out = new byte[1 + length.length + n];
    out[0] = tag;
    System.arraycopy(length, 0, out, 1, length.length);
    System.arraycopy(content, 0, out, 1 + length.length, n);
    return out;
  }

  private static void checkPair(PrivateKey key, X509Certificate cert, Path keyFile, Path certFile) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> key.getAlgorithm();
    };
    try {
      byte[] probe = "vigil".getBytes(StandardCharsets.US_ASCII);
      Signature sign = Signature.getInstance(algorithm);
      sign.initSign(key);
      sign.update(probe);
      byte[] signature = sign.sign();
      Signature verify = Signature.getInstance(algorithm);
      verify.initVerify(cert.getPublicKey());
      verify.update(probe);
      if (verify.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // a key of another algorithm than the certificate's: the same mistake as below
    }
    throw new IllegalArgumentException(keyFile + ": this key does not belong to the certificate in " + certFile
        + " (" + cert.getSubjectX500Principal() + ")");
  }
}
