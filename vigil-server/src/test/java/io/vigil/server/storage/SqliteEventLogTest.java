package io.vigil.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.PredictionEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event log's positions are never given twice, now that SQLite numbers rows itself (largest seq plus one,
 * migration V6): retention keeps the newest row, and a log emptied before the migration keeps its last position.
 * The write-ahead log, copied into the database from a second connection, stays bounded under steady writes.
 */
class SqliteEventLogTest {

  private static final Instant OLD = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir
  Path dir;

  @Test
  void retentionKeepsTheNewestEventSoANewOneNeverReusesAPosition() {
    try (SqliteEventStore store = SqliteEventStore.open(dir)) {
      store.append(List.of(event("a", OLD), event("b", OLD.plusSeconds(1)), event("c", OLD.plusSeconds(2))));
      long last = store.lastPosition();
      assertThat(last).isEqualTo(3);

      int deleted = store.deleteEventsBefore(OLD.plusSeconds(3600).toEpochMilli(), last);
      assertThat(deleted).as("every event is old enough, but the newest stays").isEqualTo(2);
      assertThat(store.lastPosition()).isEqualTo(last);

      store.append(List.of(event("d", OLD.plusSeconds(3))));
      assertThat(store.lastPosition()).isEqualTo(last + 1);
      assertThat(idsAfter(store, last)).containsExactly("d");

      assertThat(store.deleteEventsBefore(OLD.plusSeconds(3600).toEpochMilli(), last + 1)).isEqualTo(1);
      assertThat(idsAfter(store, 0)).containsExactly("d");
    }
  }

  @Test
  void theMigrationKeepsEveryPositionAndTheIdsStillUnique() throws Exception {
    String url = v5Database();
    List<String> indexes;
    try (Connection c = DriverManager.getConnection(url)) {
      insertRaw(c, "a", "b", "c");
      try (Statement s = c.createStatement()) {
        s.execute("DELETE FROM events WHERE event_id = 'a'");
      }
      indexes = indexes(c);
    }
    assertThat(indexes).hasSize(3);
    try (Connection c = DriverManager.getConnection(url)) {
      SqliteEventStore.open(dir).close();
      assertThat(indexes(c)).as("V2's indexes after V6 but the one on (model, event_id)")
          .isEqualTo(indexes.stream().filter(i -> !i.contains("events_by_model_id")).toList()).hasSize(2);
    }
    try (SqliteEventStore store = SqliteEventStore.open(dir)) {
      assertThat(store.lastPosition()).isEqualTo(3);
      assertThat(idsAfter(store, 0)).containsExactly("b", "c");
      List<PredictionEvent> fresh = store.append(List.of(event("c", OLD), event("d", OLD)));
      assertThat(fresh).extracting(PredictionEvent::id).as("c was stored before the migration").containsExactly("d");
      assertThat(store.lastPosition()).isEqualTo(4);
    }
  }

  @Test
  void aLogEmptiedBeforeTheMigrationGoesOnAfterItsLastPosition() throws Exception {
    String url = v5Database();
    try (Connection c = DriverManager.getConnection(url)) {
      insertRaw(c, "a", "b", "c", "d", "e");
      try (Statement s = c.createStatement()) {
        s.execute("DELETE FROM events");   // what retention could do before V6
      }
    }
    try (SqliteEventStore store = SqliteEventStore.open(dir)) {
      assertThat(store.lastPosition()).isEqualTo(5);
      store.append(List.of(event("f", OLD)));
      assertThat(store.lastPosition()).isEqualTo(6);
      assertThat(idsAfter(store, 0)).as("the placeholder is not an event").containsExactly("f");
      long[] read = {0};
      store.events("m", "default", Long.MIN_VALUE, Long.MAX_VALUE, b -> read[0]++);
      assertThat(read[0]).isEqualTo(1);
    }
  }

  @Test
  void theWriteAheadLogStaysBoundedUnderSteadyWritesAndItsCopierStopsWithTheStore() throws Exception {
    Path wal = dir.resolve("vigil.db-wal");
    long largest = 0;
    long before = copierThreads();   // a store another test left open keeps its own
    try (SqliteEventStore store = SqliteEventStore.open(dir)) {
      assertThat(copierThreads()).as("the log copier runs").isEqualTo(before + 1);
      for (int b = 0; b < 120; b++) {   // about 30 MB of log, 7 times the checkpoint threshold
        List<PredictionEvent> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
          PredictionEvent.Builder e = PredictionEvent.builder("m").id("w-" + b + "-" + i);
          for (int f = 0; f < 20; f++) {
            e.feature("f" + f, b * 0.001 + i * 0.0001 + f);
          }
          batch.add(e.build(OLD));
        }
        assertThat(store.append(batch)).hasSize(500);
        largest = Math.max(largest, java.nio.file.Files.size(wal));
      }
      assertThat(store.lastPosition()).isEqualTo(60_000);
    }
    assertThat(largest).as("log bytes at the largest").isLessThan(24L << 20);
    assertThat(copierThreads()).as("stopped by close()").isEqualTo(before);
  }

  private static long copierThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("vigil-log-copier") && t.isAlive()).count();
  }

  private static List<String> indexes(Connection c) throws Exception {
    List<String> sql = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name")) {
      while (r.next()) {
        sql.add(r.getString(1));
      }
    }
    return sql;
  }

  @Test
  void anIdIsUniquePerModelVersion() {
    try (SqliteEventStore store = SqliteEventStore.open(dir)) {
      PredictionEvent v1 = event("same", OLD);
      PredictionEvent v2 = PredictionEvent.builder("m").version("v2").id("same").timestamp(OLD).feature("x", 1.0)
          .build(OLD);
      assertThat(store.append(List.of(v1, v2))).hasSize(2);
      assertThat(store.append(List.of(v1, v2))).as("each a retry now").isEmpty();
    }
  }

  private String v5Database() {
    String url = "jdbc:sqlite:" + dir.resolve("vigil.db").toAbsolutePath();
    Flyway.configure().dataSource(url, null, null).locations("classpath:io/vigil/server/storage/migration")
        .target("5").load().migrate();
    return url;
  }

  private static void insertRaw(Connection c, String... ids) throws Exception {
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO events (model, version, event_id, ts, body) VALUES ('m', 'default', ?, ?, ?)")) {
      for (String id : ids) {
        PredictionEvent e = event(id, OLD);
        p.setString(1, id);
        p.setLong(2, OLD.toEpochMilli());
        p.setBytes(3, EventCodec.encode(e));
        p.executeUpdate();
      }
    }
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT seq FROM sqlite_sequence WHERE name = 'events'")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getLong(1)).as("the V5 log numbers its rows with AUTOINCREMENT").isEqualTo(ids.length);
    }
  }

  private static List<String> idsAfter(SqliteEventStore store, long position) {
    List<String> ids = new ArrayList<>();
    store.replayAfter(position, e -> ids.add(e.id()));
    return ids;
  }

  private static PredictionEvent event(String id, Instant time) {
    return PredictionEvent.builder("m").id(id).timestamp(time).feature("x", 1.0).build(time);
  }
}
