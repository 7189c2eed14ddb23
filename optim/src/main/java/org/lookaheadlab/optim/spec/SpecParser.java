package org.lookaheadlab.optim.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the spec text into an {@link OptimizerSpec}. Grammar (whitespace between tokens is ignored):
 * <pre>
 * spec     := NAME [ '(' [ item { ',' item } ] ')' ]
 * item     := spec                 the inner optimizer: a wrapper's first item (required there), nowhere else
 *           | KEY '=' value
 * value    := ATOM                 a number, true / false, a word (none, spread, tensor, ...) or a schedule name
 *           | NAME '(' [ KEY '=' ATOM { ',' KEY '=' ATOM } ] ')'      a schedule with values (key schedule only)
 * NAME,KEY := letter { letter | digit | '-' | '_' }
 * ATOM     := { letter | digit | '-' | '+' | '.' | '_' }+
 * </pre>
 * NAME is a registry name or alias of a base optimizer, a wrapper or (as the value of {@code schedule}) a
 * schedule, matched case-insensitively; KEY is one of that record's hyperparameters, case-sensitive, each at most
 * once; a base optimizer also takes {@code schedule}. Examples: {@code lookahead(adam(lr=1e-3),k=5,alpha=0.5)},
 * {@code trajectory-lookahead(adam,k=5,m=3)}, {@code wtlr(lookahead(sgd(lr=0.1,momentum=0.9)),beta=0.3)},
 * {@code adam(lr=0.001,schedule=warmup-cosine(warmupSteps=100,lrMin=1e-5))}.
 *
 * <p>Every failure is a {@link SpecSyntaxException}: one line with the position and what was expected, or the
 * registry's list of accepted names, or the builder's range message.
 */
final class SpecParser {

    /** A parsed {@code name(inner?, key=value, ...)}; positions are 0-based indexes into the text. */
    private record Node(String name, int at, Node inner, List<Arg> args) {}

    /** {@code key=atom} or {@code key=call}. */
    private record Arg(String key, int at, String atom, Node call, int valueAt) {}

    private final String text;
    private int pos;

    private SpecParser(String text) {
        this.text = text;
    }

    static OptimizerSpec parse(String text) {
        SpecParser p = new SpecParser(text == null ? "" : text);
        return p.optimizer(p.document());
    }

    static ScheduleSpec parseSchedule(String text) {
        SpecParser p = new SpecParser(text == null ? "" : text);
        return p.schedule(p.document());
    }

    // ---- syntax ----

    private Node document() {
        Node n = node();
        skip();
        if (pos < text.length()) {
            throw fail(pos, "expected the end of the text" + found());
        }
        return n;
    }

    private Node node() {
        skip();
        int at = pos;
        String name = atom();
        if (!isName(name)) {
            pos = at;
            throw fail(at, "expected a name" + found());
        }
        skip();
        Node inner = null;
        List<Arg> args = new ArrayList<>();
        if (peek() == '(') {
            pos++;
            skip();
            if (peek() == ')') {
                pos++;
                return new Node(name, at, null, args);
            }
            while (true) {
                skip();
                int itemAt = pos;
                String atom = atom();
                skip();
                if (peek() == '=') {
                    if (!isName(atom)) {
                        throw fail(itemAt, "expected a key before '='" + (atom.isEmpty() ? "" : ", found '" + atom + "'"));
                    }
                    pos++;
                    args.add(value(atom, itemAt));
                } else if (args.isEmpty() && inner == null && isName(atom)) {
                    pos = itemAt;
                    inner = node();
                } else {
                    pos = itemAt;
                    String expected = args.isEmpty() && inner == null ? "expected an inner optimizer or key=value"
                            : "expected key=value";
                    throw fail(itemAt, expected + (atom.isEmpty() ? found() : ", found '" + atom + "'"));
                }
                skip();
                if (peek() == ',') {
                    pos++;
                } else if (peek() == ')') {
                    pos++;
                    break;
                } else {
                    throw fail(pos, "expected ',' or ')'" + found());
                }
            }
        }
        return new Node(name, at, inner, args);
    }

    private Arg value(String key, int keyAt) {
        skip();
        int valueAt = pos;
        String v = atom();
        if (v.isEmpty()) {
            throw fail(valueAt, "expected a value for " + key + found());
        }
        skip();
        if (peek() == '(' && isName(v)) {
            pos = valueAt;
            return new Arg(key, keyAt, null, node(), valueAt);
        }
        return new Arg(key, keyAt, v, null, valueAt);
    }

