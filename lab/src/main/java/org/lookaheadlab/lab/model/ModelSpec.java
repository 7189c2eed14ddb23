package org.lookaheadlab.lab.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which architecture to build: a model name and, for {@code mlp}, its hidden layer sizes.
 *
 * <p>Text form (CLI): {@code logistic}, {@code mlp} (one hidden layer of 100), {@code mlp:200,100} (hidden layers
 * of 200 and 100), {@code mnist1d-mlp}, {@code cnn}, {@code gru}, {@code resnet18}, {@code nqm} (the noisy
 * quadratic model as a training workload, on {@code nqm} data).
 *
 * @param name one of {@link #NAMES}
 * @param hiddenSizes hidden layer widths; used by {@code mlp} only, empty for the other models
 */
public record ModelSpec(String name, int[] hiddenSizes) {

    /** The accepted model names. */
    public static final List<String> NAMES = List.of("logistic", "mlp", "mnist1d-mlp", "cnn", "gru", "resnet18", "nqm");

    /** Hidden layer sizes of the default {@code mlp}: the seeds' "simple MLP with one hidden layer". */
    public static final int[] DEFAULT_MLP_HIDDEN = {100};

    public ModelSpec {
        if (name == null || !NAMES.contains(name)) {
            throw new IllegalArgumentException("model '" + name + "' is unknown, accepted: " + String.join(", ", NAMES));
        }
        hiddenSizes = hiddenSizes == null ? new int[0] : hiddenSizes.clone();
        if (!name.equals("mlp") && hiddenSizes.length > 0) {
            throw new IllegalArgumentException("hiddenSizes " + Arrays.toString(hiddenSizes)
                    + " given for model '" + name + "', accepted only for mlp");
        }
        for (int h : hiddenSizes) {
            if (h < 1) {
                throw new IllegalArgumentException(
                        "hiddenSizes contains " + h + ", accepted range: integers >= 1");
            }
        }
        if (name.equals("mlp") && hiddenSizes.length == 0) {
            hiddenSizes = DEFAULT_MLP_HIDDEN.clone();
        }
    }

    /** The model with its default settings (mlp: one hidden layer of 100). */
    public static ModelSpec of(String name) {
        return new ModelSpec(name, null);
    }

    /** Parses the text form, e.g. {@code mlp:200,100}. */
    public static ModelSpec parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        if (colon < 0) {
            return of(t);
        }
        String name = t.substring(0, colon);
        String[] parts = t.substring(colon + 1).split(",");
        int[] hidden = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                hidden[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hidden size '" + parts[i] + "' in model '" + text
                        + "' is not an integer, accepted form: mlp:H1,H2,...", e);
            }
        }
        return new ModelSpec(name, hidden);
    }

    @Override
    public int[] hiddenSizes() {
        return hiddenSizes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec m && m.name.equals(name) && Arrays.equals(m.hiddenSizes, hiddenSizes);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(hiddenSizes);
    }

    /** The text form accepted by {@link #parse(String)}. */
    @Override
    public String toString() {
        if (!name.equals("mlp") || Arrays.equals(hiddenSizes, DEFAULT_MLP_HIDDEN)) {
            return name;
        }
        StringBuilder sb = new StringBuilder("mlp:");
        for (int i = 0; i < hiddenSizes.length; i++) {
            sb.append(i == 0 ? "" : ",").append(hiddenSizes[i]);
        }
        return sb.toString();
    }
}
