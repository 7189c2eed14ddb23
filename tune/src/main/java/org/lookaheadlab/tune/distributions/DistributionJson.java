package org.lookaheadlab.tune.distributions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Optuna's JSON form of a distribution, as stored in the database:
 * {@code {"name":"FloatDistribution","attributes":{"step":null,"low":1e-05,"high":1.0,"log":true}}}.
 * The abbreviated form {@code {"type":"float"|"int"|"categorical", "low", "high", "step", "log", "choices"}}
 * is accepted on read.
 */
public final class DistributionJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DistributionJson() {
    }

    /** The JSON text of a distribution. */
    public static String toJson(Distribution d) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode a = root.putObject("attributes");
        if (d instanceof FloatDistribution f) {
            root.put("name", "FloatDistribution");
            if (f.step() == null) {
                a.putNull("step");
            } else {
                a.put("step", f.step());
            }
            a.put("low", f.low()).put("high", f.high()).put("log", f.log());
        } else if (d instanceof IntDistribution i) {
            root.put("name", "IntDistribution");
            a.put("log", i.log()).put("step", i.step()).put("low", i.low()).put("high", i.high());
        } else {
            root.put("name", "CategoricalDistribution");
            var arr = a.putArray("choices");
            ((CategoricalDistribution) d).choices().forEach(arr::add);
        }
        return root.toString();
    }

    /** Parses the full or the abbreviated JSON form. */
    public static Distribution fromJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("invalid distribution JSON: " + json, e);
        }
        String kind;
        JsonNode a;
        if (root.has("name")) {
            kind = switch (root.get("name").asText()) {
                case "FloatDistribution" -> "float";
                case "IntDistribution" -> "int";
                case "CategoricalDistribution" -> "categorical";
                default -> throw new IllegalArgumentException("unknown distribution name in " + json);
            };
            a = root.get("attributes");
        } else {
            kind = root.path("type").asText();
            a = root;
        }
        boolean log = a.path("log").asBoolean(false);
        switch (kind) {
            case "float": {
                JsonNode s = a.get("step");
                Double step = s == null || s.isNull() ? null : s.asDouble();
                return new FloatDistribution(a.get("low").asDouble(), a.get("high").asDouble(), log, step);
            }
            case "int": {
                JsonNode s = a.get("step");
                long step = s == null || s.isNull() ? 1 : s.asLong();
                return new IntDistribution(a.get("low").asLong(), a.get("high").asLong(), log, step);
            }
            case "categorical": {
                List<String> choices = new ArrayList<>();
                a.get("choices").forEach(c -> choices.add(c.asText()));
                return new CategoricalDistribution(choices);
            }
            default:
                throw new IllegalArgumentException("unknown distribution type in " + json);
        }
    }
}
