package dev.wsprobe.standalone;

import java.util.Locale;
import org.glassfish.grizzly.IOStrategy;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.strategies.LeaderFollowerNIOStrategy;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.grizzly.strategies.SimpleDynamicNIOStrategy;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;

/**
 * How the standalone server's Grizzly transport runs: threads, I/O strategy, buffers. The defaults are the
 * best measured on a 2-core machine with the load generator on the same cores (docs/benchmarks.md), not
 * Grizzly's (a worker pool and a hop to it for every message).
 *
 * @param ioStrategy       where endpoint code runs: {@code same-thread} on the selector thread that read the message
 *                         (no hand-off; wsprobe's endpoints never block: echoes and acks are sent asynchronously);
 *                         {@code worker-thread} on a worker pool (Grizzly's and Tyrus' default);
 *                         {@code leader-follower} or {@code dynamic} (Grizzly's other strategies)
 * @param selectorThreads  threads that select and, with same-thread, run the endpoints; 0 = one per core
 * @param workerThreads    worker pool size for the strategies that use one; 0 = two per core
 * @param readBufferBytes  per-read buffer and minimum socket receive buffer; 0 = the operating system's
 * @param writeBufferBytes minimum socket send buffer; 0 = the operating system's
 */
public record ServerTuning(Strategy ioStrategy, int selectorThreads, int workerThreads, int readBufferBytes,
        int writeBufferBytes) {
    public static final ServerTuning DEFAULT = new ServerTuning(Strategy.SAME_THREAD, 0, 0, 0, 0);

    public ServerTuning {
        if (selectorThreads < 0 || workerThreads < 0 || readBufferBytes < 0 || writeBufferBytes < 0) {
            throw new IllegalArgumentException("thread counts and buffer sizes cannot be negative");
        }
    }

    /** Grizzly's I/O strategies, by the names the command line uses. */
    public enum Strategy {
        SAME_THREAD, WORKER_THREAD, LEADER_FOLLOWER, DYNAMIC;

        public static Strategy parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not an I/O strategy; use same-thread, "
                        + "worker-thread, leader-follower or dynamic", e);
            }
        }

        IOStrategy grizzly() {
            return switch (this) {
                case SAME_THREAD -> SameThreadIOStrategy.getInstance();
                case WORKER_THREAD -> WorkerThreadIOStrategy.getInstance();
                case LEADER_FOLLOWER -> LeaderFollowerNIOStrategy.getInstance();
                case DYNAMIC -> SimpleDynamicNIOStrategy.getInstance();
            };
        }

        boolean usesWorkers() {
            return this != SAME_THREAD;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public int effectiveSelectorThreads() {
        return selectorThreads > 0 ? selectorThreads : Runtime.getRuntime().availableProcessors();
    }

    int effectiveWorkerThreads() {
        return workerThreads > 0 ? workerThreads : 2 * Runtime.getRuntime().availableProcessors();
    }

    /** Applies the settings to a listener's transport, before it starts. */
    void applyTo(TCPNIOTransport transport) {
        transport.setIOStrategy(ioStrategy.grizzly());
        transport.setSelectorRunnersCount(effectiveSelectorThreads());
        if (ioStrategy.usesWorkers()) {
            int workers = effectiveWorkerThreads();
            transport.setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig().copy()
                    .setPoolName("wsprobe-worker").setCorePoolSize(workers).setMaxPoolSize(workers));
        } else {
            transport.setWorkerThreadPoolConfig(null); // no pool: nothing ever runs there
        }
        if (readBufferBytes > 0) {
            transport.setReadBufferSize(readBufferBytes);
        }
        if (writeBufferBytes > 0) {
            transport.setWriteBufferSize(writeBufferBytes);
        }
    }

    /** {@code same-thread on 2 selector threads, buffers: system}, for the start-up log. */
    public String describe() {
        return ioStrategy + " on " + effectiveSelectorThreads() + " selector thread(s)"
                + (ioStrategy.usesWorkers() ? " + " + effectiveWorkerThreads() + " worker thread(s)" : "")
                + ", read buffer " + (readBufferBytes > 0 ? readBufferBytes + " bytes" : "system default")
                + ", write buffer " + (writeBufferBytes > 0 ? writeBufferBytes + " bytes" : "system default");
    }
}
