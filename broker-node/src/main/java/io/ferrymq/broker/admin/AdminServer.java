package io.ferrymq.broker.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ferrymq.broker.metrics.BrokerMetrics;
import io.ferrymq.broker.metrics.JsonMetricsWriter;
import io.ferrymq.broker.metrics.PrometheusTextWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's admin HTTP endpoint on the JDK's {@link HttpServer}:
 * {@code GET /metrics} (Prometheus text), {@code /metrics.json}, {@code /health/live} (200 while the
 * process serves HTTP) and {@code /health/ready} (200 when the {@link ReadinessCheck} says ready,
 * else 503 with the reason). Other paths answer 404, other methods 405. Requests run on two named
 * daemon threads; {@link #close()} stops the listener and joins them. Thread-safe.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final BrokerMetrics metrics;
    private final ReadinessCheck readiness;

    private AdminServer(HttpServer server, ExecutorService executor, BrokerMetrics metrics, ReadinessCheck readiness) {
        this.server = server;
        this.executor = executor;
        this.metrics = metrics;
        this.readiness = readiness;
    }

    /** Binds and starts the server; throws {@link UncheckedIOException} naming the address when it cannot bind. */
    public static AdminServer start(AdminServerConfig config, BrokerMetrics metrics, ReadinessCheck readiness) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the admin HTTP server to " + config.host() + ":" + config.port(), e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "ferry-admin-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AdminServer admin = new AdminServer(http, executor, metrics, readiness);
        http.setExecutor(executor);
        http.createContext("/", admin::handle);
        http.start();
        LOG.info("admin HTTP server listening on http://{}:{}/", config.host(), admin.port());
        return admin;
    }

    /** The bound port (useful when configured with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
                return;
            }
            route(exchange);
        } catch (RuntimeException e) {
            LOG.warn("admin request {} failed", exchange.getRequestURI(), e);
            respond(exchange, 500, "text/plain; charset=utf-8", "internal error: " + e.getMessage() + "\n");
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestURI().getPath()) {
            case "/metrics" -> respond(exchange, 200, PrometheusTextWriter.CONTENT_TYPE,
                    PrometheusTextWriter.write(metrics.registry()));
            case "/metrics.json" -> respond(exchange, 200, JsonMetricsWriter.CONTENT_TYPE,
                    JsonMetricsWriter.write(metrics.registry()));
            case "/health/live" -> respond(exchange, 200, "text/plain; charset=utf-8", "live\n");
            case "/health/ready" -> {
                Readiness r = readiness.check();
                respond(exchange, r.ready() ? 200 : 503, "text/plain; charset=utf-8", r.reason() + "\n");
            }
            default -> respond(exchange, 404, "text/plain; charset=utf-8",
                    "not found; try /metrics, /metrics.json, /health/live, /health/ready\n");
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops listening and joins the request threads (bounded to a few seconds). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
