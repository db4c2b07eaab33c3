package io.ferrymq.common.security;

import io.ferrymq.common.config.ConfigException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client authenticates with: the SASL mechanism, a username and a password. Read from
 * Kafka's {@code sasl.jaas.config} ({@link #fromJaas}: {@code ScramLoginModule} for the SCRAM
 * mechanisms, {@code PlainLoginModule} for PLAIN, {@code required}, {@code username} and
 * {@code password} options, ending with {@code ;}) or from Ferry's simpler {@code sasl.username} /
 * {@code sasl.password}. Immutable; {@link #toString} never shows the password.
 */
public record SaslCredentials(String mechanism, String username, String password) {

    public static final String SASL_JAAS_CONFIG = "sasl.jaas.config";

    private static final Pattern JAAS = Pattern.compile(
            "\\s*([\\w.$]+)\\s+(required|requisite|sufficient|optional)((?:\\s+\\w+\\s*=\\s*\"(?:[^\"\\\\]|\\\\.)*\")*)\\s*;\\s*");
    private static final Pattern OPTION = Pattern.compile("(\\w+)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final String SCRAM_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final String PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";

    public SaslCredentials {
        SaslMechanisms.requireSupported(Objects.requireNonNull(mechanism, "mechanism"));
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty() || password.isEmpty()) {
            throw new IllegalArgumentException("SASL username and password must not be empty");
        }
    }

    /** Parses one JAAS login module entry for {@code mechanism}; errors name {@value #SASL_JAAS_CONFIG}. */
    public static SaslCredentials fromJaas(String mechanism, String jaas) {
        Matcher entry = JAAS.matcher(jaas);
        if (!entry.matches()) {
            throw new ConfigException(SASL_JAAS_CONFIG, SASL_JAAS_CONFIG
                    + ": expected '<LoginModule> required username=\"u\" password=\"p\";' (one entry ending with ';')");
        }
        String module = entry.group(1);
        String expected = mechanism.equals(PlainServer.MECHANISM) ? PLAIN_MODULE : SCRAM_MODULE;
        if (!module.equals(expected) && !module.equals(expected.substring(expected.lastIndexOf('.') + 1))) {
            throw new ConfigException(SASL_JAAS_CONFIG, SASL_JAAS_CONFIG + ": sasl.mechanism " + mechanism
                    + " needs " + expected + ", not " + module);
        }
        Matcher option = OPTION.matcher(entry.group(3));
        String username = null;
        String password = null;
        while (option.find()) {
            String value = option.group(2).replaceAll("\\\\(.)", "$1");
            username = option.group(1).equals("username") ? value : username;
            password = option.group(1).equals("password") ? value : password;
        }
        return new SaslCredentials(mechanism, require(username, "username"), require(password, "password"));
    }

    private static String require(String value, String option) {
        return Optional.ofNullable(value).orElseThrow(() ->
                new ConfigException(SASL_JAAS_CONFIG, SASL_JAAS_CONFIG + ": the login module has no " + option
                        + "=\"...\" option"));
    }

    /** A fresh client side of this mechanism for one connection. */
    public SaslClientMechanism newClient() {
        return SaslMechanisms.client(mechanism, username, password);
    }

    @Override
    public String toString() {
        return "SaslCredentials(" + mechanism + ", " + username + ")";
    }
}
