package io.vigil.server.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The shape every ingest body shares (predictions, labels): a JSON array of objects, or NDJSON (objects one after
 * another). Hands each element to the caller with its JSON text as sent, which is what the logs store.
 *
 * <pre>{@code
 * JsonBatch.read(body, (node, index, text) -> ...);   // node: the element; text: its bytes in the body
 * }</pre>
 *
 * <p>Limits: nesting depth {@value #MAX_DEPTH}, one string at most {@value #MAX_STRING} characters, a number at
 * most 1000 digits. {@code NaN} and {@code Infinity} are read (they are not JSON, but Python's {@code json} writes
 * them) so that the element carrying them gets a precise rejection. A body that is not JSON at all, or breaks the
 * limits, is refused whole with {@link MalformedBodyException} naming the position.
 */
public final class JsonBatch {

  static final int MAX_DEPTH = 16;
  static final int MAX_STRING = 1 << 20;

  static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING).maxNumberLength(1000).build())
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)   // FastDoubleParser, not the JDK's
          .build())
      .build();

  /** Receives each element of a batch. */
  @FunctionalInterface
  public interface Element {
    void accept(JsonNode node, int index, byte[] text);
  }

  /** Reads an element without a tree, when it can: see {@link #read(byte[], Streamed, Element)}. */
  @FunctionalInterface
  interface Streamed {
    /**
     * Reads the object whose START_OBJECT the parser is at, to its END_OBJECT; returns what to do with its text,
     * or null to have the object read again as a tree and given to the {@link Element}.
     */
    java.util.function.Consumer<byte[]> read(JsonParser p) throws IOException;
  }

  private JsonBatch() {
  }

  /**
   * Whether the body may be UTF-8: no UTF-16/32 byte-order mark and no zero byte among the first four (JSON starts
   * with ASCII, so a zero there means UTF-16 or UTF-32). Jackson would decode those, but the log keeps each event's
   * bytes by byte offset, which only UTF-8 has (found by fuzzing: an invalid UTF-32 body answered 500).
   */
  private static boolean utf8(byte[] body) {
    if (body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
        || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
      return false;
    }
    for (int i = 0; i < Math.min(4, body.length); i++) {
      if (body[i] == 0) {
        return false;
      }
    }
    return true;
  }

  /** An element's JSON text after a change to it (redaction). */
  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree always writes back", e);
    }
  }

  /** The elements a reader accepted (with their text and place in the body) and the rejections. */
  public record Parsed<T>(List<T> accepted, List<PredictionBatchParser.Rejection> rejected, List<byte[]> bodies,
      List<Integer> indexes) {}

  /**
   * Reads every element with {@code reader}; an {@link EventException} or {@link IllegalArgumentException} it
   * throws rejects that element, with the message.
   */
  public static <T> Parsed<T> each(byte[] body, Function<JsonNode, T> reader) throws IOException {
    Parsed<T> out = new Parsed<>(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    read(body, (node, index, text) -> {
      try {
        out.accepted().add(reader.apply(node));
        out.bodies().add(text);
        out.indexes().add(index);
      } catch (EventException | IllegalArgumentException e) {
        out.rejected().add(new PredictionBatchParser.Rejection(index, e.getMessage()));
      }
    });
    return out;
  }

  public static void read(byte[] body, Element element) throws IOException {
    read(body, null, element);
  }

  /**
   * Like {@link #read(byte[], Element)}, but each object goes to {@code streamed} first, and to {@code element}
   * only when {@code streamed} gives it back. Both see the same body, limits and errors.
   */
  static void read(byte[] body, Streamed streamed, Element element) throws IOException {
    if (!utf8(body)) {
      throw new MalformedBodyException("the body is not UTF-8: send JSON encoded as UTF-8 (RFC 8259)");
    }
    try (JsonParser p = MAPPER.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new MalformedBodyException("the body is empty: expected a JSON array or NDJSON");
      }
      boolean array = first == JsonToken.START_ARRAY;
      int index = 0;
      JsonToken t = array ? p.nextToken() : first;
      while (t != null && !(array && t == JsonToken.END_ARRAY)) {
        int start = (int) p.currentTokenLocation().getByteOffset();
        if (streamed != null && t == JsonToken.START_OBJECT) {
          java.util.function.Consumer<byte[]> read = streamed.read(p);
          int end = (int) p.currentLocation().getByteOffset();
          byte[] text = Arrays.copyOfRange(body, start, end);
          if (read != null) {
            read.accept(text);
          } else {
            // read once already, so it is JSON within every limit: the tree reader decides on it
            try (JsonParser again = MAPPER.createParser(body, start, end - start)) {
              element.accept(MAPPER.readTree(again), index, text);
            }
          }
          index++;
        } else {
          JsonNode node = MAPPER.readTree(p);
          int end = (int) p.currentLocation().getByteOffset();
          element.accept(node, index++, Arrays.copyOfRange(body, start, end));
        }
        t = p.nextToken();
      }
      if (array && (t == null || p.nextToken() != null)) {
        throw new MalformedBodyException(t == null ? "the array is not closed" : "content after the closing ]");
      }
    } catch (java.io.CharConversionException e) {
      throw new MalformedBodyException("the body is not UTF-8: " + e.getMessage());
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      String why = e.getOriginalMessage().replaceFirst(" \\(start marker at .*", "")
          .replaceFirst("\\s*\\(?`StreamReadConstraints.*", "");
      throw new MalformedBodyException("malformed JSON" + where + ": " + why);
    }
  }

  /**
   * Reads past the value at the parser, unless it was read to its end. Every string is read as text: that is where
   * Jackson checks the longest string, which the tree reader does too (a plain skip would let a too-long one pass).
   */
  static void skip(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      p.getText();
      return;
    }
    if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
      return;
    }
    int depth = 1;
    while (depth > 0 && (t = p.nextToken()) != null) {
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        depth++;
      } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
        depth--;
      } else if (t == JsonToken.VALUE_STRING) {
        p.getText();
      }
    }
  }
}
