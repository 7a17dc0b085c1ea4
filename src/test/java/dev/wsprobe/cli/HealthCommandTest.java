package dev.wsprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code health} decides on the parsed {@code /status} document, not on how its text starts. */
class HealthCommandTest {
    @Test
    void aRealStatusDocumentIsHealthy() {
        String body = "{\"uptimeSeconds\":12.345,\"endpoints\":{\"/receive\":{\"openConnections\":1,"
                + "\"connectionsAccepted\":3,\"messagesReceived\":10,\"bytesReceived\":420},\"/echo\":{}},"
                + "\"sequences\":{\"senders\":0,\"missing\":0,\"duplicates\":0},\"sender\":null}";
        assertEquals(Optional.empty(), HealthCommand.problemWith(body));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        non-JSON page                   | <html>ok</html>                                    | not JSON
        starts right, then garbage      | {"uptimeSeconds":1 and more                        | not JSON
        the old prefix check's fool     | {"uptimeSeconds":}                                 | not JSON
        trailing text                   | {"uptimeSeconds":1,"endpoints":{}} x               | not JSON
        an array                        | [1,2]                                              | not an object
        no uptime                       | {"status":"UP"}                                    | no uptimeSeconds
        uptime as a string              | {"uptimeSeconds":"12","endpoints":{}}              | no uptimeSeconds
        negative uptime                 | {"uptimeSeconds":-1,"endpoints":{}}                | no uptimeSeconds
        no endpoints                    | {"uptimeSeconds":1}                                | no endpoints
        endpoints not an object         | {"uptimeSeconds":1,"endpoints":null}               | no endpoints
        """)
    void anythingElseIsUnhealthyWithAReason(String name, String body, String reason) {
        Optional<String> problem = HealthCommand.problemWith(body);
        assertTrue(problem.isPresent() && problem.get().contains(reason), name + ": " + problem);
    }
}
