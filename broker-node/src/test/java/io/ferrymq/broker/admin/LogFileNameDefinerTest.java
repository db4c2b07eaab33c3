package io.ferrymq.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogFileNameDefinerTest {

    private static final String MAIN = "io.ferrymq.broker.FerryMain ";

    @Test
    void brokersAndZooKeepersAreNamedAfterTheirConfigFile() {
        assertThat(LogFileNameDefiner.nameFor(MAIN + "broker --config conf/local-cluster/broker-2.properties")).isEqualTo("broker-2");
        assertThat(LogFileNameDefiner.nameFor(MAIN + "broker --config conf/broker.properties --override a=b")).isEqualTo("broker");
        assertThat(LogFileNameDefiner.nameFor(MAIN + "broker --config /etc/ferry/east.properties")).isEqualTo("broker-east");
        assertThat(LogFileNameDefiner.nameFor(MAIN + "zookeeper --config conf/local-cluster/zookeeper-3.properties"))
                .isEqualTo("zookeeper-3");
        assertThat(LogFileNameDefiner.nameFor(MAIN + "zookeeper --port 2181 --data-dir /tmp/zk")).isEqualTo("zookeeper");
    }

    @Test
    void otherCommandsUseTheDefaultName() {
        assertThat(LogFileNameDefiner.nameFor(MAIN + "topics list")).isEqualTo("ferry");
        assertThat(LogFileNameDefiner.nameFor("")).isEqualTo("ferry");
        assertThat(LogFileNameDefiner.nameFor(MAIN + "broker --config")).isEqualTo("broker");
    }
}
