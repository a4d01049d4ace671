package io.vigil.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

/**
 * An API token as the server keeps it: a name, its scopes and a salted hash, never the token itself.
 *
 * <pre>{@code
 * ApiToken.Issued issued = ApiToken.issue("model-server", Set.of(Scope.INGEST));
 * issued.secret();            // "vigil_3q2…": shown once to the user
 * issued.token().hash();      // "sha256:<salt>:<digest>": what vigil.yaml stores
 * issued.token().matches(issued.secret().getBytes(UTF_8));   // true
 * }</pre>
 *
 * <p>The hash is one salted SHA-256, not a slow password hash: a token carries 256 random bits, so guessing it from
 * a leaked hash is hopeless at any speed, and a slow hash would cost every request milliseconds. {@link #matches}
 * compares with {@link MessageDigest#isEqual}, whose time does not depend on where the bytes differ.
 *
 * @param rateLimit requests per second this token may make; 0 takes the configured default
 */
public record ApiToken(String name, Set<Scope> scopes, String hash, double rateLimit) {

  /** Every issued token starts with this, so a secret scanner can find one in a log or a repository. */
  public static final String PREFIX = "vigil_";
  private static final String ALGORITHM = "sha256";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();

  public ApiToken {
    Objects.requireNonNull(name, "name");
    scopes = Set.copyOf(scopes);
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a token needs at least one scope (" + Scope.known() + ")");
    }
    String[] parts = hash.split(":", -1);
    if (parts.length != 3 || !parts[0].equals(ALGORITHM) || decode(parts[1]).length < 16 || decode(parts[2]).length != 32) {
      throw new IllegalArgumentException("not a token hash made by 'vigil token create' (expected sha256:<salt>:<digest>)");
    }
    if (rateLimit < 0 || Double.isNaN(rateLimit)) {
      throw new IllegalArgumentException("rate limit " + rateLimit + " must be positive");
    }
  }

  /** A new token: the secret to hand out once, and what the server stores. */
  public record Issued(String secret, ApiToken token) {}

  public static Issued issue(String name, Set<Scope> scopes) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    String text = PREFIX + B64.encodeToString(secret);
    String hash = ALGORITHM + ":" + B64.encodeToString(salt) + ":"
        + B64.encodeToString(digest(salt, text.getBytes(StandardCharsets.UTF_8)));
    return new Issued(text, new ApiToken(name, scopes, hash, 0));
  }

  /** Whether {@code presented} is this token, in time independent of the bytes. */
  public boolean matches(byte[] presented) {
    String[] parts = hash.split(":", -1);
    return MessageDigest.isEqual(decode(parts[2]), digest(decode(parts[1]), presented));
  }

  public boolean allows(Scope needed) {
    return scopes.stream().anyMatch(s -> s.grants(needed));
  }

  private static byte[] digest(byte[] salt, byte[] secret) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(salt);
      return d.digest(secret);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static byte[] decode(String text) {
    try {
      return B64_DECODE.decode(text);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  @Override
  public String toString() {
    return "ApiToken[" + name + ", scopes " + scopes + "]";   // the hash stays out of logs
  }
}
