package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandBadInputTest {

  static final String REF = ReportCommandTest.REF;
  static final String CUR = ReportCommandTest.CUR;

  @TempDir
  Path dir;

  private static CommandRun failing(String... args) {
    CommandRun run = CommandRun.of(args);
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    return run;
  }

  @Test
  void missingLabelColumnNamedByTheOptionIsNamed() {
    CommandRun run = failing("report", "--reference", REF, "--current", CUR, "--label-column", "truth");
    assertThat(run.err()).contains(CUR).contains("no label column 'truth'").contains("--label-column")
        .contains("columns: amount, age");
  }

  @Test
  void labelsWithoutPredictionsAreRejected() throws IOException {
    Path cur = dir.resolve("cur.csv");
    Files.writeString(cur, "amount,label\n1,0\n2,1\n");
    CommandRun run = failing("report", "--reference", REF, "--current", cur.toString());
    assertThat(run.err()).contains("has the label column 'label' but no prediction column 'prediction'");
  }

  @Test
  void unknownTaskIsRejected() {
    CommandRun run = failing("report", "--reference", REF, "--current", CUR, "--task", "ranking");
    assertThat(run.err()).contains("--task must be one of binary_classification").contains("'ranking'");
  }

  @Test
  void unknownFormatIsRejected() {
    assertThat(failing("report", "--reference", REF, "--current", CUR, "--format", "pdf").err())
        .contains("--format must be html or json");
  }

  @Test
  void nonNumericRegressionTargetNamesFileLineAndColumn() throws IOException {
    Path cur = dir.resolve("cur.csv");
    Files.writeString(cur, "x,label,prediction\n1,2.5,2.0\n2,oops,3.0\n");
    CommandRun run = failing("report", "--reference", cur.toString(), "--current", cur.toString(), "--task",
        "regression");
    assertThat(run.err()).contains(cur + ":3: column 'label': 'oops' is not a finite number");
  }

  @Test
  void nonNumericScoreNamesItsLine() throws IOException {
    Path cur = dir.resolve("cur.csv");
    Files.writeString(cur, "x,label,prediction,score\n1,1,1,0.9\n2,0,0,high\n");
    assertThat(failing("report", "--reference", REF, "--current", cur.toString()).err())
        .contains(cur + ":3: column 'score': 'high' is not a finite number");
  }

  @Test
  void threeClassesInABinaryTaskAreRejected() throws IOException {
    Path cur = dir.resolve("cur.csv");
    Files.writeString(cur, "x,label,prediction\n1,a,b\n2,c,a\n");
    assertThat(failing("report", "--reference", cur.toString(), "--current", cur.toString(), "--task",
        "binary_classification").err()).contains("a binary task has two classes, got 3");
  }

  @Test
  void missingScoreColumnIsNamed() {
    assertThat(failing("report", "--reference", REF, "--current", CUR, "--score-column", "proba").err())
        .contains("no column 'proba' named by --score-column");
  }

  @Test
  void missingCurrentFileIsNamed() {
    assertThat(failing("report", "--reference", REF, "--current", "nope.csv").err())
        .contains("nope.csv: no such file");
  }

  @Test
  void positiveClassOutsideBinaryIsRejected() {
    assertThat(failing("report", "--reference", REF, "--current", CUR, "--task", "regression", "--positive-class",
        "1").err()).contains("--positive-class applies to binary_classification");
  }
}
