package io.ferrymq.common.security;

import io.ferrymq.common.config.ConfigException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the JDK {@link SSLEngine}s of one TLS endpoint from its {@link SslSettings}: one
 * {@link SSLContext} (the JDK's provider, TLS 1.2/1.3) made at construction, so a missing store, a
 * wrong password or an unsupported protocol or cipher suite fails there with a
 * {@link ConfigException} naming the key, not at the first connection. Client engines verify the
 * broker's host name when {@code ssl.endpoint.identification.algorithm} is {@code https}; server
 * engines ask for client certificates as {@code ssl.client.auth} says.
 *
 * <p>Immutable and thread-safe; every call returns a new engine for one connection.
 */
public final class SslEngineFactory {

    private final SslSettings settings;
    private final SSLContext context;

    public SslEngineFactory(SslSettings settings) {
        this.settings = settings;
        this.context = createContext(settings);
        checkSupported(SslConfigKeys.SSL_ENABLED_PROTOCOLS, settings.enabledProtocols(),
                context.getSupportedSSLParameters().getProtocols());
        checkSupported(SslConfigKeys.SSL_CIPHER_SUITES, settings.cipherSuites(),
                context.getSupportedSSLParameters().getCipherSuites());
    }

    /** An engine for a client connecting to {@code peerHost:peerPort} (the host is what is verified). */
    public SSLEngine newClientEngine(String peerHost, int peerPort) {
        SSLEngine engine = context.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(true);
        SSLParameters parameters = parameters(engine);
        String algorithm = settings.endpointIdentificationAlgorithm();
        parameters.setEndpointIdentificationAlgorithm(algorithm.isEmpty() ? null : algorithm);
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** An engine for one accepted connection of a broker listener. */
    public SSLEngine newServerEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = parameters(engine);
        switch (settings.clientAuth()) {
            case REQUIRED -> parameters.setNeedClientAuth(true);
            case REQUESTED -> parameters.setWantClientAuth(true);
            case NONE -> parameters.setNeedClientAuth(false);
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    /**
     * The server-side TLS parameters this endpoint's engines use (protocols, cipher suites), with no
     * client certificate asked for: for a server, such as the broker's admin HTTPS port, that
     * authenticates its users by password instead.
     */
    public SSLParameters serverParametersWithoutClientAuth() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = parameters(engine);
        parameters.setNeedClientAuth(false);
        return parameters;
    }

    /** The context every engine of this endpoint comes from. */
    public SSLContext context() {
        return context;
    }

    public SslSettings settings() {
        return settings;
    }

    private SSLParameters parameters(SSLEngine engine) {
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(settings.enabledProtocols().toArray(String[]::new));
        if (!settings.cipherSuites().isEmpty()) {
            parameters.setCipherSuites(settings.cipherSuites().toArray(String[]::new));
        }
        return parameters;
    }

    private static SSLContext createContext(SslSettings settings) {
        KeyManager[] keyManagers = keyManagers(settings);
        TrustManager[] trustManagers = trustManagers(settings);
        try {
            SSLContext context = SSLContext.getInstance(settings.protocol());
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw ConfigException.invalid(SslConfigKeys.SSL_PROTOCOL, settings.protocol(),
                    "a protocol of the JDK's SSLContext (TLSv1.3, TLSv1.2): " + e.getMessage());
        }
    }

    private static KeyManager[] keyManagers(SslSettings settings) {
        SslSettings.Store store = settings.keyStore();
        if (!store.isConfigured()) {
            return null;
        }
        KeyStore keyStore = KeyStores.keyStore(store, settings.keyPassword(), SslConfigKeys.SSL_KEYSTORE_LOCATION);
        char[] keyPassword = store.isPem() ? KeyStores.PEM_STORE_PASSWORD
                : settings.keyPassword().or(store::password).map(String::toCharArray).orElse(new char[0]);
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore, keyPassword);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw KeyStores.problem(SslConfigKeys.SSL_KEY_PASSWORD,
                    "cannot read the private key in the key store (wrong " + SslConfigKeys.SSL_KEY_PASSWORD + "?): " + e);
        }
    }

    private static TrustManager[] trustManagers(SslSettings settings) {
        SslSettings.Store store = settings.trustStore();
        if (!store.isConfigured()) {
            return null;
        }
        KeyStore trustStore = KeyStores.trustStore(store, SslConfigKeys.SSL_TRUSTSTORE_LOCATION);
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw KeyStores.problem(SslConfigKeys.SSL_TRUSTSTORE_LOCATION, "cannot use the trust store: " + e);
        }
    }

    private static void checkSupported(String key, List<String> wanted, String[] supported) {
        Set<String> known = Set.of(supported);
        List<String> unknown = wanted.stream().filter(w -> !known.contains(w)).toList();
        if (!unknown.isEmpty()) {
            throw ConfigException.invalid(key, String.join(",", wanted), "values this JDK supports; unsupported: "
                    + unknown + " (supported: " + Arrays.toString(supported) + ")");
        }
    }
}
