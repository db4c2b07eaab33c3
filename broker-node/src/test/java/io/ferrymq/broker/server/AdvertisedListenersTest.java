package io.ferrymq.broker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.config.Endpoint;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.security.SecurityProtocol;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdvertisedListenersTest {

    private static final Endpoint PLAIN = new Endpoint("PLAINTEXT", SecurityProtocol.PLAINTEXT, "127.0.0.1", 0);
    private static final Endpoint TLS = new Endpoint("SSL", SecurityProtocol.SSL, "", 0);
    private static final List<InetSocketAddress> BOUND = List.of(new InetSocketAddress("127.0.0.1", 41000),
            new InetSocketAddress("0.0.0.0", 41001));

    @Test
    void aNamedAdvertisedListenerWinsAndTheOthersAreAdvertisedAsBound() {
        Endpoint external = new Endpoint("SSL", SecurityProtocol.SSL, "broker.example", 9093);

        List<Endpoint> advertised = AdvertisedListeners.resolve(List.of(PLAIN, TLS), BOUND, List.of(external),
                () -> "unused");

        assertThat(advertised).containsExactly(PLAIN.withPort(41000), external);
    }

    @Test
    void aWildcardHostIsAdvertisedAsTheLocalHostNameAskedOnlyThen() {
        AtomicInteger asked = new AtomicInteger();

        List<Endpoint> advertised = AdvertisedListeners.resolve(List.of(PLAIN, TLS), BOUND, List.of(), () -> {
            asked.incrementAndGet();
            return "host-1.example";
        });

        assertThat(advertised).containsExactly(PLAIN.withPort(41000),
                new Endpoint("SSL", SecurityProtocol.SSL, "host-1.example", 41001));
        assertThat(asked).hasValue(1);
    }

    @Test
    void aSaslListenerIsRefusedUntilAnAuthenticatorExistsAndPlaintextIsNotTls() {
        Endpoint sasl = new Endpoint("SASL_SSL", SecurityProtocol.SASL_PLAINTEXT, "", 9094);

        assertThatThrownBy(() -> ListenerSecurity.of(sasl, name -> { throw new AssertionError("no TLS"); },
                Optional.empty()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("has no SASL authenticator");
        assertThatThrownBy(() -> ListenerSecurity.plaintext(TLS)).hasMessageContaining("is SSL, not PLAINTEXT");
        assertThat(ListenerSecurity.of(sasl, name -> { throw new AssertionError("no TLS"); },
                Optional.of((pipeline, listener) -> { })).listener()).isEqualTo(sasl);
    }
}
