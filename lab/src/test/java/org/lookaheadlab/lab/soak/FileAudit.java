package org.lookaheadlab.lab.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * No half-written file: under each folder, no temporary file is left ({@code *.tmp}, {@code .*.tmp*}), every
 * {@code .json} parses, every {@code .csv} ends with a newline and has as many fields per row as its header, every
 * {@code .svg} is well-formed XML, every {@code .html} ends with {@code </html>}, every SQLite database passes
 * {@code PRAGMA integrity_check}.
 */
final class FileAudit {

    static final String CHECK = "no half-written file";

    private FileAudit() {
    }

    /** Audits every file under {@code dir}; returns how many it checked. */
    static int audit(Path dir, Findings findings) throws IOException {
        findings.check(CHECK);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            String problem = problem(f);
            if (problem != null) {
                findings.violation(CHECK, f + ": " + problem);
            }
        }
        return files.size();
    }

    private static String problem(Path f) {
        String name = f.getFileName().toString();
        try {
            if (name.contains(".tmp")) {
                return "a temporary file left behind";
            }
            if (name.endsWith(".json")) {
                new ObjectMapper().readTree(f.toFile());
            } else if (name.endsWith(".csv")) {
                return csvProblem(Files.readString(f, StandardCharsets.UTF_8));
            } else if (name.endsWith(".svg")) {
                DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
                dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                dbf.newDocumentBuilder().parse(f.toFile());
            } else if (name.endsWith(".html")) {
                if (!Files.readString(f, StandardCharsets.UTF_8).strip().endsWith("</html>")) {
                    return "does not end with </html>";
                }
            } else if (name.endsWith(".db")) {
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f)) {
                    return StudyAudit.integrity(c);
                }
            }
            return null;
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static String csvProblem(String text) {
        if (text.isEmpty() || !text.endsWith("\n")) {
            return "empty or not ending with a newline";
        }
        List<String> lines = text.lines().toList();
        int header = fields(lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            if (fields(lines.get(i)) != header) {
                return "line " + (i + 1) + " has " + fields(lines.get(i)) + " fields, the header " + header;
            }
        }
        return null;
    }

    private static int fields(String line) {
        int n = 1;
        boolean quoted = false;
        for (char ch : line.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                n++;
            }
        }
        return n;
    }
}
