package org.lookaheadlab.tune.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain-SQL checks of a database that tests make without the storage code. */
final class StorageTestSql {

    private StorageTestSql() {
    }

    /** {@code PRAGMA integrity_check} of an SQLite database: null when "ok", else what it reported. */
    static String integrity(Connection sqlite) throws SQLException {
        try (Statement st = sqlite.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out.equals(List.of("ok")) ? null : String.join("; ", out);
        }
    }
}
