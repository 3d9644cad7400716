package io.rerankworkbench.server;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose first request's headers have not all arrived within the read timeout. The idle timeout
 * alone would let a client that sends one byte every few seconds keep a connection for ever. Thread-safe.
 */
final class SlowConnections implements Connection.Listener {

    private static final System.Logger LOG = System.getLogger(SlowConnections.class.getName());

    private final Scheduler scheduler;
    private final Duration timeout;
    // Keyed by the client's address and port: with TLS a connection opens twice (the encrypted one and the HTTP one
    // inside it); the first, the network's own, is the one to time and to close.
    private final Map<SocketAddress, Scheduler.Task> waiting = new ConcurrentHashMap<>();

    SlowConnections(Scheduler scheduler, Duration timeout) {
        this.scheduler = scheduler;
        this.timeout = timeout;
    }

    @Override
    public void onOpened(Connection connection) {
        SocketAddress client = connection.getEndPoint().getRemoteSocketAddress();
        if (client == null) {
            return;
        }
        waiting.computeIfAbsent(client, c -> scheduler.schedule(() -> {
            if (waiting.remove(client) != null) {
                LOG.log(System.Logger.Level.DEBUG, () -> "Closing a connection whose request headers did not"
                        + " arrive within " + timeout.toSeconds() + " s: " + client);
                connection.getEndPoint().close();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void onClosed(Connection connection) {
        cancel(connection);
    }

    /** A request's headers arrived on {@code connection}: it is no longer in danger. */
    void requestArrived(Connection connection) {
        cancel(connection);
    }

    private void cancel(Connection connection) {
        SocketAddress client = connection == null ? null : connection.getEndPoint().getRemoteSocketAddress();
        Scheduler.Task task = client == null ? null : waiting.remove(client);
        if (task != null) {
            task.cancel();
        }
    }
}
