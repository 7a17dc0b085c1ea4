// The whole application of the minimal reproduction (bench/war/repro.sh): one annotated endpoint that echoes
// text, with the idle timeout switched off the way the API allows (a negative value; 0 behaves the same on
// Payara's Tyrus). Nothing of wsprobe's: what the reproduction shows is the server's own cost per message.
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

@ServerEndpoint("/echo")
public class Echo {
    @OnOpen
    public void open(Session session) {
        session.setMaxIdleTimeout(-1);
    }

    @OnMessage
    public String echo(String text) {
        return text;
    }
}
