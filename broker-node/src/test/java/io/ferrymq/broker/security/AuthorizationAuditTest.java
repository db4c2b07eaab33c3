package io.ferrymq.broker.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.ResourceType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizationAuditTest {

    private static final Action WRITE_ORDERS = new Action(Principal.user("alice"), "10.0.0.1", AclOperation.WRITE,
            ResourceType.TOPIC, "orders", "PRODUCE");

    @Test
    void theLineNamesPrincipalOperationResourceHostAndOutcome() {
        assertThat(AuthorizationAudit.line(WRITE_ORDERS, AuthorizationDecision.deny("no ACL found"))).isEqualTo(
                "Principal = User:alice is Denied Operation = Write from host = 10.0.0.1 on resource = "
                        + "Topic:LITERAL:orders for request = PRODUCE (no ACL found)");
        assertThat(AuthorizationAudit.line(WRITE_ORDERS, AuthorizationDecision.allow("super user")))
                .startsWith("Principal = User:alice is Allowed Operation = Write");
    }

    @Test
    void theShippedLogbackConfigWritesDenialsToTheirOwnFileToo(@TempDir Path dir) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("ferry.log.dir", dir.toString());
        context.putProperty("ferry.log.name", "broker-7");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        Path conf = Files.exists(Path.of("../conf/logback.xml")) ? Path.of("../conf/logback.xml") : Path.of("conf/logback.xml");
        configurator.doConfigure(conf.toFile());
        String line = AuthorizationAudit.line(WRITE_ORDERS, AuthorizationDecision.deny("no ACL found"));
        context.getLogger(AuthorizationAudit.LOGGER_NAME).info(line);
        context.getLogger(AuthorizationAudit.LOGGER_NAME).debug("allowed lines stay out at INFO");
        context.stop();
        assertThat(Files.readString(dir.resolve("broker-7-authorizer.log"))).contains(line)
                .doesNotContain("allowed lines stay out");
        assertThat(Files.readString(dir.resolve("broker-7.log"))).contains(line);
    }
}
