package dev.deskbridge.benchmarks;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
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
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A provider's stand-in for the real-path benchmarks: an HTTP/1.1 server on an ephemeral loopback port
 * answering JSON, timing its own handling so a run can show that the stand-in is not what limits it.
 *
 * <p>Netty answers on its two event-loop threads, where the request was read. The JDK's HTTP server it
 * replaces handed every request from its dispatcher thread to a pool thread; in a profile of a
 * benchmark's JVM that server and its hand-over took more than half of the CPU spent outside the JIT,
 * on the two cores the host under test shares (BENCHMARKS.md, "The driver's own JIT").
 */
final class StandInServer implements AutoCloseable {
    /** Larger than any body the host sends a provider. */
    private static final int MAX_BODY_BYTES = 4 << 20;

    /** A stand-in's answer to one request: the JSON body, or null for a 404. */
    @FunctionalInterface
    interface Answer {
        String answer(String method, String path, String body) throws IOException;
    }

    private final EventLoopGroup loops;
    private final Channel listening;
    private final String url;

    private StandInServer(EventLoopGroup loops, Channel listening) {
        this.loops = loops;
        this.listening = listening;
        this.url = "http://127.0.0.1:" + ((InetSocketAddress) listening.localAddress()).getPort();
    }

    /** Serves every path on an ephemeral loopback port; handling time goes to {@code handling}. */
    static StandInServer serve(Answer answer, LongAdder handling) {
        Map<String, Optional<String>> byIdempotencyKey = new ConcurrentHashMap<>();
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            Channel listening = new ServerBootstrap()
                    .group(loops)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 256)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY_BYTES),
                                    new Handler(answer, handling, byIdempotencyKey));
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
            return new StandInServer(loops, listening);
        } catch (RuntimeException e) {
            loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    String url() {
        return url;
    }

    /** Stops listening and closes every connection at once. */
    @Override
    public void close() {
        listening.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Answer answer;
        private final LongAdder handling;
        private final Map<String, Optional<String>> byIdempotencyKey;

        Handler(Answer answer, LongAdder handling, Map<String, Optional<String>> byIdempotencyKey) {
            this.answer = answer;
            this.handling = handling;
            this.byIdempotencyKey = byIdempotencyKey;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws IOException {
            String body = request.content().toString(StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            String method = request.method().name();
            String path = new QueryStringDecoder(request.uri()).path();
            // Zendesk keeps a creation's answer under its Idempotency-Key and gives it again to a request
            // with the same key (x-idempotency-lookup: hit) instead of creating twice; as here, so that a
            // retry of the host's is counted as Zendesk would count it.
            String key = method.equals("POST") ? request.headers().get("Idempotency-Key") : null;
            boolean[] madeHere = {false};
            String json = key == null ? answer.answer(method, path, body)
                    : byIdempotencyKey.computeIfAbsent(path + " " + key, k -> {
                        madeHere[0] = true;
                        try {
                            return Optional.ofNullable(answer.answer(method, path, body));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).orElse(null);
            byte[] bytes = (json == null ? "{\"error\":\"InvalidEndpoint\"}" : json).getBytes(StandardCharsets.UTF_8);
            HttpResponseStatus status = json == null ? HttpResponseStatus.NOT_FOUND
                    : method.equals("POST") ? HttpResponseStatus.CREATED : HttpResponseStatus.OK;
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.wrappedBuffer(bytes));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                    // A key's first use is a miss; a repeat gets the answer kept for it.
                    .set("x-idempotency-lookup", key != null && !madeHere[0] ? "hit" : "miss");
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            var written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
            handling.add(System.nanoTime() - t0);
        }

        /** An answer that failed (or a request that could not be read) closes the connection, as a dropped peer would. */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            System.err.println("stand-in: " + cause);
            ctx.close();
        }
    }
}
