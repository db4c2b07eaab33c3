package io.ferrymq.client.network;

import javax.net.ssl.SSLException;

/**
 * The TLS handshake with a broker failed: its certificate is untrusted, expired or names another
 * host, it refused this client's certificate, or it does not speak TLS on that port. As Kafka's
 * {@code SslAuthenticationException}, it is not retriable: retrying reaches the same certificate.
 * The message carries the JDK's reason.
 */
public final class TlsHandshakeException extends NetworkException {

    public TlsHandshakeException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetriable() {
        return false;
    }

    /** The innermost TLS reason of {@code cause} (the JDK's message, e.g. "PKIX path validation failed"). */
    static String reason(Throwable cause) {
        Throwable reason = cause;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t.getCause() == null) {
                reason = t;
            }
        }
        return reason.getClass().getSimpleName() + ": " + reason.getMessage();
    }
}
