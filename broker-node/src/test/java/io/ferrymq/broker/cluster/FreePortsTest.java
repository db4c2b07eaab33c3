package io.ferrymq.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsAreDistinctBindableAndOutsideTheEphemeralRange() throws Exception {
        List<Integer> ports = FreePorts.pick(50);

        assertThat(ports).doesNotHaveDuplicates().hasSize(50);
        int low = FreePorts.ephemeralLow();
        if (low > 0) {
            assertThat(ports).allSatisfy(port -> assertThat(port).isBetween(low / 4, low / 2 - 1));
        }
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aPortInUseIsNeverPicked() throws Exception {
        int low = FreePorts.ephemeralLow();
        try (ServerSocket held = new ServerSocket(FreePorts.pick(), 1, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 200; i++) {
                assertThat(FreePorts.pick(20)).doesNotContain(held.getLocalPort());
            }
            if (low > 0) {
                assertThat(held.getLocalPort()).isLessThan(low / 2);
            }
        }
    }
}
