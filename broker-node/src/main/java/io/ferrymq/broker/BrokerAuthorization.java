package io.ferrymq.broker;

import io.ferrymq.broker.metrics.BrokerMetrics;
import io.ferrymq.broker.security.AclAuthorizer;
import io.ferrymq.broker.security.Authorizer;
import io.ferrymq.broker.security.AuthorizerSettings;
import io.ferrymq.broker.server.AccessControl;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.broker.server.handler.CreateAclsHandler;
import io.ferrymq.broker.server.handler.DeleteAclsHandler;
import io.ferrymq.broker.server.handler.DescribeAclsHandler;
import io.ferrymq.coordinator.acl.AclStore;
import io.ferrymq.coordinator.acl.ZkAclStore;
import io.ferrymq.coordinator.zk.ZkClient;
import java.util.List;
import java.util.Optional;

/**
 * Wires the broker's authorization when {@code authorizer.class.name} is set: the ACL store (loaded
 * before the broker serves), an {@link AclAuthorizer} that follows its changes and counts outcomes
 * in the broker's metrics, and the {@link AccessControl} of the request path. The ACL APIs are
 * served either way (answering {@code SECURITY_DISABLED} when authorization is off).
 *
 * <p>Built once by {@link Broker} at start-up; immutable after, so thread-safe.
 */
final class BrokerAuthorization implements AutoCloseable {

    private final Optional<AclStore> store;
    private final Optional<Authorizer> authorizer;
    private final Optional<AccessControl> accessControl;

    private BrokerAuthorization(Optional<AclStore> store, Optional<Authorizer> authorizer) {
        this.store = store;
        this.authorizer = authorizer;
        this.accessControl = authorizer.map(AccessControl::new);
    }

    /** Loads the ACLs and starts following them when {@code settings} is present; the caller closes it. */
    static BrokerAuthorization start(Optional<AuthorizerSettings> settings, ZkClient zk, BrokerMetrics metrics) {
        if (settings.isEmpty()) {
            return new BrokerAuthorization(Optional.empty(), Optional.empty());
        }
        ZkAclStore store = new ZkAclStore(zk.curator(), zk.config().connectionTimeout().toMillis());
        try {
            store.start();
            AclAuthorizer authorizer = new AclAuthorizer(settings.get(), metrics::recordAuthorization);
            authorizer.accept(store.bindings());
            store.addListener(authorizer);
            return new BrokerAuthorization(Optional.of(store), Optional.of(authorizer));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The authorizer of the request path, also asked by the web console for its logged-in users. */
    Optional<Authorizer> authorizer() {
        return authorizer;
    }

    Optional<AccessControl> accessControl() {
        return accessControl;
    }

    /** The CreateAcls, DescribeAcls and DeleteAcls handlers. */
    List<RequestHandler<?>> handlers() {
        return List.of(new CreateAclsHandler(store), new DescribeAclsHandler(store), new DeleteAclsHandler(store));
    }

    @Override
    public void close() {
        store.ifPresent(AclStore::close);
    }
}
