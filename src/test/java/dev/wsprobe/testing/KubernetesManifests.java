package dev.wsprobe.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The manifests under {@code docker/kubernetes/}, read the way a cluster would take them as far as that can be
 * done without one: each YAML document into the Kubernetes API's own type for its kind (fabric8's model of
 * the API), refusing any field that type does not have, as the API server's strict field validation does.
 */
public final class KubernetesManifests {
    /** The kinds the manifests use, each with the current (GA) API type; the apiVersion must be that type's. */
    public static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
            "Deployment", Deployment.class,
            "Service", Service.class,
            "PodDisruptionBudget", PodDisruptionBudget.class,
            "Ingress", Ingress.class,
            "Job", Job.class);

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private KubernetesManifests() {
    }

    public static Path directory() {
        return Dockerfile.dockerDirectory().resolve("kubernetes");
    }

    /** Every {@code .yaml} file under the directory, sorted. */
    public static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.walk(directory())) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** The documents of one file ({@code ---} between them), as YAML trees. */
    public static List<JsonNode> documents(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    /** A document as the API type of its kind; fails on an unknown kind, another apiVersion or an unknown field. */
    public static HasMetadata typed(Path file, JsonNode document) {
        String kind = document.path("kind").asString("");
        Class<? extends HasMetadata> type = TYPES.get(kind);
        assertNotNull(type, file + ": kind '" + kind + "' is none of " + TYPES.keySet());
        assertEquals(HasMetadata.getApiVersion(type), document.path("apiVersion").asString(""),
                file + ": the current apiVersion of " + kind);
        HasMetadata resource = YAML.treeToValue(document, type);
        assertNoUnknownFields(resource, file.getFileName() + ": " + kind);
        return resource;
    }

    /** The only resource of this type in {@code docker/kubernetes/<file>}. */
    public static <T extends HasMetadata> T only(String file, Class<T> type) {
        Path path = directory().resolve(file);
        List<T> found = documents(path).stream().map(document -> typed(path, document))
                .filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), path + ": " + type.getSimpleName() + " resources");
        return found.get(0);
    }

    /** The container's environment as written ({@code value:} only; a manifest here uses nothing else). */
    public static Map<String, String> environment(Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvVar variable : container.getEnv()) {
            assertNotNull(variable.getValue(), container.getName() + ": " + variable.getName() + " has no value");
            environment.put(variable.getName(), variable.getValue());
        }
        return environment;
    }

    /**
     * {@code $(NAME)} in a command or its arguments replaced the way the kubelet does it: by the container's
     * variable of that name; a reference to an undefined name stays as it is.
     */
    public static List<String> expand(List<String> words, Map<String, String> environment) {
        return words.stream().map(word -> VARIABLE.matcher(word).replaceAll(match -> Matcher.quoteReplacement(
                environment.getOrDefault(match.group(1), match.group())))).toList();
    }

    /**
     * fabric8's types keep what they do not know in {@code additionalProperties} instead of refusing it: a
     * misspelt field would pass unseen. Walks the whole object and fails on any such field.
     */
    static void assertNoUnknownFields(Object value, String where) {
        if (value instanceof Collection<?> elements) {
            int index = 0;
            for (Object element : elements) {
                assertNoUnknownFields(element, where + "[" + index++ + "]");
            }
        } else if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, element) -> assertNoUnknownFields(element, where + "." + key));
        } else if (value != null && value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model.")) {
            for (Method getter : value.getClass().getMethods()) {
                if (getter.getParameterCount() == 0 && !Modifier.isStatic(getter.getModifiers())
                        && getter.getName().startsWith("get") && !getter.getName().equals("getClass")) {
                    Object field = call(getter, value);
                    if (getter.getName().equals("getAdditionalProperties")) {
                        assertTrue(((Map<?, ?>) field).isEmpty(), where + ": unknown field(s) "
                                + ((Map<?, ?>) field).keySet() + " (not in the Kubernetes API's "
                                + value.getClass().getSimpleName() + ")");
                    } else {
                        assertNoUnknownFields(field, where + "." + getter.getName().substring(3));
                    }
                }
            }
        }
    }

    private static Object call(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            fail(getter + " failed on " + target, e);
            return null;
        }
    }
}
