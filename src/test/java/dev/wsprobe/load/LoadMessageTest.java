package dev.wsprobe.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoadMessageTest {
    @ParameterizedTest
    @ValueSource(longs = {0, 123_456_789, -987_654_321_012L, Long.MAX_VALUE})
    void theSendTimeComesBackFromTheText(long nanos) {
        assertEquals(nanos, LoadMessage.sendNanos(LoadMessage.create(nanos, 52)));
    }

    @ParameterizedTest
    @ValueSource(ints = {LoadMessage.MIN_SIZE, 52, 1000})
    void theMessageHasTheAskedSizeOnTheWire(int size) {
        String message = LoadMessage.create(Long.MIN_VALUE + 1, size);
        assertEquals(size, message.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void otherTextsCarryNoTime() {
        assertEquals(LoadMessage.NONE, LoadMessage.sendNanos("ack #3"));
        assertEquals(LoadMessage.NONE, LoadMessage.sendNanos("t=12"));
        assertEquals(LoadMessage.NONE, LoadMessage.sendNanos("t=x;"));
    }
}
