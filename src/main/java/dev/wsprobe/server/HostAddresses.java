package dev.wsprobe.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Addresses as people write them: IPv6 in the compressed form of RFC 5952 ({@code ::1}, not the JDK's
 * {@code 0:0:0:0:0:0:0:1}), and with a port in brackets ({@code [::1]:51234}), IPv4 as usual.
 */
public final class HostAddresses {
    private HostAddresses() {
    }

    /** {@code 127.0.0.1}, {@code ::1}, {@code 2001:db8::1}, {@code fe80::1%eth0}. */
    public static String text(InetAddress address) {
        String full = address.getHostAddress();
        if (!(address instanceof Inet6Address)) {
            return full;
        }
        int percent = full.indexOf('%');
        String scope = percent < 0 ? "" : full.substring(percent);
        String[] groups = (percent < 0 ? full : full.substring(0, percent)).split(":");
        int bestStart = -1;
        int bestLength = 1; // a single zero group stays as it is (RFC 5952 4.2.2)
        for (int i = 0; i < groups.length; i++) {
            int length = 0;
            while (i + length < groups.length && isZero(groups[i + length])) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(groups[i].replaceFirst("^0+(?=.)", "").toLowerCase(java.util.Locale.ROOT));
        }
        return text + scope;
    }

    /** {@code 127.0.0.1:51234} or {@code [::1]:51234}. */
    public static String text(InetAddress address, int port) {
        String host = text(address);
        return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }

    /** The same as {@link #text(InetAddress, int)}; unresolved: {@code name:port}. */
    public static String text(InetSocketAddress socket) {
        return socket.getAddress() == null ? socket.getHostString() + ":" + socket.getPort()
                : text(socket.getAddress(), socket.getPort());
    }

    /** {@code address} (an IP literal, as a servlet request's remote address gives it) in the same form. */
    public static String normalized(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        try {
            String literal = address.startsWith("[") && address.endsWith("]")
                    ? address.substring(1, address.length() - 1) : address;
            return text(InetAddress.getByName(literal));
        } catch (java.net.UnknownHostException | RuntimeException e) {
            return address;
        }
    }

    private static boolean isZero(String group) {
        return group.chars().allMatch(c -> c == '0');
    }
}
