package dev.wsprobe.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceAddressesTest {
    @Test
    void connectionsThatFitOneAddressLeaveTheChoiceToTheSystem() {
        assertEquals(Collections.singletonList(null),
                SourceAddresses.plan(URI.create("ws://127.0.0.1:1/echo"), 100, 100));
    }

    @Test
    void moreConnectionsAreSpreadOverLoopbackAddresses() throws Exception {
        List<InetAddress> sources = SourceAddresses.plan(URI.create("ws://127.0.0.1:1/echo"), 201, 100);
        assertEquals(List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2"),
                InetAddress.getByName("127.0.0.3")), sources);
    }

    @Test
    void spreadingNeedsAnIpv4LoopbackTarget() {
        IllegalArgumentException ipv6 = assertThrows(IllegalArgumentException.class,
                () -> SourceAddresses.plan(URI.create("ws://[::1]:1/echo"), 201, 100));
        assertTrue(ipv6.getMessage().startsWith("201 connections need more local ports than one address has (100 "
                + "usable); spreading them over 127.0.0.x works only towards an IPv4 loopback server"), ipv6.getMessage());
    }

    @Test
    void aGivenLoopbackAddressIsEveryConnectionsSource() throws Exception {
        assertEquals(List.of(InetAddress.getByName("127.0.0.3")), SourceAddresses.given("127.0.0.3", 100, 100));
    }

    @Test
    void aGivenAddressMustBeThisMachines() {
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> SourceAddresses.given("192.0.2.7", 10, 100)); // TEST-NET-1: never assigned
        assertEquals("--source-address 192.0.2.7 is not an address of this machine (ip address lists them)",
                foreign.getMessage());
    }

    @Test
    void aGivenAddressMustHavePortsEnough() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> SourceAddresses.given("127.0.0.2", 101, 100));
        assertEquals("101 connections need more local ports than one address has (100 usable): fewer "
                + "--connections, or leave out --source-address", tooMany.getMessage());
    }

    @Test
    void theKernelsPortRangeIsRead() {
        int ports = SourceAddresses.usablePortsPerAddress();
        assertTrue(ports > 1000 && ports < 65536, "usable ephemeral ports: " + ports);
    }
}
