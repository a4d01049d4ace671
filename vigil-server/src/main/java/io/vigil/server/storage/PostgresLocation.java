package io.vigil.server.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL address as users write it (libpq's URI form, as {@code psql} takes it) turned into what JDBC takes:
 * PgJDBC does not read a user and password inside the URL, so they are split off.
 *
 * <pre>{@code
 * PostgresLocation.parse("postgresql://vigil:secret@db.internal:5432/vigil?sslmode=require");
 * // jdbcUrl = jdbc:postgresql://db.internal:5432/vigil?sslmode=require, user = vigil, password = secret
 * }</pre>
 *
 * @param display the address without its password, for messages and logs
 */
public record PostgresLocation(String jdbcUrl, String user, String password, String display) {

  /** @throws IllegalArgumentException naming what is wrong with {@code url} */
  public static PostgresLocation parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getReason());
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException("'" + url + "' is not a postgresql:// URL");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("'" + url + "' names no host (postgresql://host[:port]/database)");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.length() < 2) {
      throw new IllegalArgumentException("'" + url + "' names no database (postgresql://host[:port]/database)");
    }
    String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    String display = "postgresql://" + (user == null ? "" : user + "@") + hostPort + path;
    return new PostgresLocation("jdbc:postgresql://" + hostPort + path + query, user, password, display);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return display;   // never the password
  }
}
