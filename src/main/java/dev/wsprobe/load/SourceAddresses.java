package dev.wsprobe.load;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where the load's connections come from. Every connection to one server address and port needs its own
 * local port, and one local address has only the kernel's ephemeral range of them (about 28,000 on Linux).
 * Beyond that, connections are spread over 127.0.0.1, 127.0.0.2, ...: Linux answers on every 127/8 address
 * without configuration, so this works towards an IPv4 loopback server only.
 */
public final class SourceAddresses {
    private static final Path PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default range, 32768-60999, when the kernel's setting cannot be read. */
    private static final int DEFAULT_EPHEMERAL_PORTS = 28_232;

    private SourceAddresses() {
    }

    /**
     * Ports one source address can use for the load: 90 % of the ephemeral range, leaving room for
     * connections of earlier runs still in TIME_WAIT and for everything else on the machine.
     */
    public static int usablePortsPerAddress() {
        try {
            String[] range = Files.readString(PORT_RANGE).trim().split("\\s+");
            int ports = Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
            return ports * 9 / 10;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_PORTS * 9 / 10;
        }
    }

    /**
     * The local address of each connection slot, used round-robin; a single {@code null} (the system's choice)
     * when one address has ports enough.
     *
     * @throws IllegalArgumentException when more addresses are needed but the target is not IPv4 loopback
     */
    public static List<InetAddress> plan(URI target, int connections, int portsPerAddress) {
        if (connections <= portsPerAddress) {
            return Collections.singletonList(null);
        }
        int needed = (connections + portsPerAddress - 1) / portsPerAddress;
        if (!isIpv4Loopback(target.getHost())) {
            throw new IllegalArgumentException(connections + " connections need more local ports than one address has ("
                    + portsPerAddress + " usable); spreading them over 127.0.0.x works only towards an IPv4 loopback "
                    + "server (ws://127.0.0.1:...): use that, or fewer --connections");
        }
        if (needed > 254) {
            throw new IllegalArgumentException(connections + " connections would need " + needed
                    + " source addresses; at most 254 (127.0.0.1-254) are used");
        }
        List<InetAddress> addresses = new ArrayList<>(needed);
        for (int i = 1; i <= needed; i++) {
            addresses.add(loopback(i));
        }
        return addresses;
    }

    /**
     * {@code --source-address}: every connection from one local address (e.g. 127.0.0.2, so that several load
     * processes on one machine come from addresses of their own).
     *
     * @throws IllegalArgumentException when it is not an address of this machine or has too few ports
     */
    public static List<InetAddress> given(String address, int connections, int portsPerAddress) {
        InetAddress source;
        try {
            source = InetAddress.getByName(address.trim());
            // 127.0.0.2 and the rest of 127/8 are this machine's on Linux without being an interface's address
            if (!source.isLoopbackAddress() && java.net.NetworkInterface.getByInetAddress(source) == null) {
                throw new IllegalArgumentException("--source-address " + address + " is not an address of this "
                        + "machine (ip address lists them)");
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--source-address " + address + " is not an address: " + e.getMessage());
        }
        if (connections > portsPerAddress) {
            throw new IllegalArgumentException(connections + " connections need more local ports than one address has ("
                    + portsPerAddress + " usable): fewer --connections, or leave out --source-address");
        }
        return List.of(source);
    }

    private static boolean isIpv4Loopback(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address instanceof Inet4Address && address.isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static InetAddress loopback(int lastByte) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastByte});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes always make an address", e);
        }
    }
}
