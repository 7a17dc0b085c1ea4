package dev.wsprobe.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether a certificate's names cover the host connected to, as the JDK's check would say. */
class HostNamesTest {
    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
        localhost;127.0.0.1;0:0:0:0:0:0:0:1 | localhost        | true
        localhost;127.0.0.1;0:0:0:0:0:0:0:1 | LOCALHOST        | true
        localhost;127.0.0.1;0:0:0:0:0:0:0:1 | 127.0.0.1        | true
        localhost;127.0.0.1;0:0:0:0:0:0:0:1 | ::1              | true
        localhost;127.0.0.1;0:0:0:0:0:0:0:1 | 127.0.0.2        | false
        localhost                           | 127.0.0.1        | false
        *.example.test                      | a.example.test   | true
        *.example.test                      | a.b.example.test | false
        *.example.test                      | example.test     | false
        example.test                        | www.example.test | false
        """)
    void namesAndWildcards(String names, String host, boolean covered) {
        assertEquals(covered, HostNames.covers(Arrays.asList(names.split(";")), host));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"127.0.0.1"})
    void anIpAddressIsNotCoveredByADnsNameThatLooksLikeIt(String host) {
        assertEquals(false, HostNames.covers(List.of("localhost"), host));
    }
}
