package org.lookaheadlab.tune.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Helpers for tests that lay out databases by hand. */
final class TestDatabases {

    private TestDatabases() {
    }

    /** Copies every row of {@code table} between two databases with the same columns. */
    static void copyTable(Connection from, Connection to, String table) throws SQLException {
        try (Statement s = from.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData m = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= m.getColumnCount(); i++) {
                columns.add("\"" + m.getColumnName(i) + "\"");
            }
            try (PreparedStatement ps = to.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", columns)
                    + ") VALUES (" + "?, ".repeat(columns.size() - 1) + "?)")) {
                while (rs.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        ps.setObject(i, rs.getObject(i));
                    }
                    ps.executeUpdate();
                }
            }
        }
    }

    /** A test resource's text. */
    static String resource(String path) {
        try (InputStream in = TestDatabases.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
