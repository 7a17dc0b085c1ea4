package dev.wsprobe.diagnosis;

import java.io.IOException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** Classifies a failed TCP connect (the resolve and connect steps). Pure: no network. */
public final class ConnectFailures {
    private ConnectFailures() {
    }

    /** The host name does not resolve. */
    public static StepFailure unknownHost(String host, String resolverMessage) {
        return new StepFailure(DiagnosisCode.Step.RESOLVE, resolverMessage, new Diagnosis(DiagnosisCode.UNKNOWN_HOST,
                "cannot resolve host \"" + host + "\"", "check the host name"));
    }

    /**
     * @param last    the failure of the last address tried
     * @param where   that address, as {@code 127.0.0.1:80}
     * @param timeout how long the connect could take
     */
    public static StepFailure of(IOException last, String where, Duration timeout) {
        if (JdkMessages.isRefused(last)) {
            return new StepFailure(DiagnosisCode.Step.CONNECT, "refused by " + where, new Diagnosis(
                    DiagnosisCode.CONNECTION_REFUSED, "connection refused by " + where + ": nothing is listening there",
                    "is the server running, on this host and port?"));
        }
        if (last instanceof SocketTimeoutException) {
            return new StepFailure(DiagnosisCode.Step.CONNECT, "no answer from " + where, new Diagnosis(
                    DiagnosisCode.CONNECT_TIMEOUT, "no answer from " + where + " within " + Words.seconds(timeout),
                    "check the address and port, and whether a firewall drops the connection"));
        }
        if (last instanceof NoRouteToHostException || JdkMessages.isNetworkUnreachable(last)) {
            return new StepFailure(DiagnosisCode.Step.CONNECT, "no route to host " + where, new Diagnosis(
                    DiagnosisCode.NO_ROUTE_TO_HOST, "no route to " + where + ": this machine's network cannot reach "
                    + "that address (" + Failures.summary(last) + "), so the host is down, on another network, "
                    + "or a firewall rejects the connection",
                    "check the address; is the host up, and reachable from here (VPN, routes, firewall)?"));
        }
        String problem = "cannot connect to " + where + ": " + Failures.summary(last);
        return new StepFailure(DiagnosisCode.Step.CONNECT, problem, new Diagnosis(DiagnosisCode.CONNECT_TIMEOUT,
                problem, "check the address and the network between here and there"));
    }
}
