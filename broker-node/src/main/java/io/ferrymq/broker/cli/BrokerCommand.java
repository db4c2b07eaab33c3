package io.ferrymq.broker.cli;

import io.ferrymq.broker.Broker;
import io.ferrymq.broker.config.BrokerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry broker --config FILE [--override key=value ...]}: runs one broker in the foreground
 * until SIGTERM or Ctrl-C, which stop it cleanly through a shutdown hook (controlled shutdown, drain,
 * clean-shutdown marker). A bad configuration exits non-zero with one line naming the key.
 *
 * <p>Not thread-safe; picocli runs it once.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run a Ferry broker in the foreground until SIGTERM.")
public final class BrokerCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(BrokerCommand.class);

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "Broker properties file (Kafka key names), e.g. conf/broker.properties.")
    private Path configFile;

    @Option(names = "--override", paramLabel = "KEY=VALUE",
            description = "Set a configuration key, overriding the file; repeatable.")
    private List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        BrokerConfig config = BrokerConfig.load(configFile, overrides);
        log.info("Broker configuration:\n{}", config.describe());
        Broker broker = Broker.start(config);
        Thread hook = new Thread(broker::close, "ferry-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        broker.awaitShutdown();
        return 0;
    }
}
