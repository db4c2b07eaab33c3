package io.ferrymq.broker.kafka.admin;

import io.ferrymq.broker.kafka.KafkaApi;
import io.ferrymq.broker.kafka.KafkaApis;
import io.ferrymq.broker.kafka.KafkaContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The translators of cluster metadata and administration (Metadata, DescribeCluster, topic and ACL
 * administration, on-demand leader election, partition reassignment); {@link KafkaApis} serves them all. Stateless.
 */
public final class AdminApis {

    private AdminApis() {
    }

    public static List<KafkaApi<?, ?>> create(KafkaContext context) {
        List<KafkaApi<?, ?>> apis = new ArrayList<>(List.of(
                new MetadataApi(context.topicIds()),
                new DescribeClusterApi(),
                new CreateTopicsApi(context.topicIds(), context.configs()),
                new DeleteTopicsApi(context.topicIds()),
                new CreatePartitionsApi(),
                new ElectLeadersApi(),
                new DescribeAclsApi(),
                new CreateAclsApi(),
                new DeleteAclsApi(),
                new DescribeConfigsApi(),
                new AlterConfigsApi(),
                new IncrementalAlterConfigsApi()));
        apis.addAll(ScramCredentialApis.create());
        apis.addAll(PartitionReassignmentApis.create());
        return apis;
    }
}
