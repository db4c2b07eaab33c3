package io.ferrymq.coordinator.acl;

import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.common.acl.AclBindingFilter;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The cluster's ACL bindings: written by CreateAcls and DeleteAcls on any broker, read by every
 * broker's authorizer from a local cache that follows changes without a restart.
 *
 * <p>Implementations are thread-safe.
 */
public interface AclStore extends AutoCloseable {

    /** Loads the cache; returns once it holds every binding stored at start. */
    void start();

    /** Every binding, as last seen. */
    Set<AclBinding> bindings();

    /** Stores {@code bindings} (already stored ones are kept once). */
    void add(Collection<AclBinding> bindings);

    /** Removes every stored binding {@code filter} matches and returns them. */
    List<AclBinding> remove(AclBindingFilter filter);

    /**
     * Calls {@code listener} with the complete set of bindings after every change the cache sees,
     * and once at once with the current set. Called on the store's event thread; must not block.
     */
    void addListener(Consumer<Set<AclBinding>> listener);

    @Override
    void close();
}
