package io.ferrymq.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.config.ConfigDefinition;
import io.ferrymq.common.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

class SslEngineFactoryTest {

    private static final ConfigDefinition CLIENT = SslConfigKeys.defineInto(new ConfigDefinition(), "test");
    private final TestCertificates certs = TestCertificates.shared();

    private static SslEngineFactory client(Map<String, String> settings) {
        return new SslEngineFactory(SslSettings.forClient(CLIENT.parse(settings)));
    }

    private static SslEngineFactory server(Map<String, String> settings) {
        return new SslEngineFactory(SslSettings.forServer(SslConfigKeys.BROKER.parse(settings)));
    }

    @Test
    void clientEnginesVerifyTheHostNameUnlessTheAlgorithmIsEmpty() {
        SSLEngine verifying = client(certs.clientSsl(null)).newClientEngine("localhost", 9093);
        Map<String, String> unchecked = new HashMap<>(certs.clientSsl(null));
        unchecked.put(SslConfigKeys.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM, "");

        assertThat(verifying.getUseClientMode()).isTrue();
        assertThat(verifying.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("https");
        assertThat(verifying.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.2", "TLSv1.3");
        assertThat(client(unchecked).newClientEngine("localhost", 9093).getSSLParameters()
                .getEndpointIdentificationAlgorithm()).isNull();
    }

    @Test
    void serverEnginesAskForClientCertificatesAsSslClientAuthSays() {
        Map<String, String> required = new HashMap<>(certs.brokerSsl(TestCertificates.BROKER));
        required.put(SslConfigKeys.SSL_CLIENT_AUTH, "required");
        Map<String, String> requested = new HashMap<>(certs.brokerSsl(TestCertificates.BROKER));
        requested.put(SslConfigKeys.SSL_CLIENT_AUTH, "requested");

        assertThat(server(required).newServerEngine().getNeedClientAuth()).isTrue();
        assertThat(server(requested).newServerEngine().getWantClientAuth()).isTrue();
        assertThat(server(certs.brokerSsl(TestCertificates.BROKER)).newServerEngine().getWantClientAuth()).isFalse();
    }

    @Test
    void aPemKeyAndChainLoadAsTheSameKeyAsTheStore() {
        SslEngineFactory pem = server(certs.pem(TestCertificates.BROKER));

        assertThat(pem.newServerEngine().getUseClientMode()).isFalse();
        assertThat(pem.settings().keyStore().isPem()).isTrue();
    }

    @Test
    void aMissingStoreAWrongPasswordAndAnUnknownProtocolAreNamed() {
        Map<String, String> missing = new HashMap<>(certs.brokerSsl(TestCertificates.BROKER));
        missing.put(SslConfigKeys.SSL_KEYSTORE_LOCATION, "/nonexistent/broker.p12");
        Map<String, String> wrongPassword = new HashMap<>(certs.brokerSsl(TestCertificates.BROKER));
        wrongPassword.put(SslConfigKeys.SSL_KEYSTORE_PASSWORD, "wrong");
        Map<String, String> oldProtocol = new HashMap<>(certs.clientSsl(null));
        oldProtocol.put(SslConfigKeys.SSL_ENABLED_PROTOCOLS, "TLSv1.3,SSLv2");

        assertThatThrownBy(() -> server(missing)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ssl.keystore.location").hasMessageContaining("/nonexistent/broker.p12");
        assertThatThrownBy(() -> server(wrongPassword)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ssl.keystore.location");
        assertThatThrownBy(() -> client(oldProtocol)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ssl.enabled.protocols").hasMessageContaining("[SSLv2]");
    }

    @Test
    void pemTextWithoutAKeyOrWithTwoIsRefused() {
        Map<String, String> noKey = new HashMap<>(certs.pem(TestCertificates.BROKER));
        noKey.put(SslConfigKeys.SSL_KEYSTORE_KEY, "not pem");
        Map<String, String> twoKeys = new HashMap<>(certs.pem(TestCertificates.BROKER));
        twoKeys.put(SslConfigKeys.SSL_KEYSTORE_KEY, twoKeys.get(SslConfigKeys.SSL_KEYSTORE_KEY).repeat(2));

        assertThatThrownBy(() -> server(noKey)).hasMessageContaining("found 0");
        assertThatThrownBy(() -> server(twoKeys)).hasMessageContaining("found 2");
    }

    @Test
    void passwordsAreHiddenInTheDescribedConfiguration() {
        String described = SslConfigKeys.BROKER.parse(certs.brokerSsl(TestCertificates.BROKER)).describe();

        assertThat(described).contains("ssl.keystore.password = [hidden]").doesNotContain(TestCertificates.PASSWORD);
    }
}
