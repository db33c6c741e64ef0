package dev.edp.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.Gson;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.provider.internal.Metadata;
import com.pulumi.provider.internal.infer.ComponentAnalyzer;
import com.pulumi.resources.ResourceArgs;
import dev.edp.pattern.EventDrivenPattern;
import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.config.Environment;
import dev.edp.pattern.config.PatternSettings.Kind;
import dev.edp.pattern.inputs.ConsumerArgs;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code edp} package schema: what {@code pulumi package get-schema} prints and every language's SDK is
 * generated from.
 *
 * <p>It starts from the Java SDK's inference ({@link ComponentAnalyzer}: the component's Args classes read by
 * reflection) and mends what that inference cannot give a user of another language, each in one step below:
 * static fields of the Args classes are not properties; every resource, type and property carries its javadoc as
 * description; a property whose Java field is an {@code Output<T>} is an input, not {@code plain}; object types are
 * named after the field that holds them ({@code alarms} → {@code Alarms}, so TypeScript reads {@code AlarmsArgs},
 * not the inference's {@code Alarm}); a value that is one of a set (the environment, a consumer's kind) is an
 * enum; and each language's package name is set.
 */
public final class PackageSchema {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final String TYPES_REF = "#/types/";

    private final ObjectNode schema;

    private PackageSchema(ObjectNode schema) {
        this.schema = schema;
    }

