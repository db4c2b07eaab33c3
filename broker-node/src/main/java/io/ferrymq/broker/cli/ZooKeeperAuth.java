package io.ferrymq.broker.cli;

import java.util.List;
import java.util.Properties;
import java.util.Set;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

/**
 * The ZooKeeper 3.9 server settings behind {@code ferry zookeeper --sasl --require-auth SCHEMES}:
 * {@code authProvider.sasl} (SASL logins checked against the JAAS {@code Server} section) and
 * {@code enforce.auth.enabled}/{@code enforce.auth.schemes}. Refuses, naming the problem, an unknown
 * scheme or SASL without a JAAS {@code Server} section. Stateless and thread-safe.
 */
final class ZooKeeperAuth {

    static final String SASL_PROVIDER = "org.apache.zookeeper.server.auth.SASLAuthenticationProvider";
    static final String JAAS_PROPERTY = "java.security.auth.login.config";
    private static final String JAAS_SECTION_PROPERTY = "zookeeper.sasl.serverconfig";
    private static final Set<String> SCHEMES = Set.of("sasl", "digest");

    private ZooKeeperAuth() {
    }

    /** The zoo.cfg properties for the options (empty when neither is given). */
    static Properties serverProperties(boolean sasl, List<String> requiredSchemes) {
        for (String scheme : requiredSchemes) {
            if (!SCHEMES.contains(scheme)) {
                throw new IllegalArgumentException("--require-auth takes sasl and/or digest, was '" + scheme + "'");
            }
        }
        Properties properties = new Properties();
        if (sasl || requiredSchemes.contains("sasl")) {
            requireJaasServerSection();
            properties.setProperty("authProvider.sasl", SASL_PROVIDER);
        }
        if (!requiredSchemes.isEmpty()) {
            properties.setProperty("enforce.auth.enabled", "true");
            properties.setProperty("enforce.auth.schemes", String.join(",", requiredSchemes));
        }
        return properties;
    }

    private static void requireJaasServerSection() {
        String file = System.getProperty(JAAS_PROPERTY);
        String section = System.getProperty(JAAS_SECTION_PROPERTY, "Server");
        if (file == null) {
            throw new IllegalArgumentException("SASL needs a JAAS file with a '" + section + "' section: start with -D"
                    + JAAS_PROPERTY + "=FILE (e.g. in FERRY_JVM_OPTS)");
        }
        AppConfigurationEntry[] entries;
        try {
            entries = Configuration.getConfiguration().getAppConfigurationEntry(section);
        } catch (SecurityException e) {
            throw new IllegalArgumentException("cannot read the JAAS file " + file + ": " + e.getMessage());
        }
        if (entries == null || entries.length == 0) {
            throw new IllegalArgumentException("the JAAS file " + file + " has no '" + section + "' section");
        }
    }
}
