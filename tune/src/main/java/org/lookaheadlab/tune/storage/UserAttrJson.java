package org.lookaheadlab.tune.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON text ↔ plain Java values (String, Integer/Long, Double, Boolean, List, Map) for user attributes. */
public final class UserAttrJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private UserAttrJson() {
    }

    /** JSON text of a value; throws IllegalArgumentException if it cannot be written as JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("user attribute value " + value + " cannot be written as JSON", e);
        }
    }

    /** The plain Java value of JSON text. */
    public static Object parse(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid user attribute JSON: " + json, e);
        }
    }
}
