package dev.wsprobe.testing;

import java.net.URI;

/** Where a server under test listens. */
public interface RunningServer {
    URI ws(String path);

    URI wss(String path);

    default URI url(boolean secure, String path) {
        return secure ? wss(path) : ws(path);
    }
}
