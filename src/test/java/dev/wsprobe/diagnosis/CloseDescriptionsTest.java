package dev.wsprobe.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class CloseDescriptionsTest {
    @Test
    void namesKnownCodesAndMarksAMissingReason() {
        assertEquals("code: 1001 (going away), reason: -",
                CloseDescriptions.describe(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "")));
        assertEquals("code: 1009 (too big), reason: limit",
                CloseDescriptions.describe(new CloseReason(CloseReason.CloseCodes.TOO_BIG, "limit")));
        assertEquals("4000", CloseDescriptions.describeCode(4000));
    }

    @Test
    void failureSummaryKeepsEachDistinctMessageOnce() {
        IOException chain = new IOException("Connection failed.", new ConnectException("Connection refused"));
        assertEquals("Connection failed.: Connection refused", Failures.summary(chain));
        assertEquals("IllegalStateException", Failures.summary(new IllegalStateException()));
        assertEquals("same", Failures.summary(new IOException("same", new IOException("same"))));
    }
}
