package io.ferrymq.it.harness;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heap of a broker JVM read over JMX: the test JVM attaches to the broker's PID (same user,
 * the JDK attach mechanism; no port, no JVM flag on the broker) and starts its local management
 * agent, then reads the platform memory pool MXBeans. {@link #peakUsedBytes()} sums the peak usage
 * of the heap pools since the last {@link #resetPeaks()}, an upper bound of the heap in use at any
 * one moment in between. One connection per instance; not thread-safe; close it.
 */
public final class BrokerHeap implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerHeap.class);

    private final JMXConnector connector;
    private final List<MemoryPoolMXBean> heapPools;

    private BrokerHeap(JMXConnector connector, List<MemoryPoolMXBean> heapPools) {
        this.connector = connector;
        this.heapPools = heapPools;
    }

    /** Attaches to the JVM with this PID. */
    public static BrokerHeap attach(long pid) {
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException | IOException e) {
            throw new IllegalStateException("cannot attach to the JVM of pid " + pid, e);
        }
        try {
            JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            MBeanServerConnection server = connector.getMBeanServerConnection();
            List<MemoryPoolMXBean> heap = ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class)
                    .stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
            return new BrokerHeap(connector, heap);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to the management agent of pid " + pid + " at " + address, e);
        }
    }

    /** Starts a new peak measurement. */
    public void resetPeaks() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of the heap pools' peak usage since the last reset (or JVM start). */
    public long peakUsedBytes() {
        return heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            LOG.debug("closing the JMX connection failed; the broker may be gone (killed on purpose)", e);
        }
    }
}
