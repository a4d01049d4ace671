package io.vigil.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The per-request floor of an HTTP core, for issue 3's single-event target: a server that reads each request's
 * body whole and answers a fixed JSON of the size Vigil answers one event with, doing nothing else. Run it, load
 * it with {@code wrk} and {@code tools/peer/one_event.lua}, and compare with gunicorn in the same run
 * ({@code tools/bench_http_floor.sh}). What Vigil's ingest costs on top of such a core is its own work.
 *
 * <pre>
 * java -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.HttpFloor netty 18400
 * java -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.HttpFloor jetty 18401
 * </pre>
 *
 * <p>{@code jetty}: a Jetty 12 core {@link Handler} (no servlet layer, no Javalin), the version Javalin runs on,
 * non-blocking as Vigil's ingest handler is, so that Jetty handles a request on the thread that read it.
 * {@code netty}: Netty's HTTP codec on NIO with one event loop per core.
 */
public final class HttpFloor {

  private static final byte[] ANSWER = ("{\"accepted\":1,\"ids\":[\"0192f1c4-7d2a-7000-8000-000000000000\"],"
      + "\"rejected\":[]}").getBytes(StandardCharsets.UTF_8);

  private HttpFloor() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2 || !(args[0].equals("netty") || args[0].equals("jetty"))) {
      System.err.println("usage: HttpFloor netty|jetty PORT");
      System.exit(2);
    }
    int port = Integer.parseInt(args[1]);
    if (args[0].equals("jetty")) {
      jetty(port);
    } else {
      netty(port);
    }
  }

  private static void jetty(int port) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract.NonBlocking() {   // handled on the thread that read it, as Vigil's ingest
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        Content.Source.asByteBufferAsync(request).whenComplete((body, failure) -> {
          if (failure != null) {
            callback.failed(failure);
            return;
          }
          response.setStatus(200);
          response.getHeaders().put("Content-Type", "application/json");
          response.write(true, java.nio.ByteBuffer.wrap(ANSWER), callback);
        });
        return true;
      }
    });
    server.start();
    System.out.println("jetty core on http://127.0.0.1:" + port);
    server.join();
  }

  private static void netty(int port) throws InterruptedException {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    try {
      new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 << 20),
                  new SimpleChannelInboundHandler<FullHttpRequest>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                      ByteBuf answer = Unpooled.wrappedBuffer(ANSWER);
                      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                          HttpResponseStatus.OK, answer);
                      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                      HttpUtil.setContentLength(response, ANSWER.length);
                      HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
                      ctx.writeAndFlush(response);
                    }
                  });
            }
          })
          .bind(new InetSocketAddress("127.0.0.1", port)).sync();
      System.out.println("netty on http://127.0.0.1:" + port);
      Thread.currentThread().join();
    } finally {
      group.shutdownGracefully();
    }
  }
}
