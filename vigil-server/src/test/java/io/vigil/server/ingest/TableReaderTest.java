package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.dataset.Column;
import io.vigil.dataset.Dataset;
import io.vigil.schema.FeatureType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableReaderTest {

  @TempDir
  Path dir;

  private Dataset read(String name, String content) throws IOException {
    return read(name, content, TableReader.Options.inferAll());
  }

  private Dataset read(String name, String content, TableReader.Options options) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content.getBytes(StandardCharsets.UTF_8));
    return TableReader.read(p, options);
  }

  private static Column column(Dataset d, String name) {
    return d.column(name).orElseThrow();
  }

  @Test
  void csvFollowsRfc4180QuotingAndLineEndings() throws IOException {
    Dataset d = read("q.csv", "\uFEFFid,text,x\r\n1,\"a, b\",1.5\r\n2,\"say \"\"hi\"\"\",2\r\n3,\"two\nlines\",3\r\n");
    assertThat(d.rows()).isEqualTo(3);
    assertThat(column(d, "id").type()).contains(FeatureType.NUMERIC);
    assertThat(column(d, "text").categories().orElseThrow().counts())
        .containsKeys("a, b", "say \"hi\"", "two\nlines");
    assertThat(column(d, "x").numbers().orElseThrow().values()).containsExactly(1.5, 2, 3);
  }

  @Test
  void lineNumbersOfTypeErrorsCountPhysicalLines() throws IOException {
    Dataset d = read("cur.csv", "t,x\n\"a\nb\",1\nc,oops\n",
        TableReader.Options.inferAll().expecting(Map.of("x", FeatureType.NUMERIC)));
    assertThat(column(d, "x").typeErrorLines()).containsExactly(4L);
  }

  @Test
  void onlyRequestedColumnsAreRead() throws IOException {
    Dataset d = read("c.csv", "a,b,c\n1,2,3\n", TableReader.Options.inferAll().onlyColumns(Set.of("c", "a")));
    assertThat(d.columns()).extracting(Column::name).containsExactly("a", "c");
  }

  @Test
  void ndjsonKeysMissingOrNullAreMissingValues() throws IOException {
    Dataset d = read("e.ndjson", "{\"a\": 1, \"b\": \"x\"}\n\n{\"a\": null}\n{\"b\": \"y\", \"c\": true}\n");
    assertThat(d.rows()).isEqualTo(3);
    assertThat(column(d, "a").missing()).isEqualTo(2);
    assertThat(column(d, "b").missing()).isEqualTo(1);
    assertThat(column(d, "c").missing()).isEqualTo(2);
    assertThat(column(d, "c").type()).contains(FeatureType.BOOLEAN);
  }

  @Test
  void predictionEventsContributeTheirFeaturesOnly() throws IOException {
    Dataset d = read("events.jsonl", "{\"id\": \"r-1\", \"model\": \"m\", \"features\": {\"amount\": 12.5},"
        + " \"scores\": {\"a\": 0.9}}\n{\"id\": \"r-2\", \"model\": \"m\", \"features\": {\"amount\": 3}}\n");
    assertThat(d.columns()).extracting(Column::name).containsExactly("amount");
    assertThat(column(d, "amount").numbers().orElseThrow().values()).containsExactly(3, 12.5);
  }

  @Test
  void aRepeatedKeyIsAnErrorNotADoubleCount() {
    assertThatThrownBy(() -> read("dup.ndjson", "{\"a\": 1}\n{\"a\": 1, \"a\": 2}\n"))
        .isInstanceOf(TableReadException.class)
        .hasMessageContaining("dup.ndjson:2")
        .hasMessageContaining("a");
  }

  @Test
  void formatIsSniffedForOtherNames() throws IOException {
    assertThat(read("data.txt", "{\"a\": 1}\n").column("a")).isPresent();
    assertThat(read("data2.txt", "a,b\n1,2\n").column("b")).isPresent();
  }

  @Test
  void aDirectoryIsNamedAsSuch() {
    assertThatThrownBy(() -> TableReader.read(dir, TableReader.Options.inferAll()))
        .isInstanceOf(TableReadException.class)
        .hasMessageContaining("directory");
  }

  @Test
  void aHeaderWithAnEmptyNameIsRejected() {
    assertThatThrownBy(() -> read("h.csv", "a,,c\n1,2,3\n"))
        .isInstanceOf(TableReadException.class)
        .hasMessageContaining("h.csv:1")
        .hasMessageContaining("column 2");
  }
}
