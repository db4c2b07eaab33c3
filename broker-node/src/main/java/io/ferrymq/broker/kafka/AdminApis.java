package io.ferrymq.broker.kafka;

import java.util.List;

/**
 * The translators of cluster metadata and administration (Metadata, DescribeCluster, topic and ACL
 * administration); {@link KafkaApis} serves them all. Stateless.
 */
final class AdminApis {

    private AdminApis() {
    }

    static List<KafkaApi<?, ?>> create(KafkaContext context) {
        return List.of(
                new MetadataApi(context.topicIds()),
                new DescribeClusterApi(),
                new CreateTopicsApi(context.topicIds(), context.configs()),
                new DeleteTopicsApi(context.topicIds()),
                new CreatePartitionsApi(),
                new DescribeAclsApi(),
                new CreateAclsApi(),
                new DeleteAclsApi(),
                new DescribeConfigsApi());
    }
}
