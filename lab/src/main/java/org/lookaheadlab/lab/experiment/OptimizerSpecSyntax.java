package org.lookaheadlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lookaheadlab.lab.train.OptimizerSpec;
import org.lookaheadlab.lab.train.OptimizerSpec.LookaheadSettings;
import org.lookaheadlab.lab.train.OptimizerSpec.TrajectorySettings;
import org.lookaheadlab.optim.Optimizers;

/**
 * The readable optimizer syntax of {@code compare --contender NAME=SPEC}, mapped onto {@link OptimizerSpec}.
 *
 * <pre>
 * SPEC    := BASE | BASE(key=value, ...) | WRAPPER(SPEC, key=value, ...)
 * BASE    := sgd | adam | adamw | rmsprop | radam | nadam | novograd | adabound | adagrad | ranger | ...
 * WRAPPER := lookahead            k (default 5), alpha (0.5), innerState (none|reset|pullback)
 *          | trajectory-lookahead k (5), m (3), alpha (1), points (last|spread), innerState
 *          | wtlr                 WeightTrajectoryLR; beta (start value 0, searched by default)
 * </pre>
 *
 * Base keys are the optimizer's hyperparameters ({@code lr, momentum, beta1, ...}); a value is a number,
 * {@code true}/{@code false} or a word. Wrappers nest as {@link OptimizerSpec} allows: {@code wtlr} wraps a base
 * optimizer directly, {@code lookahead}/{@code trajectory-lookahead} is outermost and used at most once, e.g.
 * {@code lookahead(wtlr(adam), k=5)}. The learning rate defaults to 1e-3 (it is normally tuned).
 */
public final class OptimizerSpecSyntax {

    /** The accepted forms, quoted by every error message. */
    public static final String FORMS = "accepted forms: adam, sgd(momentum=0.9), lookahead(adam,k=5,alpha=0.5), "
            + "trajectory-lookahead(adam,k=5,m=3), wtlr(adam), ranger";

    /** The learning rate of a spec that does not set one. */
    public static final double DEFAULT_LR = 1e-3;

    private static final List<String> WRAPPERS = List.of("lookahead", "trajectory-lookahead", "wtlr");

    private final String text;
    private int pos;

