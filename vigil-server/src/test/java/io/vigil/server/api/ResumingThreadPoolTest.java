package io.vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.eclipse.jetty.io.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResumingThreadPoolTest {

  private final ResumingThreadPool pool = new ResumingThreadPool();
  /** What ran, as "name@thread". */
  private final List<String> ran = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    pool.start();
  }

  @AfterEach
  void stop() throws Exception {
    pool.stop();
  }

  /** A connection as Jetty hands it to the pool to resume: a {@link Connection} that is also a task. */
  private Runnable connection(String name, RuntimeException failure) {
    return resumable(name, () -> {
      ran.add(name + "@" + Thread.currentThread().getName());
      if (failure != null) {
        throw failure;
      }
    });
  }

  private static Runnable resumable(String name, Runnable resume) {
    return (Runnable) Proxy.newProxyInstance(ResumingThreadPoolTest.class.getClassLoader(),
        new Class<?>[] {Connection.class, Runnable.class}, (proxy, method, args) -> {
          if (method.getName().equals("run")) {
            resume.run();
            return null;
          }
          return method.getName().equals("toString") ? name : null;
        });
  }

  private Runnable task(String name) {
    return () -> ran.add(name + "@" + Thread.currentThread().getName());
  }

  @Test
  void connectionsResumedWhileAnsweringRunOnTheAnsweringThreadAfterTheAnswers() {
    String me = Thread.currentThread().getName();
    ResumingThreadPool.answering(() -> {
      pool.execute(connection("a", null));
      ran.add("answers sent@" + me);
      pool.execute(connection("b", null));
      assertThat(ran).containsExactly("answers sent@" + me);   // kept, not run yet
    });
    assertThat(ran).containsExactly("answers sent@" + me, "a@" + me, "b@" + me);
  }

  @Test
  void otherTasksGoToThePoolEvenWhileAnswering() {
    ResumingThreadPool.answering(() -> pool.execute(task("parse a large body")));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 1);
    assertThat(ran.get(0)).startsWith("parse a large body@JettyServerThreadPool");
  }

  @Test
  void outsideAnsweringConnectionsAreResumedByThePool() {
    pool.execute(connection("a", null));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 1);
    assertThat(ran.get(0)).startsWith("a@JettyServerThreadPool");
  }

  @Test
  void aConnectionThatFailsToResumeDoesNotStopTheOthers() {
    String me = Thread.currentThread().getName();
    ResumingThreadPool.answering(() -> {
      pool.execute(connection("a", new IllegalStateException("closed")));
      pool.execute(connection("b", null));
    });
    assertThat(ran).containsExactly("a@" + me, "b@" + me);
  }

  @Test
  void connectionsAreResumedEvenWhenAnsweringFails() {
    String me = Thread.currentThread().getName();
    try {
      ResumingThreadPool.answering(() -> {
        pool.execute(connection("a", null));
        throw new IllegalStateException("an answer failed");
      });
    } catch (IllegalStateException expected) {
      assertThat(expected).hasMessage("an answer failed");
    }
    assertThat(ran).containsExactly("a@" + me);
  }

  @Test
  void nestedAnsweringResumesOnceAtTheEndOfTheOuterOne() {
    String me = Thread.currentThread().getName();
    ResumingThreadPool.answering(() -> {
      ResumingThreadPool.answering(() -> pool.execute(connection("inner", null)));
      assertThat(ran).isEmpty();
      pool.execute(connection("outer", null));
    });
    assertThat(ran).containsExactly("inner@" + me, "outer@" + me);
  }

  @Test
  void aThreadResumingConnectionsParsesOnlySmallBodiesItself() {
    List<Long> limits = new CopyOnWriteArrayList<>();
    limits.add(ResumingThreadPool.inlineLimit(64 * 1024));
    ResumingThreadPool.answering(() -> {
      limits.add(ResumingThreadPool.inlineLimit(64 * 1024));   // sending answers: not resuming yet
      pool.execute(resumable("a", () -> limits.add(ResumingThreadPool.inlineLimit(64 * 1024))));
    });
    limits.add(ResumingThreadPool.inlineLimit(64 * 1024));
    assertThat(limits).containsExactly(65_536L, 65_536L, ResumingThreadPool.RESUMED_INLINE_BYTES, 65_536L);
    assertThat(ResumingThreadPool.RESUMED_INLINE_BYTES).isLessThan(64 * 1024);
  }
}
