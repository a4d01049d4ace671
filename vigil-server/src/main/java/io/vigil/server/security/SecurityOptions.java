package io.vigil.server.security;

import java.util.Optional;

/**
 * How the server is exposed, from the command line: HTTPS with a certificate, and whether a non-loopback address
 * may be served without API tokens. Tokens themselves are in {@code vigil.yaml} ({@link AuthSettings}).
 *
 * <pre>{@code
 * VigilServer.start(options, new SecurityOptions(Optional.of(TlsCertificate.load(cert, key)), false));
 * }</pre>
 *
 * @param insecure allow a non-loopback address without tokens ({@code --insecure})
 */
public record SecurityOptions(Optional<TlsCertificate> tls, boolean insecure) {

  /** Plain HTTP, tokens required off loopback. */
  public static final SecurityOptions DEFAULT = new SecurityOptions(Optional.empty(), false);
}