    /** The schema of {@link EventDrivenPattern} for the given package metadata. */
    public static PackageSchema of(Metadata metadata) {
        ObjectNode inferred;
        try {
            inferred = (ObjectNode) JSON.readTree(
                    new Gson().toJson(ComponentAnalyzer.generateSchema(metadata, EventDrivenPattern.class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the SDK's inferred schema is not JSON", e);
        }
        return new PackageSchema(new Mending(metadata.getName(), JavadocIndex.of(EventDrivenPattern.class))
                .mend(inferred, EventDrivenPattern.class));
    }

    /** The schema as JSON text, keys sorted (so a change to it reads as a diff). */
    public String toJson() {
        try {
            Object sorted = JSON.treeToValue(schema, Object.class);
            return JSON.writeValueAsString(sorted);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The schema as a tree, for tests. */
    public JsonNode tree() {
        return schema.deepCopy();
    }

    /**
     * Properties whose value is one of a set, as schema enums: the set is the pattern's own Java enum (so a new
     * kind or environment reaches every SDK with no edit here); the key is the Args class and field.
     */
    private static final Map<String, EnumType> ENUMS = Map.of(
            EventDrivenPatternArgs.class.getName() + "#environment",
            new EnumType("Environment", Environment.class, ids(Environment.values(), Environment::id)),
            ConsumerArgs.class.getName() + "#kind",
            new EnumType("ConsumerKind", Kind.class, ids(Kind.values(), Kind::id)));

    private record EnumType(String name, Class<?> javaEnum, List<String> values) {
    }

    private static <E> List<String> ids(E[] values, java.util.function.Function<E, String> id) {
        return java.util.Arrays.stream(values).map(id).toList();
    }

    /** The steps, over one inferred schema. */
    private static final class Mending {
        private final String packageName;
        private final JavadocIndex javadoc;
        /** Inferred type token → (Args class, the name it gets). */
        private final Map<String, Class<?>> classByToken = new LinkedHashMap<>();
        private final Map<String, String> renamed = new TreeMap<>();
        private final Map<String, EnumType> enums = new TreeMap<>();

        Mending(String packageName, JavadocIndex javadoc) {
            this.packageName = packageName;
            this.javadoc = javadoc;
        }

        ObjectNode mend(ObjectNode inferred, Class<? extends com.pulumi.resources.ComponentResource> component) {
            Class<?> argsClass = argsClassOf(component);
            collectTypes(argsClass);

            ObjectNode resources = (ObjectNode) inferred.path("resources");
            String token = packageName + ":index:" + component.getSimpleName();
            ObjectNode resource = (ObjectNode) resources.path(token);
            javadoc.ofClass(component).ifPresent(d -> resource.put("description", d));
            mendProperties(resource, "inputProperties", "requiredInputs", argsClass);
            describeOutputs((ObjectNode) resource.path("properties"), component);
            if (resource.path("required").isEmpty()) {
                resource.remove("required");
            }

            ObjectNode types = (ObjectNode) inferred.path("types");
            ObjectNode mendedTypes = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = types.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                Class<?> type = classByToken.get(entry.getKey());
                ObjectNode spec = (ObjectNode) entry.getValue();
                if (type != null) {
                    javadoc.ofClass(type).ifPresent(d -> spec.put("description", d));
                    mendProperties(spec, "properties", "required", type);
                }
                mendedTypes.set(renamed.getOrDefault(entry.getKey(), entry.getKey()), spec);
            }
            enums.forEach((name, e) -> mendedTypes.set(packageName + ":index:" + name, enumSpec(e)));
            inferred.set("types", mendedTypes);
            rewriteRefs(inferred);
            inferred.put("description", "EDP: a production-grade event-driven architecture on AWS as one component:"
                    + " EventBridge bus, consumers with dead-letter queues, DynamoDB, SNS, Step Functions, a"
                    + " Firehose audit trail, KMS, alarms and a dashboard.");
            inferred.put("license", "Apache-2.0");
            inferred.put("repository", "https://github.com/edp-dev/edp");
            inferred.set("keywords", JSON.createArrayNode().add("pulumi").add("aws").add("eventbridge")
                    .add("category/cloud").add("kind/component"));
            inferred.set("language", languages());
            return inferred;
        }

        private ObjectNode enumSpec(EnumType e) {
            ObjectNode spec = JSON.createObjectNode().put("type", "string");
            javadoc.ofClass(e.javaEnum()).ifPresent(d -> spec.put("description", d));
            ArrayNode values = spec.putArray("enum");
            for (String value : e.values()) {
                values.addObject().put("name", capitalize(value)).put("value", value);
            }
            return spec;
        }

        /** Each language's package name, as its SDK is published (README: "Use it from other languages"). */
        private ObjectNode languages() {
            ObjectNode language = JSON.createObjectNode();
            language.putObject("nodejs").put("packageName", "@edp-dev/edp")
                    .putObject("dependencies").put("@pulumi/pulumi", "^3.0.0");
            language.putObject("python").put("packageName", "pulumi_edp")
                    .putObject("requires").put("pulumi", ">=3.0.0,<4.0.0");
            language.putObject("go").put("importBasePath", "github.com/edp-dev/edp/sdk/go/edp")
                    .put("generateResourceContainerTypes", true);
            return language;
        }

        /** Drops static fields, adds descriptions, un-plains Output fields, over one object's properties. */
        private void mendProperties(ObjectNode spec, String propertiesKey, String requiredKey, Class<?> type) {
            ObjectNode properties = (ObjectNode) spec.path(propertiesKey);
            Map<String, Field> fields = fieldsByPropertyName(type);
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                Field field = fields.get(entry.getKey());
                if (field == null || Modifier.isStatic(field.getModifiers())) {
                    it.remove();
                    continue;
                }
                ObjectNode property = (ObjectNode) entry.getValue();
                describe(type, field).ifPresent(d -> property.put("description", d));
                EnumType enumType = ENUMS.get(type.getName() + "#" + field.getName());
                if (enumType != null) {
                    property.remove("type");
                    property.put("$ref", TYPES_REF + packageName + ":index:" + enumType.name());
                    enums.put(enumType.name(), enumType);
                }
                if (Output.class.isAssignableFrom(field.getType())) {
                    unplain(property);
                }
            }
            if (spec.path(requiredKey) instanceof ArrayNode required) {
                for (Iterator<JsonNode> it = required.elements(); it.hasNext(); ) {
                    if (!properties.has(it.next().asText())) {
                        it.remove();
                    }
                }
                if (required.isEmpty()) {
                    spec.remove(requiredKey); // as the engine normalizes it: no list rather than an empty one
                }
            }
        }

        private Optional<String> describe(Class<?> type, Field field) {
            return javadoc.ofMember(type, field.getName())
                    .or(() -> javadoc.ofMember(type, propertyName(field)));
        }

        private void describeOutputs(ObjectNode outputs, Class<?> component) {
            for (Field field : component.getDeclaredFields()) {
                Export export = field.getAnnotation(Export.class);
                if (export != null && outputs.path(export.name()) instanceof ObjectNode output) {
                    javadoc.ofMember(component, export.name()).or(() -> javadoc.ofMember(component, field.getName()))
                            .ifPresent(d -> output.put("description", d));
                }
            }
        }

        private static void unplain(ObjectNode property) {
            property.remove("plain");
            if (property.path("items") instanceof ObjectNode items) {
                unplain(items);
            }
            if (property.path("additionalProperties") instanceof ObjectNode values) {
                unplain(values);
            }
        }

        /**
         * Every Args class reachable from the component's Args, under the inference's token (its simple name less
         * "Args"), and the name it gets: the field that holds it, capitalized, singular for a list's items.
         */
        private void collectTypes(Class<?> args) {
            for (Field field : fieldsByPropertyName(args).values()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                boolean many = java.util.Collection.class.isAssignableFrom(field.getType());
                Class<?> held = argsClassIn(field.getGenericType());
                if (held == null) {
                    continue;
                }
                String inferred = packageName + ":index:" + held.getSimpleName().replaceFirst("Args$", "");
                if (classByToken.putIfAbsent(inferred, held) == null) {
                    String name = capitalize(propertyName(field));
                    if (many && name.endsWith("s")) {
                        name = name.substring(0, name.length() - 1);
                    }
                    String token = packageName + ":index:" + name;
                    if (!token.equals(inferred) && !renamed.containsValue(token)) {
                        renamed.put(inferred, token);
                    }
                    collectTypes(held);
                }
            }
        }

        private void rewriteRefs(JsonNode node) {
            if (node instanceof ObjectNode object) {
                JsonNode ref = object.get("$ref");
                if (ref != null && ref.asText().startsWith(TYPES_REF)) {
                    String token = ref.asText().substring(TYPES_REF.length());
                    object.put("$ref", TYPES_REF + renamed.getOrDefault(token, token));
                }
                object.elements().forEachRemaining(this::rewriteRefs);
            } else if (node instanceof ArrayNode array) {
                array.elements().forEachRemaining(this::rewriteRefs);
            }
        }

        private static Class<?> argsClassIn(Type type) {
            if (type instanceof Class<?> c) {
                return ResourceArgs.class.isAssignableFrom(c) ? c : null;
            }
            if (type instanceof ParameterizedType p) {
                for (Type argument : p.getActualTypeArguments()) {
                    Class<?> found = argsClassIn(argument);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }

        private static Map<String, Field> fieldsByPropertyName(Class<?> type) {
            Map<String, Field> fields = new LinkedHashMap<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    fields.putIfAbsent(propertyName(field), field);
                }
            }
            return fields;
        }

        private static String propertyName(Field field) {
            Import imported = field.getAnnotation(Import.class);
            return imported != null && !imported.name().isEmpty() ? imported.name() : field.getName();
        }

        private static Class<?> argsClassOf(Class<?> component) {
            var constructors = component.getConstructors();
            for (var constructor : constructors) {
                for (Class<?> parameter : constructor.getParameterTypes()) {
                    if (ResourceArgs.class.isAssignableFrom(parameter)) {
                        return parameter;
                    }
                }
            }
            throw new IllegalArgumentException(component.getName() + " has no constructor taking ResourceArgs");
        }

        private static String capitalize(String name) {
            return Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }
    }

    /** Prints the schema: {@code java -cp ... dev.edp.provider.PackageSchema}. */
    public static void main(String[] args) {
        System.out.println(of(new Metadata(EdpProvider.PACKAGE, "0.1.0", "EDP")).toJson());
    }
}
