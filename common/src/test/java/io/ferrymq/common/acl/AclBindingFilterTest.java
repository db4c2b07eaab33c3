package io.ferrymq.common.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.protocol.AclBindingData;
import io.ferrymq.common.protocol.AclFilterData;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AclBindingFilterTest {

    private static AclBinding binding(String name, PatternType pattern, String principal, AclOperation op) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, name, pattern),
                new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }

    private static AclBindingFilter topics(Optional<String> name, PatternType pattern) {
        return new AclBindingFilter(ResourceType.TOPIC, name, pattern, Optional.empty(), Optional.empty(),
                AclOperation.ANY, AclPermissionType.ANY);
    }

    private final AclBinding literal = binding("orders", PatternType.LITERAL, "User:a", AclOperation.READ);
    private final AclBinding wildcard = binding("*", PatternType.LITERAL, "User:b", AclOperation.WRITE);
    private final AclBinding prefix = binding("ord", PatternType.PREFIXED, "User:a", AclOperation.READ);
    private final AclBinding other = binding("payments", PatternType.LITERAL, "User:a", AclOperation.READ);
    private final List<AclBinding> all = List.of(literal, wildcard, prefix, other);

    @Test
    void patternTypesSelectAsKafkasFiltersDo() {
        assertThat(all.stream().filter(topics(Optional.of("orders"), PatternType.MATCH)::matches))
                .containsExactly(literal, wildcard, prefix);
        assertThat(all.stream().filter(topics(Optional.of("ord"), PatternType.ANY)::matches)).containsExactly(prefix);
        assertThat(all.stream().filter(topics(Optional.empty(), PatternType.LITERAL)::matches))
                .containsExactly(literal, wildcard, other);
        assertThat(all.stream().filter(AclBindingFilter.ANY::matches)).containsExactlyElementsOf(all);
        assertThat(all.stream().filter(AclBindingFilter.exactly(prefix)::matches)).containsExactly(prefix);
    }

    @Test
    void entryFieldsNarrowTheFilter() {
        AclBindingFilter aliceReads = new AclBindingFilter(ResourceType.ANY, Optional.empty(), PatternType.ANY,
                Optional.of("User:a"), Optional.of("*"), AclOperation.READ, AclPermissionType.ALLOW);
        assertThat(all.stream().filter(aliceReads::matches)).containsExactly(literal, prefix, other);
    }

    @Test
    void wireFormsRoundTripAndRefuseBadCodesByName() {
        assertThat(AclBindingData.of(prefix).toBinding()).isEqualTo(prefix);
        AclBindingFilter filter = topics(Optional.of("orders"), PatternType.MATCH);
        assertThat(AclFilterData.of(filter).toFilter()).isEqualTo(filter);
        assertThat(AclFilterData.of(AclBindingFilter.ANY).toFilter()).isEqualTo(AclBindingFilter.ANY);
        assertThatThrownBy(() -> new AclBindingData((byte) 2, "t", (byte) 3, "User:a", "*", (byte) 99, (byte) 3)
                .toBinding()).hasMessageContaining("operation code 99");
        assertThatThrownBy(() -> new AclBindingData((byte) 2, "t", (byte) 1, "User:a", "*", (byte) 3, (byte) 3)
                .toBinding()).hasMessageContaining("LITERAL or PREFIXED");
        assertThatThrownBy(() -> new AclBindingData((byte) 4, "other", (byte) 3, "User:a", "*", (byte) 3, (byte) 3)
                .toBinding()).hasMessageContaining("kafka-cluster");
        assertThatThrownBy(() -> AclOperation.parse("fly")).hasMessageContaining("'fly'");
        assertThat(AclOperation.parse("cluster_action")).isEqualTo(AclOperation.CLUSTER_ACTION);
        assertThat(AclOperation.parse("ClusterAction")).isEqualTo(AclOperation.CLUSTER_ACTION);
    }
}
