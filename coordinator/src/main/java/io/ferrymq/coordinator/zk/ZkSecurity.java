package io.ferrymq.coordinator.zk;

import java.util.Objects;
import java.util.Optional;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * How a ZooKeeper client authenticates and protects what it creates. {@code setAcl} is Kafka's
 * {@code zookeeper.set.acl}: every znode Ferry creates gets {@link ZkAcls#secured} ACLs, writable only
 * by the identity that created it (all brokers share one). The identity comes from SASL, Kafka's way
 * (a JAAS file named by {@value #JAAS_PROPERTY} with a {@code Client} section using ZooKeeper's
 * {@code DigestLoginModule}; the section name may be changed with {@value #JAAS_SECTION_PROPERTY}),
 * or from {@code digest} credentials {@code user:password} added to the connection (ZooKeeper's
 * {@code digest} scheme; tools and tests). With {@code setAcl} and neither, {@link #requireCredentials}
 * refuses: the ACLs would name nobody.
 *
 * <p>ZooKeeper 3.9's client runs in FIPS mode by default, which refuses DIGEST-MD5, the mechanism of
 * {@code DigestLoginModule}; {@link #clientConfig} turns that off for Ferry's own connections when a
 * JAAS {@code Client} section is present, unless {@code -D}{@value #FIPS_MODE_PROPERTY} says otherwise.
 *
 * <p>Immutable and thread-safe; {@link #toString} never shows the password.
 */
public record ZkSecurity(boolean setAcl, Optional<String> digest) {

    public static final String JAAS_PROPERTY = "java.security.auth.login.config";
    public static final String JAAS_SECTION_PROPERTY = "zookeeper.sasl.clientconfig";
    public static final String DEFAULT_JAAS_SECTION = "Client";
    public static final String FIPS_MODE_PROPERTY = "zookeeper.fips-mode";
    public static final ZkSecurity NONE = new ZkSecurity(false, Optional.empty());

    public ZkSecurity {
        Objects.requireNonNull(digest, "digest");
        digest.ifPresent(d -> {
            int colon = d.indexOf(':');
            if (colon <= 0 || colon == d.length() - 1) {
                throw new IllegalArgumentException("ZooKeeper digest credentials must be user:password");
            }
        });
    }

    /** Kafka's way: ACLs on, identity from the JVM's JAAS {@code Client} section. */
    public static ZkSecurity saslAcls() {
        return new ZkSecurity(true, Optional.empty());
    }

    /** Whether this JVM's JAAS configuration has the section ZooKeeper's client logs in with. */
    public static boolean hasJaasClientSection() {
        if (System.getProperty(JAAS_PROPERTY) == null) {
            return false;
        }
        String section = System.getProperty(JAAS_SECTION_PROPERTY, DEFAULT_JAAS_SECTION);
        try {
            AppConfigurationEntry[] entries = Configuration.getConfiguration().getAppConfigurationEntry(section);
            return entries != null && entries.length > 0;
        } catch (SecurityException e) {
            throw new CoordinatorException("cannot read the JAAS file " + System.getProperty(JAAS_PROPERTY) + ": "
                    + e.getMessage());
        }
    }

    /**
     * @throws CoordinatorException when ACLs are asked for but this client has no identity to put in them
     */
    public void requireCredentials() {
        if (setAcl && digest.isEmpty() && !hasJaasClientSection()) {
            throw new CoordinatorException("zookeeper.set.acl is true but this JVM has no ZooKeeper credentials: "
                    + "give a JAAS file with a '" + System.getProperty(JAAS_SECTION_PROPERTY, DEFAULT_JAAS_SECTION)
                    + "' section (org.apache.zookeeper.server.auth.DigestLoginModule) with -D" + JAAS_PROPERTY + "=FILE");
        }
    }

    /** ZooKeeper client settings for one connection (see the class javadoc on FIPS mode). */
    public ZKClientConfig clientConfig() {
        ZKClientConfig config = new ZKClientConfig();
        if (System.getProperty(FIPS_MODE_PROPERTY) == null && hasJaasClientSection()) {
            config.setProperty(FIPS_MODE_PROPERTY, "false");
        }
        return config;
    }

    @Override
    public String toString() {
        return "ZkSecurity[setAcl=" + setAcl + ", digest=" + digest.map(d -> d.substring(0, d.indexOf(':')) + ":****")
                .orElse("none") + "]";
    }
}
