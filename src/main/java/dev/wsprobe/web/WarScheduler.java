package dev.wsprobe.web;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Where the WAR's periodic work runs (the session keeper, the message lines, the in-container sender).
 * On a Jakarta EE server that is the server's own {@code java:comp/DefaultManagedScheduledExecutorService}:
 * container-managed threads, as the platform asks. Servlet containers (Tomcat, Jetty) offer no such thing;
 * there the WAR makes its own small scheduler, with daemon threads named {@code wsprobe-<n> <context path>},
 * started with the deployment and shut down with it ({@link #close}), so an undeploy leaves no thread behind.
 */
final class WarScheduler implements AutoCloseable {
    /** Jakarta EE's default instance; every Jakarta EE 10 Web Profile server provides it. */
    static final String MANAGED = "java:comp/DefaultManagedScheduledExecutorService";
    /** The own scheduler's threads: the keeper, the message lines and the sender (a connect may block one). */
    static final int OWN_THREADS = 2;
    /** Every thread of the own scheduler has a name starting with this. */
    static final String THREAD_PREFIX = "wsprobe-";

    private static final System.Logger LOG = System.getLogger(WarScheduler.class.getName());

    private final ScheduledExecutorService executor;
    /** null when the server's managed executor is used: it is the server's to stop */
    private final ScheduledThreadPoolExecutor own;
    private final String description;

    private WarScheduler(ScheduledExecutorService executor, ScheduledThreadPoolExecutor own, String description) {
        this.executor = executor;
        this.own = own;
        this.description = description;
    }

    /**
     * The server's managed scheduler, else a new one of the application's own. Call from the application's
     * start-up thread: the naming context and the context class loader are the application's there, and the
     * own scheduler's threads take that class loader.
     */
    static WarScheduler forApplication(String contextPath) {
        try {
            Object managed = new InitialContext().lookup(MANAGED);
            if (managed instanceof ManagedScheduledExecutorService scheduler) {
                return new WarScheduler(scheduler, null, "the server's " + MANAGED);
            }
            LOG.log(System.Logger.Level.DEBUG, MANAGED + " is a " + managed.getClass().getName());
        } catch (NamingException | LinkageError e) {
            // a servlet container: no naming at all, no such name, or no Jakarta Concurrency classes
            LOG.log(System.Logger.Level.DEBUG, "no " + MANAGED + ": " + e);
        }
        ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(OWN_THREADS, threads(contextPath));
        own.setRemoveOnCancelPolicy(true);
        own.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return new WarScheduler(own, own, "its own " + OWN_THREADS + " threads (" + THREAD_PREFIX + "*; the server "
                + "offers no " + MANAGED + ")");
    }

    private static ThreadFactory threads(String contextPath) {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        String suffix = contextPath.isEmpty() ? " /" : " " + contextPath;
        AtomicInteger numbers = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, THREAD_PREFIX + numbers.incrementAndGet() + suffix);
            thread.setDaemon(true);
            thread.setContextClassLoader(application);
            return thread;
        };
    }

    ScheduledExecutorService executor() {
        return executor;
    }

    /** For the start-up line: which scheduler runs the timers. */
    String describe() {
        return description;
    }

    /**
     * Stops the application's own scheduler, if it made one, and waits up to {@code patience} for its
     * threads to end; the server's managed scheduler is the server's and stays.
     */
    void close(Duration patience) {
        if (own == null) {
            return;
        }
        own.shutdownNow();
        try {
            if (!own.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "wsprobe's scheduler threads did not end within "
                        + patience.toMillis() + " ms of the undeploy");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
