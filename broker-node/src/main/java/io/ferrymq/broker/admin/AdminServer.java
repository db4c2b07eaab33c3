package io.ferrymq.broker.admin;

import io.ferrymq.broker.ThreadPools;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.ferrymq.broker.console.Console;
import io.ferrymq.broker.console.ConsoleRequest;
import io.ferrymq.broker.console.ConsoleResponse;
import io.ferrymq.broker.metrics.BrokerMetrics;
import io.ferrymq.broker.metrics.JsonMetricsWriter;
import io.ferrymq.broker.metrics.PrometheusTextWriter;
import io.ferrymq.common.security.SslEngineFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's admin HTTP endpoint on the JDK's {@link HttpServer} ({@link HttpsServer} when the
 * config carries TLS):
 * {@code GET /metrics} (Prometheus text), {@code /metrics.json}, {@code /health/live} (200 while the
 * process serves HTTP) and {@code /health/ready} (200 when the {@link ReadinessCheck} says ready,
 * else 503 with the reason), and, when given one, the web {@link Console} under
 * {@code /console/} and {@code /api/} (which alone takes {@code POST}s). Other paths answer 404,
 * other methods 405. Requests run on
 * four named daemon threads; {@link #close()} stops the listener and joins them (the console is
 * closed by its owner). Thread-safe.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final BrokerMetrics metrics;
    private final ReadinessCheck readiness;
    private final Optional<Console> console;

    private AdminServer(HttpServer server, ExecutorService executor, BrokerMetrics metrics, ReadinessCheck readiness,
                        Optional<Console> console) {
        this.server = server;
        this.executor = executor;
        this.metrics = metrics;
        this.readiness = readiness;
        this.console = console;
    }

    /** Binds and starts the server without the console. */
    public static AdminServer start(AdminServerConfig config, BrokerMetrics metrics, ReadinessCheck readiness) {
        return start(config, metrics, readiness, Optional.empty());
    }

    /** Binds and starts the server; throws {@link UncheckedIOException} naming the address when it cannot bind. */
    public static AdminServer start(AdminServerConfig config, BrokerMetrics metrics, ReadinessCheck readiness,
                                    Optional<Console> console) {
        HttpServer http;
        try {
            InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
            if (config.tls().isPresent()) {
                SslEngineFactory tls = config.tls().get();
                HttpsServer https = HttpsServer.create(address, 16);
                https.setHttpsConfigurator(new HttpsConfigurator(tls.context()) {
                    @Override
                    public void configure(HttpsParameters parameters) {
                        parameters.setSSLParameters(tls.serverParametersWithoutClientAuth());
                    }
                });
                http = https;
            } else {
                http = HttpServer.create(address, 16);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the admin HTTP server to " + config.host() + ":" + config.port(), e);
        }
        ExecutorService executor = ThreadPools.fixed(4, "ferry-admin-http", true);
        AdminServer admin = new AdminServer(http, executor, metrics, readiness, console);
        http.setExecutor(executor);
        http.createContext("/", admin::handle);
        http.start();
        LOG.info("admin HTTP server listening on {}://{}:{}/", config.scheme(), config.host(), admin.port());
        return admin;
    }

    /** The bound port (useful when configured with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (console.isPresent() && Console.serves(path)) {
                ConsoleResponse answer = console.get().handle(consoleRequest(exchange, path));
                answer.setCookie().ifPresent(c -> exchange.getResponseHeaders().add("Set-Cookie", c));
                respond(exchange, answer.status(), answer.contentType(), answer.body());
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
                return;
            }
            route(exchange, path);
        } catch (RuntimeException e) {
            LOG.warn("admin request {} failed", exchange.getRequestURI(), e);
            respond(exchange, 500, "text/plain; charset=utf-8", "internal error: " + e.getMessage() + "\n");
        }
    }

    /** The console's view of {@code exchange}; a body over {@link #MAX_BODY} bytes is refused. */
    private static ConsoleRequest consoleRequest(HttpExchange exchange, String path) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new IllegalArgumentException("request body over " + MAX_BODY + " bytes");
        }
        Headers headers = exchange.getRequestHeaders();
        InetSocketAddress client = exchange.getRemoteAddress();
        String clientHost = client.getAddress() != null ? client.getAddress().getHostAddress() : client.getHostString();
        return new ConsoleRequest(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                header(headers, "Cookie"), header(headers, "Origin"), header(headers, "Host"),
                header(headers, ConsoleRequest.CSRF_HEADER), clientHost, body);
    }

    private static Optional<String> header(Headers headers, String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        switch (path) {
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
                    "not found; try /metrics, /metrics.json, /health/live, /health/ready"
                            + (console.isPresent() ? ", /console/" : "") + "\n");
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
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
