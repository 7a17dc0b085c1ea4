package dev.wsprobe.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * The result of a {@link ConnectionCheck}: the steps that ran, in order, and the diagnosis of the one that
 * failed (empty when every step passed).
 */
public record CheckReport(String target, List<CheckStep> steps, Optional<Diagnosis> failure) {
    public CheckReport {
        steps = List.copyOf(steps);
    }

    public boolean ok() {
        return failure.isEmpty();
    }

    /** As JSON, for scripts ({@code wsprobe check --json}). */
    public String toJson() {
        StringBuilder json = new StringBuilder("{\"target\":").append(Json.string(target))
                .append(",\"ok\":").append(ok()).append(",\"steps\":[");
        for (int i = 0; i < steps.size(); i++) {
            CheckStep step = steps.get(i);
            json.append(i == 0 ? "" : ",").append("{\"step\":").append(Json.string(step.step().name().toLowerCase()))
                    .append(",\"ok\":").append(step.ok())
                    .append(",\"millis\":").append(step.took().toNanos() / 1_000_000.0)
                    .append(",\"detail\":").append(Json.string(step.detail())).append('}');
        }
        json.append("],\"diagnosis\":");
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
}