    private String atom() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '-' || c == '+' || c == '.' || c == '_') {
                pos++;
            } else {
                break;
            }
        }
        return text.substring(start, pos);
    }

    private static boolean isName(String s) {
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            return false;
        }
        return s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }

    private void skip() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private String found() {
        return pos < text.length() ? ", found '" + text.charAt(pos) + "'" : ", found the end of the text";
    }

    // ---- meaning ----

    private OptimizerSpec optimizer(Node n) {
        OptimizerRecord r = Registry.find(n.name()).orElse(null);
        if (r == null) {
            throw fail(n.at(), message(() -> Registry.optimizer(n.name())), null);
        }
        if (r instanceof BaseRecord b) {
            if (n.inner() != null) {
                throw fail(n.inner().at(), b.name() + " is a base optimizer, not a wrapper (wrappers: "
                        + Registry.names(Registry.wrappers()) + "); expected key=value");
            }
            Map<String, Object> hyper = new LinkedHashMap<>();
            ScheduleSpec schedule = null;
            for (Arg a : n.args()) {
                if (a.key().equals(OptimizerSpec.SCHEDULE)) {
                    if (schedule != null) {
                        throw fail(a.at(), "'" + a.key() + "' is given twice");
                    }
                    schedule = a.call() == null ? schedule(new Node(a.atom(), a.valueAt(), null, List.of()))
                            : schedule(a.call());
                } else {
                    hyper.put(a.key(), value(b, a, hyper));
                }
            }
            try {
                return new OptimizerSpec.Base(b.name(), hyper, schedule);
            } catch (IllegalArgumentException e) {
                throw fail(n.at(), e.getMessage(), e);
            }
        }
        WrapperRecord w = (WrapperRecord) r;
        if (n.inner() == null) {
            throw fail(n.at(), w.name() + " needs an inner optimizer first, e.g. " + w.name() + "(adam)");
        }
        OptimizerSpec inner = optimizer(n.inner());
        Map<String, Object> values = new LinkedHashMap<>();
        for (Arg a : n.args()) {
            values.put(a.key(), value(w, a, values));
        }
        try {
            return new OptimizerSpec.Wrapper(w.name(), inner, values);
        } catch (IllegalArgumentException e) {
            throw fail(n.at(), e.getMessage(), e);
        }
    }

    private ScheduleSpec schedule(Node n) {
        ScheduleRecord r;
        try {
            r = Registry.schedule(n.name());
        } catch (IllegalArgumentException e) {
            throw fail(n.at(), e.getMessage(), e);
        }
        if (n.inner() != null) {
            throw fail(n.inner().at(), "a schedule takes key=value only");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Arg a : n.args()) {
            values.put(a.key(), value(r, a, values));
        }
        try {
            return new ScheduleSpec(r.name(), values);
        } catch (IllegalArgumentException e) {
            throw fail(n.at(), e.getMessage(), e);
        }
    }

    /** The canonical value of one {@code key=value}, checked against {@code r}'s declaration. */
    private Object value(RegistryRecord r, Arg a, Map<String, Object> seen) {
        Param p = r.param(a.key()).orElseThrow(() -> fail(a.at(), "unknown hyperparameter '" + a.key() + "' of "
                + r.name() + "; accepted: " + r.paramNames() + (r instanceof BaseRecord ? ", schedule" : "")));
        if (seen.containsKey(a.key())) {
            throw fail(a.at(), "'" + a.key() + "' is given twice");
        }
        if (a.call() != null) {
            throw fail(a.valueAt(), a.key() + " of " + r.name() + " takes " + p.accepted() + ", not a call");
        }
        try {
            return p.normalize(a.atom(), r.name());
        } catch (IllegalArgumentException e) {
            throw fail(a.valueAt(), e.getMessage(), e);
        }
    }

    private static String message(Runnable lookup) {
        try {
            lookup.run();
            return "unknown name";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private SpecSyntaxException fail(int at, String problem) {
        return fail(at, problem, null);
    }

    private SpecSyntaxException fail(int at, String problem, Throwable cause) {
        if (cause instanceof SpecSyntaxException s) {
            return s;
        }
        return new SpecSyntaxException(text, at + 1, problem, cause);
    }
}
