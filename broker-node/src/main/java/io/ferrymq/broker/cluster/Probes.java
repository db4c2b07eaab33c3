package io.ferrymq.broker.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Small, bounded health probes the launcher uses to wait for its children: a TCP connect, an HTTP
 * GET status, ZooKeeper's {@code srvr} four-letter word, plus a bounded polling wait and a log-tail
 * reader for error messages. Every call has a short timeout. Stateless and thread-safe.
 */
public final class Probes {

    private static final int TIMEOUT_MS = 1_000;
    private static final SSLContext ANY_CERTIFICATE = anyCertificate();

    private Probes() {
    }

    /** True when something accepts TCP connections on 127.0.0.1:port. */
    public static boolean tcpOpen(int port) {
        return tcpOpen("127.0.0.1", port);
    }

    /** True when something accepts TCP connections on host:port. */
    public static boolean tcpOpen(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The status of {@code GET http://127.0.0.1:port/path}, or of {@code https://} when the port
     * speaks only TLS (a broker with {@code admin.http.ssl.enable}); empty when nothing answers. The
     * HTTPS probe does not check the certificate: it sends nothing but the path, to a child the
     * launcher started, and only waits on the status.
     */
    public static OptionalInt httpStatus(int port, String path) {
        return httpStatus("127.0.0.1", port, path);
    }

    /**
     * The status of {@code GET http://host:port/path}, or of {@code https://} when the port speaks
     * only TLS; empty when nothing answers. The HTTPS probe does not check the certificate (see above).
     */
    public static OptionalInt httpStatus(String host, int port, String path) {
        OptionalInt plain = httpStatus("http", host, port, path);
        return plain.isPresent() ? plain : httpStatus("https", host, port, path);
    }

    private static OptionalInt httpStatus(String scheme, String host, int port, String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(scheme + "://" + host + ":" + port + path).toURL()
                    .openConnection();
            if (c instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(ANY_CERTIFICATE.getSocketFactory());
                https.setHostnameVerifier((h, session) -> true);
            }
            c.setConnectTimeout(TIMEOUT_MS);
            c.setReadTimeout(TIMEOUT_MS * 3);
            try {
                return OptionalInt.of(c.getResponseCode());
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    private static SSLContext anyCertificate() {
        X509TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("the readiness probe is a client");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // the probe reads only a status code from its own child on the loopback address
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {any}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS context", e);
        }
    }

    /** ZooKeeper's mode on 127.0.0.1:port ({@code standalone}, {@code leader}, {@code follower}) once it serves. */
    public static Optional<String> zooKeeperMode(int port) {
        return zooKeeperMode("127.0.0.1", port);
    }

    /** ZooKeeper's mode on host:port once it serves. */
    public static Optional<String> zooKeeperMode(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS * 3);
            OutputStream out = s.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String reply = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            return reply.lines().filter(l -> l.startsWith("Mode: ")).map(l -> l.substring(6).trim()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Polls {@code condition} every 100 ms until it holds, or throws {@link ClusterException}
     * naming {@code what} (with {@code detail}, e.g. a log tail) after {@code timeout}.
     */
    public static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> detail) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new ClusterException("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + detail.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("interrupted while waiting for " + what);
            }
        }
    }

    /** The last {@code lines} lines of a log file, prefixed for an error message; empty if unreadable. */
    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return last.isEmpty() ? "" : "\n--- last lines of " + file + " ---\n" + String.join("\n", last);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
