package org.lookaheadlab.lab.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that cannot be read as a data set: the message names the file, where (line, or byte offset) and
 * the reason, e.g. {@code data.csv: line 7: expected 42 columns (split, label and 40 features), got 41}.
 */
public final class DatasetFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public DatasetFormatException(String message) {
        super(message);
    }

    public DatasetFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    static DatasetFormatException atLine(Path file, long line, String reason) {
        return new DatasetFormatException(file + ": line " + line + ": " + reason);
    }

    static DatasetFormatException atOffset(Path file, long offset, String reason) {
        return new DatasetFormatException(file + ": byte offset " + offset + ": " + reason);
    }
}