    private OptimizerSpecSyntax(String text) {
        this.text = text;
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException one line naming the problem and the accepted forms
     */
    public static OptimizerSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("optimizer spec is empty, " + FORMS);
        }
        OptimizerSpecSyntax p = new OptimizerSpecSyntax(text);
        try {
            Node node = p.node();
            p.skipSpaces();
            if (p.pos < text.length()) {
                throw p.error("unexpected '" + text.substring(p.pos) + "'");
            }
            return p.build(node, 0);
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("optimizer spec '")) {
                throw e;
            }
            throw new IllegalArgumentException("optimizer spec '" + text + "': " + e.getMessage() + "; " + FORMS, e);
        }
    }

    /**
     * The text of {@code spec} in this syntax, the inverse of {@link #parse}: {@code parse(format(spec))} equals
     * {@code spec} for a spec without a learning-rate schedule (which is not part of the syntax: it is
     * {@code --lr-schedule}). An lr of {@link #DEFAULT_LR} and settings at the syntax's defaults are left out,
     * but for the wrappers' k, m and alpha, e.g. {@code lookahead(sgd(lr=0.01,momentum=0.9),k=5,alpha=0.5)}.
     */
    public static String format(OptimizerSpec spec) {
        List<String> hyper = new ArrayList<>();
        spec.hyper().forEach((key, value) -> {
            if (!(key.equals("lr") && value instanceof Number n && n.doubleValue() == DEFAULT_LR)) {
                hyper.add(key + "=" + text(value));
            }
        });
        String out = spec.base() + (hyper.isEmpty() ? "" : "(" + String.join(",", hyper) + ")");
        if (spec.weightTrajectoryBeta() != null) {
            double beta = spec.weightTrajectoryBeta();
            out = "wtlr(" + out + (beta == 0.0 ? "" : ",beta=" + text(beta)) + ")";
        }
        LookaheadSettings la = spec.lookahead();
        if (la != null) {
            out = "lookahead(" + out + ",k=" + la.k() + ",alpha=" + text(la.alpha())
                    + innerState(la.innerState()) + ")";
        }
        TrajectorySettings tr = spec.trajectory();
        if (tr != null) {
            out = "trajectory-lookahead(" + out + ",k=" + tr.k() + ",m=" + tr.m() + ",alpha=" + text(tr.alpha())
                    + (tr.points().equals(TrajectorySettings.DEFAULT_POINTS) ? "" : ",points=" + tr.points())
                    + innerState(tr.innerState()) + ")";
        }
        return out;
    }

    private static String innerState(String mode) {
        return mode.equals(LookaheadSettings.DEFAULT_INNER_STATE) ? "" : ",innerState=" + mode;
    }

    /** A value as {@link #value} reads it back: integral numbers without a fraction, others exactly. */
    private static String text(Object value) {
        if (value instanceof Number n) {
            double v = n.doubleValue();
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
        return String.valueOf(value);
    }

    /** A parsed call: {@code name(inner?, key=value, ...)}. */
    private record Node(String name, Node inner, Map<String, String> args) {}

    private Node node() {
        skipSpaces();
        String name = word();
        if (name.isEmpty()) {
            throw error(pos < text.length() ? "expected an optimizer name at '" + text.substring(pos) + "'"
                    : "expected an optimizer name at the end");
        }
        Node inner = null;
        Map<String, String> args = new LinkedHashMap<>();
        skipSpaces();
        if (peek() == '(') {
            pos++;
            boolean first = true;
            while (true) {
                skipSpaces();
                if (peek() == ')') {
                    pos++;
                    break;
                }
                if (!first) {
                    expect(',');
                    skipSpaces();
                }
                int start = pos;
                String key = word();
                skipSpaces();
                if (peek() == '=') {
                    pos++;
                    skipSpaces();
                    String value = word();
                    if (key.isEmpty() || value.isEmpty()) {
                        throw error("argument '" + text.substring(start, pos) + "' is not key=value");
                    }
                    if (args.put(key, value) != null) {
                        throw error("'" + key + "' is given twice");
                    }
                } else {
                    if (first && !WRAPPERS.contains(name.toLowerCase(Locale.ROOT))) {
                        throw error("'" + name + "' is not a wrapper (accepted wrappers: " + String.join(", ", WRAPPERS)
                                + "), so '" + key + "' must be key=value");
                    }
                    if (!first) {
                        throw error(key.isEmpty() ? "expected key=value at '" + text.substring(start) + "'"
                                : "'" + key + "' is not key=value");
                    }
                    pos = start;
                    inner = node();
                }
                first = false;
            }
        }
        return new Node(name.toLowerCase(Locale.ROOT), inner, args);
    }

    private OptimizerSpec build(Node n, int depth) {
        switch (n.name()) {
            case "lookahead", "trajectory-lookahead" -> {
                if (depth > 0) {
                    throw new IllegalArgumentException(n.name() + " must be the outermost wrapper");
                }
                OptimizerSpec inner = build(requireInner(n), depth + 1);
                Arguments a = new Arguments(n);
                if (n.name().equals("lookahead")) {
                    OptimizerSpec out = inner.withLookahead(new LookaheadSettings(
                            a.integer("k", LookaheadSettings.DEFAULT_K),
                            a.number("alpha", LookaheadSettings.DEFAULT_ALPHA),
                            a.word("innerState", LookaheadSettings.DEFAULT_INNER_STATE)));
                    a.done(Set.of("k", "alpha", "innerState"));
                    return out;
                }
                OptimizerSpec out = inner.withTrajectory(new TrajectorySettings(
                        a.integer("k", LookaheadSettings.DEFAULT_K), a.integer("m", TrajectorySettings.DEFAULT_M),
                        a.number("alpha", TrajectorySettings.DEFAULT_ALPHA),
                        a.word("points", TrajectorySettings.DEFAULT_POINTS),
                        a.word("innerState", LookaheadSettings.DEFAULT_INNER_STATE)));
                a.done(Set.of("k", "m", "alpha", "points", "innerState"));
                return out;
            }
            case "wtlr" -> {
                Node inner = requireInner(n);
                if (WRAPPERS.contains(inner.name())) {
                    throw new IllegalArgumentException("wtlr must wrap a base optimizer directly, got " + inner.name());
                }
                Arguments a = new Arguments(n);
                OptimizerSpec out = build(inner, depth + 1).withWeightTrajectoryBeta(a.number("beta", 0.0));
                a.done(Set.of("beta"));
                return out;
            }
            default -> {
                if (n.inner() != null) {
                    throw new IllegalArgumentException(n.name() + " is not a wrapper, accepted wrappers: "
                            + String.join(", ", WRAPPERS));
                }
                Set<String> accepted = hyperparameters(n.name());
                OptimizerSpec spec = OptimizerSpec.of(n.name(), DEFAULT_LR);
                for (Map.Entry<String, String> e : n.args().entrySet()) {
                    if (!accepted.contains(e.getKey())) {
                        throw new IllegalArgumentException(n.name() + " has no hyperparameter '" + e.getKey()
                                + "', accepted: " + String.join(", ", accepted));
                    }
                    spec = spec.withHyper(e.getKey(), value(e.getValue()));
                }
                return spec;
            }
        }
    }

    private static Set<String> hyperparameters(String base) {
        try {
            return Optimizers.hyperparameters(base);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("optimizer '" + base + "' is unknown, accepted: "
                    + String.join(", ", Optimizers.names()) + " and wrappers " + String.join(", ", WRAPPERS));
        }
    }

    private static Node requireInner(Node n) {
        if (n.inner() == null) {
            throw new IllegalArgumentException(
                    n.name() + " needs an inner optimizer first, e.g. " + n.name() + "(adam)");
        }
        return n.inner();
    }

    /** A number, a boolean or (for settings such as innerState) the word itself. */
    private static Object value(String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /** The key=value arguments of one wrapper, each read once. */
    private static final class Arguments {
        private final Node node;

        Arguments(Node node) {
            this.node = node;
        }

        double number(String key, double fallback) {
            String v = node.args().get(key);
            if (v == null) {
                return fallback;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(node.name() + " " + key + " is '" + v + "', accepted: a number");
            }
        }

        int integer(String key, int fallback) {
            String v = node.args().get(key);
            if (v == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(node.name() + " " + key + " is '" + v + "', accepted: an integer");
            }
        }

        String word(String key, String fallback) {
            return node.args().getOrDefault(key, fallback);
        }

        void done(Set<String> accepted) {
            List<String> unknown = new ArrayList<>(node.args().keySet());
            unknown.removeAll(accepted);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(node.name() + " has no setting '" + unknown.get(0)
                        + "', accepted: " + String.join(", ", accepted.stream().sorted().toList()));
            }
        }
    }

    private String word() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '+') {
                pos++;
            } else {
                break;
            }
        }
        return text.substring(start, pos);
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error(pos < text.length() ? "expected '" + c + "' at '" + text.substring(pos) + "'"
                    : "expected '" + c + "' at the end (unbalanced parentheses?)");
        }
        pos++;
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(problem);
    }
}
