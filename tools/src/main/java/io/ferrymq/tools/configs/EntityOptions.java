package io.ferrymq.tools.configs;

import io.ferrymq.client.admin.ConfigResource;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The entity options of {@code ferry configs}: {@code --entity-type topics|brokers} and either
 * {@code --entity-name N} (a topic, or a broker id) or {@code --entity-default} (brokers only: the
 * cluster-wide dynamic defaults). A picocli mixin.
 */
public final class EntityOptions {

    @Option(names = "--entity-type", required = true, paramLabel = "topics|brokers",
            description = "Type of entity: topics or brokers.")
    private String entityType;

    @Option(names = "--entity-name", paramLabel = "NAME", description = "Topic name, or broker id.")
    private String entityName;

    @Option(names = "--entity-default", description = "The cluster-wide dynamic broker defaults (brokers only).")
    private boolean entityDefault;

    /** The resource named, or a usage error of {@code commandLine} saying why not. */
    ConfigResource resource(CommandLine commandLine) {
        boolean brokers = switch (entityType) {
            case "topics" -> false;
            case "brokers" -> true;
            default -> throw usage(commandLine, "--entity-type must be topics or brokers, was '" + entityType + "'");
        };
        if ((entityName == null) == !entityDefault) {
            throw usage(commandLine, "give exactly one of --entity-name and --entity-default");
        }
        if (!brokers) {
            if (entityDefault) {
                throw usage(commandLine, "--entity-default is for brokers only");
            }
            return ConfigResource.topic(entityName);
        }
        if (entityDefault) {
            return ConfigResource.clusterDefault();
        }
        if (!entityName.matches("\\d+")) {
            throw usage(commandLine, "--entity-name of a broker must be its id, was '" + entityName + "'");
        }
        return ConfigResource.broker(Integer.parseInt(entityName));
    }

    private static CommandLine.ParameterException usage(CommandLine commandLine, String message) {
        return new CommandLine.ParameterException(commandLine, message);
    }
}
