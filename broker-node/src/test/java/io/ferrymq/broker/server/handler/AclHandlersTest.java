package io.ferrymq.broker.server.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.common.acl.AccessControlEntry;
import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.common.acl.AclBindingFilter;
import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.AclPermissionType;
import io.ferrymq.common.acl.ResourcePattern;
import io.ferrymq.common.acl.ResourceType;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.AclBindingData;
import io.ferrymq.common.protocol.AclFilterData;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.requests.CreateAclsRequest;
import io.ferrymq.common.protocol.requests.DeleteAclsRequest;
import io.ferrymq.common.protocol.requests.DescribeAclsRequest;
import io.ferrymq.common.protocol.responses.CreateAclsResponse;
import io.ferrymq.common.protocol.responses.DeleteAclsResponse;
import io.ferrymq.common.protocol.responses.DescribeAclsResponse;
import io.ferrymq.coordinator.acl.AclStore;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class AclHandlersTest {

    private static final AclBinding READ_ORDERS = new AclBinding(ResourcePattern.literal(ResourceType.TOPIC, "orders"),
            new AccessControlEntry("User:alice", "*", AclOperation.READ, AclPermissionType.ALLOW));
    private static final AclBindingData BAD = new AclBindingData((byte) 2, "orders", (byte) 3, "alice", "*",
            (byte) 3, (byte) 3);

    private final InMemoryAclStore store = new InMemoryAclStore();
    private final Optional<AclStore> enabled = Optional.of(store);

    private static RequestContext context(ApiKey key) {
        return new RequestContext(key, (short) 0, 1, "c", new InetSocketAddress("127.0.0.1", 1));
    }

    @Test
    void createStoresValidBindingsAndRefusesInvalidOnesAlone() {
        CreateAclsResponse response = new CreateAclsHandler(enabled).handle(context(ApiKey.CREATE_ACLS),
                new CreateAclsRequest(List.of(AclBindingData.of(READ_ORDERS), BAD))).join();
        assertThat(response.results().get(0).error()).isEqualTo(ErrorCode.NONE);
        assertThat(response.results().get(1).error()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(response.results().get(1).errorMessage()).contains("Type:name").contains("'alice'");
        assertThat(store.bindings()).containsExactly(READ_ORDERS);
    }

    @Test
    void describeAndDeleteMatchTheFilter() {
        store.add(List.of(READ_ORDERS));
        AclFilterData any = AclFilterData.of(AclBindingFilter.ANY);
        DescribeAclsResponse described = new DescribeAclsHandler(enabled).handle(context(ApiKey.DESCRIBE_ACLS),
                new DescribeAclsRequest(any)).join();
        assertThat(described.bindings()).containsExactly(AclBindingData.of(READ_ORDERS));
        DeleteAclsResponse deleted = new DeleteAclsHandler(enabled).handle(context(ApiKey.DELETE_ACLS),
                new DeleteAclsRequest(List.of(any, new AclFilterData((byte) 0, null, (byte) 1, null, null, (byte) 1,
                        (byte) 1)))).join();
        assertThat(deleted.results().get(0).deleted()).containsExactly(AclBindingData.of(READ_ORDERS));
        assertThat(deleted.results().get(1).error()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(deleted.results().get(1).errorMessage()).contains("resource type code 0");
        assertThat(store.bindings()).isEmpty();
    }

    @Test
    void withoutAnAuthorizerEveryAclCallIsSecurityDisabled() {
        Optional<AclStore> none = Optional.empty();
        assertThat(new CreateAclsHandler(none).handle(context(ApiKey.CREATE_ACLS),
                new CreateAclsRequest(List.of(AclBindingData.of(READ_ORDERS)))).join().results())
                .singleElement().satisfies(r -> assertThat(r.error()).isEqualTo(ErrorCode.SECURITY_DISABLED));
        assertThat(new DescribeAclsHandler(none).handle(context(ApiKey.DESCRIBE_ACLS),
                new DescribeAclsRequest(AclFilterData.of(AclBindingFilter.ANY))).join().error())
                .isEqualTo(ErrorCode.SECURITY_DISABLED);
        assertThat(new DeleteAclsHandler(none).handle(context(ApiKey.DELETE_ACLS),
                new DeleteAclsRequest(List.of(AclFilterData.of(AclBindingFilter.ANY)))).join().results())
                .singleElement().satisfies(r -> assertThat(r.error()).isEqualTo(ErrorCode.SECURITY_DISABLED));
    }

    /** An in-memory {@link AclStore}; not thread-safe (the tests call it from one thread). */
    private static final class InMemoryAclStore implements AclStore {
        private final Set<AclBinding> bindings = new LinkedHashSet<>();

        @Override
        public void start() {
        }

        @Override
        public Set<AclBinding> bindings() {
            return Set.copyOf(bindings);
        }

        @Override
        public void add(Collection<AclBinding> added) {
            bindings.addAll(added);
        }

        @Override
        public List<AclBinding> remove(AclBindingFilter filter) {
            List<AclBinding> removed = new ArrayList<>(bindings.stream().filter(filter::matches).toList());
            removed.forEach(bindings::remove);
            return removed;
        }

        @Override
        public void addListener(Consumer<Set<AclBinding>> listener) {
            listener.accept(bindings());
        }

        @Override
        public void close() {
        }
    }
}
