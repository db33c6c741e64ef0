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
import dev.edp.pattern.config.InputDefaults;
import dev.edp.pattern.inputs.ClosedSet;
import dev.edp.pattern.inputs.OneOf;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 * not the inference's {@code Alarm}); a value that is one of a set (a field marked {@link OneOf}: the environment, a
 * consumer's kind, a subscription's protocol...) is an enum, the pattern's own Java enum; and each language's package name is set.
 */
public final class PackageSchema {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final String TYPES_REF = "#/types/";

    private final ObjectNode schema;
    private final Map<String, Class<?>> argsByToken;

    private PackageSchema(ObjectNode schema, Map<String, Class<?>> argsByToken) {
        this.schema = schema;
        this.argsByToken = argsByToken;
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
        Mending mending = new Mending(metadata.getName(), JavadocIndex.of(EventDrivenPattern.class));
        ObjectNode mended = mending.mend(inferred, EventDrivenPattern.class);
        return new PackageSchema(mended, mending.argsByToken());
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

    /** The Args class behind each object type ({@code edp:index:Consumer} → ConsumerArgs), for tests. */
    Map<String, Class<?>> argsByToken() {
        return argsByToken;
    }

    /** The schema as a tree, for tests. */
    public JsonNode tree() {
        return schema.deepCopy();
    }

    /**
     * A property whose value is one of a set, as a schema enum: the set is the pattern's own Java enum, named by the
     * field's {@link OneOf} (so a new value reaches every SDK with no edit here).
     */
    private record EnumType(String name, Class<? extends ClosedSet> javaEnum) {
        static EnumType of(OneOf oneOf) {
            return new EnumType(oneOf.schemaName().isEmpty() ? oneOf.value().getSimpleName() : oneOf.schemaName(),
                    oneOf.value());
        }
    }

    /** The steps, over one inferred schema. */
    static final class Mending {
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

        /** Each object type's final token → its Args class. */
        Map<String, Class<?>> argsByToken() {
            Map<String, Class<?>> byToken = new TreeMap<>();
            classByToken.forEach((token, type) -> byToken.put(renamed.getOrDefault(token, token), type));
            return byToken;
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
            for (ClosedSet value : e.javaEnum().getEnumConstants()) {
                String constant = ((Enum<?>) value).name();
                ObjectNode v = values.addObject().put("name", pascalCase(constant)).put("value", value.id());
                javadoc.ofMember(e.javaEnum(), constant).ifPresent(d -> v.put("description", d));
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
                InputDefaults.of(type, entry.getKey()).ifPresent(d -> stateDefault(property, d));
                OneOf oneOf = field.getAnnotation(OneOf.class);
                if (oneOf != null) {
                    EnumType enumType = EnumType.of(oneOf);
                    enums.put(enumType.name(), enumType);
                    refer(property.path("items") instanceof ObjectNode items ? items : property, enumType,
                            oneOf.open());
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

        /**
         * States an input's default ({@link InputDefaults}: what the pattern applies when it is unset): as the
         * schema's {@code default} where sending it changes nothing, and in the description unless the javadoc
         * already says exactly that ({@code Default 30}, {@code dev 512, staging 1024, prod 2048}). A default that
         * follows other fields is the javadoc's to state (it gives the rule).
         */
        private static void stateDefault(ObjectNode property, InputDefaults.Default d) {
            if (d.schemaDefault()) {
                Object value = d.value();
                if (value instanceof Boolean b) {
                    property.put("default", b);
                } else if (value instanceof Integer i) {
                    property.put("default", i);
                } else if (value instanceof Double n) {
                    property.put("default", n);
                } else {
                    property.put("default", String.valueOf(value));
                }
            }
            String description = property.path("description").asText();
            if (!d.dependent() && !statesDefault(description, d)) {
                property.put("description", (description.isEmpty() ? "" : description + " ") + d.sentence());
            }
        }

        /** Whether a description says the default as {@link InputDefaults.Default#sentence()} would. */
        static boolean statesDefault(String description, InputDefaults.Default d) {
            if (d.fixed()) {
                String v = InputDefaults.Default.render(d.value());
                return java.util.regex.Pattern.compile("\\bDefault:? `?" + java.util.regex.Pattern.quote(v)
                        + "`?(?!\\w|\\.\\d)").matcher(description).find();
            }
            StringBuilder perEnvironment = new StringBuilder();
            d.byEnvironment().forEach((env, v) -> perEnvironment.append(perEnvironment.isEmpty() ? "" : ", ")
                    .append(env.id()).append(' ').append(InputDefaults.Default.render(v)));
            return description.contains(perEnvironment);
        }

        private Optional<String> describe(Class<?> type, Field field) {
            Class<?> declaring = field.getDeclaringClass(); // an inherited field's javadoc is its own class's
            return javadoc.ofMember(declaring, field.getName())
                    .or(() -> javadoc.ofMember(declaring, propertyName(field)));
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

        /**
         * Makes a string property the enum; an open one (the enum's values or the parameterized forms its field's
         * description gives) a union of the enum and any string, as Pulumi's own providers type an open set.
         */
        private void refer(ObjectNode property, EnumType enumType, boolean open) {
            String ref = TYPES_REF + packageName + ":index:" + enumType.name();
            if (open) {
                ArrayNode union = property.putArray("oneOf");
                ObjectNode any = union.addObject().put("type", "string");
                ObjectNode known = union.addObject().put("type", "string").put("$ref", ref);
                if (property.path("plain").asBoolean()) { // a plain value stays plain whichever it is
                    any.put("plain", true);
                    known.put("plain", true);
                }
            } else {
                property.remove("type");
                property.put("$ref", ref);
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
                        // globalSecondaryIndexes → GlobalSecondaryIndex, consumers → Consumer
                        name = name.substring(0, name.length() - (name.endsWith("xes") ? 2 : 1));
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

        /** {@code KEYS_ONLY} → {@code KeysOnly}, {@code X86_64} → {@code X86_64}: an enum value's name in the SDKs. */
        private static String pascalCase(String constant) {
            StringBuilder out = new StringBuilder();
            for (String part : constant.split("_")) {
                if (!out.isEmpty() && Character.isDigit(part.charAt(0))) {
                    out.append('_');
                }
                out.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
            return out.toString();
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
