package dev.wsprobe.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * The result of a {@link ConnectionCheck}: the steps that ran, in order, and the diagnosis of the one that
 * failed (empty when every step passed).
 *
 * @param negotiated what the upgrade agreed on, when it succeeded
 * @param transcript the request and response heads, one line each ({@code > GET / HTTP/1.1},
 *                   {@code < HTTP/1.1 101 ...}), secret values masked; for {@code --verbose}
 */
public record CheckReport(String target, List<CheckStep> steps, Optional<Diagnosis> failure,
        Optional<Negotiated> negotiated, List<String> transcript) {
    public CheckReport {
        steps = List.copyOf(steps);
        transcript = List.copyOf(transcript);
    }

    public CheckReport(String target, List<CheckStep> steps, Optional<Diagnosis> failure) {
        this(target, steps, failure, Optional.empty(), List.of());
    }

    public boolean ok() {
        return failure.isEmpty();
    }

    /** As JSON, for scripts ({@code wsprobe check --json}); the heads only with {@code withHeads}. */
    public String toJson(boolean withHeads) {
        StringBuilder json = new StringBuilder("{\"target\":").append(Json.string(target))
                .append(",\"ok\":").append(ok()).append(",\"steps\":[");
        for (int i = 0; i < steps.size(); i++) {
            CheckStep step = steps.get(i);
            json.append(i == 0 ? "" : ",").append("{\"step\":").append(Json.string(step.step().name().toLowerCase()))
                    .append(",\"ok\":").append(step.ok())
                    .append(",\"millis\":").append(step.took().toNanos() / 1_000_000.0)
                    .append(",\"detail\":").append(Json.string(step.detail())).append('}');
        }
        json.append("],\"subprotocol\":").append(negotiated.map(Negotiated::subprotocol).map(Json::string)
                .orElse("null"));
        json.append(",\"extensions\":");
        if (negotiated.isPresent()) {
            json.append(negotiated.get().extensions().stream().map(Json::string)
                    .collect(java.util.stream.Collectors.joining(",", "[", "]")));
        } else {
            json.append("null");
        }
        if (withHeads) {
            json.append(",\"heads\":").append(transcript.stream().map(Json::string)
                    .collect(java.util.stream.Collectors.joining(",", "[", "]")));
        }
        json.append(",\"diagnosis\":");
        if (failure.isPresent()) {
            Diagnosis diagnosis = failure.get();
            json.append("{\"code\":").append(Json.string(diagnosis.code().name()))
                    .append(",\"transient\":").append(diagnosis.isTransient())
                    .append(",\"cause\":").append(Json.string(diagnosis.cause()))
                    .append(",\"fix\":").append(Json.string(diagnosis.fix())).append('}');
        } else {
            json.append("null");
        }
        return json.append('}').toString();
    }

    public String toJson() {
        return toJson(false);
    }
}
