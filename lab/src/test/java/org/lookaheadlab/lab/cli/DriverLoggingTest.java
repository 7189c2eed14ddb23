package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL driver logs what it recovers from (a stream it could not close on a reset connection) as a
 * WARNING with a stack trace; in issue 15's soak that put stack traces on a failed worker's stderr next to its one
 * error line. The CLI shows only the driver's SEVERE records.
 */
class DriverLoggingTest {

    @Test
    void theCliShowsOnlyTheDriversSevereRecords() {
        LookaheadCli.commandLine();
        Logger driver = Logger.getLogger("org.postgresql.core.ConnectionFactory"); // the soak's warning came from it
        assertFalse(driver.isLoggable(Level.WARNING));
        assertTrue(driver.isLoggable(Level.SEVERE));
    }
}
