package io.rerankworkbench.server;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Without an API key, anything that can send a request to the port can use the model, including a web page in the
 * user's browser: through DNS rebinding (a name of the attacker's that resolves to 127.0.0.1, sent as {@code Host})
 * or through a plain cross-site POST (which carries the page's {@code Origin}). So a key-less server answers only
 * requests whose {@code Host} is one of its own names and whose {@code Origin}, if any, is too. Thread-safe
 * (immutable).
 */
final class HostGuard {

    private final Set<String> names;

    private HostGuard(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /**
     * The names a request may be addressed to: the bound host, the loopback names, the names in {@code extra}, and
     * — when the server listens on every interface — the machine's own addresses and host name.
     */
    static HostGuard forServer(String boundHost, Collection<String> extra) {
        Set<String> names = new LinkedHashSet<>();
        names.add(normalize(boundHost));
        names.addAll(List.of("localhost", "127.0.0.1", "::1"));
        extra.forEach(n -> names.add(normalize(n)));
        if (isWildcard(boundHost)) {
            try {
                for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                        names.add(normalize(a.getHostAddress()));
                    }
                }
            } catch (SocketException ignored) {
                // Only loopback and the configured names are then accepted.
            }
            try {
                names.add(normalize(InetAddress.getLocalHost().getHostName()));
            } catch (UnknownHostException ignored) {
                // No host name to add.
            }
        }
        return new HostGuard(names);
    }

    Set<String> names() {
        return names;
    }

    /**
     * @param host    the request's {@code Host} header, or null (HTTP/1.0)
     * @param origin  the request's {@code Origin} header, or null (not sent by a browser)
     * @throws ApiException 403 when either names another host
     */
    void check(String host, String origin) {
        if (host != null && !names.contains(hostOf(host))) {
            throw ApiException.forbidden("this server has no API key, so it answers only requests addressed to "
                    + "its own names (" + String.join(", ", names) + "), not to Host '"
                    + ServerHandler.printable(host) + "'; set an API key or add the name to the allowed hosts");
        }
        if (origin != null) {
            String originHost = originHost(origin);
            if (originHost == null || !names.contains(originHost)) {
                throw ApiException.forbidden("this server has no API key, so it refuses requests from web pages of"
                        + " other sites (Origin '" + ServerHandler.printable(origin) + "')");
            }
        }
    }

    /** The host part of a {@code Host} header value: {@code [::1]:8089} → {@code ::1}, {@code a:80} → {@code a}. */
    static String hostOf(String header) {
        String h = header.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? normalize(h) : normalize(h.substring(1, end));
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && colon == h.lastIndexOf(':')) {
            h = h.substring(0, colon);
        }
        return normalize(h);
    }

    private static String originHost(String origin) {
        try {
            URI uri = new URI(origin.strip());
            return uri.getHost() == null ? null : normalize(uri.getHost());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String normalize(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.startsWith("[") && n.endsWith("]")) {
            n = n.substring(1, n.length() - 1);
        }
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        // One spelling per IPv6 address (0:0:0:0:0:0:0:1 and ::1 alike).
        if (n.contains(":")) {
            try {
                int zone = n.indexOf('%');
                InetAddress a = InetAddress.getByName(zone < 0 ? n : n.substring(0, zone));
                n = a.getHostAddress().toLowerCase(Locale.ROOT);
                n = n.equals("0:0:0:0:0:0:0:1") ? "::1" : n;
            } catch (UnknownHostException | IllegalArgumentException | SecurityException e) {
                return n;
            }
        }
        return n;
    }

    static boolean isWildcard(String host) {
        String h = host.strip();
        return h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]") || h.equals("0:0:0:0:0:0:0:0");
    }
}
