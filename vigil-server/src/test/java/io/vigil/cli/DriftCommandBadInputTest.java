package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every user mistake: exit code 2 and one line naming the file, line and column; never a stack trace. */
class DriftCommandBadInputTest {

  @TempDir
  Path dir;

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private Path ref() throws IOException {
    return file("ref.csv", "a,b,c\n1,x,true\n2,y,false\n3,x,true\n");
  }

  private CommandRun drift(Object... args) {
    String[] all = new String[args.length + 1];
    all[0] = "drift";
    for (int i = 0; i < args.length; i++) {
      all[i + 1] = args[i].toString();
    }
    return CommandRun.of(all);
  }

  private static void assertUsageError(CommandRun run, String... fragments) {
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).contains(fragments).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void missingFile() throws IOException {
    assertUsageError(drift("--reference", dir.resolve("nope.csv"), "--current", ref()), "nope.csv", "no such file");
  }

  @Test
  void emptyFile() throws IOException {
    assertUsageError(drift("--reference", ref(), "--current", file("empty.csv", "")), "empty.csv", "empty");
  }

  @Test
  void headerOnlyCurrentIsTestedAsEmptyNotFatal() throws IOException {
    CommandRun run = drift("--reference", ref(), "--current", file("header.csv", "a,b,c\n"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("(0 rows)").contains("No feature could be tested")
        .contains("a: the current sample has no values");
  }

  @Test
  void raggedRowNamesFileAndLine() throws IOException {
    assertUsageError(drift("--reference", ref(), "--current", file("ragged.csv", "a,b,c\n1,x,true\n2,y\n")),
        "ragged.csv:3", "2 fields", "the header has 3");
  }

  @Test
  void brokenQuotingNamesFileAndLine() throws IOException {
    assertUsageError(drift("--reference", ref(), "--current", file("quotes.csv", "a,b,c\n1,\"x\"y,true\n")),
        "quotes.csv:2", "closing quote");
  }

  @Test
  void unclosedQuoteIsAnError() throws IOException {
    assertUsageError(drift("--reference", ref(), "--current", file("open.csv", "a,b,c\n1,\"x,true\n2,y,false\n")),
        "open.csv");
  }

  @Test
  void duplicateHeaderColumn() throws IOException {
    assertUsageError(drift("--reference", file("dup.csv", "a,a\n1,2\n"), "--current", ref()), "dup.csv:1", "twice");
  }

  @Test
  void malformedJsonLine() throws IOException {
    assertUsageError(drift("--reference", ref(), "--current", file("bad.ndjson", "{\"a\": 1}\n{\"a\": \n")),
        "bad.ndjson");
  }

  @Test
  void jsonLineThatIsNotAnObject() throws IOException {
    assertUsageError(drift("--reference", ref(), "--current", file("arr.ndjson", "{\"a\": 1}\n[1, 2]\n")),
        "arr.ndjson:2", "object");
  }

  @Test
  void unknownMethodListsTheValidOnes() throws IOException {
    assertUsageError(drift("--reference", ref(), "--current", ref(), "--method", "magic"), "magic", "ks",
        "wasserstein");
  }

  @Test
  void thresholdOutOfRange() throws IOException {
    assertUsageError(drift("--reference", ref(), "--current", ref(), "--method", "ks", "--threshold", "1.5"),
        "threshold", "1.5");
    assertUsageError(drift("--reference", ref(), "--current", ref(), "--method", "psi", "--threshold", "-1"),
        "threshold", "-1");
  }

  @Test
  void thresholdWithoutMethod() throws IOException {
    assertUsageError(drift("--reference", ref(), "--current", ref(), "--threshold", "0.1"), "--method");
  }

  @Test
  void columnsNamingAnAbsentColumn() throws IOException {
    assertUsageError(drift("--reference", ref(), "--current", ref(), "--columns", "a,zz"), "ref.csv", "zz");
  }

  @Test
  void unknownFormat() throws IOException {
    assertUsageError(drift("--reference", ref(), "--current", ref(), "--format", "pdf"), "--format", "pdf");
  }

  @Test
  void unknownOption() throws IOException {
    assertUsageError(drift("--reference", ref(), "--current", ref(), "--frobnicate"), "frobnicate");
  }

  @Test
  void aCorruptSavedProfile() throws IOException {
    Path saved = dir.resolve("ref.vigil");
    assertThat(CommandRun.of("profile", ref().toString(), "--output", saved.toString()).exitCode()).isZero();
    byte[] b = Files.readAllBytes(saved);
    Files.write(saved, java.util.Arrays.copyOf(b, b.length / 2));
    assertUsageError(drift("--reference", saved, "--current", ref()), "ref.vigil", "truncated");
  }

  @Test
  void columnsOnlyOnOneSideAreListedNotFatal() throws IOException {
    CommandRun run = drift("--reference", ref(), "--current", file("other.csv", "a,b,d\n1,x,9\n"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("c: only in the reference").contains("d: only in the current sample");
  }

  @Test
  void textInANumericColumnIsCountedWithLinesAndTheRestTested() throws IOException {
    CommandRun run = drift("--reference", ref(), "--current", file("typed.csv", "a,b,c\n1,x,true\noops,y,false\n2,x,maybe\n"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("a: 1 value not numeric (line 3)").contains("c: 1 value not boolean (line 4)");
  }
}
