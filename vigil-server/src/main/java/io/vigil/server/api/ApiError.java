package io.vigil.server.api;

import java.util.List;

/**
 * The error body of every 4xx/5xx answer (SPEC section 4): {@code {"error": "...", "details": [...]}}.
 *
 * <pre>{@code
 * ctx.status(400).json(ApiError.of("malformed JSON at line 1, column 12: ..."));
 * }</pre>
 */
public record ApiError(String error, List<Object> details) {

  public static ApiError of(String error) {
    return new ApiError(error, List.of());
  }
}
