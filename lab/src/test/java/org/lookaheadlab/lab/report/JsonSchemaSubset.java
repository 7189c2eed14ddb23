package org.lookaheadlab.lab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validator for the part of JSON Schema (draft 2020-12) that {@code results.schema.json} uses: {@code type} (one
 * name or a list), {@code required}, {@code properties}, {@code additionalProperties} (a schema or false),
 * {@code items}, {@code enum}, {@code anyOf}, {@code minimum} and local {@code $ref}s ({@code #/$defs/NAME});
 * {@code $schema}, {@code $id}, {@code $defs}, {@code title} and {@code description} are annotations. Any other
 * keyword is an error, so the schema cannot quietly use a rule this validator would skip. As in the standard, an
 * object keyword constrains objects only, {@code items} arrays only, {@code minimum} numbers only; an integer is
 * a number with no fractional part.
 */
final class JsonSchemaSubset {

    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$defs", "title", "description");
    private static final Set<String> KEYWORDS = Set.of("type", "required", "properties", "additionalProperties",
            "items", "enum", "anyOf", "minimum", "$ref");

    private final JsonNode root;

    JsonSchemaSubset(JsonNode root) {
        this.root = root;
    }

    /** Every violation as {@code /json/pointer: what}; empty when {@code instance} is valid. */
    List<String> validate(JsonNode instance) {
        List<String> errors = new ArrayList<>();
        check(root, instance, "", errors);
        return errors;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> errors) {
        if (schema.isBoolean()) {
            if (!schema.asBoolean()) {
                errors.add(at + ": not allowed");
            }
            return;
        }
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYWORDS.contains(k) && !ANNOTATIONS.contains(k)) {
                throw new IllegalArgumentException("schema keyword '" + k + "' at " + at + " is not supported");
            }
        }
        if (schema.has("$ref")) {
            check(resolve(schema.get("$ref").asText()), value, at, errors);
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            errors.add(at + ": " + kind(value) + " is not of type " + schema.get("type"));
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode option : schema.get("enum")) {
                found |= option.equals(value);
            }
            if (!found) {
                errors.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("anyOf")) {
            boolean any = false;
            for (JsonNode option : schema.get("anyOf")) {
                List<String> sub = new ArrayList<>();
                check(option, value, at, sub);
                any |= sub.isEmpty();
            }
            if (!any) {
                errors.add(at + ": " + value + " matches none of " + schema.get("anyOf"));
            }
        }
        if (schema.has("minimum") && value.isNumber() && value.asDouble() < schema.get("minimum").asDouble()) {
            errors.add(at + ": " + value + " is below the minimum " + schema.get("minimum"));
        }
        if (value.isObject()) {
            checkObject(schema, value, at, errors);
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), at + "/" + i, errors);
            }
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String at, List<String> errors) {
        if (schema.has("required")) {
            for (JsonNode name : schema.get("required")) {
                if (!value.has(name.asText())) {
                    errors.add(at + ": required field '" + name.asText() + "' is missing");
                }
            }
        }
        JsonNode properties = schema.get("properties");
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String where = at + "/" + field.getKey();
            if (properties != null && properties.has(field.getKey())) {
                check(properties.get(field.getKey()), field.getValue(), where, errors);
            } else if (schema.has("additionalProperties")) {
                check(schema.get("additionalProperties"), field.getValue(), where, errors);
            }
        }
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("$ref '" + ref + "' is not local (#/...): not supported");
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("$ref '" + ref + "' points nowhere");
        }
        return target;
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber()
                    || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("type '" + type.asText() + "' is not a JSON Schema type");
        };
    }

    private static String kind(JsonNode value) {
        return value.isNull() ? "null" : value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
