package dev.wsprobe.cli;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * Checks {@code server --host} before anything binds, so a wrong address gets a line that names the real
 * problem (a name that does not resolve, an address this machine does not have) instead of the bind's
 * exception or advice about busy ports.
 */
final class ListenAddresses {
    private ListenAddresses() {
    }

    /** @throws UserError (exit 2) when {@code host} cannot be listened on here */
    static void check(String host) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UserError(ExitCodes.USAGE, "--host " + host + " does not resolve to an address; give an address "
                    + "of this machine, e.g. :: (all, the default), 0.0.0.0 or 127.0.0.1", e);
        }
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
            return;
        }
        try {
            if (NetworkInterface.getByInetAddress(address) == null) {
                throw new UserError(ExitCodes.USAGE, "--host " + host + " is not an address of this machine; give one of "
                        + "its addresses, or :: (all, the default)");
            }
        } catch (SocketException e) {
            // the interfaces cannot be listed: let the bind decide
        }
    }
}
