package dev.wsprobe.testing;

import static dev.wsprobe.testing.InteropCase.BYTES_125;
import static dev.wsprobe.testing.InteropCase.BYTES_126;
import static dev.wsprobe.testing.InteropCase.BYTES_65535;
import static dev.wsprobe.testing.InteropCase.BYTES_65536;
import static dev.wsprobe.testing.InteropCase.CLIENT_CLOSE;
import static dev.wsprobe.testing.InteropCase.COMPRESSION;
import static dev.wsprobe.testing.InteropCase.EMPTY;
import static dev.wsprobe.testing.InteropCase.FRAGMENTED;
import static dev.wsprobe.testing.InteropCase.ORIGIN_REFUSED;
import static dev.wsprobe.testing.InteropCase.PAGE_ECHO;
import static dev.wsprobe.testing.InteropCase.PAGE_RECEIVE;
import static dev.wsprobe.testing.InteropCase.PING;
import static dev.wsprobe.testing.InteropCase.SENDER;
import static dev.wsprobe.testing.InteropCase.SERVER_CLOSE;
import static dev.wsprobe.testing.InteropCase.SUBPROTOCOL;
import static dev.wsprobe.testing.InteropCase.UTF8_SPLIT;

import java.util.List;

/**
 * Who talks to whom in the interoperability suite, and which cases apply to each pair (what the stack's API
 * can express: a browser page cannot fragment or ping; no high-level API can split a character; the JDK's client
 * has no permessage-deflate). Compression is the standalone host's (the WAR leaves it to each server).
 */
public enum InteropPair {
    CHROMIUM_TO_WSPROBE("Chromium (headless, Debian package)", "wsprobe server",
            List.of(EMPTY, BYTES_125, BYTES_126, BYTES_65535, BYTES_65536, CLIENT_CLOSE, SERVER_CLOSE, SUBPROTOCOL,
                    COMPRESSION, PAGE_ECHO, PAGE_RECEIVE, ORIGIN_REFUSED)),
    JDK_TO_WSPROBE("JDK java.net.http client", "wsprobe server",
            List.of(EMPTY, BYTES_125, BYTES_126, BYTES_65535, BYTES_65536, FRAGMENTED, PING, CLIENT_CLOSE,
                    SERVER_CLOSE, SUBPROTOCOL)),
    JETTY_TO_WSPROBE("Jetty 12 client", "wsprobe server",
            List.of(EMPTY, BYTES_125, BYTES_126, BYTES_65535, BYTES_65536, FRAGMENTED, PING, CLIENT_CLOSE,
                    SERVER_CLOSE, SUBPROTOCOL, COMPRESSION)),
    PYTHON_TO_WSPROBE("Python websockets client (Debian package)", "wsprobe server",
            List.of(SUBPROTOCOL, COMPRESSION)),
    RAW_TO_WSPROBE("raw frames (the tests' own client)", "wsprobe server", List.of(UTF8_SPLIT, PING, CLIENT_CLOSE)),
    WSPROBE_TO_JETTY("wsprobe client (Tyrus)", "Jetty 12 server",
            List.of(EMPTY, BYTES_125, BYTES_126, BYTES_65535, BYTES_65536, FRAGMENTED, PING, CLIENT_CLOSE,
                    SERVER_CLOSE)),
    SENDER_TO_JETTY("wsprobe periodic sender", "Jetty 12 server", List.of(SENDER)),
    // the WAR in the servlet containers (recorded by the container tests, dev.wsprobe.containers.*)
    JDK_TO_WAR_ON_TOMCAT10("JDK java.net.http client", "wsprobe WAR on Tomcat 10.1",
            List.of(EMPTY, BYTES_125, BYTES_126, BYTES_65535, BYTES_65536, FRAGMENTED, PING)),
    JDK_TO_WAR_ON_TOMCAT11("JDK java.net.http client", "wsprobe WAR on Tomcat 11",
            List.of(EMPTY, BYTES_125, BYTES_126, BYTES_65535, BYTES_65536, FRAGMENTED, PING)),
    JDK_TO_WAR_ON_JETTY("JDK java.net.http client", "wsprobe WAR on Jetty 12 (ee10)",
            List.of(EMPTY, BYTES_125, BYTES_126, BYTES_65535, BYTES_65536, FRAGMENTED, PING));

    private final String client;
    private final String server;
    private final List<InteropCase> cases;

    InteropPair(String client, String server, List<InteropCase> cases) {
        this.client = client;
        this.server = server;
        this.cases = cases;
    }

    public String client() {
        return client;
    }

    public String server() {
        return server;
    }

    public List<InteropCase> cases() {
        return cases;
    }
}
