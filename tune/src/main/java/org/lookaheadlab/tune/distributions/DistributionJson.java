package org.lookaheadlab.tune.distributions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Optuna's JSON form of a distribution, as stored in the database's {@code trial_params.distribution_json}:
 * {@code {"name": "FloatDistribution", "attributes": {"step": null, "low": 1e-05, "high": 1.0, "log": true}}}.
 * The abbreviated form {@code {"type":"float"|"int"|"categorical", "low", "high", "step", "log", "choices"}}
 * is accepted on read.
 */
public final class DistributionJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DistributionJson() {
    }

    /**
     * The JSON text of a distribution, character for character as Optuna writes it ({@code json.dumps} of its
     * {@code distribution_to_json}: keys in Optuna's order, {@code ", "} and {@code ": "} separators, floats as
     * Python's {@code repr}, non-ASCII escaped).
     */
    public static String toJson(Distribution d) {
        StringBuilder b = new StringBuilder("{\"name\": \"");
        if (d instanceof FloatDistribution f) {
            b.append("FloatDistribution\", \"attributes\": {\"step\": ")
                    .append(f.step() == null ? "null" : pythonRepr(f.step()))
                    .append(", \"low\": ").append(pythonRepr(f.low()))
                    .append(", \"high\": ").append(pythonRepr(f.high()))
                    .append(", \"log\": ").append(f.log());
        } else if (d instanceof IntDistribution i) {
            b.append("IntDistribution\", \"attributes\": {\"log\": ").append(i.log())
                    .append(", \"step\": ").append(i.step())
                    .append(", \"low\": ").append(i.low())
                    .append(", \"high\": ").append(i.high());
        } else {
            b.append("CategoricalDistribution\", \"attributes\": {\"choices\": [");
            List<String> choices = ((CategoricalDistribution) d).choices();
            for (int k = 0; k < choices.size(); k++) {
                b.append(k == 0 ? "" : ", ");
                appendPythonString(b, choices.get(k));
            }
            b.append(']');
        }
        return b.append("}}").toString();
    }

    /**
     * Python's {@code repr} of a finite float: the shortest digits that read back as {@code x}, in fixed notation
     * when the decimal exponent lies in [-4, 16) ({@code 0.0001}, {@code 2.0}), else as {@code 1e-05},
     * {@code 1.5e+16}.
     */
    static String pythonRepr(double x) {
        if (!Double.isFinite(x)) {
            return Double.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity"; // json.dumps' spelling
        }
        if (x == 0) {
            return 1 / x < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(x);
        BigDecimal shortest = exact;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == x) {
                shortest = r;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int decpt = digits.length() - shortest.scale(); // x = 0.d1d2... * 10^decpt
        StringBuilder b = new StringBuilder(x < 0 ? "-" : "");
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                b.append("0.").append("0".repeat(-decpt)).append(digits);
            } else if (decpt >= digits.length()) {
                b.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
            } else {
                b.append(digits, 0, decpt).append('.').append(digits.substring(decpt));
            }
        } else {
            int exp = decpt - 1;
            b.append(digits.charAt(0));
            if (digits.length() > 1) {
                b.append('.').append(digits.substring(1));
            }
            b.append('e').append(exp < 0 ? '-' : '+').append(String.format(Locale.ROOT, "%02d", Math.abs(exp)));
        }
        return b.toString();
    }

    /** A JSON string as {@code json.dumps} writes it (ASCII only). */
    private static void appendPythonString(StringBuilder b, String s) {
        b.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7f) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
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
