package io.ferrymq.broker;

import io.ferrymq.broker.config.BrokerConfig;
import io.ferrymq.broker.config.Endpoint;
import io.ferrymq.broker.server.AdvertisedListeners;
import io.ferrymq.broker.server.ListenerSecurity;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.security.SecurityProtocol;
import io.ferrymq.common.security.SslEngineFactory;
import io.ferrymq.coordinator.registry.BrokerEndpoint;
import io.ferrymq.coordinator.registry.BrokerInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The broker's listeners as its parts need them: each listener's security for the server (TLS
 * stores loaded here, so a bad one fails before anything opens), the follower side of the
 * inter-broker listener, what each listener advertises once bound, and the registration that
 * carries them all.
 *
 * <p>Stateless and thread-safe.
 */
final class BrokerListeners {

    private BrokerListeners() {
    }

    /** One {@link ListenerSecurity} per listener, in listener order (no SASL authenticator yet). */
    static List<ListenerSecurity> security(BrokerConfig config) {
        return config.listeners().stream()
                .map(listener -> ListenerSecurity.of(listener, config::sslSettings, Optional.empty())).toList();
    }

    /** How followers connect to leaders: as the inter-broker listener's protocol and TLS settings say. */
    static ClientSecurity interBroker(BrokerConfig config) {
        String name = config.interBrokerListenerName();
        SecurityProtocol protocol = config.listenerProtocols().get(name);
        if (protocol.isSasl()) {
            throw new ConfigException("the inter-broker listener " + name + " uses " + protocol
                    + ", but brokers cannot authenticate to each other with SASL yet; use PLAINTEXT or SSL");
        }
        return protocol.isTls() ? ClientSecurity.ssl(new SslEngineFactory(config.sslSettings(name)))
                : ClientSecurity.PLAINTEXT;
    }

    /** What each listener advertises, given the addresses bound in listener order. */
    static List<Endpoint> advertised(BrokerConfig config, List<InetSocketAddress> bound) {
        return AdvertisedListeners.resolve(config.listeners(), bound, config.advertisedListeners(),
                BrokerListeners::localHostName);
    }

    /** Every advertised listener; other brokers reach this one on the inter-broker listener's. */
    static BrokerInfo registration(BrokerConfig config, List<Endpoint> advertised, long startTimeMs) {
        List<BrokerEndpoint> endpoints = advertised.stream()
                .map(e -> new BrokerEndpoint(e.listenerName(), e.securityProtocol(), e.host(), e.port())).toList();
        BrokerEndpoint interBroker = endpoints.stream()
                .filter(e -> e.listenerName().equals(config.interBrokerListenerName())).findFirst().orElseThrow();
        return BrokerInfo.of(config.brokerId(), interBroker, endpoints, config.rack(), startTimeMs);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            throw new ConfigException("listeners binds every interface and the local host name cannot be resolved ("
                    + e.getMessage() + "); set advertised.listeners");
        }
    }
}
