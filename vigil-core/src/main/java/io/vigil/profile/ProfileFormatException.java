package io.vigil.profile;

/**
 * Thrown when bytes handed to {@link ProfileCodec} are not a valid serialized profile: too short, of another family
 * or version, corrupted (checksum), or internally inconsistent. The message starts with the byte offset of the
 * offending field, so a corrupt file can be inspected with a hex dump.
 *
 * <pre>{@code
 * try {
 *   NumericProfile p = ProfileCodec.decodeNumeric(bytes);
 * } catch (ProfileFormatException e) {
 *   log.warn("skipping corrupt bucket at byte {}: {}", e.offset(), e.getMessage());
 * }
 * }</pre>
 */
public final class ProfileFormatException extends IllegalArgumentException {

  private final int offset;

  public ProfileFormatException(int offset, String message) {
    super("byte " + offset + ": " + message);
    this.offset = offset;
  }

  public ProfileFormatException(int offset, String message, Throwable cause) {
    super("byte " + offset + ": " + message, cause);
    this.offset = offset;
  }

  /** Offset, from the start of the serialized profile, of the field found invalid. */
  public int offset() {
    return offset;
  }
}
