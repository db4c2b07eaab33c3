package io.ferrymq.broker.cli;

import io.ferrymq.broker.cluster.ClusterScram;
import io.ferrymq.broker.cluster.ClusterTls;
import io.ferrymq.broker.cluster.LocalClusterConfig;
import io.ferrymq.client.admin.AdminConfig;
import io.ferrymq.client.network.ClientSecurity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the quickstart's cluster and its own clients are secured: plaintext, or with {@code --secure}
 * TLS + SCRAM-SHA-512 ({@code SASL_SSL}) everywhere, between brokers too, with certificates generated
 * under {@code <data-dir>/certs} ({@link ClusterTls}), a broker user and a client user with random
 * passwords created in ZooKeeper before the brokers start ({@link ClusterScram}), and the client settings written to {@code <data-dir>/client.properties} (owner-only), the file
 * every CLI command takes with {@code --command-config}. Immutable and thread-safe.
 */
final class QuickstartSecurity {

    private final Optional<ClusterTls> tls;
    private final Optional<ClusterScram> scram;
    private final Optional<Path> clientProperties;

    private QuickstartSecurity(Optional<ClusterTls> tls, Optional<ClusterScram> scram, Optional<Path> clientProperties) {
        this.tls = tls;
        this.scram = scram;
        this.clientProperties = clientProperties;
    }

    static QuickstartSecurity plaintext() {
        return new QuickstartSecurity(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Generates the certificates of a {@code brokers}-broker cluster and writes the client properties file. */
    static QuickstartSecurity secure(Path dataDir, int brokers) {
        QuickstartSecurity security = new QuickstartSecurity(Optional.of(ClusterTls.generate(dataDir.resolve("certs"), brokers)),
                Optional.of(new ClusterScram()), Optional.of(dataDir.resolve("client.properties").toAbsolutePath()));
        Path file = security.clientProperties.orElseThrow();
        StringBuilder text = new StringBuilder("# written by ferry quickstart --secure: pass with --command-config\n");
        security.clientSettings().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return security;
    }

    /** Adds the cluster's TLS certificates and SCRAM users to {@code builder} when secure. */
    LocalClusterConfig.Builder configure(LocalClusterConfig.Builder builder) {
        tls.ifPresent(builder::tls);
        scram.ifPresent(builder::scram);
        return builder;
    }

    /** The settings the quickstart's producer and consumer add to their own (empty when plaintext). */
    Map<String, String> clientSettings() {
        Map<String, String> settings = new LinkedHashMap<>(tls.map(ClusterTls::clientSettings).orElse(Map.of()));
        scram.ifPresent(s -> settings.putAll(s.clientSettings()));
        return settings;
    }

    /** The same settings as the wire client's security, parsed as any client parses them. */
    ClientSecurity clientSecurity(String bootstrap) {
        Map<String, Object> props = new HashMap<>(clientSettings());
        props.put("bootstrap.servers", bootstrap);
        return AdminConfig.parse(props).security();
    }

    /** The client properties file, when secure. */
    Optional<Path> clientProperties() {
        return clientProperties;
    }

    /** {@code " --command-config <file>"} when secure, else empty: appended to the CLI hints. */
    String commandConfigFlag() {
        return clientProperties.map(f -> " --command-config " + f).orElse("");
    }
}
