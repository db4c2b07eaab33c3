package io.ferrymq.broker.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of authorization decisions, on Kafka's logger {@code kafka.authorizer.logger} and
 * in Kafka's words: denials at INFO, allowed actions at DEBUG, e.g. {@code Principal = User:alice is
 * Denied Operation = Write from host = 10.0.0.1 on resource = Topic:LITERAL:orders for request =
 * PRODUCE (no ACL found)}. The shipped {@code conf/logback.xml} writes it to
 * {@code <log name>-authorizer.log} as well as to the broker's log.
 *
 * <p>Stateless; thread-safe.
 */
public final class AuthorizationAudit {

    /** Kafka's audit logger name. */
    public static final String LOGGER_NAME = "kafka.authorizer.logger";
    private static final Logger log = LoggerFactory.getLogger(LOGGER_NAME);

    private AuthorizationAudit() {
    }

    static void record(Action action, AuthorizationDecision decision) {
        if (decision.allowed() ? log.isDebugEnabled() : log.isInfoEnabled()) {
            String line = line(action, decision);
            if (decision.allowed()) {
                log.debug(line);
            } else {
                log.info(line);
            }
        }
    }

    /** The audit line of one decision. */
    public static String line(Action action, AuthorizationDecision decision) {
        return "Principal = " + action.principal() + " is " + (decision.allowed() ? "Allowed" : "Denied")
                + " Operation = " + action.operation().jsonName() + " from host = " + action.host()
                + " on resource = " + action.resourceType().zkName() + ":LITERAL:" + action.resourceName()
                + " for request = " + action.apiName() + " (" + decision.reason() + ")";
    }
}
