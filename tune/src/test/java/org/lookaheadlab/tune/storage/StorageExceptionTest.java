package org.lookaheadlab.tune.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A storage error is one line even when the driver's message is not (issue 15's soak: PostgreSQL's "Where:"). */
class StorageExceptionTest {

    @Test
    void aMultiLineDriverMessageBecomesOneLine() {
        String pg = "FATAL: terminating connection due to administrator command\n  Where: while locking tuple (0,4)"
                + " in relation \"studies\"\n";
        assertEquals("storage operation failed: FATAL: terminating connection due to administrator command; Where:"
                + " while locking tuple (0,4) in relation \"studies\"",
                new StorageException("storage operation failed: " + pg, null).getMessage());
        assertEquals("one line", new StorageException("one line", null).getMessage());
    }
}
